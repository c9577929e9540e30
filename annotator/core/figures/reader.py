"""Reading figures: "some 11,000", "$2.5bn", "between 10,000 and 12,000 homes" → numbers.

`find_figures` scans a sentence for figure phrases (hedge word included, counted noun
not); `parse_figure` reads the first figure of a phrase. Spelled-out numbers are read by
a small word parser of our own: number-parser returns nothing for "a thousand", "a dozen"
or "two and a half million" and gives no offsets, which the suggester needs.

Vague plurals read as lower bounds: "dozens" is at least 24, "hundreds" at least 200,
"thousands" at least 2,000, "tens of thousands" at least 20,000.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from annotator.core.figures import measures
from annotator.core.formatting import plain_number
from annotator.core.model import Figure


@dataclass(frozen=True, slots=True)
class ParsedFigure:
    """A figure phrase read into numbers: a value, or low and high for a range."""

    text: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = ""
    unit: str = ""
    scale: str = ""  # the scale word as a word: thousand, million, billion, trillion

    @property
    def middle(self) -> float:
        """One number standing for the figure: its value, else its range's midpoint."""
        return self.value if self.value is not None else ((self.low or 0) + (self.high or 0)) / 2


# -- vocabularies ----------------------------------------------------------------------------

_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALES |= {"lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}
_SCALE_SUFFIXES = {"k": "thousand", "mn": "million", "mln": "million", "m": "million", "bn": "billion"}
_SCALE_SUFFIXES |= {"b": "billion", "tn": "trillion", "trn": "trillion"}
_CURRENCIES = {"us$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "ksh": "KES"}
_CODES = ("USD", "EUR", "GBP", "KES", "INR", "JPY")
_CURRENCIES |= {"rs": "INR", "rs.": "INR"} | {code.lower(): code for code in _CODES}
# a number after a currency or before people is millions, not metres: "4m residents"
_MILLION_PEOPLE = re.compile(
    r"\s+(?:people|residents|users|voters|viewers|customers|children|inhabitants|visitors"
    r"|subscribers|households|passengers|refugees|tourists|workers|jobs)\b"
)
_SMALL = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * number
    for number, word in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if word != "_"
}
_VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2 * 10**6,
    "billions": 2 * 10**9,
    "tens of thousands": 20000,  # ranges up to the next power of ten: _VAGUE_HIGH
    "hundreds of thousands": 200000,
    "tens of millions": 2 * 10**7,
    "hundreds of millions": 2 * 10**8,
}

# Hedge words before a figure, longest first so "no more than" wins over "more than".
_HEDGES_BEFORE = {
    "approximately": (
        "about",
        "around",
        "some",
        "roughly",
        "approximately",
        "approx.",
        "nearly",
        "almost",
        "an estimated",
        "estimated",
        "close to",
        "circa",
        "c.",
        "~",
        "∼",
        "≈",
        "an approximate",
        "just about",
        "somewhere around",
    ),
    "at least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of", "≥", "⩾"),
    "more than": (
        "more than",
        "over",
        "upwards of",
        "in excess of",
        "above",
        "greater than",
        "just over",
        "well over",
        "exceeding",
        ">",
    ),
    "at most": (
        "at most",
        "up to",
        "no more than",
        "not more than",
        "a maximum of",
        "as many as",
        "as much as",
        "≤",
        "⩽",
    ),
    "less than": ("less than", "fewer than", "under", "below", "just under", "well under", "short of", "<"),
}
_HEDGES_AFTER = {
    "at least": ("or more", "at least", "or above", "plus"),
    "more than": ("+",),
    "approximately": ("or so", "-odd", "odd"),
    "at most": ("or fewer", "or less", "at most", "or below"),
}

_VAGUE_HIGH = {
    "tens of thousands": 99_999,
    "hundreds of thousands": 999_999,
    "tens of millions": 99_999_999,
    "hundreds of millions": 999_999_999,
}
_FRACTIONS = {"a third": 100 / 3, "one third": 100 / 3, "two-thirds": 200 / 3, "two thirds": 200 / 3}
_FRACTIONS |= {"a quarter": 25, "one quarter": 25, "three-quarters": 75, "three quarters": 75}
_FRACTIONS |= {"half": 50, "a fifth": 20, "one fifth": 20, "a tenth": 10}
_FRACTION_RE = re.compile(
    r"(?=[A-Za-z])\b(?<!first )(?<!second )(?<!last )"  # "the first half of the year" is a period
    r"(?:" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")(?=\s+of\b)",
    re.IGNORECASE,
)

