"""Dragging the selected claim's ends with the mouse (issue 14): grips at both ends, the
dragged end snapping to a word as a mouse selection does, one undoable move on release."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from tests.ui.conftest import USER, add_article, saved_claims
from tests.ui.test_review_ui import shot

TEXT = "Western officials said 1,000 troops had been killed, while about 300 were wounded."
LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(make_window, file_project):
    article = add_article(file_project, TEXT, title="Grips")
    start = TEXT.index("1,000")
    claim = file_project.claims.create(article, start, start + len("1,000 troops"), by=USER)
    built = make_window(file_project)
    built.resize(1280, 760)
    built.open_article(article, claim.id)
    return built


def _grip(window, edge: str) -> QPoint:
    grip = next(g for g in window.view.handles.grips() if g.edge == edge)
    return QPoint(round(grip.x), round((grip.top + grip.bottom) / 2))


def _point_in(window, quote: str, *, chars_in: int) -> QPoint:
    """The viewport point inside `quote` of the text, `chars_in` characters after its start."""
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.positions.to_qt(TEXT.index(quote) + chars_in))
    rect = window.view.cursorRect(cursor)
    return QPoint(rect.center().x() + 2, rect.center().y())


def _drag(qtbot, window, edge: str, to: QPoint, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = window.view.viewport()
    qtbot.mousePress(viewport, LEFT, modifiers, _grip(window, edge))
    # QTest's mouseMove carries no buttons or modifiers: a move with the button held, as Qt sends it.
    where, screen = QPointF(to), QPointF(viewport.mapToGlobal(to))
    move = QMouseEvent(QEvent.Type.MouseMove, where, screen, Qt.MouseButton.NoButton, LEFT, modifiers)
    QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, LEFT, modifiers, to)


def test_the_selected_claim_has_a_grip_at_each_end(window):
    edges = [grip.edge for grip in window.view.handles.grips()]
    assert edges == ["start", "end"]
    shot(window.view, "drag-grips")


def test_dragging_the_end_into_a_word_takes_the_whole_word_without_its_comma(qtbot, window, project_path):
    claim = window.current_claim()
    _drag(qtbot, window, "end", _point_in(window, "killed,", chars_in=2))
    moved = window.current_claim()
    assert moved.id == claim.id and moved.quote == "1,000 troops had been killed"
    assert [c.quote for c in saved_claims(project_path)] == ["1,000 troops had been killed"]
    assert window.view.textCursor().hasSelection() is False  # the drag selected nothing
    assert window.actions_by_name["undo"].text().startswith("&Undo Move the span")
    shot(window.view, "drag-end-moved")


def test_dragging_the_start_snaps_to_a_words_start(qtbot, window):
    _drag(qtbot, window, "start", _point_in(window, "officials", chars_in=4))
    assert window.current_claim().quote == "officials said 1,000 troops"


def test_alt_drag_keeps_exact_characters(qtbot, window):
    _drag(qtbot, window, "end", _point_in(window, "killed", chars_in=2), ALT)
    assert window.current_claim().quote == "1,000 troops had been ki"  # dropped between i and l


def test_one_drag_is_one_undo_step(qtbot, window):
    claim = window.current_claim()
    _drag(qtbot, window, "end", _point_in(window, "wounded", chars_in=3))
    assert window.current_claim().quote == "1,000 troops had been killed, while about 300 were wounded"
    window.actions_by_name["undo"].trigger()
    assert window.current_claim().quote == claim.quote


def test_a_press_off_the_grips_selects_text_as_before(qtbot, window):
    viewport = window.view.viewport()
    start, end = _point_in(window, "while", chars_in=1), _point_in(window, "about", chars_in=2)
    qtbot.mousePress(viewport, LEFT, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, LEFT, pos=end)
    assert window.view.handles.dragging is None
    assert window.current_claim().quote == "1,000 troops"


def test_a_colleagues_claim_has_no_grips(make_window, file_project):
    article = add_article(file_project, TEXT, title="Grips")
    start = TEXT.index("about 300")
    claim = file_project.claims.create(article, start, start + 9, by="ben", status="submitted")
    window = make_window(file_project)
    window.open_article(article, claim.id)
    assert window.view.handles.grips() == []


def test_hovering_a_grip_says_what_dragging_it_does(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QToolTip, "showText", staticmethod(lambda _where, text, *_rest: shown.append(text)))
    where = window.view.viewport().mapTo(window.view, _grip(window, "end"))
    hover = QHelpEvent(QEvent.Type.ToolTip, where, window.view.mapToGlobal(where))
    QApplication.sendEvent(window.view, hover)
    assert shown and "Drag to move the claim's end" in shown[0]
