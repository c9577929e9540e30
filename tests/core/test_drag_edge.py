"""Dragging a claim's edge with the mouse: the dragged edge snaps as a mouse selection does,
the other one stays, and a span is never emptied."""

from __future__ import annotations

import pytest

from annotator.core.selection import drag_edge

TEXT = "Officials said 1,000 troops had been killed, and “about 300” more 😀 wounded."


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def _quote(span) -> str:
    return TEXT[span[0] : span[1]]


@pytest.mark.parametrize(
    ("edge", "dropped_in", "exact", "expected"),
    [
        ("end", "kil", False, "1,000 troops had been killed"),  # inside a word: to its end
        ("end", "killed,", False, "1,000 troops had been killed"),  # the comma is dropped
        ("end", "kil", True, "1,000 troops had been ki"),  # Alt: the character it was dropped on
        ("end", "1,0", False, "1,000"),  # shorter: back to a word's end
        ("start", "aid", False, "said 1,000 troops"),  # inside a word: to its start
        ("start", "Officials", False, "Officials said 1,000 troops"),
        ("start", "ops", False, "troops"),
    ],
)
def test_the_dragged_edge_snaps_like_a_mouse_selection(edge, dropped_in, exact, expected):
    start, end = _span("1,000 troops")
    to = TEXT.index(dropped_in) + len(dropped_in) - 1
    assert _quote(drag_edge(TEXT, start, end, edge=edge, to=to, exact=exact)) == expected


def test_dragging_the_end_past_the_start_keeps_one_word():
    start, end = _span("1,000 troops")
    assert _quote(drag_edge(TEXT, start, end, edge="end", to=0)) == "1,000"


def test_dragging_the_start_past_the_end_keeps_the_last_word():
    start, end = _span("1,000 troops")
    assert _quote(drag_edge(TEXT, start, end, edge="start", to=len(TEXT))) == "troops"


def test_exact_drags_never_empty_the_span_or_split_an_emoji():
    start, end = _span("more 😀")
    moved = drag_edge(TEXT, start, end, edge="start", to=len(TEXT), exact=True)
    assert _quote(moved) == "😀"


def test_an_edge_dragged_off_the_text_stays_in_it():
    start, end = _span("wounded")
    assert drag_edge(TEXT, start, end, edge="end", to=10**6) == (start, end)
    assert _quote(drag_edge(TEXT, start, end, edge="start", to=-5)) == TEXT[: end]


def test_a_quote_keeps_its_own_closing_mark():
    start, end = _span("about 300")
    assert _quote(drag_edge(TEXT, start - 1, end, edge="end", to=end + 1)) == "“about 300”"


def test_an_unknown_edge_is_refused():
    with pytest.raises(ValueError, match="edge"):
        drag_edge(TEXT, 0, 5, edge="middle", to=3)
