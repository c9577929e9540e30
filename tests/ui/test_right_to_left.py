"""Right-to-left paragraphs run from the right edge; highlights stay on their characters."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from tests.ui.conftest import add_article

PARAGRAPHS = [
    ("left-to-right", "Officials said about 300 people left the city on Friday."),
    ("Hebrew", "המשטרה אמרה כי 42 בני אדם נפגעו בתאונה."),
    ("Arabic", "قال المتحدث إن نحو 300 شخص غادروا المدينة يوم الجمعة."),
    ("Persian", "سخنگوی شهرداری گفت حدود ۲۰۰ خانه آسیب دیدند."),
    ("Hebrew after a number", "42 בני אדם נפגעו."),  # the first letter, not the digits, decides
    ("English quoting Hebrew", "The sign read שלום and nothing more."),
]
RIGHT_TO_LEFT = {"Hebrew", "Arabic", "Persian", "Hebrew after a number"}
TEXT = "\n".join(paragraph for _, paragraph in PARAGRAPHS)


@pytest.fixture
def view(make_window, project):
    window = make_window(project)
    window.resize(1400, 800)
    window.open_article(add_article(project, TEXT, title="Scripts"))
    return window.view


@pytest.mark.parametrize(("number", "name"), list(enumerate(name for name, _ in PARAGRAPHS)))
def test_each_paragraph_starts_at_the_edge_its_direction_reads_from(view, number, name):
    line = view.document().findBlockByNumber(number).layout().lineAt(0)
    ink, box = line.naturalTextRect(), (line.x(), line.x() + line.width())
    assert ink.width() < line.width() - 50  # a short line: not stretched to the full width
    if name in RIGHT_TO_LEFT:
        assert ink.right() == pytest.approx(box[1], abs=1)
    else:
        assert ink.left() == pytest.approx(box[0], abs=1)


@pytest.mark.parametrize(
    ("sentence", "right_to_left"),
    [("قال المتحدث إن نحو 300 شخص غادروا المدينة.", True), ("Officials said 300 people left.", False)],
    ids=["Arabic", "English"],
)
def test_every_line_of_a_wrapped_paragraph_keeps_its_edge_and_is_not_justified(
    make_window, project, sentence, right_to_left
):
    window = make_window(project)
    window.open_article(add_article(project, " ".join([sentence] * 12), title="Long"))
    layout = window.view.document().firstBlock().layout()
    assert layout.lineCount() > 2
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        ink = line.naturalTextRect()
        assert ink.width() == pytest.approx(line.naturalTextWidth())  # word spacing left alone
        if right_to_left:
            assert ink.right() == pytest.approx(line.x() + line.width(), abs=1)
        else:
            assert ink.left() == pytest.approx(line.x(), abs=1)


@pytest.mark.parametrize(
    "quote",
    ["בני אדם נפגעו", "42 בני אדם", "نحو 300 شخص", "غادروا المدينة", "حدود ۲۰۰ خانه", "שלום"],
)
def test_a_highlight_covers_exactly_its_quote_on_screen(view, project, quote):
    start = TEXT.index(quote)
    claim = project.claims.create(view.window().current_article.id, start, start + len(quote), by="tester")
    plain = _shot(view, [])
    marked = _shot(view, [claim])
    left, right, top, bottom = _changed_box(plain, marked)
    expected_left, expected_right, line_top, line_bottom = _quote_box(view, start, start + len(quote))
    brackets = 5  # the bracket marks at both ends reach a few pixels out
    assert expected_left - brackets <= left <= expected_left + 1
    assert expected_right - 1 <= right <= expected_right + brackets
    assert line_top - 1 <= top and bottom <= line_bottom + 1


def _shot(view, claims) -> QImage:
    view.update_claims(claims, lambda claim: "#1f77b4")
    return view.viewport().grab().toImage()


def _changed_box(before: QImage, after: QImage) -> tuple[int, int, int, int]:
    xs, ys = [], []
    for y in range(before.height()):
        for x in range(before.width()):
            if before.pixel(x, y) != after.pixel(x, y):
                xs.append(x)
                ys.append(y)
    assert xs, "the highlight changed nothing on screen"
    return min(xs), max(xs), min(ys), max(ys)


def _quote_box(view, start: int, end: int) -> tuple[float, float, float, float]:
    """Where the quote's characters are drawn, from the layout (viewport coordinates)."""
    positions = view.positions
    block = view.document().findBlock(positions.to_qt(start))
    geometry = view.blockBoundingGeometry(block).translated(view.contentOffset())
    line = block.layout().lineForTextPosition(positions.to_qt(start) - block.position())
    xs = [line.cursorToX(positions.to_qt(offset) - block.position())[0] for offset in range(start, end + 1)]
    top = geometry.top() + line.y()
    return geometry.left() + min(xs), geometry.left() + max(xs), top, top + line.height()
