"""Suggesting claims: deterministic, offline rules that find attributed figures in a text.

A suggestion is a figure phrase stretched to what it counts ("about 4,200 residents had
been evacuated"), with the speaker named near a reporting cue (registry names and aliases
first), the outlet of "told the BBC" kept apart, and the measure read from the counted
noun or verb next to the figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

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
    narrator: bool = False  # no attribution: the article (its outlet) states the figure itself
    conversion_matches: bool = True  # False for "1,000 sq km (900 sq miles)"
    conversion_note: str = ""  # "1,000 sq km is about 386 sq miles, not 900 sq miles"


# -- vocabularies ----------------------------------------------------------------------------

_CUES = (
    r"said|says|say|(?<!\bwere\s)(?<!\bwas\s)told|tells|according\s+to|(?<!\ban\s)(?<!\bthe\s)estimated"
    r"|estimates|estimate"
    r"|confirmed|confirms|citing|cited|believe|fears?|feared|added|adds"
    r"|(?:figures|data|records|statistics|numbers|report|survey|tally|count)\s+(?:show|shows|showed|suggest)"
    r"|(?:reported|recorded|confirmed|estimated|counted|registered|announced|given|put)"
    r"(?:\s+at\s+\S+(?:\s+(?:million|billion|thousand))?)?\s+by"
    r"|reported|reports|announced|announces|stated|claimed|claims|counted"
    r"|added|warned|believes|believed|quoted|estimate\s+of|figures\s+from|data\s+from|speaking"
    r"|expects?|expected|forecasts?|predicts?|put\s+the\s+[a-z ]{1,30}?\s+at"
)
# "(?=[a-z])" first lets the engine skip positions that cannot start a cue: scans twice as fast
_CUE = re.compile(rf"(?=[a-z])\b(?:{_CUES})\b", re.IGNORECASE)
_NAME = r"(?:[A-Z][\w'’.-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+|de\s+)?[A-Z][\w'’.-]*)*)"
_NAME_BEFORE_CUE = re.compile(
    rf"(?:\b(?:the|The)\s+)?(?P<name>{_NAME}(?:(?<=['’])\s+[a-z]+|(?<=['’]s)\s+[a-z]+)?)\s*(?:(?:,[^,]{{0,60}}){{1,2}},\s*|,\s*)?$"
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
    rf"\b(?i:told|telling|speaking\s+to|in\s+an\s+interview\s+with|interviewed\s+by)\s+"
    rf"(?:the\s+)?(?P<outlet>{_NAME})"
)
# "according to the county fire chief", "said a farmer, Ali Demir": the words after a cue
_PHRASE_AFTER_CUE = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?P<name>[\w'’.-]+(?:\s+(?!(?:on|in|at|that|who|which|and|as|to|after|when"
    r"|before|during|late|early|last|this|yesterday|today|in)\b)[\w'’.-]+){0,4})"
)
_APPOSITIVE = re.compile(r",\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+)")
# '..., said X', '"...," the mayor said': a cue with its speaker after it
_INVERTED_BEFORE = re.compile(r"(?:,|[\"”’])\s*[\"”’]?\s*$")
_INVERTIBLE = {"said", "says", "say", "added", "adds", "told", "reported", "wrote", "writes", "warned"}
# "on Friday", "also", "in a statement": between a speaker and its cue
_ADVERBIALS_BEFORE_CUE = re.compile(
    r"(?:\s*,?\s+(?:(?:late\s+|early\s+)?on\s+\w+|also|later|earlier|previously|now|again|yesterday"
    r"|today|last\s+week|in\s+a\s+(?:statement|report|briefing))\b,?)+\s*$",
    re.IGNORECASE,
)
# "the ministry also said": a definite description that points back to an earlier speaker
_ANAPHOR = re.compile(r"(?:the\s+)?(?P<head>[a-z]+)", re.IGNORECASE)
_CLAUSE_SPLIT = re.compile(r",?\s+(?:while|whereas|but)\s+|;\s+")
_HEADLINE_DASH = re.compile(r"\s[–—-]\s*(?P<name>[^–—\d]{2,40})$")
_AGE = re.compile(r"[A-Z][\w'’-]+,\s*$")
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
}


class SpeakerMatcher:
    """Finds registry names and aliases in text: whole words, acronyms case-sensitively."""

    def __init__(self, speakers: Sequence[Speaker]):
        self._canonical: dict[str, str] = {}
        self._recent: dict[tuple, list] = {}
        self._media = {speaker.name for speaker in speakers if speaker.type == "media"}
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
        key = (text, start, end)
        if key not in self._recent:  # a sentence is looked up for its figures and its speaker
            if len(self._recent) > 16:
                self._recent.clear()
            self._recent[key] = self._find(text, start, end)
        return list(self._recent[key])

    def _find(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        found = []
        for pattern in self._patterns:
            for match in pattern.finditer(text, start, end):
                name = self._canonical[" ".join(match.group(0).split()).casefold()]
                found.append((match.start(), match.end(), name))
        return sorted(found)

    def is_media(self, name: str) -> bool:
        """Whether a registry name is an outlet (type media): an intermediary, not a speaker."""
        return name in self._media


# -- the rules -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Attribution:
    """Who a clause's figures are attributed to, and the outlet that carried them."""

    speaker: str | None = None  # registry name
    written: str = ""  # as written; empty when nobody is named
    outlet: str = ""


