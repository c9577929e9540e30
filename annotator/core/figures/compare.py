"""Comparing figures: every claimed figure for one measure of one event, side by side, flagged.

Each figure is read as an interval: an exact figure is a point, "about" is ±10 % (or the
project's margin), a range is itself, "at least"/"more than" are open upwards and "at
most"/"less than" downwards. Flags, each with its explanation in words:

- conflict: two speakers' figures whose intervals cannot both be true;
- likely scale error: two figures 100 times or more apart (a dropped "thousand");
- changed over time: the same speaker gives a different figure on a later date.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.dates import sort_key

DEFAULT_APPROXIMATE_MARGIN = 0.10
SCALE_ERROR_RATIO = 100
FLAG_KINDS = ("conflict", "likely scale error", "changed over time")
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

    @property
    def claim_ids(self) -> tuple[str, str]:
        return self.first.claim_id, self.second.claim_id

    @property
    def explanation(self) -> str:
        """Written when asked for: a comparison of 100,000 figures need not word every flag."""
        return _EXPLAIN[self.kind](self.first, self.second, self.margin)


@dataclass(frozen=True, slots=True)
class MeasureGroup:
    """All figures for one measure within one event, oldest first, with their flags."""

    event: str
    measure: str
    rows: tuple[FigureRow, ...]
    flags: tuple[Flag, ...]

    def flags_for(self, claim_id: str) -> list[Flag]:
        return [flag for flag in self.flags if claim_id in flag.claim_ids]


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
        return Interval(value - spread, value + spread)
    if qualifier in ("at least", "more than"):
        return Interval(value, math.inf, low_open=qualifier == "more than")
    if qualifier in ("at most", "less than"):
        return Interval(-math.inf, value, high_open=qualifier == "less than")
    return Interval(value, value)


def compare_figures(
    rows: Iterable[FigureRow], *, margin: float = DEFAULT_APPROXIMATE_MARGIN
) -> list[MeasureGroup]:
    """Group figures by event and folded measure, and flag each group."""
    groups: dict[tuple[str, str], list[FigureRow]] = defaultdict(list)
    for row in one_per_source(rows):
        if row.middle is not None:
            groups[(row.event, fold_measure(row.measure))].append(row)
    ordered = sorted(groups.items(), key=lambda item: (item[0][0].casefold(), item[0][1]))
    return [_group(event, members, margin) for (event, _), members in ordered]


def one_per_source(rows: Iterable[FigureRow]) -> list[FigureRow]:
    """The first row of each source: one figure tagged by two annotators is counted once."""
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        if row.source not in seen:
            seen.add(row.source)
            kept.append(row)
    return kept


def _group(event: str, members: list[FigureRow], margin: float) -> MeasureGroup:
    members.sort(key=lambda r: (sort_key(r.published), r.who.casefold(), r.claim_id))
    counts = Counter(" ".join(r.measure.split()) for r in members)
    shown = min(counts, key=lambda m: (-counts[m], m != m.lower(), m))
    intervals = {r.claim_id: interval_of(r, margin=margin) for r in members}
    flags = _scale_errors(members) + _conflicts(members, intervals, margin) + _changes(members, intervals)
    return MeasureGroup(event, shown, tuple(members), tuple(flags))


# -- flags -----------------------------------------------------------------------------------


def _scale_errors(rows: list[FigureRow]) -> list[Flag]:
    """For each figure, the nearest figure 100× or more below it."""
    positive = sorted((r for r in rows if r.middle and r.middle > 0), key=lambda r: r.middle)
    values = [r.middle for r in positive]
    flags = []
    for row in positive:
        index = bisect_right(values, row.middle / SCALE_ERROR_RATIO * (1 + 1e-9))
        while index and positive[index - 1].middle * SCALE_ERROR_RATIO > row.middle:
            index -= 1
        if index:
            flags.append(Flag("likely scale error", positive[index - 1], row))
    return flags


def _scale_words(small: FigureRow, large: FigureRow, _margin: float) -> str:
    ratio = large.middle / small.middle
    return (
        f"{small.who} says {small.shown} but {large.who} says {large.shown}, about {ratio:,.0f} times "
        f"more: one of them may have dropped or added a 'thousand' or a zero."
    )


def _conflicts(rows: list[FigureRow], intervals: dict, margin: float) -> list[Flag]:
    """For each figure, the nearest figure of another speaker that cannot be true with it."""
    known = [r for r in rows if intervals[r.claim_id] is not None]
    by_high = sorted(known, key=lambda r: intervals[r.claim_id].high)
    highs = [intervals[r.claim_id].high for r in by_high]
    flags = []
    for row in known:
        interval = intervals[row.claim_id]
        end = bisect_right(highs, interval.low)
        partner = _nearest_other_speaker(by_high, end, row, intervals)
        if partner is not None and not _scale_apart(partner, row):
            flags.append(Flag("conflict", partner, row, margin))
    return flags


def _nearest_other_speaker(by_high: list[FigureRow], end: int, row: FigureRow, intervals: dict):
    """Looking down from by_high[end - 1]: the first figure of another speaker wholly below row."""
    interval = intervals[row.claim_id]
    for index in range(end - 1, max(-1, end - 51), -1):
        other = by_high[index]
        if _other_speaker(other, row) and intervals[other.claim_id].below(interval):
            return other
    return None


def _other_speaker(a: FigureRow, b: FigureRow) -> bool:
    """Two untagged figures may be anyone's: they are not assumed to share a speaker."""
    return not (a.speaker and b.speaker) or a.speaker.casefold() != b.speaker.casefold()


def _scale_apart(a: FigureRow, b: FigureRow) -> bool:
    small, large = sorted((abs(a.middle or 0), abs(b.middle or 0)))
    return small > 0 and large / small >= SCALE_ERROR_RATIO


def _conflict_words(low: FigureRow, high: FigureRow, margin: float) -> str:
    low_words = interval_of(low, margin=margin).words()
    high_words = interval_of(high, margin=margin).words()
    return (
        f"{low.who} says {low.shown} ({low_words}) but {high.who} says "
        f"{high.shown} ({high_words}): both cannot be true."
    )


def _changes(rows: list[FigureRow], intervals: dict) -> list[Flag]:
    """The same speaker's figure moving from one date to a later one."""
    by_speaker: dict[str, list[FigureRow]] = defaultdict(list)
    for row in rows:
        if row.speaker:
            by_speaker[row.speaker.casefold()].append(row)
    flags = []
    for said in by_speaker.values():
        for before, after in zip(said, said[1:], strict=False):
            moved = intervals[before.claim_id] != intervals[after.claim_id]
            dated = before.published and after.published  # an undated article has no place in time
            if moved and dated and sort_key(before.published) != sort_key(after.published):
                flags.append(Flag("changed over time", before, after))
    return flags


def _change_words(before: FigureRow, after: FigureRow, _margin: float) -> str:
    direction = "up" if (after.middle or 0) > (before.middle or 0) else "down"
    change = ""
    if before.middle:
        change = f", {direction} {abs((after.middle or 0) - before.middle) / abs(before.middle):.0%}"
    return (
        f"{after.who} said {before.shown} on {before.published or 'an undated article'} and "
        f"{after.shown} on {after.published or 'an undated article'}{change}."
    )


_EXPLAIN = {
    "conflict": _conflict_words,
    "likely scale error": _scale_words,
    "changed over time": _change_words,
}


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
