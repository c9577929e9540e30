"""Comparing figures: every claimed figure for one measure of one event, side by side, flagged.

Each figure is read as an interval: an exact figure is a point, "about" is ±10 % (or the
project's margin), a range is itself, "at least"/"more than" are open upwards and "at
most"/"less than" downwards. Flags, each with its explanation in words:

- conflict: two speakers' figures whose intervals cannot both be true;
- likely scale error: two figures 100 times or more apart (a dropped "thousand");
- changed over time: the same speaker gives a different figure on a later date, or a total
  over a period ("in just three months") is followed by a larger total on a later date;
- conversion does not match: a figure and its conversion ("1,000 sq km (900 sq miles)")
  disagree.

Figures are compared in one unit: the group's most common, others converted (pint, see
units.py); figures of different dimensions (km and km², people and dollars) land in different
groups. A figure and its conversion from the same sentence count once. Figures over different
rates ("a year", "a month") are never flagged against each other; a total over a period is
not contradicted by a different total over another period of the same date.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from annotator.core.dates import sort_key
from annotator.core.figures import units

DEFAULT_APPROXIMATE_MARGIN = 0.10
SCALE_ERROR_RATIO = 100
FLAG_KINDS = ("conflict", "likely scale error", "changed over time", "conversion does not match")
# "nearly 1,000", "almost 1,000": approximately, but from below (not 1,050)
_FROM_BELOW = re.compile(r"^\W*(?:nearly|almost|not\s+quite|just\s+shy\s+of)\b", re.IGNORECASE)
# "300 a day", "per year", "annually": a rate, not a total
_RATE = re.compile(
    r"\b(?:(?:per|a|an|each|every)\s+(?P<per>day|week|month|year|hour)|(?P<ly>annual|year|month|week|dai|hour)ly)\b",
    re.IGNORECASE,
)
_RATE_NAMES = {
    "annual": "year",
    "year": "year",
    "month": "month",
    "week": "week",
    "dai": "day",
    "hour": "hour",
}
# apart from an anonymous source, which is a speaker ("a senior official"): nobody chose one yet
NOT_TAGGED = "a speaker not tagged yet"


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One claimed figure with where it comes from."""

    claim_id: str
    article_id: str
    event: str
    measure: str
    speaker: str
    outlet: str
    published: str
    figure_text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str = ""
    confidence: str = ""
    status: str = ""
    article_title: str = ""
    period: str = ""
    start: int = 0
    end: int = 0
    quote: str = ""

    @property
    def who(self) -> str:
        """The speaker in words; a figure nobody has tagged a speaker for yet says so."""
        return self.speaker or NOT_TAGGED

    @property
    def source(self) -> tuple:
        """What makes two rows one source: the same article, speaker and figure (two annotators)."""
        speaker = self.speaker.casefold() or f"untagged {self.claim_id}"
        return (
            self.article_id,
            speaker,
            fold_measure(self.measure),
            self.value,
            self.low,
            self.high,
            self.qualifier,
        )

    @property
    def shown(self) -> str:
        """The figure as a reader would quote it."""
        if self.figure_text:
            return self.figure_text
        if self.value is None:
            return f"{_number(self.low)}–{_number(self.high)}"
        return _number(self.value)

    @property
    def middle(self) -> float | None:
        """One number standing for the figure (a range's midpoint)."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@dataclass(frozen=True, slots=True)
class Interval:
    """Where a figure says the true number lies; open ends exclude their bound."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def below(self, other: Interval) -> bool:
        """Whether every number of self is smaller than every number of other."""
        return self.high < other.low or (self.high == other.low and (self.high_open or other.low_open))

    def words(self) -> str:
        if self.low == -math.inf:
            return f"{'below' if self.high_open else 'at most'} {_number(self.high)}"
        if self.high == math.inf:
            return f"{'above' if self.low_open else 'at least'} {_number(self.low)}"
        if self.low == self.high:
            return f"exactly {_number(self.low)}"
        return f"{_number(self.low)} to {_number(self.high)}"


@dataclass(frozen=True, slots=True)
class Flag:
    """A problem between two figures of a group (first the lower or earlier), explained in words."""

    kind: str
    first: FigureRow
    second: FigureRow
    margin: float = DEFAULT_APPROXIMATE_MARGIN

    unit: str = ""  # the group's unit, which intervals are worded in

    @property
    def claim_ids(self) -> tuple[str, str]:
        return self.first.claim_id, self.second.claim_id

    @property
    def explanation(self) -> str:
        """Written when asked for: a comparison of 100,000 figures need not word every flag."""
        return _EXPLAIN[self.kind](self.first, self.second, self.margin, self.unit)


