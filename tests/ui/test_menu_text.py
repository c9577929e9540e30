"""User text in a menu entry is shown as written: an `&` in it is not a shortcut marker."""

from __future__ import annotations

import re

from tests.ui.conftest import USER, add_article

TEXT = "The R&D office said 300 staff were moved."


def shown(menu_text: str) -> str:
    """What Qt draws for a menu text: `&&` is an ampersand, a lone `&` marks the next letter."""
    return re.sub(r"&(.)", r"\1", menu_text)


def _undo_action(window):
    [action] = [a for a in window.menu("Edit").actions() if shown(a.text()).startswith("Undo")]
    return action


def test_a_quote_with_an_ampersand_is_shown_in_the_undo_entry(make_window, file_project):
    from annotator.ui import undo

    article = add_article(file_project, TEXT)
    window = make_window(file_project)
    window.open_article(article)
    start = TEXT.index("R&D")
    undo.perform(window.workspace, undo.CreateClaim(window.workspace, article, start, start + 10))
    assert shown(_undo_action(window).text()) == "Undo Create claim “R&D office”"
    window.workspace.undo_stack.undo()
    redo = [a for a in window.menu("Edit").actions() if shown(a.text()).startswith("Redo")][0]
    assert shown(redo.text()) == "Redo Create claim “R&D office”"


def test_the_command_keeps_its_words_for_the_history(make_window, file_project):
    from annotator.ui import undo

    article = add_article(file_project, TEXT)
    window = make_window(file_project)
    start = TEXT.index("R&D")
    command = undo.CreateClaim(window.workspace, article, start, start + 3)
    undo.perform(window.workspace, command)
    assert command.text() == "Create claim “R&D”"


def test_a_colleague_named_with_an_ampersand_is_shown_in_the_layer_menu(make_window, file_project):
    file_project.people.add("Smith & Jones", by=USER)
    window = make_window(file_project)
    menu = window.feature("review").layers.menu
    menu.aboutToShow.emit()
    names = [shown(a.text()) for a in menu.actions()]
    assert "Smith & Jones" in names
