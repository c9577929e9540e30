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