@dataclass(frozen=True, slots=True)
class MeasureGroup:
    """All figures for one measure (and one dimension) within one event, oldest first, flagged."""

    event: str
    measure: str
    rows: tuple[FigureRow, ...]
    flags: tuple[Flag, ...]
    unit: str = ""  # the unit figures are compared in (others converted); "" for counts
    note: str = ""  # "kept apart from ...": the same measure in another dimension

    def flags_for(self, claim_id: str) -> list[Flag]:
        return [flag for flag in self.flags if claim_id in flag.claim_ids]

    def interval_of(self, row: FigureRow, *, margin: float = DEFAULT_APPROXIMATE_MARGIN) -> Interval | None:
        """The row's interval in the group's unit (what the flags compared)."""
        return _interval_in(row, self.unit, margin)

    def value_of(self, row: FigureRow) -> float | None:
        """The row's value in the group's unit."""
        return units.convert(row.value, row.unit, self.unit)


@lru_cache(maxsize=4096)  # a comparison folds the same few measures 100,000s of times
def fold_measure(measure: str) -> str:
    """'Homes  Damaged' and 'homes damaged' are one measure."""
    return " ".join(measure.casefold().split())


def interval_of(row: FigureRow, *, margin: float = DEFAULT_APPROXIMATE_MARGIN) -> Interval | None:
    """The interval a figure claims, or None when it states no number."""
    if row.value is None:
        if row.low is None and row.high is None:
            return None
        low = row.low if row.low is not None else row.high
        high = row.high if row.high is not None else row.low
        return Interval(low, high)
    value, qualifier = row.value, row.qualifier
    if qualifier == "approximately":
        spread = abs(value) * margin
        if _FROM_BELOW.match(row.figure_text):
            return Interval(value - spread, value)
        return Interval(value - spread, value + spread)
    if qualifier in ("at least", "more than"):
        return Interval(value, math.inf, low_open=qualifier == "more than")
    if qualifier in ("at most", "less than"):
        return Interval(-math.inf, value, high_open=qualifier == "less than")
    return Interval(value, value)


def compare_figures(
    rows: Iterable[FigureRow], *, margin: float = DEFAULT_APPROXIMATE_MARGIN
) -> list[MeasureGroup]:
    """Group figures by event, folded measure and dimension, and flag each group."""
    groups: dict[tuple[str, str, str], list[FigureRow]] = defaultdict(list)
    for row in one_per_source(rows):
        if row.middle is not None:
            groups[(row.event, fold_measure(row.measure), units.dimension(row.unit))].append(row)
    dimensions = Counter((event, measure) for event, measure, _ in groups)
    ordered = sorted(
        groups.items(), key=lambda item: (item[0][0].casefold(), item[0][1], item[0][2] != units.COUNT)
    )
    return [
        _group(event, members, margin, apart=dimensions[(event, measure)] > 1)
        for (event, measure, _), members in ordered
    ]


def one_per_source(rows: Iterable[FigureRow]) -> list[FigureRow]:
    """The first row of each source: one figure tagged by two annotators is counted once."""
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        if row.source not in seen:
            seen.add(row.source)
            kept.append(row)
    return kept


def _group(event: str, members: list[FigureRow], margin: float, *, apart: bool) -> MeasureGroup:
    members.sort(key=lambda r: (sort_key(r.published), r.who.casefold(), r.claim_id))
    unit = _group_unit(members)
    one_unit = len({r.unit for r in members}) == 1  # the usual case: nothing to convert
    members, flags = _conversions(members, margin, unit, pairs=not one_unit)
    counts = Counter(" ".join(r.measure.split()) for r in members)
    shown = min(counts, key=lambda m: (-counts[m], m != m.lower(), m))
    if one_unit:
        intervals = {r.claim_id: interval_of(r, margin=margin) for r in members}
        middles = {r.claim_id: r.middle for r in members}
    else:
        intervals = {r.claim_id: _interval_in(r, unit, margin) for r in members}
        middles = {r.claim_id: units.convert(r.middle, r.unit, unit) for r in members}
    flags += _scale_errors(members, middles, unit)
    flags += _conflicts(members, intervals, middles, margin, unit)
    flags += _changes(members, intervals, unit)
    note = f"kept apart from the figures for “{shown}” in other units: not comparable" if apart else ""
    return MeasureGroup(event, shown, tuple(members), tuple(flags), units.shown(unit), note)


