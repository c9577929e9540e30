"""Finding a figure's nearest partner wholly below it, by speaker, steps over runs that cannot
hold it (one speaker's figures, equal figures); it must find exactly what a plain look finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.figures.compare import _LOOK_DOWN, FigureRow, Interval, _Below


def row(n: int, speaker: str) -> FigureRow:
    return FigureRow(f"c{n}", "a", "e", "killed", speaker, "", "", "", None, None, None, "")


def plainly(by_high, intervals, target, interval):
    """The definition: looking down from the last figure ending at or below where `target`
    begins, at most _LOOK_DOWN figures, the first of another speaker (untagged figures may
    be anyone's) wholly below it."""
    highs = [intervals[r.claim_id].high for r in by_high]
    end = sum(1 for high in highs if high <= interval.low)
    for index in range(end - 1, max(-1, end - 1 - _LOOK_DOWN), -1):
        other = by_high[index]
        same = other.speaker and target.speaker and other.speaker.casefold() == target.speaker.casefold()
        if not same and intervals[other.claim_id].below(interval):
            return other
    return None


figures = st.lists(
    st.tuples(
        st.sampled_from(["", "Ministry", "ministry", "NIA", "Agency"]),
        st.integers(0, 6),  # few values: many equal figures
        st.integers(0, 2),  # width
        st.booleans(),
        st.booleans(),
    ),
    min_size=1,
    max_size=160,
)


@settings(max_examples=300, deadline=None)
@given(figures)
def test_the_nearest_partner_below_is_what_a_plain_look_finds(items):
    rows = [row(n, speaker) for n, (speaker, *_rest) in enumerate(items)]
    intervals = {
        r.claim_id: Interval(float(low), float(low + width), low_open, high_open)
        for r, (_s, low, width, low_open, high_open) in zip(rows, items, strict=True)
    }
    by_high = sorted(rows, key=lambda r: intervals[r.claim_id].high)
    below = _Below(by_high, intervals)
    for target in rows:
        interval = intervals[target.claim_id]
        assert below.nearest_other_speaker(target, interval) == plainly(by_high, intervals, target, interval)


def test_a_long_run_of_one_speaker_is_stepped_over_to_another():
    rows = [row(n, "Ministry") for n in range(30)] + [row(99, "NIA")]
    intervals = {r.claim_id: Interval(5.0, 5.0) for r in rows}
    intervals["c99"] = Interval(1.0, 1.0)
    by_high = sorted(rows, key=lambda r: intervals[r.claim_id].high)
    target = row(200, "ministry")
    assert _Below(by_high, intervals).nearest_other_speaker(target, Interval(9.0, 9.0)).claim_id == "c99"
