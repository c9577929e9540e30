"""Highlight colours: by speaker or by confidence, with the legend that explains them."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from PySide6.QtGui import QColor

from annotator.core.model import Claim

COLOUR_MODES = ("speaker", "confidence", "annotator")
# Tableau 10, then ten more distinct hues: readable under dark text when made translucent.
# No greys: a grey speaker reads as "no speaker" (NO_SPEAKER); Tableau's grey is a teal here.
SPEAKER_PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#17becf",
    "#1f77b4",
    "#d62728",
    "#8cd17d",
    "#a0cbe8",
    "#d4a6c8",
    "#86bcb6",
    "#f1ce63",
    "#b6992d",
    "#d37295",
    "#bcbd22",
)
NO_SPEAKER = "#8c8c8c"
# One colour per person when several people's claims are shown (a different order from speakers').
ANNOTATOR_PALETTE = ("#4e79a7", "#e15759", "#59a14f", "#b07aa1", "#f28e2b", "#76b7b2", "#9c755f", "#edc948")
CONFIDENCE_COLOURS = {"not_assessed": "#9a8fbf", "low": "#e15759", "moderate": "#f2a93b", "high": "#59a14f"}


def home_colour(speaker: str) -> str:
    """A speaker's own colour, from its name: the same in every article, window and run."""
    return SPEAKER_PALETTE[_home_index(speaker)]


def _home_index(speaker: str) -> int:
    return zlib.crc32(speaker.casefold().encode("utf-8")) % len(SPEAKER_PALETTE)


def speaker_colours(speakers: list[str]) -> dict[str, str]:
    """Colours for speakers shown together, first come first served: each gets its own colour
    unless an earlier one has it, then the next free one, so no two share while colours last.

    Give the speakers in the order they arrived (an article's first claim first): a newcomer
    then never changes the colour of those already shown.
    """
    taken: set[int] = set()
    colours: dict[str, str] = {}
    for speaker in dict.fromkeys(speakers):
        index = _home_index(speaker)
        for step in range(len(SPEAKER_PALETTE)):
            if (index + step) % len(SPEAKER_PALETTE) not in taken:
                index = (index + step) % len(SPEAKER_PALETTE)
                break
        taken.add(index)
        colours[speaker] = SPEAKER_PALETTE[index]
    return colours


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    tooltip: str = ""


class ColourScheme:
    """Maps a claim to its highlight colour in the chosen mode."""

    def __init__(self, *, mode: str, speakers: list[str], scale, annotators: list[str] = ()):
        self.mode = mode if mode in COLOUR_MODES else "speaker"
        self._speakers = speaker_colours(speakers)
        self._annotators = {
            name: ANNOTATOR_PALETTE[i % len(ANNOTATOR_PALETTE)] for i, name in enumerate(annotators)
        }
        self._scale = scale

    def colour_name(self, claim: Claim) -> str:
        if self.mode == "confidence":
            return self._confidence_colour(claim.confidence)
        if self.mode == "annotator":
            return self._annotators.get(claim.annotator, NO_SPEAKER)
        return self.speaker_colour(claim.speaker or "")

    def speaker_colour(self, speaker: str) -> str:
        """The speaker's colour here: its own, unless another speaker shown has it."""
        if not speaker:
            return NO_SPEAKER
        return self._speakers.get(speaker) or home_colour(speaker)

    def colour(self, claim: Claim) -> QColor:
        return QColor(self.colour_name(claim))

    def _confidence_colour(self, code: str) -> str:
        if not code:
            return NO_SPEAKER
        if code in CONFIDENCE_COLOURS:
            return CONFIDENCE_COLOURS[code]
        rank = self._scale.rank(code)
        if rank is None:
            return NO_SPEAKER
        share = rank / max(1, len(self._scale.levels) - 1)
        # Best grades first in scales like Admiralty: green → red along the order.
        return QColor.fromHsvF(0.33 * (1 - share), 0.65, 0.8).name()

    def legend(self, claims: list[Claim]) -> list[LegendEntry]:
        """What the colours mean for these claims (speakers present, or the whole scale)."""
        if self.mode == "confidence":
            entries = [LegendEntry("Not set", NO_SPEAKER)]
            used = {claim.confidence for claim in claims}
            for level in self._scale.levels:
                if len(self._scale.levels) <= 6 or level.code in used:
                    entries.append(
                        LegendEntry(level.label, self._confidence_colour(level.code), level.definition)
                    )
            return entries
        if self.mode == "annotator":
            people = sorted({claim.annotator for claim in claims}, key=str.casefold)
            return [LegendEntry(name or "Nobody", self._annotators.get(name, NO_SPEAKER)) for name in people]
        names = sorted({claim.speaker or "" for claim in claims}, key=str.casefold)
        return [LegendEntry(name or "No speaker", self.speaker_colour(name)) for name in names]