def _group_unit(members: list[FigureRow]) -> str:
    """The unit the group is compared in: its most common, the earliest on a tie (none for counts)."""
    counts = Counter(r.unit for r in members if units.dimension(r.unit) != units.COUNT)
    return counts.most_common(1)[0][0] if counts else ""


def _interval_in(row: FigureRow, unit: str, margin: float) -> Interval | None:
    """The row's interval put in the group's unit (the margin of "about" taken in its own)."""
    interval = interval_of(row, margin=margin)
    if interval is None or not units.converts(row.unit, unit):
        return interval
    low, high = interval.low, interval.high
    if row.qualifier in ("exact", "range", ""):  # a converted figure is rounded: 386 sq miles is 385.5-386.5
        low, high = low - _rounded_off(low), high + _rounded_off(high)
    low, high = units.convert(low, row.unit, unit), units.convert(high, row.unit, unit)
    return Interval(low, high, interval.low_open, interval.high_open)


# -- conversions: "1,000 sq km (386 sq miles)" -------------------------------------------------


def _rounded_off(number: float) -> float:
    """How far rounding may have moved a number: half its last digit, at most 1 %."""
    return min(units.rounding(number) / 2, abs(number) * 0.01)


def _conversions(
    members: list[FigureRow], margin: float, unit: str, *, pairs: bool
) -> tuple[list[FigureRow], list[Flag]]:
    """A figure converting the one before it in the same sentence counts once; a wrong one is flagged.

    :param pairs: whether the group has two units, so that one figure may convert another
    """
    dropped, flags = set(), []
    by_place = sorted(members, key=lambda r: (r.article_id, r.start, -r.end)) if pairs else []
    for first, second in zip(by_place, by_place[1:], strict=False):
        if first.claim_id not in dropped and _converts(first, second):
            dropped.add(second.claim_id)
            if not units.conversion_matches(first.middle, first.unit, second.middle, second.unit):
                flags.append(Flag("conversion does not match", first, second, margin, unit))
    kept = [r for r in members if r.claim_id not in dropped] if dropped else members
    for row in (r for r in kept if r.quote):
        quoted = _quoted_conversion(row)
        if quoted is not None:
            flags.append(Flag("conversion does not match", row, quoted, margin, unit))
    return kept, flags


def _converts(first: FigureRow, second: FigureRow) -> bool:
    """Whether `second` is written as `first`'s conversion: same article and source, right after it."""
    if first.article_id != second.article_id or not units.converts(first.unit, second.unit):
        return False
    if first.speaker and second.speaker and first.speaker.casefold() != second.speaker.casefold():
        return False
    nested = first.start <= second.start and second.end <= first.end
    return first.end > 0 and (nested or 0 <= second.start - first.end <= 12)


def _quoted_conversion(row: FigureRow) -> FigureRow | None:
    """The conversion in the claim's own quote when it does not match ("1,000 sq km (900 sq miles)")."""
    if "(" not in row.quote or not row.figure_text:
        return None
    from annotator.core.figures.reader import conversion_in  # the reader's patterns: only when needed

    conversion = conversion_in(row.quote, row.figure_text)
    if conversion is None or not units.converts(row.unit, conversion.unit):
        return None
    if units.conversion_matches(row.middle, row.unit, conversion.middle, conversion.unit):
        return None
    return replace(
        row,
        figure_text=conversion.text,
        value=conversion.value,
        low=conversion.low,
        high=conversion.high,
        qualifier=conversion.qualifier,
        unit=conversion.unit,
    )


def _conversion_words(figure: FigureRow, conversion: FigureRow, _margin: float, _unit: str) -> str:
    true = units.convert(figure.middle, figure.unit, conversion.unit)
    return (
        f"{figure.shown} is about {_number(_rounded(true))} {conversion.unit}, not {conversion.shown}: "
        f"the conversion in the text does not match the figure (one of the two is wrong)."
    )


def _rounded(value: float) -> float:
    return round(value, 1) if abs(value) < 10 else round(value)


# -- periods: "in just three months", "a year" -------------------------------------------------