_UNITS = (
    r"mg/kg|mg/l|mmol/l|µg/m³|µg/m3|mcg|µg|mg|ml|mmHg|mm\s?Hg|ppm|ppb|kcal|bpm",
    r"percentage\s+points?",
    r"degrees\s+(?:Celsius|centigrade|Fahrenheit|C|F)\b|ºC|ºF",
    r"sq(?:uare|\.)?\s?(?:kilometres|kilometers|km|miles|mi|metres|meters|m|feet|ft)",
    r"km²|km2|m²|m2|km/h|kph|mph",
    r"kilometres|kilometers|kilometre|kilometer|km",
    r"metres|meters|metre|meter|cm|mm|m",
    r"miles|mile|mi|feet|foot|ft|inches|inch",
    r"kilograms|kilogram|kg|grams|tonnes|tonne|tons|ton|lbs|lb",
    r"litres|liters|litre|liter|barrels|bpd",
    r"hectares|hectare|ha|acres|acre",
    r"°C|°F|degrees",
    r"MW|GW|kWh|MWh|GWh",
    r"dollars|euros|pounds sterling|yen|rupees",
)

# -- patterns --------------------------------------------------------------------------------

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    r"(?=[-−\d$£€¥₹A-Za-z])"  # what can start an amount: the engine skips every other position
    r"(?P<sign>(?<![\w.,)\]])(?<!\d\s)[-−](?=\$?\d)|\bminus\s+)?"
    r"(?:(?<![A-Za-z])(?P<cur>US\$|\$|£|€|¥|₹|KSh|Rs\.?|(?:USD|EUR|GBP|KES|INR|JPY)(?=\s?\d))\s?)?"
    rf"(?P<num>{_DIGITS})"
    r"(?P<exp>\s?[×x]\s?10\s?(?:\^|\*\*)?\s?(?P<power>[-−]?\d+)|[eE](?P<epower>[-+]?\d+)(?![\w]))?"
    r"(?:(?P<glued>k|bn|mn|mln|m|b|tn|trn)\b"
    r"|(?:\s|-)?(?P<word>hundred|thousand|million|billion|trillion|lakhs?|crores?)\b)?"
    r"(?P<pct>\s?%?\s?percentage\s+points?\b|\s?%|\s?(?:per\s?cent|percent)\b)?",
    re.IGNORECASE,
)
_UNIT = re.compile(r"(?:\s|-)?(?P<unit>" + "|".join(_UNITS) + r")(?![\w²])", re.IGNORECASE)
_GLUED_DEGREES = re.compile(r"(?P<unit>[CF])(?![\w°])")
_WORD = re.compile(r"[A-Za-z]+")
_VAGUE_RE = re.compile(
    r"(?=[A-Za-z])\b(?:(?:tens|hundreds) of (?:thousands|millions)|" + "|".join(_VAGUE) + r")\b", re.I
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—)\s*|\s+(?:to|or|and)\s+", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(
    r"(?:(?<![\w.])|(?<=~))(?P<hedge>"
    + "|".join(
        re.escape(h).replace(r"\ ", r"\s+")
        for h in sorted((h for hs in _HEDGES_BEFORE.values() for h in hs), key=len, reverse=True)
    )
    + r")\s*$",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(
    r"(?P<hedge>-plus|\s+or\s+more|\s+or\s+so|\s+or\s+fewer|\s+or\s+less|\s+or\s+above|\s+or\s+below"
    r"|\s+at\s+least|\s+at\s+most|-odd|\+|\s+plus)(?!\w)",
    re.IGNORECASE,
)
_PLUS_MINUS = re.compile(r"\s*(?:±|\+/-)\s*")
_RANGE_OPENER = re.compile(r"(?<!\w)(?P<opener>between|from)\s+(?:the\s+ages?\s+of\s+)?$", re.IGNORECASE)
# "rose from 40 to 52": a change, two figures (before and after), not a range
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|decreased|decreases|dropped"
    r"|climbed|jumped|grew|grown|declined|surged|soared|slipped|plunged|went\s+(?:up|down)|revised|raised"
    r"|lowered|cut|changed|up|down)\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
