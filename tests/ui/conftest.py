"""The world of the window tests: a project file, a workspace and the main window on it."""

from __future__ import annotations

import pytest

from tests.conftest import add_article

USER = "tester"


@pytest.fixture
def file_project(project_path):
    """A project in a real file, so tests can check what was saved with a second connection."""
    from annotator.core.store import Project

    with Project.open(project_path) as opened:
        yield opened


@pytest.fixture
def make_window(qtbot):
    """Build the main window on a project, as the app does (user 'tester')."""

    def build(project, *, user: str = USER):
        from annotator.app import build_window

        window = build_window(project, user=user)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        return window

    return build


def saved_claims(path) -> list:
    """Claims as a fresh connection reads them from the project file."""
    from annotator.core.store import Project

    with Project.open(path) as reader:
        return list(reader.claims.select())


__all__ = ["add_article", "saved_claims", "USER"]


class UnexpectedMessage(AssertionError):
    """A message box the test did not expect: it would wait for a click no test can give."""


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch):
    """A modal message box fails the test with its text instead of hanging the whole suite.

    Tests that expect one replace `show_plain_message` or the QMessageBox function they use.
    """

    def refuse(box, *args, **kwargs):
        raise UnexpectedMessage(f"a message box would wait for a click: {box.text()!r}")

    def refuse_static(*args, **kwargs):
        raise UnexpectedMessage(f"a message box would wait for a click: {args[2:3]!r}")

    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse_static))
