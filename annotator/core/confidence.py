"""Confidence scales: the default ICD 203 levels and the Admiralty (NATO) grading.

Claims store the scale id and a level code, so renaming a label breaks nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from itertools import product

from annotator.core.errors import InvalidClaim
from annotator.core.resources import resource_path

DEFAULT_SCALE = "icd203"


@dataclass(frozen=True, slots=True)
class Level:
    """One step of a scale."""

    code: str
    label: str
    definition: str


@dataclass(frozen=True, slots=True)
class Scale:
    """An ordered list of levels; order matters for ordinal agreement."""

    id: str
    name: str
    levels: tuple[Level, ...]

    def level(self, code_or_label: str) -> Level:
        """The level with this code or label (case-insensitive), or InvalidClaim."""
        wanted = code_or_label.strip().casefold()
        for level in self.levels:
            if wanted in (level.code.casefold(), level.label.casefold()):
                return level
        known = ", ".join(level.label for level in self.levels[:8])
        raise InvalidClaim(
            f"unknown confidence {code_or_label!r} for scale {self.name!r} (known: {known}...)"
        )

    def code_for(self, code_or_label: str) -> str:
        """The stored code for a code or label; empty stays empty (not yet chosen)."""
        return self.level(code_or_label).code if code_or_label.strip() else ""

    def label_for(self, code: str) -> str:
        """The label shown for a stored code; unknown codes are shown as they are."""
        for level in self.levels:
            if level.code == code:
                return level.label
        return code

    def rank(self, code: str) -> int | None:
        """Position of a code in the scale's order, for ordinal statistics."""
        for index, level in enumerate(self.levels):
            if level.code == code:
                return index
        return None


@cache
def load_scale(scale_id: str) -> Scale:
    """Read a scale from resources/scales/<id>.json."""
    path = resource_path("scales", f"{scale_id}.json")
    if not path.exists():
        raise InvalidClaim(f"unknown confidence scale {scale_id!r}")
    spec = json.loads(path.read_text(encoding="utf-8"))
    if "axes" in spec:
        levels = _combined_levels(spec["axes"])
    else:
        levels = tuple(Level(**level) for level in spec["levels"])
    return Scale(id=spec["id"], name=spec["name"], levels=levels)


def _combined_levels(axes: list[dict]) -> tuple[Level, ...]:
    """Two-axis grading such as Admiralty: every pair, e.g. code 'B2', 'Usually reliable / ...'."""
    first, second = (axis["levels"] for axis in axes)
    return tuple(
        Level(
            code=a["code"] + b["code"],
            label=f"{a['code']}{b['code']} — {a['label']} / {b['label'].lower()}",
            definition=f"{a['definition']} {b['definition']}",
        )
        for a, b in product(first, second)
    )


def available_scales() -> list[str]:
    """Ids of every bundled scale."""
    return sorted(path.stem for path in resource_path("scales").glob("*.json"))
