"""What a figure counts and over what period, read from the sentence around it.

A measure has a family name that figures of the same thing share across sources
("troops", "soldiers", "forces" sent → "troops deployed"; "dead", "died", "death toll" →
"killed") and the words the text used, kept beside it. The period is the phrase that bounds
the count in time ("in just three months", "since January", "last year").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# family -> the words (verbs, adjectives, nouns, phrases) that name it in news text
MEASURE_FAMILIES = {
    "killed": (
        "killed",
        "dead",
        "died",
        "deaths",
        "death toll",
        "lost their lives",
        "fatalities",
        "perished",
        "slain",
        "kills",  # headlines: "Quake kills 61"
    ),
    "wounded": ("wounded", "injured", "hurt", "injuries", "injures", "injure", "wounds"),
    "evacuated": ("evacuated", "evacuees", "evacuates"),
    "displaced": ("displaced", "fled", "homeless", "displaces", "displace"),
    "missing": ("missing", "unaccounted for"),
    "arrested": ("arrested", "detained", "arrests", "in custody"),
    "rescued": ("rescued", "pulled"),
    "people in shelters": ("sheltered", "in shelters", "in its care"),
    "treated": ("treated",),
    "hospitalised": ("hospitalised", "hospitalized", "kept in hospital", "in hospital", "taken to hospital"),
    "destroyed": ("destroyed",),
    "damaged": ("damaged",),
    "flooded": ("flooded", "under water"),
    "deployed": ("deployed", "sent", "stationed", "dispatched", "mobilised", "mobilized"),
    "captured": ("captured",),
    "affected": ("affected",),
    "infected": ("infected",),
    "vaccinated": ("vaccinated",),
    "on board": ("on board",),
    "burned": ("burned",),
    "cut off": ("cut off",),
    "without power": ("without power",),
    "lost": ("lost",),
    "sunk": ("sunk", "sank"),
}
MEASURE_WORDS = {word: family for family, words in MEASURE_FAMILIES.items() for word in words}
TROOP_NOUNS = {"troops", "soldiers", "forces", "personnel", "servicemen", "reservists", "marines"}
TIME_NOUNS = {"days", "weeks", "months", "years", "hours", "minutes", "seconds", "decades", "nights"}
# nouns that name a thing rather than people: the measure becomes "homes damaged"
THING_NOUNS = set(
    "homes houses buildings hectares acres vehicles tanks schools hospitals bridges shops boats flats "
    "properties businesses farms cattle livestock aircraft drones missiles shells".split()
)
_THING_MEASURES = {"damaged", "destroyed", "flooded", "burned", "lost", "sunk"}

# "(?=[a-z])" first: the engine then skips positions that cannot start a match (faster scans)
_MEASURE_RE = re.compile(
    r"(?=[a-z])\b(?:" + "|".join(re.escape(w) for w in sorted(MEASURE_WORDS, key=len, reverse=True)) + r")\b"
)
_COUNT_NOUN = re.compile(r"\b(?:figure|number|toll)\b")
_COUNTED_NOUN = re.compile(
    r"\s+(?:of\s+(?:its|their|the)\s+)?(?:more\s+|other\s+|new\s+|government\s+|foreign\s+)?"
    r"([A-Za-z][a-z]+s|[A-Za-z][a-z]*men|people|police|personnel|staff|crew|children)\b"
)
_NOT_NOUNS = {"was", "has", "is", "as", "its", "his", "this", "thus", "plus", "does", "less", "us"}
_ADJECTIVE_NOUN = re.compile(r"\s+(?:damaged|destroyed|flooded|burned|displaced|missing)\s+([a-z]+s)\b")
_PUT_AT = re.compile(
    r"\b(?:put|puts|estimated|estimates|estimate|set|sets)\s+(?:the\s+)?(?P<what>[a-z][a-z ]{0,30}?)\s+at\b"
)
_CLAUSE_END = re.compile(
    r"(?=[;:—–(,\s])"  # what can start a clause's end: the engine skips every other position
    r"(?:[;:—–(]|,\s+(?:and|but|while|which|who|including)\b|\s-\s|,\s*$"
    # the next clause's reporting cue: "the 40 km stretch was closed, police said 12 died"
    r"|(?:,\s+(?:[\w'’]+\s+){0,3}|\s+and\s+)(?:said|says|told|added|reported|according)\b)"
)
_NON_SPACE = re.compile(r"\S+")
_EIGHT_WORDS = re.compile(r"\s*(?:\S+\s+){7}")
_COORDINATED = re.compile(r"\s+[A-Za-z]+\s+(?:and|or)\s+")
_TIME_AFTER = re.compile(r"\s*(?:-\s*)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b")

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_COUNT = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several)"
_SPAN = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
_PERIOD = re.compile(
    rf"(?=[A-Za-z])\b(?:(?:in|over|during|within|for)\s+(?:just\s+|only\s+|barely\s+)?(?:the\s+(?:past|last|previous|first)\s+)?"
    rf"(?:{_COUNT}\s+)?{_SPAN}\b(?:\s+of\s+\d{{4}})?"
    rf"|in\s+the\s+(?:first|second)\s+half\s+of\s+\d{{4}}"
    rf"|since\s+(?:{_MONTH}|{_DAY}|\d{{4}}|last\s+\w+|the\s+start\s+of\s+(?:the\s+)?\w+)"
    rf"|between\s+{_MONTH}\s+and\s+{_MONTH}"
    rf"|(?:last|this|next)\s+(?:week|month|year|night|weekend|spring|summer|autumn|winter)"
    rf"|so\s+far\s+this\s+year|overnight|in\s+\d{{4}}"
    # rates: "300 a month", "per year", "annually"
    rf"|(?:per|a|an|each|every)\s+(?:day|week|month|year|hour)(?!\s+(?:ago|earlier|later|before|after|old)\b)"
    rf"|annually|yearly)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Measure:
    """What a figure counts: the family name, the words as written, and where they end."""

    name: str = ""
    written: str = ""
    noun: str = ""
    end: int = 0
    counts_time: bool = False


def periods(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where period phrases stand in text[start:end]."""
    return [m.span() for m in _PERIOD.finditer(text, start, end)]


