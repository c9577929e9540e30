"""One list of shortcuts: Help → Keyboard shortcuts shows it, the README's table is generated
from it, and every shortcut the window defines is in it (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QTextBrowser

from annotator.ui import shortcuts
from annotator.ui.dialogs import ShortcutsDialog

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def window(make_window, sample_project):
    return make_window(sample_project)


def _readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(shortcuts.README_START) + len(shortcuts.README_START)
    return text[start : text.index(shortcuts.README_END)].strip()


def test_the_readme_table_is_the_windows_list(window):
    assert _readme_table() == shortcuts.markdown_table(window.shortcut_rows()), (
        "README's shortcuts are out of date: run `python -m annotator.ui.shortcuts` and paste its output"
    )


def _listed_keys(rows) -> set[str]:
    return {key.strip() for _where, _what, keys in rows for key in keys.split(", ")}


def test_every_shortcut_the_window_defines_is_listed(window):
    listed = _listed_keys(window.shortcut_rows())
    defined = {
        key
        for action in window.findChildren(QAction)
        for key in shortcuts.action_keys(action).split(", ")
        if key
    }
    keys = (shortcut.key() for shortcut in window.findChildren(QShortcut))
    defined |= {key.toString() for key in keys if not key.isEmpty()}
    assert defined - listed == set()


def test_help_shows_every_row(window, qtbot):
    dialog = ShortcutsDialog(window, window.shortcut_rows())
    qtbot.addWidget(dialog)
    shown = dialog.findChild(QTextBrowser, "shortcutsText").toPlainText()
    for _where, what, keys in window.shortcut_rows():
        assert what in shown and keys in shown


def test_the_new_keys_are_in_the_list(window):
    keys = {(where, what): k for where, what, k in window.shortcut_rows()}
    assert keys[("View", "Article list")] == "Ctrl+B"
    assert keys[("Review queue", "Correct…")] == "C"
    assert any("grip" in what for (_where, what) in keys)