_PER_BASE = re.compile(
    r"\s+per\s+(?P<base>1,000|1000|10,000|100,000|100000|1 million|million|capita)\b", re.IGNORECASE
)
_PRESSURE = re.compile(r"(?<![\d/])(?P<high>\d{2,3})/(?P<low>\d{2,3})\s?(?P<unit>mm\s?Hg)\b")
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s+$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"\s+(?:{_MONTHS})\b", re.IGNORECASE)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|before|after|of|during|year|early|late|mid|from|to|and|between"
    r"|january|february|march|april|may|june|july|august|september|october|november|december)\s+|-)$",
    re.IGNORECASE,
)


_MONTH_ABBRS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH_ABBR = rf"(?:{_MONTHS.title()}|{_MONTH_ABBRS})\b\.?"
_MONTH_NAME = _MONTH_ABBR
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?"
_LABELS = (
    r"Windows|Route|Highway|Interstate|Section|Article|Chapter|Flight|Boeing|Airbus|Room|Gate|Terminal"
    r"|Platform|Pier|Channel|Model|Version|Grade|Class|Ward|Block|Phase|Stage|Level|Category|Round|No\."
    r"|page|pages|chapter|section|article|day|week|round|phase|stage|level|category|route|line|gate|pier"
    r"|platform|ward|block|no\."
)
_NOT_FIGURE = re.compile(
    rf"(?<!\d)(?:1[89]|20)\d\d\s?[-–/]\s?(?:\d\d)(?!\d)"  # fiscal years: 2018-19
    r"|\b\d\d(?:\.\d+)?\s?%\s?(?:CI|confidence\s+intervals?)\b"  # 95% CI: a confidence level
    rf"|\b{_MONTH_NAME}\s+{_DAY_NUMBER}(?:,?\s+\d{{4}})?(?!\d)"  # Oct. 3, 2022
    rf"|(?<![\d,.]){_DAY_NUMBER}(?:\s*(?:-|–|to|and)\s*{_DAY_NUMBER})?\s+{_MONTH_NAME}(?:,?\s+\d{{4}})?(?!\d)"
    rf"|\b(?:{_LABELS})\s+[A-Z]?\d+(?:[A-Z]\b)?(?![\d,])"  # Route 66, page 14, Boeing 737
    r"|\b[Oo]ne(?=\s+of\s+(?:the|its|their|his|her|our|my|those|these)\b)"
    r"|\b[Oo]ne(?=\s+[A-Z][a-z]+\s+[a-z])",  # one Ohio town
)


@dataclass(frozen=True, slots=True)
class _Amount:
    """One number as written: where it is and what it says, before hedges and ranges."""

    start: int
    end: int
    number: Decimal
    scale: str = ""
    currency: str = ""
    unit: str = ""
    vague: bool = False

    @property
    def value(self) -> Decimal:
        return self.number * _SCALES.get(self.scale, 1)

    def sharing(self, other: _Amount) -> _Amount:
        """'10-12 million', '$2-3bn': a range's bare end borrows the other's scale, currency, unit."""
        borrow_scale = not self.scale and self.number <= other.number
        return replace(
            self,
            scale=self.scale or (other.scale if borrow_scale else ""),
            currency=self.currency or other.currency,
            unit=self.unit or other.unit,
        )


# -- public functions ------------------------------------------------------------------------


def find_figures(text: str) -> list[tuple[int, int, ParsedFigure]]:
    """Every figure phrase in `text` as (start, end, figure), hedges included, in order."""
    amounts = _amounts(text)
    found = []
    index = 0
    while index < len(amounts):
        start, end, figure, used = _figure_at(text, amounts, index)
        found.append((start, end, figure))
        index += used
    return found


def number_spans(text: str) -> list[tuple[int, int]]:
    """Where each number is written in `text` ("about [11]", "[two thousand]"), hedges left out."""
    return [(amount.start, amount.end) for amount in _amounts(text)]


def parse_figure(text: str) -> ParsedFigure:
    """The first figure in a phrase; an empty figure when the phrase states none."""
    found = find_figures(text)
    return found[0][2] if found else ParsedFigure()


def as_dict(reading: FigureReading | None) -> dict:
    """A reading as JSON-ready fields (empty ones when there is none), integral numbers as ints."""
    figure = reading.figure if reading else Figure()
    return {
        "text": figure.text,
        "value": plain_number(figure.value),
        "low": plain_number(figure.low),
        "high": plain_number(figure.high),
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "scale": reading.scale if reading else "",
        "measure": figure.measure,
        "measure_written": reading.measure_written if reading else "",
        "period": figure.period,
    }


# -- the one reader: a figure with what it counts and its period, from its sentence ---------