_NOBODY = _Attribution()


def suggest_claims(text: str, *, matcher: SpeakerMatcher) -> list[Suggestion]:
    """Every reported figure in `text`, in text order; headlines only when they attribute."""
    suggestions = []
    previous, quoting = _NOBODY, False
    for start, end in sentences(text):
        sentence = text[start:end]
        if _is_headline(text, start, end) and not _attributes(sentence):
            continue
        quoted = quoting or sentence.lstrip().startswith(_OPENING_QUOTES)
        closing = text[end : end + 1] in ('"', "”")  # the sentence's closing quote mark, left out of it
        quoting = _leaves_quote_open(text[start : end + closing], quoting)
        if quoted and previous.written and not _CUE.search(sentence):
            clauses = [(start, previous)]  # a quotation running on: '"…," she said. "Another 40 …"'
        else:
            clauses = _clauses(sentence, start, matcher, previous)
        previous = clauses[0][1] if clauses[0][1].written else _topic(sentence, matcher) or previous
        suggestions.extend(_sentence_suggestions(text, start, end, clauses, matcher))
    return suggestions


_OPENING_QUOTES = ('"', "“")


def _leaves_quote_open(sentence: str, open_before: bool) -> bool:
    """Whether a quotation is still open after this sentence ('"At least 300 homes are gone.')."""
    straight = sentence.count('"') % 2 == 1
    curly = sentence.count("“") != sentence.count("”")
    if curly:
        return sentence.count("“") > sentence.count("”")
    return open_before != straight if '"' in sentence or open_before else False