def _rate(row: FigureRow) -> str:
    """'a year', 'per month', 'annually': the rate a figure states, '' for a total."""
    if not row.period:
        return ""
    match = _RATE.search(row.period)
    if match is None:
        return ""
    return (match.group("per") or _RATE_NAMES[match.group("ly").lower()]).lower()


def _kind_between(low: FigureRow, high: FigureRow) -> str | None:
    """What two figures of different speakers that cannot both hold for one stretch of time say.

    The same period: a conflict. A total over a period followed by a larger total on a later
    date: changed over time. A part (a period) below its whole (a total of the same date): no
    flag; a total below a part of it: a conflict. Different rates are never compared.
    """
    if low.period == high.period:
        return "conflict"  # most figures state no period: decided without reading one
    rate = _rate(low)
    if rate != _rate(high):
        return None
    if rate:
        return "conflict"  # "a month" and "per month" are one rate
    low_period, high_period = fold_measure(low.period), fold_measure(high.period)
    if low_period == high_period:
        return "conflict"
    order = _order(low, high)
    if order < 0:
        return "changed over time" if low_period else "conflict"
    if order > 0:
        return None if low_period else "conflict"
    return "conflict" if high_period and not low_period else None


def _order(first: FigureRow, second: FigureRow) -> int:
    """-1 when first was published before second, 1 after, 0 the same day or either undated."""
    if not (first.published and second.published):
        return 0
    a, b = sort_key(first.published), sort_key(second.published)
    return (a > b) - (a < b)


# -- flags -----------------------------------------------------------------------------------


def _scale_errors(rows: list[FigureRow], middles: dict, unit: str) -> list[Flag]:
    """For each figure, the nearest figure 100× or more below it (of the same rate)."""
    if units.dimension(unit) == "temperature":
        return []  # 2 °C and 200 °C are not a dropped zero
    by_rate: dict[str, list[FigureRow]] = defaultdict(list)
    for row in rows:
        middle = middles[row.claim_id]
        if middle and middle > 0:
            by_rate[_rate(row)].append(row)
    flags = []
    for same_rate in by_rate.values():
        positive = sorted(same_rate, key=lambda r: middles[r.claim_id])
        values = [middles[r.claim_id] for r in positive]
        for row, middle in zip(positive, values, strict=True):
            index = bisect_right(values, middle / SCALE_ERROR_RATIO * (1 + 1e-9))
            while index and values[index - 1] * SCALE_ERROR_RATIO > middle:
                index -= 1
            if index:
                flags.append(Flag("likely scale error", positive[index - 1], row, unit=unit))
    return flags


def _scale_words(small: FigureRow, large: FigureRow, _margin: float, unit: str) -> str:
    ratio = units.convert(large.middle, large.unit, unit) / units.convert(small.middle, small.unit, unit)
    return (
        f"{small.who} says {_shown_in(small, unit)} but {large.who} says {_shown_in(large, unit)}, "
        f"about {ratio:,.0f} times more: one of them may have dropped or added a 'thousand' or a zero."
    )


def _conflicts(rows: list[FigureRow], intervals: dict, middles: dict, margin: float, unit: str) -> list[Flag]:
    """For each figure, the nearest figure of another speaker that cannot be true with it."""
    known = [r for r in rows if intervals[r.claim_id] is not None]
    below = _Below(sorted(known, key=lambda r: intervals[r.claim_id].high), intervals)
    flags = []
    for row in known:
        partner = below.nearest_other_speaker(row, intervals[row.claim_id])
        if partner is None or _scale_apart(middles[partner.claim_id], middles[row.claim_id]):
            continue
        kind = _kind_between(partner, row)
        if kind is not None:
            flags.append(Flag(kind, partner, row, margin, unit))
    return flags


