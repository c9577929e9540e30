"""The speaker registry's entry (`core.model` hands it out when first asked for)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Speaker:
    """A registry entry: who a claim is attributed to."""

    name: str
    type: str = "unknown"
    aliases: tuple[str, ...] = ()