def _is_headline(text: str, start: int, end: int) -> bool:
    """A line of its own without a full stop: a title or crosshead, not reporting."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end].rstrip()
    return line == text[start:end].strip() and not line.endswith((".", "!", "?", '"', "”"))


def _attributes(headline: str) -> bool:
    """'300 killed, officials say', 'At least 40 dead – health ministry': a headline that attributes."""
    return _CUE.search(headline) is not None or _HEADLINE_DASH.search(headline) is not None


def _clauses(sentence: str, offset: int, matcher, previous) -> list[tuple[int, _Attribution]]:
    """(start, attribution) of each clause; a "while …" clause with a cue of its own has its own."""
    clauses = [(offset, _attribution(sentence, matcher, previous))]
    for split in _CLAUSE_SPLIT.finditer(sentence):
        clause = sentence[split.end() :]
        if _CUE.search(clause):
            clauses.append((offset + split.end(), _attribution(clause, matcher, clauses[0][1])))
    return clauses


def _sentence_suggestions(text, start, end, clauses, matcher) -> Iterator[Suggestion]:
    names = [(s + start, e + start) for s, e, _ in matcher.find(text[start:end])]
    for reading in read_sentence(text, start, end):
        if reading.counts_time or _inside_name(reading.start, reading.end, names) or _is_age(text, reading):
            continue
        if _is_modifier(text, reading):
            continue
        attribution = [a for s, a in clauses if s <= reading.start][-1]
        figure = reading.figure
        if not (attribution.written or _names_a_measure(figure)):
            continue
        if not figure.measure and not figure.unit and not _has_digit(figure.text):
            continue  # a bare spelled-out number ("runs two of the shelters") counts nothing said
        yield _suggestion(text, reading, attribution)


def _is_age(text: str, reading: FigureReading) -> bool:
    """'Maria Lopez, 41, said': a bare number between commas after a name is an age."""
    value = reading.figure.value
    if value is None or reading.figure.unit or not float(value).is_integer() or not 0 < value < 130:
        return False
    if _AGED.search(text, max(0, reading.start - 8), reading.start):
        return True  # "a man aged 41"
    return text[reading.end : reading.end + 1] == "," and bool(
        _AGE.search(text, max(0, reading.start - 40), reading.start)
    )


_MODIFIER = re.compile(r"-(?!strong\b|odd\b|plus\b)[a-z]+\b")
_AGED = re.compile(r"\b(?:aged|age|ages)\s+$", re.IGNORECASE)


def _is_modifier(text: str, reading: FigureReading) -> bool:
    """'the 12-storey block', 'a 300-page report': a number naming a kind of thing, not a count."""
    return not reading.figure.unit and _MODIFIER.match(text, reading.end) is not None


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span so it neither starts nor ends inside a word."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _suggestion(text: str, reading: FigureReading, attribution: _Attribution) -> Suggestion:
    start, end = _whole_words(text, _quote_start(text, reading.start), reading.reach)
    return Suggestion(
        start=start,
        end=end,
        quote=text[start:end],
        figure=reading.figure,
        speaker=attribution.speaker,
        speaker_text=attribution.written,
        outlet=attribution.outlet,
        narrator=attribution.speaker is None and not attribution.written,
        conversion_matches=reading.conversion_matches,
        conversion_note="" if reading.conversion_matches else _conversion_note(reading),
    )


def _conversion_note(reading: FigureReading) -> str:
    from annotator.core.figures.units import convert

    figure, stated = reading.figure, reading.conversion
    true = convert(figure.value if figure.value is not None else figure.low, figure.unit, stated.unit)
    return f"{figure.text} is about {true:,.0f} {stated.unit}, not {stated.text}"


def _names_a_measure(figure: Figure) -> bool:
    """A measure word was found, not just the counted noun: unattributed figures need one."""
    return bool(figure.measure) and figure.measure != figure.unit


def _quote_start(text: str, figure_start: int) -> int:
    """Take in an opening quotation mark glued to the figure ('"between 10,000 and 12,000')."""
    return figure_start - 1 if figure_start > 0 and text[figure_start - 1] in "\"“'‘" else figure_start


def _inside_name(start: int, end: int, names: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in names)


# -- speakers and outlets --------------------------------------------------------------------


def _attribution(sentence: str, matcher: SpeakerMatcher, previous: _Attribution) -> _Attribution:
    """Who the sentence (or clause) attributes its figures to; _NOBODY when unattributed."""
    cues = list(_CUE.finditer(sentence))
    if not cues:
        return _dash_attribution(sentence, matcher) or _subject(sentence, matcher)
    outlet_span = _outlet_span(sentence)
    outlet = sentence[outlet_span[0] : outlet_span[1]] if outlet_span else ""
    mentions = [m for m in matcher.find(sentence) if not _within(m, outlet_span)]
    speakers = [m for m in mentions if not matcher.is_media(m[2])]
    if speakers and len(speakers) < len(mentions):
        outlet = outlet or next(sentence[m[0] : m[1]] for m in mentions if matcher.is_media(m[2]))
        mentions = speakers
    if mentions:
        chosen = min(mentions, key=lambda m: _distance(m, cues))
        return _Attribution(chosen[2], sentence[chosen[0] : chosen[1]], outlet)
    written = _written_speaker(sentence, cues, outlet_span)
    if written:
        earlier = _anaphor(written, previous)
        if earlier:
            return replace(earlier, outlet=outlet or earlier.outlet)
        return _Attribution(matcher_name(matcher, written), written, outlet)
    if _PRONOUN_CUE.search(sentence) and previous.written:
        return replace(previous, outlet=outlet or previous.outlet)
    return _Attribution(outlet=outlet)


def _dash_attribution(sentence: str, matcher: SpeakerMatcher) -> _Attribution | None:
    """'At least 40 dead after ferry capsizes – health ministry': the source after a headline's dash."""
    match = _HEADLINE_DASH.search(sentence)
    if match is None:
        return None
    name = match.group("name").strip()
    found = matcher.find(name)
    return _Attribution(found[0][2], name) if found else _Attribution(None, _trim_name(name))


def _anaphor(written: str, previous: _Attribution) -> _Attribution | None:
    """'the ministry', 'the agency': a bare description naming the previous speaker again."""
    words = written.split()
    if len(words) != 1 or not words[0].islower() or not previous.written:
        return None
    return previous if words[0] in previous.written.casefold().split() else None


def _topic(sentence: str, matcher: SpeakerMatcher) -> _Attribution | None:
    """'The health ministry gave an update on Tuesday.': who a sentence without figures is about."""
    if any(ch.isdigit() for ch in sentence):
        return None
    mentions = matcher.find(sentence, 0, min(len(sentence), 40))
    if mentions:
        return _Attribution(mentions[0][2], sentence[mentions[0][0] : mentions[0][1]])
    match = _TOPIC.match(sentence)
    if match and match.group("name") not in _NOT_NAMES:
        return _Attribution(None, _trim_name(match.group("name")))
    return None


