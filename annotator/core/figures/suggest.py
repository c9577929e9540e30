"""Suggesting claims: deterministic, offline rules that find attributed figures in a text.

A suggestion is a figure phrase stretched to what it counts ("about 4,200 residents had
been evacuated"), with the speaker named near a reporting cue (registry names and aliases
first), the outlet of "told the BBC" kept apart, and the measure read from the counted
noun or verb next to the figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from annotator.core.figures.reader import FigureReading, find_figures, read_sentence, sentences
from annotator.core.model import Figure, Speaker


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A claim the rules propose; the analyst accepts or rejects it."""

    start: int
    end: int
    quote: str
    figure: Figure
    speaker: str | None = None  # canonical registry name, when the text names a registered speaker
    speaker_text: str = ""  # the speaker as written, registered or not
    outlet: str = ""


# -- vocabularies ----------------------------------------------------------------------------

_CUES = (
    r"said|says|say|told|tells|according\s+to|estimated|estimates|confirmed|confirms|citing|cited"
    r"|reported|reports|announced|announces|stated|claimed|claims|counted"
    r"|added|warned|believes|believed|quoted|estimate\s+of|figures\s+from|data\s+from|speaking"
    r"|expects?|expected|forecasts?|predicts?|put\s+the\s+[a-z ]{1,30}?\s+at"
)
_CUE = re.compile(rf"\b(?:{_CUES})\b", re.IGNORECASE)
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+|de\s+)?[A-Z][\w'’.-]*)*)"
_NAME_BEFORE_CUE = re.compile(
    rf"(?:\b(?:the|The)\s+)?(?P<name>{_NAME}(?:(?<=['’])\s+[a-z]+|(?<=['’]s)\s+[a-z]+)?)\s*(?:,[^,]{{0,60}},\s*|,\s*)?$"
)
_ROLES = (
    r"officials?|sources?|spokes(?:person|man|woman)|officers?|diplomats?|analysts?|doctors?|medics"
    r"|leaders?|ministers?|ministry|agency|government|police|army|military|authorities|groups?"
    r"|unions?|residents|witnesses|engineers|experts|observers|monitors|commanders?|intelligence"
)
# "Western officials told", "US intelligence said": a capitalised adjective and a role
_ADJ_ROLE_BEFORE_CUE = re.compile(rf"(?<![\w'’])(?P<name>{_NAME}(?:\s+[a-z]+)?\s+(?:{_ROLES}))\s*,?\s*$")
# "the regional government said", "A spokesperson for the depot's owner told": a described speaker
_ROLE_BEFORE_CUE = re.compile(
    r"(?<![\w'’])(?P<name>(?:[Tt]he|[Aa]n?|[Tt]heir|[Ii]ts)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+)"
    r"\s*(?:,[^,]{0,60},\s*)?$"
)
_NAME_AFTER_CUE = re.compile(rf"\s+(?:(?:the|a|an)\s+)?(?P<name>{_NAME})")
_OUTLET = re.compile(
    rf"\b(?:told|telling|speaking\s+to|in\s+an\s+interview\s+with|interviewed\s+by)\s+"
    rf"(?:the\s+)?(?P<outlet>{_NAME})"
)
_PRONOUN_CUE = re.compile(rf"\b(?:he|she|they|it|officials|the\s+spokesperson)\s+(?:{_CUES})\b", re.I)
_NOT_NAMES = {
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "But",
    "And",
    "On",
    "In",
    "By",
    "Two",
    "Three",
    "Residents",
    "Officials",
}


class SpeakerMatcher:
    """Finds registry names and aliases in text: whole words, acronyms case-sensitively."""

    def __init__(self, speakers: Sequence[Speaker]):
        self._canonical: dict[str, str] = {}
        exact, folded = [], []
        for speaker in speakers:
            for name in (speaker.name, *speaker.aliases):
                self._canonical[name.casefold()] = speaker.name
                (exact if name.isupper() else folded).append(re.escape(name).replace(r"\ ", r"\s+"))
        self._patterns = [
            re.compile(rf"(?<!\w)(?:{'|'.join(sorted(names, key=len, reverse=True))})(?!\w)", flags)
            for names, flags in ((exact, 0), (folded, re.IGNORECASE))
            if names
        ]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every registry mention in text[start:end]."""
        end = len(text) if end is None else end
        found = []
        for pattern in self._patterns:
            for match in pattern.finditer(text, start, end):
                name = self._canonical[" ".join(match.group(0).split()).casefold()]
                found.append((match.start(), match.end(), name))
        return sorted(found)


# -- the rules -------------------------------------------------------------------------------


def suggest_claims(text: str, *, matcher: SpeakerMatcher) -> list[Suggestion]:
    """Every reported figure in `text`, in text order; headlines are skipped."""
    suggestions = []
    previous: tuple[str | None, str] = (None, "")
    for start, end in sentences(text):
        if _is_headline(text, start, end):
            continue
        speaker = _speaker_of(text, start, end, matcher, previous)
        if speaker[1]:
            previous = speaker
        suggestions.extend(_sentence_suggestions(text, start, end, speaker, matcher))
    return suggestions


def _is_headline(text: str, start: int, end: int) -> bool:
    """A line of its own without a full stop: a title or crosshead, not reporting."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end].rstrip()
    return line == text[start:end].strip() and not line.endswith((".", "!", "?", '"', "”"))


def _sentence_suggestions(text, start, end, speaker, matcher) -> Iterator[Suggestion]:
    sentence = text[start:end]
    outlet = _outlet(sentence)
    names = [(s + start, e + start) for s, e, _ in matcher.find(sentence)]
    for reading in read_sentence(text, start, end):
        if reading.counts_time or _inside_name(reading.start, reading.end, names):
            continue
        figure = reading.figure
        if not (speaker[1] or _names_a_measure(figure)):
            continue
        if not figure.measure and not figure.unit and not figure.text[-1:].isdigit():
            continue  # a bare spelled-out number ("runs two of the shelters") counts nothing said
        yield _suggestion(text, reading, speaker, outlet)


def _suggestion(text: str, reading: FigureReading, speaker, outlet: str) -> Suggestion:
    start = _quote_start(text, reading.start)
    return Suggestion(
        start=start,
        end=reading.reach,
        quote=text[start : reading.reach],
        figure=reading.figure,
        speaker=speaker[0],
        speaker_text=speaker[1],
        outlet=outlet,
    )


def _names_a_measure(figure: Figure) -> bool:
    """A measure word was found, not just the counted noun: unattributed figures need one."""
    return bool(figure.measure) and figure.measure != figure.unit


def _quote_start(text: str, figure_start: int) -> int:
    """Take in an opening quotation mark glued to the figure ('"between 10,000 and 12,000')."""
    return figure_start - 1 if figure_start > 0 and text[figure_start - 1] in "\"“'‘" else figure_start


def _inside_name(start: int, end: int, names: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in names)


# -- speakers and outlets --------------------------------------------------------------------


def _speaker_of(text, start, end, matcher, previous) -> tuple[str | None, str]:
    """(registry name or None, speaker as written) for a sentence; ("", "") when unattributed."""
    sentence = text[start:end]
    cues = list(_CUE.finditer(sentence))
    if not cues:
        return _subject(sentence, matcher)
    outlet = _outlet_span(sentence)
    mentions = [m for m in matcher.find(sentence) if not _within(m, outlet)]
    if mentions:
        chosen = min(mentions, key=lambda m: _distance(m, cues))
        return chosen[2], sentence[chosen[0] : chosen[1]]
    written = _written_speaker(sentence, cues, outlet)
    if written:
        return matcher_name(matcher, written), written
    if _PRONOUN_CUE.search(sentence) and previous[1]:
        return previous
    return None, ""


def _subject(sentence: str, matcher: SpeakerMatcher) -> tuple[str | None, str]:
    """A registered speaker named before the sentence's first figure ("Harbour doctors treated 40")."""
    figures = find_figures(sentence)
    first = figures[0][0] if figures else 0
    mentions = [m for m in matcher.find(sentence, 0, first)]
    return (mentions[0][2], sentence[mentions[0][0] : mentions[0][1]]) if mentions else (None, "")


def matcher_name(matcher: SpeakerMatcher, written: str) -> str | None:
    found = matcher.find(written)
    return found[0][2] if found and found[0][:2] == (0, len(written)) else None


def _written_speaker(sentence: str, cues: list[re.Match], outlet: tuple[int, int] | None) -> str:
    for cue in cues:
        word = cue.group(0).lower()
        if word.startswith(("according", "citing", "figures from", "data from", "quoted")):
            match = _NAME_AFTER_CUE.match(sentence, cue.end())
        else:
            match = _ADJ_ROLE_BEFORE_CUE.search(sentence, max(0, cue.start() - 60), cue.start())
            match = match or _NAME_BEFORE_CUE.search(sentence, 0, cue.start())
            if match is None or match.group("name") in _NOT_NAMES:
                match = _ROLE_BEFORE_CUE.search(sentence, max(0, cue.start() - 50), cue.start())
        if match and match.group("name") not in _NOT_NAMES and not _within(match.span("name"), outlet):
            return _trim_name(match.group("name"))
    return ""


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    while words and words[-1] in _TRAILING_WORDS:
        words.pop()
    return " ".join(words)


_TRAILING_WORDS = {"now", "also", "still", "later", "then", "has", "had", "have", "previously", "earlier"}


def _outlet(sentence: str) -> str:
    match = _OUTLET.search(sentence)
    return match.group("outlet") if match else ""


def _outlet_span(sentence: str) -> tuple[int, int] | None:
    match = _OUTLET.search(sentence)
    return match.span("outlet") if match else None


def _within(span, outer: tuple[int, int] | None) -> bool:
    return outer is not None and outer[0] <= span[0] and span[1] <= outer[1]


def _distance(mention: tuple[int, int, str], cues: list[re.Match]) -> int:
    return min(min(abs(mention[1] - c.start()), abs(c.end() - mention[0])) for c in cues)
