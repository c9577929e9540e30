"""The outlet a claim was made to or reported by, read from the sentence around its span.

"Western officials told the BBC", "writes the Guardian", "according to Reuters", "said in an
interview with CNN", "the Telegraph reported": the outlet is kept apart from the speaker.
Only cues that name a medium by themselves ("in an interview with", "writes") take any name;
the others ("told", "according to", "X reported") take a name only when it is an outlet the
project knows or a name that says it is a medium ("BBC", "Daily News"), so that "told
lawmakers" or "according to the defence ministry" give no outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.core.speaker_types import guess_speaker_type

_NAME = r"(?:[Tt]he\s+)?(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w'’&.-]*)*)"
_STRONG_BEFORE = (
    r"in\s+an?\s+(?:interview|article|op-ed|column)\s+(?:with|for|in)|interviewed\s+by|writes|wrote"
    r"|writing\s+in|(?:as\s+)?reported\s+by|quoted\s+by|published\s+by"
)
_WEAK_BEFORE = r"told|telling|speaking\s+to|spoke\s+to|according\s+to|said\s+to"
_AFTER = r"reports|reported|writes|wrote|says|said|has\s+learned|understands"
# The cue words in any case ("Writing in the Courier, ...", "According to Reuters, ..."); the
# name still starts with a capital.
_CUES = (
    (True, re.compile(rf"\b(?i:{_STRONG_BEFORE})\s+{_NAME}")),
    (False, re.compile(rf"\b(?i:{_WEAK_BEFORE})\s+{_NAME}")),
    (False, re.compile(rf"{_NAME}\s+(?:{_AFTER})\b")),
)
_SENTENCE_END = re.compile(r"[.!?…](?=[\"”’)]*\s+[\"“‘(]*[A-Z0-9])|\n")


def outlet_near(text: str, start: int, end: int, *, known: Iterable[str] = ()) -> str:
    """The outlet the sentence around text[start:end] names, nearest the span first; '' for none."""
    first, last = sentence_bounds(text, start, end)
    sentence = text[first:last]
    known_names = {name.casefold() for name in known}
    found = [
        (_distance(first + match.start("name"), first + match.end("name"), start, end), name)
        for strong, pattern in _CUES
        for match in pattern.finditer(sentence)
        for name in [_cleaned(match.group("name"))]
        if name and (strong or _is_outlet(name, known_names))
    ]
    return min(found)[1] if found else ""


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """[first, last) of the sentence (or sentences) holding text[start:end]."""
    first = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        first = match.end()
    after = _SENTENCE_END.search(text, max(end, first))
    return first, after.end() if after else len(text)


def _cleaned(name: str) -> str:
    return name.rstrip(".,;:'’")


def _is_outlet(name: str, known: set[str]) -> bool:
    return name.casefold() in known or guess_speaker_type(name) == "media"


def _distance(name_start: int, name_end: int, start: int, end: int) -> int:
    if name_end <= start:
        return start - name_end
    return max(0, name_start - end)
