"""Dragging a grip past the top or bottom of the text scrolls it, as text editors do, and the
dragged end follows the text that comes into view; the scrolling stops back inside or on release."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.ui.annotate.drag_scroll import EDGE_MARGIN, scroll_step
from tests.ui.conftest import USER, add_article, saved_claims
from tests.ui.test_review_ui import shot

PARAGRAPHS = [f"Pier {n}: the harbour office counted {n * 10} boats tied up overnight." for n in range(1, 81)]
TEXT = "\n\n".join(PARAGRAPHS)
LEFT = Qt.MouseButton.LeftButton


def _window(make_window, project, quote: str):
    article = add_article(project, TEXT, title="Harbour log")
    start = TEXT.index(quote)
    claim = project.claims.create(article, start, start + len(quote), by=USER)
    window = make_window(project)
    window.resize(1280, 760)
    window.open_article(article, claim.id)
    return window


def _grip(window, edge: str) -> QPoint:
    grip = next(g for g in window.view.handles.grips() if g.edge == edge)
    return QPoint(round(grip.x), round((grip.top + grip.bottom) / 2))


def _hold_at(window, to: QPoint) -> None:
    """A move with the button held, as Qt sends it (QTest's mouseMove carries no buttons)."""
    viewport = window.view.viewport()
    where, screen = QPointF(to), QPointF(viewport.mapToGlobal(to))
    move = QMouseEvent(
        QEvent.Type.MouseMove, where, screen, Qt.MouseButton.NoButton, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, move)


def _visible(window, offset: int) -> bool:
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.positions.to_qt(offset))
    return window.view.viewport().rect().contains(window.view.cursorRect(cursor).center())


def test_dragging_the_end_below_the_text_scrolls_down_and_the_end_follows(
    qtbot, make_window, file_project, project_path
):
    window = _window(make_window, file_project, "10 boats")
    view, bar = window.view, window.view.verticalScrollBar()
    assert bar.value() == 0 and not _visible(window, TEXT.index("Pier 40:"))
    qtbot.mousePress(view.viewport(), LEFT, pos=_grip(window, "end"))
    below = QPoint(_grip(window, "end").x(), view.viewport().height() + 40)
    _hold_at(window, below)
    assert view.drag_scroll.timer.isActive()
    qtbot.waitUntil(lambda: _visible(window, TEXT.index("Pier 40:")), timeout=5000)
    shot(window, "drag-autoscroll-down")
    qtbot.mouseRelease(view.viewport(), LEFT, pos=below)
    assert not view.drag_scroll.timer.isActive()
    moved = window.current_claim()
    assert moved.quote.startswith("10 boats") and "Pier 40:" in moved.quote
    assert _visible(window, moved.end)  # the end landed on the line at the edge, in view
    assert [c.quote for c in saved_claims(project_path)] == [moved.quote]


def test_dragging_the_start_above_the_text_scrolls_up(qtbot, make_window, file_project):
    window = _window(make_window, file_project, "800 boats")
    view, bar = window.view, window.view.verticalScrollBar()
    scrolled = bar.value()
    assert scrolled > 0 and not _visible(window, TEXT.index("Pier 60:"))
    qtbot.mousePress(view.viewport(), LEFT, pos=_grip(window, "start"))
    above = QPoint(_grip(window, "start").x(), -30)
    _hold_at(window, above)
    qtbot.waitUntil(lambda: _visible(window, TEXT.index("Pier 60:")), timeout=5000)
    qtbot.mouseRelease(view.viewport(), LEFT, pos=above)
    moved = window.current_claim()
    assert bar.value() < scrolled and moved.quote.endswith("800 boats") and "Pier 70:" in moved.quote


def test_back_inside_the_text_the_scrolling_stops(qtbot, make_window, file_project):
    window = _window(make_window, file_project, "10 boats")
    view = window.view
    qtbot.mousePress(view.viewport(), LEFT, pos=_grip(window, "end"))
    _hold_at(window, QPoint(200, view.viewport().height() + 40))
    assert view.drag_scroll.timer.isActive()
    _hold_at(window, QPoint(200, view.viewport().height() // 2))
    assert not view.drag_scroll.timer.isActive()
    qtbot.mouseRelease(view.viewport(), LEFT, pos=QPoint(200, view.viewport().height() // 2))


def test_a_plain_text_selection_starts_no_grip_scrolling(qtbot, make_window, file_project):
    window = _window(make_window, file_project, "10 boats")
    view = window.view
    qtbot.mousePress(view.viewport(), LEFT, pos=QPoint(200, 40))
    _hold_at(window, QPoint(200, view.viewport().height() + 40))
    assert not view.drag_scroll.timer.isActive()  # Qt's own selection scrolling does that
    qtbot.mouseRelease(view.viewport(), LEFT, pos=QPoint(200, 40))


@pytest.mark.parametrize(
    ("y", "direction"),
    [
        (300, None),
        (EDGE_MARGIN + 1, None),
        (EDGE_MARGIN - 1, -1),
        (-50, -1),
        (599 - EDGE_MARGIN + 1, 1),
        (700, 1),
    ],
)
def test_the_pointer_scrolls_only_at_or_past_an_edge(y, direction):
    step = scroll_step(y, 600)
    assert (step[0] if step else None) == direction


def test_further_past_the_edge_scrolls_faster():
    near, far = scroll_step(610, 600), scroll_step(660, 600)
    assert far[1] < near[1]