def _subject(sentence: str, matcher: SpeakerMatcher) -> _Attribution:
    """A registered speaker named before the sentence's first figure ("Harbour doctors treated 40")."""
    figures = find_figures(sentence)
    first = figures[0][0] if figures else 0
    mentions = list(matcher.find(sentence, 0, first))
    return _Attribution(mentions[0][2], sentence[mentions[0][0] : mentions[0][1]]) if mentions else _NOBODY


def matcher_name(matcher: SpeakerMatcher, written: str) -> str | None:
    found = matcher.find(written)
    return found[0][2] if found and found[0][:2] == (0, len(written)) else None


def _written_speaker(sentence: str, cues: list[re.Match], outlet: tuple[int, int] | None) -> str:
    for cue in cues:
        match = _after_cue(sentence, cue) or _before_cue(sentence, cue)
        if match and match.group("name") not in _NOT_NAMES and not _within(match.span("name"), outlet):
            name = _trim_name(match.group("name"))
            if name:
                return name
    return ""


def _after_cue(sentence: str, cue: re.Match) -> re.Match | None:
    """'according to X', 'citing X', 'reported by X', and '…, said X' / '"…," said X'."""
    word = cue.group(0).lower()
    after = word.startswith(("according", "citing", "figures from", "data from", "quoted")) or word.endswith(
        " by"
    )
    inverted = word in _INVERTIBLE and _INVERTED_BEFORE.search(sentence, 0, cue.start()) is not None
    if not (after or inverted):
        return None
    match = _PHRASE_AFTER_CUE.match(sentence, cue.end())
    if match is None or any(c.isdigit() for c in match.group("name")):
        return None
    if not (after or _PHRASE_END.match(sentence, match.end())):
        return None  # "The operator, Kerrow Minerals, said the mine employs …": not said X
    if match.group("name").islower():
        return _APPOSITIVE.match(sentence, match.end()) or match
    return match


def _before_cue(sentence: str, cue: re.Match) -> re.Match | None:
    """The subject before the cue, adverbials between them ("on Friday", "also") skipped."""
    stop = cue.start()
    adverbials = _ADVERBIALS_BEFORE_CUE.search(sentence, max(0, stop - 60), stop)
    stop = adverbials.start() if adverbials else stop
    match = _ADJ_ROLE_BEFORE_CUE.search(sentence, max(0, stop - 60), stop)
    match = match or _NAME_BEFORE_CUE.search(sentence, 0, stop)
    if match is None or match.group("name") in _NOT_NAMES:
        match = _ROLE_BEFORE_CUE.search(sentence, max(0, stop - 50), stop)
    if match is None or match.group("name") in _NOT_NAMES:
        match = _SUBJECT_BEFORE_CUE.search(sentence, max(0, stop - 50), stop)
        if match and (_PRONOUN.match(match.group("name").split()[0]) or _has_digit(match.group("name"))):
            return None
    return match


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _trim_name(name: str) -> str:
    words = name.rstrip(".,").split()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    while words and words[-1] in _TRAILING_WORDS:
        words.pop()
    return " ".join(words)


_TRAILING_WORDS = {"now", "also", "still", "later", "then", "has", "had", "have", "previously", "earlier"}
_TOPIC = re.compile(
    rf"^\s*(?:(?:The|the)\s+)?(?P<name>{_NAME}(?:\s+[a-z]+)?\s+(?:{_ROLES})|{_NAME})(?:,[^,]{{0,40}},)?\s+[a-z]"
)
# "Officials estimate", "300 killed, officials say": a short subject right after a clause boundary
_SUBJECT_BEFORE_CUE = re.compile(
    r"(?:^|[,;:\"“”]\s*|\b(?:while|and|but|that)\s+)(?P<name>(?:[\w'’.-]+\s+){0,4}[\w'’.-]+)\s*$"
)
_PHRASE_END = re.compile(r"\s*(?:[,.;:!?]|$|\s(?:on|in|at)\s)")
_PRONOUN = re.compile(r"(?:it|he|she|they|we|i|you|this|that|there)$", re.IGNORECASE)


def _outlet_span(sentence: str) -> tuple[int, int] | None:
    match = _OUTLET.search(sentence)
    return match.span("outlet") if match else None


def _within(span, outer: tuple[int, int] | None) -> bool:
    return outer is not None and outer[0] <= span[0] and span[1] <= outer[1]


def _distance(mention: tuple[int, int, str], cues: list[re.Match]) -> int:
    return min(min(abs(mention[1] - c.start()), abs(c.end() - mention[0])) for c in cues)
