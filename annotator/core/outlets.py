"""The outlet a claim was made to or reported by, read from the sentence around its span.

"Western officials told the BBC", "writes the Guardian", "according to Reuters", "said in an
interview with CNN", "the Telegraph reported": the outlet is kept apart from the speaker.
Only cues that name a medium by themselves ("in an interview with", "writes") take any name;
the others ("told", "according to", "X reported") take a name only when it is an outlet the
project knows or a name that says it is a medium ("BBC", "Daily News"), so that "told
lawmakers" or "according to the defence ministry" give no outlet. One exception: a bare
acronym a speaker talks to ("told the NBS", "speaking to NBS") is read as the outlet, as
broadcasters go by their capitals. No cue takes a name that says it is an agency, a force or
a state ("told the FBI", "in an interview with the UN"), nor a registered speaker that is not
a medium: a wrong outlet is worse than none. An outlet the project already names (on any
claim or article) is taken after any cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.model import Speaker
from annotator.core.speaker_types import guess_speaker_type

_NAME = r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’&.-]*)*)"
_STRONG_BEFORE = (
    r"in\s+an?\s+(?:interview|article|op-ed|column)\s+(?:with|for|in)|interviewed\s+by|writes|wrote"
    r"|writing\s+in|(?:as\s+)?reported\s+by|quoted\s+by|published\s+by"
)
_AUDIENCE_BEFORE = r"told|telling|speaking\s+to|spoke\s+to|said\s+to"
_WEAK_BEFORE = r"according\s+to"
_AFTER = r"reports|reported|writes|wrote|says|said|has\s+learned|understands"
STRONG, AUDIENCE, WEAK = "strong", "audience", "weak"
# The cue words in any case ("Writing in the Courier, ...", "According to Reuters, ..."); the
# name still starts with a capital.
_CUES = (
    (STRONG, re.compile(rf"\b(?i:{_STRONG_BEFORE})\s+{_NAME}")),
    (AUDIENCE, re.compile(rf"\b(?i:{_AUDIENCE_BEFORE})\s+{_NAME}")),
    (WEAK, re.compile(rf"\b(?i:{_WEAK_BEFORE})\s+{_NAME}")),
    (WEAK, re.compile(rf"{_NAME}\s+(?:{_AFTER})\b")),
)
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’)]*\s+[\"“‘(]*[A-Z0-9])|\n")


def outlet_near(
    text: str, start: int, end: int, *, known: Iterable[str] = (), speakers: Iterable[Speaker] = ()
) -> str:
    """The outlet the sentence around text[start:end] names, nearest the span first; '' for none.

    :param known: outlets the project already names, taken after any cue
    :param speakers: the speaker registry; its names and aliases that are not media are no outlet
    """
    first, last = sentence_bounds(text, start, end)
    sentence = text[first:last]
    names = _Names.of(known, speakers)
    found = [
        (_distance(first + match.start("name"), first + match.end("name"), start, end), name)
        for cue, pattern in _CUES
        for match in pattern.finditer(sentence)
        for name in [_cleaned(match.group("name"))]
        if name and names.is_outlet(name, cue)
    ]
    return min(found)[1] if found else ""


@dataclass(frozen=True)
class _Names:
    """What the project says about names: outlets it already names, speakers that are not media."""

    outlets: frozenset[str]
    not_outlets: frozenset[str]

    @classmethod
    def of(cls, known: Iterable[str], speakers: Iterable[Speaker]) -> _Names:
        speakers = list(speakers)
        media = [s for s in speakers if s.type == "media"]
        sources = [s for s in speakers if s.type not in ("media", "unknown")]
        return cls(_folded(known, *(_names_of(s) for s in media)), _folded(*(_names_of(s) for s in sources)))

    def is_outlet(self, name: str, cue: str) -> bool:
        """Whether `name`, found after (or before) a cue of this kind, is the outlet."""
        folded = name.casefold()
        if folded in self.outlets:
            return True
        kind = guess_speaker_type(name)
        if folded in self.not_outlets or kind not in ("media", "unknown"):
            return False
        return kind == "media" or cue == STRONG or (cue == AUDIENCE and bool(_ACRONYM.fullmatch(name)))


def _names_of(speaker: Speaker) -> tuple[str, ...]:
    return (speaker.name, *speaker.aliases)


def _folded(*groups: Iterable[str]) -> frozenset[str]:
    return frozenset(name.casefold() for group in groups for name in group)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[first, last) of the sentence (or sentences) holding text[start:end]."""
    first = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        first = match.end()
    after = _SENTENCE_END.search(text, max(end, first))
    return first, after.end() if after else len(text)


def _cleaned(name: str) -> str:
    return name.rstrip(".,;:'’")


def _distance(name_start: int, name_end: int, start: int, end: int) -> int:
    if name_end <= start:
        return start - name_end
    return max(0, name_start - end)