class _Below:
    """A group's figures by their intervals' upper ends, to find, for a figure, the nearest
    one of another speaker wholly below it (looking at most _LOOK_DOWN figures down).

    Runs that cannot hold the answer are stepped over whole: one speaker's figures when
    looking for another's, and figures ending exactly where this one begins, both ends
    closed (equal figures: neither is below the other)."""

    def __init__(self, by_high: list[FigureRow], intervals: dict):
        self.rows = by_high
        self.intervals = [intervals[r.claim_id] for r in by_high]
        self.highs = [interval.high for interval in self.intervals]
        self.speakers = [_speaker_key(r) for r in by_high]
        self.speaker_runs = _run_starts([speaker or None for speaker in self.speakers])
        self.closed_runs = _run_starts([None if i.high_open else i.high for i in self.intervals])

    def nearest_other_speaker(self, row: FigureRow, interval: Interval) -> FigureRow | None:
        end = bisect_right(self.highs, interval.low)
        speaker, index, stop = _speaker_key(row), end - 1, max(-1, end - 1 - _LOOK_DOWN)
        while index > stop:
            if speaker and self.speakers[index] == speaker:
                index = self.speaker_runs[index] - 1
            elif self.intervals[index].below(interval):
                return self.rows[index]
            else:  # ends where this begins, both closed: so do the rest of its run
                index = self.closed_runs[index] - 1
        return None


_LOOK_DOWN = 50


def _speaker_key(row: FigureRow) -> str:
    """Two untagged figures may be anyone's: '' never matches as the same speaker."""
    return row.speaker.casefold() if row.speaker else ""


def _run_starts(keys: list) -> list[int]:
    """For each position, where the run of equal keys it is in begins; None (no speaker, an
    open end) is a run of its own."""
    starts, begin = [], 0
    for index, key in enumerate(keys):
        if index == 0 or key is None or key != keys[index - 1]:
            begin = index
        starts.append(begin)
    return starts


def _scale_apart(a: float | None, b: float | None) -> bool:
    small, large = sorted((abs(a or 0), abs(b or 0)))
    return small > 0 and large / small >= SCALE_ERROR_RATIO


def _conflict_words(low: FigureRow, high: FigureRow, margin: float, unit: str) -> str:
    low_words = _interval_words(low, margin, unit)
    high_words = _interval_words(high, margin, unit)
    return (
        f"{low.who} says {_shown_in(low, unit)} ({low_words}) but {high.who} says "
        f"{_shown_in(high, unit)} ({high_words}): both cannot be true."
    )


def _interval_words(row: FigureRow, margin: float, unit: str) -> str:
    words = _interval_in(row, unit, margin).words()
    shown = units.shown(unit)
    return f"{words} {shown}" if shown else words


def _shown_in(row: FigureRow, unit: str) -> str:
    """The figure as quoted (its unit added when typed without one), the group's unit beside a conversion."""
    shown = row.shown if row.figure_text else " ".join(filter(None, (row.shown, units.shown(row.unit))))
    if not units.converts(row.unit, unit):
        return shown
    return f"{shown} (about {_number(_rounded(units.convert(row.middle, row.unit, unit)))} {unit})"


def _changes(rows: list[FigureRow], intervals: dict, unit: str) -> list[Flag]:
    """The same speaker's figure moving from one date to a later one (at the same rate)."""
    by_speaker: dict[str, list[FigureRow]] = defaultdict(list)
    for row in rows:
        if row.speaker:
            by_speaker[row.speaker.casefold()].append(row)
    flags = []
    for said in by_speaker.values():
        for before, after in zip(said, said[1:], strict=False):
            moved = intervals[before.claim_id] != intervals[after.claim_id]
            dated = before.published and after.published  # an undated article has no place in time
            if moved and dated and _order(before, after) and _rate(before) == _rate(after):
                flags.append(Flag("changed over time", before, after, unit=unit))
    return flags


def _change_words(before: FigureRow, after: FigureRow, _margin: float, unit: str) -> str:
    first, second = (
        units.convert(before.middle or 0, before.unit, unit),
        units.convert(after.middle or 0, after.unit, unit),
    )
    direction = "up" if second > first else "down"
    change = f", {direction} {abs(second - first) / abs(first):.0%}" if first else ""
    earlier = f"{before.who} said" if before.who != after.who else f"{after.who} said"
    later = "" if before.who == after.who else f"{after.who} said "
    return (
        f"{earlier} {_with_period(before, unit)} on {before.published or 'an undated article'} and "
        f"{later}{_with_period(after, unit)} on {after.published or 'an undated article'}{change}."
    )


def _with_period(row: FigureRow, unit: str) -> str:
    return f"{_shown_in(row, unit)} {row.period}" if row.period else _shown_in(row, unit)


_EXPLAIN = {
    "conflict": _conflict_words,
    "likely scale error": _scale_words,
    "changed over time": _change_words,
    "conversion does not match": _conversion_words,
}


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