def period_of(text: str, found: list[tuple[int, int]], region: tuple[int, int], figure_end: int) -> str:
    """The period phrase within the figure's region, nearest after the figure (else before it)."""
    inside = [(s, e) for s, e in found if region[0] <= s and e <= region[1]]
    after = [p for p in inside if p[0] >= figure_end]
    chosen = after[0] if after else (inside[-1] if inside else None)
    return " ".join(text[chosen[0] : chosen[1]].split()) if chosen else ""


def measure_of(text: str, figure: tuple, sentence: tuple, *, region_start: int, limit: int) -> Measure:
    """What the figure at text[figure] counts, read from its clause and what leads to it."""
    start, end = figure
    clause_end = clause_end_after(text, end, sentence[1])
    if not _COORDINATED.fullmatch(text, end, max(limit, end)):  # "65 firefighters and 14 engines were sent"
        clause_end = min(clause_end, max(limit, end))  # the next figure's words are its own
    noun = counted_noun(text, end, clause_end)
    if noun in TIME_NOUNS or _TIME_AFTER.match(text, end):
        return Measure(noun=noun, end=_noun_end(text, end, clause_end, noun), counts_time=True)
    word, word_end = _measure_after(text, end, clause_end)
    if not word:
        word = _measure_before(text, max(region_start, sentence[0]), start)
    name = MEASURE_WORDS.get(word, "") or _stated_measure(text[sentence[0] : start]) or _noun_family(noun)
    noun_end = _noun_end(text, end, clause_end, noun)
    reach = word_end if word_end <= _trimmed(text, limit) else noun_end
    written = " ".join(w for w in (noun, word) if w)
    return Measure(_combined(name, noun) or noun, written, noun, max(reach, noun_end))


def counted_noun(text: str, start: int, end: int) -> str:
    """The noun right after a figure when it names what is counted ("4,200 residents")."""
    match = _COUNTED_NOUN.match(text, start, end) or _ADJECTIVE_NOUN.match(text, start, end)
    noun = match.group(1).lower() if match else ""
    return "" if noun in _NOT_NOUNS else noun


def clause_end_after(text: str, start: int, sentence_end: int) -> int:
    """Where the figure's clause ends: punctuation, a conjunction, or eight words on."""
    match = _CLAUSE_END.search(text, start, sentence_end)
    limit = match.start() if match else sentence_end
    words = _NON_SPACE.findall(text, start, limit)
    if len(words) <= 8:
        return limit
    return start + _EIGHT_WORDS.match(text, start).end()


def _noun_end(text: str, start: int, clause_end: int, noun: str) -> int:
    return start + text[start:clause_end].lower().find(noun) + len(noun) if noun else start


def _measure_after(text: str, start: int, end: int) -> tuple[str, int]:
    """The first measure word after the figure in its clause, and where it ends."""
    match = _MEASURE_RE.search(text, start, end)
    if match is None or _COUNT_NOUN.search(text, start, match.start()):
        return "", start
    return match.group(0), match.end()


def _measure_before(text: str, region_start: int, figure_start: int) -> str:
    """The last measure word shortly before the figure ("killed 27 soldiers")."""
    found = list(_MEASURE_RE.finditer(text, max(region_start, figure_start - 40), figure_start))
    return found[-1].group(0) if found else ""


def _stated_measure(before: str) -> str:
    """'put the death toll at', 'put the number of displaced at': what a bare figure measures."""
    match = _PUT_AT.search(before)
    if match is None:
        return ""
    what = re.sub(r"^(?:number|total|figure|toll|count) of ", "", " ".join(match.group("what").split()))
    if what in ("it", "them", "this", "damage", "the damage", "cost"):
        return ""
    found = [(len(words), family) for words, family in MEASURE_WORDS.items() if words in what]
    return max(found)[1] if found else what


def _noun_family(noun: str) -> str:
    if noun in TROOP_NOUNS:
        return "deployed"
    return MEASURE_WORDS.get(noun, "")


def _combined(name: str, noun: str) -> str:
    if noun in THING_NOUNS and name in _THING_MEASURES:
        return f"{noun} {name}"
    if name == "deployed" and (noun in TROOP_NOUNS or not noun):
        return "troops deployed"
    if noun == "passengers" and name == "on board":
        return "passengers on board"
    return name


def _trimmed(text: str, limit: int) -> int:
    return len(text[:limit].rstrip(" ,;:and"))
