"""A claim's review decisions and discussion (`core.model` hands them out when first asked for)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewer's decision on someone else's claim; corrections point at the new version."""

    id: str
    claim_id: str
    reviewer: str
    decision: str
    comment: str = ""
    corrected_claim_id: str | None = None
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class Comment:
    """One message in a claim's discussion thread."""

    id: str
    claim_id: str
    author: str
    body: str
    created_at: str = ""
