"""Moving the selected claim's edges from the keyboard: whole characters, undoable, reviewed again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import USER, add_article, saved_claims

TEXT = "Officials 👨‍👩‍👧 said 🇺🇦 1,000 troops 😀 had been killed."
SHIFT, ALT = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(make_window, file_project):
    article = add_article(file_project, TEXT, title="Spans")
    start = TEXT.index("1,000")
    claim = file_project.claims.create(article, start, start + len("1,000 troops"), by=USER)
    built = make_window(file_project)
    built.open_article(article, claim.id)
    built.view.setFocus()
    return built


def _claim(window):
    return window.current_claim()


def _press(qtbot, window, key, modifiers, times=1):
    for _ in range(times):
        qtbot.keyClick(window.view, key, modifiers)


def test_alt_shift_right_moves_the_end_over_an_emoji_keeping_the_claim(qtbot, window, project_path):
    claim = _claim(window)
    _press(qtbot, window, Qt.Key.Key_Right, ALT | SHIFT, 2)
    moved = _claim(window)
    assert moved.id == claim.id
    assert moved.quote == "1,000 troops 😀"
    assert [c.quote for c in saved_claims(project_path)] == ["1,000 troops 😀"]
    highlighted = window.view.shown_claims()[0]
    assert (highlighted.start, highlighted.end) == (moved.start, moved.end)


def test_ctrl_alt_shift_left_moves_the_start_over_a_flag_and_a_family(qtbot, window):
    _press(qtbot, window, Qt.Key.Key_Left, CTRL | ALT | SHIFT, 2)
    assert _claim(window).quote == "🇺🇦 1,000 troops"
    _press(qtbot, window, Qt.Key.Key_Left, CTRL | ALT | SHIFT, 7)
    assert _claim(window).quote == "👨‍👩‍👧 said 🇺🇦 1,000 troops"


def test_undo_puts_the_span_back(qtbot, window):
    claim = _claim(window)
    _press(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT, 3)
    assert _claim(window).quote == "1,000 tro"
    for _ in range(3):
        window.actions_by_name["undo"].trigger()
    assert _claim(window).quote == claim.quote


def test_the_frame_drawn_around_the_claim_follows_the_new_span_in_qt_positions(qtbot, window):
    _press(qtbot, window, Qt.Key.Key_Right, ALT | SHIFT, 2)
    claim = _claim(window)
    index = window.view.highlighter.index
    block = window.view.positions.block_of(claim.start)
    (start, length, _fmt), *_ = index.segments[block]
    # Qt positions: the family emoji and the flag take more UTF-16 units than code points.
    assert TEXT.encode("utf-16-le")[start * 2 : (start + length) * 2].decode("utf-16-le") == claim.quote


def test_an_accepted_claim_moved_is_back_in_the_review_queue(qtbot, window):
    project, claim = window.project, _claim(window)
    project.reviews.submit([claim.id], by=USER)
    project.reviews.accept(claim.id, by="ben")
    window.annotation.reload_article()
    window.select_claim(claim.id)
    window.view.setFocus()
    _press(qtbot, window, Qt.Key.Key_Right, ALT | SHIFT)
    assert _claim(window).status == "submitted"
    assert claim.id in project.reviews.queue_ids(reviewer="ben")


def test_with_text_selected_alt_shift_arrows_still_select_exact_characters(qtbot, window):
    claim = _claim(window)
    window.view.select_span(0, 3)
    _press(qtbot, window, Qt.Key.Key_Right, ALT | SHIFT)
    assert window.view.selected_span() == (0, 4)
    assert _claim(window).quote == claim.quote
