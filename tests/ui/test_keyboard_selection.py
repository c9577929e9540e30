"""Keyboard selections snap to whole words like mouse ones: exact steps, whole words on Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import add_article, saved_claims

TEXT = "The agency said about 4,200 residents left on Friday."
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def view(make_window, file_project):
    article_id = add_article(file_project, TEXT, title="Snap")
    window = make_window(file_project)
    window.open_article(article_id)
    window.view.setFocus()
    return window.view


def _put_cursor(view, offset: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(offset)
    view.setTextCursor(cursor)


def _press(qtbot, view, key, modifiers, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(view, key, modifiers)


def _selected(view) -> str:
    span = view.selected_span()
    return TEXT[span[0] : span[1]] if span else ""


def _preview(view) -> str:
    """The text the pale snap preview covers, as drawn (an extra selection)."""
    selections = view.extraSelections()  # kept alive while their cursors are read
    drawn = [
        s.cursor.selectedText()
        for s in selections
        if s.format.background().color().alpha() < 255 and s.cursor.hasSelection()
    ]
    assert len(drawn) <= 1
    return drawn[0] if drawn else ""


def test_shift_arrows_select_exact_characters_and_show_the_words_they_will_snap_to(qtbot, view):
    _put_cursor(view, TEXT.index("bout"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT, len("bout 4,2"))
    assert _selected(view) == "bout 4,2"  # growing by exact steps, Shift let go between them
    assert _preview(view) == "about 4,200"


def test_enter_creates_the_claim_on_the_whole_words(qtbot, view, project_path):
    _put_cursor(view, TEXT.index("bout"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT, len("bout 4,2"))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    [claim] = saved_claims(project_path)
    assert (claim.start, claim.end, claim.quote) == (
        TEXT.index("about"),
        TEXT.index(" residents"),
        "about 4,200",
    )
    assert _preview(view) == ""


def test_alt_shift_arrows_keep_exact_characters(qtbot, view, project_path):
    _put_cursor(view, TEXT.index("bout"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT | ALT, len("bout 4,2"))
    assert _selected(view) == "bout 4,2"
    assert _preview(view) == ""
    qtbot.keyClick(view, Qt.Key.Key_Return)
    [claim] = saved_claims(project_path)
    assert claim.quote == "bout 4,2"


def test_the_last_step_decides_between_words_and_exact_characters(qtbot, view, project_path):
    _put_cursor(view, TEXT.index("bout"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT | ALT, len("bout 4,"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT, 1)
    assert _preview(view) == "about 4,200"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert [c.quote for c in saved_claims(project_path)] == ["about 4,200"]


@pytest.mark.parametrize(
    ("start", "steps", "stepped", "claimed"),
    [
        ("said", 1, "said ", "said"),  # Qt's word step takes the space after the word
        ("about", 2, "about 4", "about 4,200"),  # and stops at the comma inside a number
    ],
)
def test_word_steps_snap_to_whole_words_on_enter(qtbot, view, project_path, start, steps, stepped, claimed):
    _put_cursor(view, TEXT.index(start))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT | CTRL, steps)
    assert _selected(view) == stepped
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert [c.quote for c in saved_claims(project_path)] == [claimed]


def test_a_backward_selection_snaps_to_words_on_enter(qtbot, view, project_path):
    _put_cursor(view, TEXT.index(" residents"))
    _press(qtbot, view, Qt.Key.Key_Left, SHIFT, len("ut 4,200"))
    _press(qtbot, view, Qt.Key.Key_Left, SHIFT | CTRL, 1)
    assert _selected(view) == "about 4,200"
    _press(qtbot, view, Qt.Key.Key_Left, SHIFT, 2)
    assert _preview(view) == "said about 4,200"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert [c.quote for c in saved_claims(project_path)] == ["said about 4,200"]


def test_moving_without_shift_drops_the_preview(qtbot, view):
    _put_cursor(view, TEXT.index("bout"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT, 3)
    assert _preview(view) == "about"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert (_selected(view), _preview(view)) == ("", "")


def test_a_selection_set_by_the_program_is_taken_as_it_is(qtbot, view, project_path):
    _put_cursor(view, TEXT.index("bout"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT, 3)
    view.setTextCursor(view.document().find("bout 4,2"))
    assert _preview(view) == ""
    qtbot.keyClick(view, Qt.Key.Key_Return)
    [claim] = saved_claims(project_path)
    assert claim.quote == "bout 4,2"


def test_the_edit_menu_action_snaps_a_keyboard_selection_too(qtbot, view, project_path):
    _put_cursor(view, TEXT.index("bout"))
    _press(qtbot, view, Qt.Key.Key_Right, SHIFT, len("bout 4,2"))
    view.window().actions_by_name["create_claim"].trigger()
    [claim] = saved_claims(project_path)
    assert claim.quote == "about 4,200"


def test_help_lists_keyboard_snapping_and_the_exact_variant(view):
    rows = {(menu, keys): action for menu, action, keys in view.window().shortcut_rows()}
    assert "whole words" in rows[("Text", "Shift+Arrows, Ctrl+Shift+Arrows")]
    assert "exact characters" in rows[("Text", "Alt+Shift+Arrows")]
