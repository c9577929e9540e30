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

from annotator.core.figures.reader import ParsedFigure, counted_noun, figure_for_claim, find_figures
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

# verb or adjective as written -> the measure it names
MEASURE_WORDS = {
    "killed": "killed",
    "dead": "killed",
    "died": "killed",
    "deaths": "killed",
    "death toll": "killed",
    "lost their lives": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "injuries": "wounded",
    "evacuated": "evacuated",
    "displaced": "displaced",
    "fled": "displaced",
    "homeless": "displaced",
    "missing": "missing",
    "arrested": "arrested",
    "detained": "detained",
    "rescued": "rescued",
    "sheltered": "people in shelters",
    "in shelters": "people in shelters",
    "in its care": "people in shelters",
    "treated": "treated",
    "hospitalised": "hospitalised",
    "hospitalized": "hospitalised",
    "kept in hospital": "hospitalised",
    "in hospital": "hospitalised",
    "destroyed": "destroyed",
    "damaged": "damaged",
    "flooded": "flooded",
    "under water": "flooded",
    "deployed": "deployed",
    "sent": "deployed",
    "captured": "captured",
    "affected": "affected",
    "infected": "infected",
    "vaccinated": "vaccinated",
    "on board": "on board",
    "burned": "burned",
    "cut off": "cut off",
    "without power": "without power",
    "lost": "lost",
    "taken to hospital": "hospitalised",
    "pulled": "rescued",
    "sunk": "sunk",
    "sank": "sunk",
}
_MEASURE_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted(MEASURE_WORDS, key=len, reverse=True)) + r")\b"
)
# "day 12", "Pier 4", "round 3": a number that labels something rather than counting it
_LABEL_BEFORE = re.compile(
    r"\b(?:day|week|month|year|page|chapter|article|section|phase|round|stage|level|category|route"
    r"|line|gate|pier|platform|ward|block|unit|no\.?)\s+$",
    re.IGNORECASE,
)
_COUNT_NOUN = re.compile(r"\b(?:figure|number|toll)\b")
# nouns that name a thing rather than people: the measure becomes "homes damaged"
_THING_NOUNS = {
    "homes",
    "houses",
    "buildings",
    "hectares",
    "acres",
    "vehicles",
    "tanks",
    "schools",
    "hospitals",
    "bridges",
    "shops",
    "boats",
    "flats",
    "properties",
    "businesses",
    "farms",
    "cattle",
    "livestock",
    "aircraft",
    "drones",
    "missiles",
    "shells",
}
_TIME_NOUNS = {"days", "weeks", "months", "years", "hours", "minutes", "seconds", "decades", "nights"}
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
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[^\sa-z])|\n+|;\s+")
_ABBREVIATION = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|St|No|approx|c|[A-Z])\.$")
_PUT_AT = re.compile(
    r"\b(?:put|puts|estimated|estimates|estimate|set|sets)\s+(?:the\s+)?(?P<what>[a-z][a-z ]{0,30}?)\s+at\b"
)
_CLAUSE_END = re.compile(r"[;:—–(]|,\s+(?:and|but|while|which|who|including)\b|\s-\s|,\s*$")


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


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence or ;-clause; headlines and paragraphs end at line breaks."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, match.start() - 8), match.start()):
            continue
        if text[start : match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


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
    figures = [(s + start, e + start, f) for s, e, f in find_figures(sentence)]
    last_measure = _stated_measure(sentence)
    for index, (fig_start, fig_end, parsed) in enumerate(figures):
        if _inside_name(fig_start, fig_end, names):
            continue
        limit = figures[index + 1][0] if index + 1 < len(figures) else end
        suggestion = _suggestion(text, start, end, fig_start, fig_end, parsed, limit=limit)
        if suggestion is None or not (speaker[1] or _names_a_measure(suggestion.figure)):
            continue
        if not suggestion.figure.measure and not suggestion.figure.unit:
            if not parsed.text[-1:].isdigit():
                continue  # a bare spelled-out number ("runs two of the shelters") counts nothing said
            suggestion = _with_measure(suggestion, last_measure)
        last_measure = suggestion.figure.measure or last_measure
        yield _attributed(suggestion, speaker, outlet)


def _suggestion(text, s_start, s_end, f_start, f_end, parsed: ParsedFigure, *, limit: int):
    """The figure stretched over what it counts, or None when it counts time or nothing."""
    clause_end = _clause_end(text, f_end, s_end)
    after = text[f_end:clause_end]
    noun = counted_noun(text[f_start:clause_end], parsed.text) or _noun_after_adjective(after)
    if noun in _TIME_NOUNS or _is_time(after) or _LABEL_BEFORE.search(text, max(0, f_start - 12), f_start):
        return None
    measure, measure_end = _measure_after(text, f_end, clause_end)
    if not measure and noun:
        measure = _measure_before(text, s_start, f_start)
    measure = _combined_measure(measure, noun)
    noun_end = f_end + after.find(noun) + len(noun) if noun else f_end
    end = measure_end if measure_end <= _trimmed(text, limit) else noun_end
    end = max(end, noun_end)
    start = _quote_start(text, f_start)
    figure = Figure(
        text=parsed.text,
        value=parsed.value,
        low=parsed.low,
        high=parsed.high,
        qualifier=parsed.qualifier,
        unit=parsed.unit or noun,
        measure=measure or noun,
    )
    return Suggestion(start=start, end=end, quote=text[start:end], figure=figure)


def _names_a_measure(figure: Figure) -> bool:
    """A measure word was found, not just the counted noun: unattributed figures need one."""
    return bool(figure.measure) and figure.measure != figure.unit


def _trimmed(text: str, limit: int) -> int:
    return len(text[:limit].rstrip(" ,;:and"))


def _noun_after_adjective(after: str) -> str:
    match = re.match(r"\s+(?:damaged|destroyed|flooded|burned|displaced|missing)\s+([a-z]+s)\b", after)
    return match.group(1) if match else ""


def _stated_measure(sentence: str) -> str:
    """'put the crowd at', 'put the death toll at': what a bare figure after it measures."""
    match = _PUT_AT.search(sentence)
    if match is None:
        return ""
    what = re.sub(
        r"^(?:number|total|figure|toll|count) of ", "", " ".join(match.group("what").lower().split())
    )
    if what in ("it", "them", "this"):
        return ""
    found = [(len(words), measure) for words, measure in MEASURE_WORDS.items() if words in what]
    return max(found)[1] if found else what


def _with_measure(suggestion: Suggestion, measure: str) -> Suggestion:
    figure = Figure(**{**_figure_fields(suggestion.figure), "measure": measure})
    return Suggestion(suggestion.start, suggestion.end, suggestion.quote, figure)


def _figure_fields(figure: Figure) -> dict:
    return {name: getattr(figure, name) for name in Figure.__dataclass_fields__}


def _quote_start(text: str, figure_start: int) -> int:
    """Take in an opening quotation mark glued to the figure ('"between 10,000 and 12,000')."""
    return figure_start - 1 if figure_start > 0 and text[figure_start - 1] in "\"“'‘" else figure_start


def _clause_end(text: str, start: int, sentence_end: int) -> int:
    match = _CLAUSE_END.search(text, start, sentence_end)
    limit = match.start() if match else sentence_end
    words = list(re.finditer(r"\S+", text[start:limit]))
    return start + words[7].start() if len(words) > 8 else limit


def _measure_after(text: str, start: int, end: int) -> tuple[str, int]:
    """The first measure word after the figure in its clause, and where it ends."""
    match = _MEASURE_RE.search(text, start, end)
    if match is None or _COUNT_NOUN.search(text, start, match.start()):
        return "", start
    return MEASURE_WORDS[match.group(0)], match.end()


def _measure_before(text: str, sentence_start: int, figure_start: int) -> str:
    """The last measure word shortly before the figure ("killed 27 soldiers")."""
    found = list(_MEASURE_RE.finditer(text, max(sentence_start, figure_start - 40), figure_start))
    return MEASURE_WORDS[found[-1].group(0)] if found else ""


def _combined_measure(measure: str, noun: str) -> str:
    if noun in _THING_NOUNS and measure in ("damaged", "destroyed", "flooded", "burned", "lost", "sunk"):
        return f"{noun} {measure}"
    if noun in ("troops", "soldiers") and measure == "deployed":
        return "troops deployed"
    if noun == "passengers" and measure == "on board":
        return "passengers on board"
    return measure


def _is_time(after: str) -> bool:
    return re.match(r"\s*(?:-\s*)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b", after) is not None


def _inside_name(start: int, end: int, names: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in names)


def _attributed(suggestion: Suggestion, speaker: tuple[str | None, str], outlet: str) -> Suggestion:
    return Suggestion(
        start=suggestion.start,
        end=suggestion.end,
        quote=suggestion.quote,
        figure=suggestion.figure,
        speaker=speaker[0],
        speaker_text=speaker[1],
        outlet=outlet,
    )


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


def figure_in_span(span_text: str) -> Figure:
    """The figure fields of a highlighted span: number, qualifier, unit and measure, as suggested."""
    found = find_figures(span_text)
    if not found:
        return Figure()
    start, end, parsed = found[0]
    limit = found[1][0] if len(found) > 1 else len(span_text)
    suggestion = _suggestion(span_text, 0, len(span_text), start, end, parsed, limit=limit)
    return suggestion.figure if suggestion is not None else figure_for_claim(span_text)