@dataclass(frozen=True, slots=True)
class FigureReading:
    """A figure read in its sentence: the claim's figure fields and where its words stand."""

    start: int
    end: int  # the figure's own words: text[start:end] == figure.text
    reach: int  # the end of what it counts ("some 11,000 troops sent")
    figure: Figure
    scale: str = ""
    measure_written: str = ""  # the measure's words as the text has them: "troops sent"
    counts_time: bool = False  # "12 days", "three months": a duration, not a count
    conversion: ParsedFigure | None = None  # "1,000 sq km (386 sq miles)": the one in parentheses
    conversion_matches: bool = True  # False for "1,000 sq km (900 sq miles)"


def read_figure(text: str, start: int = 0, end: int | None = None) -> FigureReading | None:
    """The first figure touching text[start:end], read in the sentence around it (None if none).

    The form's prefill, suggestions and `annotator figure` all read figures here, so a
    figure reads alike however much of its sentence the analyst highlighted.
    """
    end = max(len(text) if end is None else end, start + 1)
    for s_start, s_end in sentences(text):
        if s_start >= end:
            break
        if s_end > start:
            found = [r for r in read_sentence(text, s_start, s_end) if r.start < end and r.end > start]
            if found:
                return found[0]
    return None


def read_all(text: str) -> list[FigureReading]:
    """Every figure of every sentence of `text`, in order."""
    return [reading for s, e in sentences(text) for reading in read_sentence(text, s, e)]


def read_sentence(text: str, start: int, end: int) -> list[FigureReading]:
    """Every figure in the sentence text[start:end], each read with its measure and period."""
    period_spans = [(s + start, e + start) for s, e in measures.periods(text[start:end], 0, end - start)]
    found = [
        (s + start, e + start, parsed)
        for s, e, parsed in find_figures(text[start:end])
        if not any(ps <= s + start and e + start <= pe for ps, pe in period_spans)
    ]
    found, conversions = _attach_conversions(text, found)
    readings = []
    for index, (f_start, f_end, parsed) in enumerate(found):
        region_start = found[index - 1][1] if index else start
        limit = found[index + 1][0] if index + 1 < len(found) else end
        where = _Where((f_start, f_end), (start, end), region_start, limit, period_spans)
        readings.append(_reading(text, where, parsed, conversions.get(index)))
    return readings


_CONVERSION_OPEN = re.compile(r"\s*\(\s*")
_CONVERSION_CLOSE = re.compile(r"\s*\)")


def _attach_conversions(text: str, found: list) -> tuple[list, dict]:
    """Drop each figure that only converts the one before it ("1,000 sq km (386 sq miles)").

    Returns the figures left and, by their index, (end of the parentheses, the conversion).
    """
    kept, conversions = [], {}
    for item in found:
        index = len(kept) - 1
        if kept and index not in conversions and _converts_previous(text, kept[-1], item):
            conversions[index] = (_CONVERSION_CLOSE.match(text, item[1]).end(), item[2])
        else:
            kept.append(item)
    return kept, conversions


def conversion_in(quote: str, figure_text: str) -> ParsedFigure | None:
    """The figure in parentheses right after `figure_text` in `quote` ("1,000 sq km (386 sq miles)")."""
    at = quote.find(figure_text) if figure_text else -1
    if at < 0:
        return None
    end = at + len(figure_text)
    following = [(s, e, parsed) for s, e, parsed in find_figures(quote) if s >= end]
    if not following:
        return None
    s, e, parsed = following[0]
    opened = _CONVERSION_OPEN.fullmatch(quote, end, s)
    return parsed if opened and _CONVERSION_CLOSE.match(quote, e) else None


