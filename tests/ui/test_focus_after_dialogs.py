"""Where the keyboard is after the analyst adds a speaker or closes a dialog (issue 14): back
where they were, with the window's shortcuts working without a click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.ui.conftest import add_article

TEXT = "Mayor Tessa Grann said about 300 homes were flooded, and 40 more on Friday."
QUOTE = "about 300 homes"
NEW = "Mayor Tessa Grann"


@pytest.fixture
def window(make_window, project):
    return open_floods(make_window, project)


def open_floods(make_window, project):
    """A window on two articles, the first open with one new claim selected."""
    article_id = add_article(project, TEXT, title="Floods")
    add_article(project, "A second article about 12 boats.", title="Boats")
    window = make_window(project)
    window.open_article(article_id)
    window.create_claim(TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE))
    return window


def _focus() -> object:
    return QApplication.focusWidget()


def _type_new_speaker(window, qtbot) -> None:
    form = window.form
    form.focus_speaker()
    form.speaker.lineEdit().insert(NEW)
    qtbot.keyClick(form.speaker.lineEdit(), Qt.Key.Key_Return)
    assert form.unknown_speaker.isVisible()


def test_after_add_to_registry_the_keyboard_is_in_the_next_field(window, qtbot):
    _type_new_speaker(window, qtbot)
    window.form.add_speaker_button.setFocus()
    qtbot.keyClick(window.form.add_speaker_button, Qt.Key.Key_Space)
    assert window.current_claim().speaker == NEW
    assert _focus() is window.form.outlet
    qtbot.keyClicks(_focus(), "t")  # the next letter typed goes to the outlet, not the claims filter
    assert window.claims_table.filter.text() == ""
    assert window.claims_table.proxy.rowCount() == 1


def test_after_add_to_registry_by_mouse_the_keyboard_is_in_the_next_field(window, qtbot):
    _type_new_speaker(window, qtbot)
    qtbot.mouseClick(window.form.add_speaker_button, Qt.MouseButton.LeftButton)
    assert _focus() is window.form.outlet


@pytest.mark.parametrize("where", ["outlet", "filter", "table", "search"])
def test_esc_returns_the_keyboard_to_the_text(window, qtbot, where):
    widget = {
        "outlet": window.form.outlet,
        "filter": window.claims_table.filter,
        "table": window.claims_table.table,
        "search": window.article_list.search,
    }[where]
    widget.setFocus()
    assert _focus() is widget
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert _focus() is window.view


def _close_soon(dialog_type=QDialog):
    """Close the next modal dialog as soon as it shows (a user pressing Esc)."""

    def close():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, close)
            return
        dialog.reject()

    QTimer.singleShot(0, close)


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the user types it: to whatever has the keyboard now, no click first."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard"
    qtbot.keyClick(target, key, modifier)


OPENERS = {
    "article details": lambda w: w.actions_by_name["edit_article"].trigger(),
    "speakers": lambda w: w.actions_by_name["speakers"].trigger(),
    "shortcuts": lambda w: w.actions_by_name["shortcuts"].trigger(),
    "preferences": lambda w: w.actions_by_name["preferences"].trigger(),
}


@pytest.mark.parametrize("dialog", list(OPENERS))
def test_after_a_dialog_closes_the_focus_is_back_and_shortcuts_work(window, qtbot, dialog):
    window.view.setFocus()
    assert _focus() is window.view
    _close_soon()
    OPENERS[dialog](window)
    assert _focus() is window.view
    first = window.current_article.id
    _press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.current_article.id != first  # Ctrl+Down acted at once


@pytest.mark.parametrize("dialog", ["reject", "dispute", "correct", "comment", "history"])
def test_after_a_review_dialog_closes_the_queue_takes_keys_at_once(make_window, project, qtbot, dialog):
    article = add_article(project, TEXT, title="Floods")
    start = TEXT.index(QUOTE)
    claim = project.claims.create(article, start, start + len(QUOTE), by="ben", status="submitted")
    window = make_window(project)
    review = window.feature("review")
    review.start_review()
    table = review.panel.table
    table.setFocus()
    _close_soon()
    review.panel.act(dialog)
    assert _focus() is table
    _press(qtbot, Qt.Key.Key_A)  # accept, without a click first
    assert project.claims.get(claim.id).status == "accepted"


def test_closing_the_speakers_window_keeps_the_keyboard_where_the_analyst_went(window, qtbot):
    window.actions_by_name["speakers"].trigger()
    dialog = window.feature("speakers").dialog
    dialog.activateWindow()
    dialog.table.setFocus()
    window.activateWindow()
    window.form.note.setFocus()  # back to work in the window while the Speakers window is open
    dialog.close()
    assert _focus() is window.form.note