def _converts_previous(text: str, previous: tuple, item: tuple) -> bool:
    from annotator.core.figures.units import converts

    opened = _CONVERSION_OPEN.fullmatch(text, previous[1], item[0])
    closed = _CONVERSION_CLOSE.match(text, item[1])
    return bool(opened and closed) and converts(previous[2].unit, item[2].unit)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a figure stands in its sentence, and the stretch of it that belongs to the figure."""

    figure: tuple[int, int]
    sentence: tuple[int, int]
    region_start: int  # the previous figure's end: nothing before it is this figure's
    limit: int  # the next figure's start
    periods: list


def _reading(text: str, where: _Where, parsed: ParsedFigure, conversion=None) -> FigureReading:
    words_end = conversion[0] if conversion else where.figure[1]  # what it counts follows the brackets
    measure = measures.measure_of(
        text, (where.figure[0], words_end), where.sentence, region_start=where.region_start, limit=where.limit
    )
    period = measures.period_of(text, where.periods, (where.region_start, where.limit), where.figure[1])
    figure = Figure(
        text=parsed.text,
        value=parsed.value,
        low=parsed.low,
        high=parsed.high,
        qualifier=parsed.qualifier,
        unit=parsed.unit or measure.noun,
        measure=measure.name,
        period=period,
    )
    reach = max(measure.end, words_end)
    converted = conversion[1] if conversion else None
    return FigureReading(
        *where.figure,
        reach,
        figure,
        parsed.scale,
        measure.written,
        measure.counts_time,
        converted,
        converted is None or _conversion_matches(parsed, converted),
    )


def _conversion_matches(figure: ParsedFigure, conversion: ParsedFigure) -> bool:
    from annotator.core.figures.units import conversion_matches

    return conversion_matches(figure.middle, figure.unit, conversion.middle, conversion.unit)


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


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[^\sa-z])|\n+|;\s+")
_ABBREVIATION = re.compile(rf"\b(?:Mr|Ms|Mrs|Dr|St|No|approx|c|[A-Z]|{_MONTH_ABBRS})\.$")


# -- building figures from amounts -----------------------------------------------------------


def _figure_at(text: str, amounts: list[_Amount], index: int) -> tuple[int, int, ParsedFigure, int]:
    """The figure starting at amounts[index]: a range of two amounts or one amount, hedged."""
    first = amounts[index]
    second = amounts[index + 1] if index + 1 < len(amounts) else None
    opener = _RANGE_OPENER.search(text, max(0, first.start - 24), first.start)
    if opener and _CHANGE_BEFORE.search(text, max(0, opener.start() - 40), opener.start()):
        return _single_figure(text, first)
    if second is not None and _PLUS_MINUS.fullmatch(text, first.end, second.start):
        return _plus_minus_figure(text, first, second)
    if second is not None and _joins_range(text, first, second, opener):
        return _range_figure(text, first, second, opener)
    return _single_figure(text, first)


def _plus_minus_figure(text: str, middle: _Amount, spread: _Amount) -> tuple:
    """'5 ± 0.5': the range from 4.5 to 5.5."""
    middle, spread = middle.sharing(spread), spread.sharing(middle)
    figure = ParsedFigure(
        text=text[middle.start : spread.end],
        low=_number(middle.value - spread.value),
        high=_number(middle.value + spread.value),
        qualifier="range",
        unit=spread.unit or spread.currency,
        scale=middle.scale if middle.scale != "hundred" else "",
    )
    return middle.start, spread.end, figure, 2


def _joins_range(text: str, first: _Amount, second: _Amount, opener) -> bool:
    join = _RANGE_JOIN.fullmatch(text, first.end, second.start)
    if join is None or first.vague or second.vague:
        return False
    if join.group(0).strip().lower() == "and":
        return opener is not None and opener.group("opener").lower() == "between"
    return True


def _range_figure(text: str, first: _Amount, second: _Amount, opener) -> tuple:
    first, second = first.sharing(second), second.sharing(first)
    start = opener.start() if opener else _hedge_start(text, first.start)[0]
    low, high = sorted((first.value, second.value))
    figure = ParsedFigure(
        text=text[start : second.end],
        low=_number(low),
        high=_number(high),
        qualifier="range",
        unit=second.unit or second.currency,
        scale=second.scale if second.scale != "hundred" else "",
    )
    return start, second.end, figure, 2


def _single_figure(text: str, amount: _Amount) -> tuple:
    start, qualifier = _hedge_start(text, amount.start)
    end = amount.end
    after = _after_hedge(text, amount.end)
    if after and not qualifier:
        end, qualifier = after
    phrase = " ".join(text[amount.start : amount.end].lower().split())
    high = _VAGUE_HIGH.get(phrase) if amount.vague else None
    if high and not qualifier:
        figure = ParsedFigure(text[start:end], low=_number(amount.value), high=high, qualifier="range")
        return start, end, figure, 1
    if amount.vague:
        qualifier = qualifier or "at least"
    figure = ParsedFigure(
        text=text[start:end],
        value=_number(amount.value),
        qualifier=qualifier or "exact",
        unit=amount.unit or amount.currency,
        scale=amount.scale if amount.scale != "hundred" else "",
    )
    return start, end, figure, 1


def _hedge_start(text: str, start: int) -> tuple[int, str]:
    match = _HEDGE_BEFORE.search(text, max(0, start - 30), start)
    if match is None:
        return start, ""
    hedge = " ".join(match.group("hedge").lower().split())
    return match.start("hedge"), _qualifier_of(hedge, _HEDGES_BEFORE)


def _after_hedge(text: str, end: int) -> tuple[int, str] | None:
    match = _HEDGE_AFTER.match(text, end)
    if match is None:
        return None
    hedge = " ".join(match.group("hedge").lower().split()).lstrip("-")
    return match.end(), _qualifier_of(hedge, _HEDGES_AFTER)


def _qualifier_of(hedge: str, table: dict) -> str:
    return next(q for q, words in table.items() if hedge in words)


# -- amounts: digits, words, vague plurals ---------------------------------------------------


def _amounts(text: str) -> list[_Amount]:
    found = _digit_amounts(text) + _word_amounts(text) + _vague_amounts(text)
    found += _pressure_amounts(text) + _fraction_amounts(text)
    found.sort(key=lambda a: (a.start, -a.end))
    blocked = not_figure_spans(text)
    kept: list[_Amount] = []
    for amount in found:
        if any(s < amount.end and amount.start < e for s, e in blocked):
            continue
        if not kept or amount.start >= kept[-1].end:
            kept.append(amount)
    return kept


def not_figure_spans(text: str) -> list[tuple[int, int]]:
    """Numbers that name or date something: fiscal years, dates, models, labels, "one of the"."""
    return [m.span() for m in _NOT_FIGURE.finditer(text)]


def _digit_amounts(text: str) -> list[_Amount]:
    amounts = []
    for match in _AMOUNT.finditer(text):
        if _not_a_figure(text, match):
            continue
        amounts.append(_digit_amount(text, match))
    return amounts


_LETTER_HYPHEN = re.compile(r"[A-Za-z]-")
_ORDINAL_OR_TIME = re.compile(r"(?:st|nd|rd|th)\b|[:/]\d|\d", re.IGNORECASE)
_LETTER = re.compile(r"[A-Za-z]")
_SUFFIX = re.compile(r"(?:k|bn|mn|mln|m|b|tn|trn)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"[,\u00a0\u202f\u2009]")
_PERCENT_AFTER = re.compile(r"\s?(?:%|per\s?cent|percent)", re.IGNORECASE)
_WORD_GAP = re.compile(r"\s+|-")


def _not_a_figure(text: str, match: re.Match) -> bool:
    """Model names, times, ordinals, years and list numbers are numbers but not figures."""
    start, end = match.start("num"), match.end("exp") if match.group("exp") else match.end("num")
    before, after = text[max(0, start - 2) : start], text[end : end + 3]
    if match.group("cur"):
        return False
    if before[-1:].isalpha() or _LETTER_HYPHEN.fullmatch(before) or before[-1:] in ("#", "/", ".", ":"):
        return True
    if _ORDINAL_OR_TIME.match(after):
        return True
    if _LETTER.match(after) and not _SUFFIX.match(after):
        if not (_UNIT.match(text, end) or _GLUED_DEGREES.match(text, end)):
            return True
    return _is_year(text, match) or _is_date(text, match)


def _is_date(text: str, match: re.Match) -> bool:
    """'August 1', '4 March': a day of the month."""
    number = match.group("num")
    if not (number.isdigit() and 1 <= int(number) <= 31) or match.group("pct") or match.group("word"):
        return False
    before = _DATE_BEFORE.search(text, max(0, match.start("num") - 12), match.start("num"))
    return before is not None or _DATE_AFTER.match(text, match.end("num")) is not None


def _is_year(text: str, match: re.Match) -> bool:
    number = match.group("num")
    if not (len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2100):
        return False
    if match.group("glued") or match.group("word") or match.group("pct"):
        return False
    if _YEAR_CONTEXT.search(text, max(0, match.start() - 12), match.start()) is not None:
        return True
    noun = _YEAR_BEFORE_NOUN.match(text, match.end())
    return noun is not None and (not noun.group(0).endswith("s") or noun.group(0).strip() in _SINGULAR_S)


# "the 1994 treaty", "the 2020 census": a year names the thing; "2000 people" still counts
_YEAR_BEFORE_NOUN = re.compile(
    r"\s+(?!people\b|police\b|personnel\b|staff\b|crew\b|men\b|women\b|children\b)[a-z]+\b"
)
_SINGULAR_S = {"census", "crisis", "status", "campus", "virus", "bus", "series", "process", "congress"}


def _digit_amount(text: str, match: re.Match) -> _Amount:
    number = Decimal(_SEPARATORS.sub("", match.group("num"))) * _power_of_ten(match)
    currency = _CURRENCIES.get((match.group("cur") or "").lower(), "")
    glued = (match.group("glued") or "").lower()
    end = match.end()
    if glued in ("m", "b") and not currency and not _MILLION_PEOPLE.match(text, end):
        glued, end = "", match.end("exp") if match.group("exp") else match.end("num")  # "40m" is metres
    scale = _SCALE_SUFFIXES.get(glued, "") or (match.group("word") or "").lower()
    signed = -number if match.group("sign") else number
    if match.group("pct"):
        unit = "percentage points" if "point" in match.group("pct").lower() else "%"
        return _Amount(match.start(), end, signed, scale, currency, unit)
    unit_match = _UNIT.match(text, end) or _GLUED_DEGREES.match(text, end)
    unit = _unit_name(unit_match.group("unit")) if unit_match else ""
    end = unit_match.end() if unit_match else end
    per = _PER_BASE.match(text, end)
    if per:
        unit, end = " ".join(filter(None, (unit, f"per {per.group('base').lower()}"))), per.end()
    return _Amount(match.start(), end, signed, scale, currency, unit)


def _power_of_ten(match: re.Match) -> Decimal:
    """'1.2 × 10^6', '1.2e6': the power the number is multiplied by (1 when none)."""
    power = match.group("power") or match.group("epower")
    return Decimal(10) ** int(power.replace("−", "-")) if power else Decimal(1)


def _pressure_amounts(text: str) -> list[_Amount]:
    """'120/80 mmHg': two readings (systolic, diastolic) in the same unit."""
    amounts = []
    for m in _PRESSURE.finditer(text):
        amounts.append(_Amount(m.start("high"), m.end("high"), Decimal(m.group("high")), unit="mmHg"))
        amounts.append(_Amount(m.start("low"), m.end(), Decimal(m.group("low")), unit="mmHg"))
    return amounts


def _fraction_amounts(text: str) -> list[_Amount]:
    """'a third of', 'half of': a share, read as a percentage."""
    return [
        _Amount(m.start(), m.end(), Decimal(str(_FRACTIONS[m.group(0).lower()])), unit="%")
        for m in _FRACTION_RE.finditer(text)
    ]


def _unit_name(written: str) -> str:
    """One name for a unit however written ("kilometres" → km, "degrees Celsius" → °C, "3.5C" → °C)."""
    if written in ("C", "F"):
        return f"°{written}"
    folded = " ".join(written.split())
    return _UNIT_NAMES.get(folded.lower().replace("º", "°"), folded)


_UNIT_NAMES = {
    **dict.fromkeys(("kilometres", "kilometers", "kilometre", "kilometer"), "km"),
    **dict.fromkeys(("metres", "meters", "metre", "meter"), "m"),
    **dict.fromkeys(("kilograms", "kilogram"), "kg"),
    **dict.fromkeys(("°c", "degrees celsius", "degrees centigrade", "degrees c"), "°C"),
    **dict.fromkeys(("°f", "degrees fahrenheit", "degrees f"), "°F"),
    **dict.fromkeys(("square kilometres", "square kilometers", "sq km", "sq. km", "sqkm", "km2"), "km²"),
    **dict.fromkeys(("square metres", "square meters", "sq m", "sq. m", "m2"), "m²"),
    **dict.fromkeys(("mm hg", "mmhg"), "mmHg"),
    **dict.fromkeys(("µg/m3",), "µg/m³"),
    **dict.fromkeys(("percentage point", "percentage points"), "percentage points"),
    **dict.fromkeys(("mg/l",), "mg/L"),
    **dict.fromkeys(("mmol/l",), "mmol/L"),
}


def _word_amounts(text: str) -> list[_Amount]:
    words = list(_WORD.finditer(text))
    folded = [w.group(0).lower() for w in words]  # ASCII words: lower() keeps their length
    amounts = []
    index = 0
    while index < len(words):
        if folded[index] not in _FIRST_WORDS:  # most words start no number: skip them cheaply
            index += 1
            continue
        length = _number_words_at(text, words, index, folded[index : index + 8])
        if length:
            span = words[index : index + length]
            value = words_to_number([w.group(0).lower() for w in span])
            if value is not None:
                amounts.append(_word_amount(text, span, value))
            index += length
        else:
            index += 1
    return amounts


def _word_amount(text: str, span: list[re.Match], value: Decimal) -> _Amount:
    scale = next((w.group(0).lower() for w in reversed(span) if w.group(0).lower() in _SCALES), "")
    number = value / _SCALES[scale] if scale else value
    end = span[-1].end()
    percent = _PERCENT_AFTER.match(text, end)
    if percent:
        end = percent.end()
        return _Amount(span[0].start(), end, number, scale, unit="%")
    unit_match = _UNIT.match(text, end)
    if unit_match and len(unit_match.group("unit")) > 2:
        unit = _unit_name(unit_match.group("unit"))
        return _Amount(span[0].start(), unit_match.end(), number, scale, unit=unit)
    return _Amount(span[0].start(), end, number, scale)


def _number_words_at(text: str, words: list[re.Match], index: int, lowered: list[str]) -> int:
    """How many words from `index` spell one number (0 when none starts there)."""
    if not _starts_number(lowered):
        return 0
    length = 1
    while length < len(lowered) and _continues(text, words, index, length, lowered):
        length += 1
    while lowered[length - 1] in ("and", "a", "an", "half"):
        length -= 1
    return length


_FIRST_WORDS = frozenset(_SMALL) | frozenset(_TENS) | {"a", "an", "half"}


def _starts_number(lowered: list[str]) -> bool:
    first, rest = lowered[0], lowered[1:]
    if first in _SMALL or first in _TENS or _is_compound(first):
        return True
    if first in ("a", "an", "half") and rest:
        if rest[0] in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
            return True
        return first == "half" and rest[0] in ("a", "an") and len(rest) > 1 and rest[1] in _SCALES
    return False


def _continues(text: str, words: list[re.Match], index: int, length: int, lowered: list[str]) -> bool:
    gap = text[words[index + length - 1].end() : words[index + length].start()]
    if not _WORD_GAP.fullmatch(gap):
        return False
    previous, word = lowered[length - 1], lowered[length]
    following = lowered[length + 1 : length + 3]
    if word in _SCALES or word == "dozen":
        return previous not in ("and",)
    if word == "and":
        return (previous in _SCALES and bool(following) and _is_number_word(following[0])) or (
            following[:1] == ["a"] and following[1:2] == ["half"]
        )
    if word in ("a", "an"):
        return previous in ("and", "half")
    if word == "half":
        return previous in ("a", "an") and lowered[length - 2 : length - 1] == ["and"]
    if _is_number_word(word):
        return previous in _SCALES or previous == "and" or (previous in _TENS and word in _SMALL)
    return False


def _is_number_word(word: str) -> bool:
    return word in _SMALL or word in _TENS or _is_compound(word)


def _is_compound(word: str) -> bool:
    return "-" in word and all(part in _SMALL or part in _TENS for part in word.split("-"))


def words_to_number(words: list[str]) -> Decimal | None:
    """'three hundred and twelve' → 312, 'two and a half million' → 2500000, 'a dozen' → 12."""
    total, current, fraction, seen = Decimal(0), Decimal(0), Decimal(0), False
    for word in words:
        if word == "and" or (word in ("a", "an") and fraction):
            continue
        if word in ("a", "an"):
            current = current or Decimal(1)
            continue
        if word == "half":
            fraction, seen = Decimal("0.5"), True
            continue
        if word in _SCALES:
            base = current + fraction if (current or fraction) else Decimal(1)
            if word == "hundred":
                current, fraction = base * 100, Decimal(0)
            else:
                total, current, fraction = total + base * _SCALES[word], Decimal(0), Decimal(0)
            seen = True
            continue
        if word == "dozen":
            current, seen = (current or Decimal(1)) * 12, True
            continue
        small = _small_value(word)
        if small is None:
            return None
        current, seen = current + small, True
    return total + current + fraction if seen else None


def _small_value(word: str) -> int | None:
    if word in _SMALL:
        return _SMALL[word]
    if word in _TENS:
        return _TENS[word]
    if _is_compound(word):
        return sum(_SMALL.get(part, _TENS.get(part, 0)) for part in word.split("-"))
    return None


def _vague_amounts(text: str) -> list[_Amount]:
    return [
        _Amount(m.start(), m.end(), Decimal(_VAGUE[" ".join(m.group(0).lower().split())]), vague=True)
        for m in _VAGUE_RE.finditer(text)
    ]


# -- numbers ---------------------------------------------------------------------------------


def _number(value: Decimal) -> float | int:
    """Exact decimal arithmetic, handed out as an int when whole."""
    return int(value) if value == value.to_integral_value() else float(value)
