"""A project on read-only storage opens in the window for reading; an edit says why it cannot be saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import add_article
from tests.mounts import remount, small_tmpfs

TEXT = "Officials said about 4,200 residents had been evacuated by Wednesday."
SHOTS = Path(__file__).resolve().parent.parent / "screenshots"


@pytest.fixture
def read_only_project(tmp_path):
    from annotator.core.store import Project

    media = tmp_path / "media"
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    with small_tmpfs(media, "4m") if as_root else _plain(media):
        path = media / "war.annotator"
        with Project.open(path) as project:
            add_article(project, TEXT, title="Floods")
        if as_root:
            remount(media, read_only=True)
        else:
            path.chmod(0o444)
            media.chmod(0o555)
        yield str(path)
        if not as_root:
            media.chmod(0o755)


class _plain:
    def __init__(self, folder: Path):
        folder.mkdir()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_the_window_opens_it_read_only_and_says_an_edit_is_not_saved(qtbot, make_window, read_only_project):
    from annotator.ui.project_lock import open_for_window

    opened = open_for_window(read_only_project)
    assert opened.lock is None and opened.project.read_only
    window = make_window(opened.project)
    shown = []
    window.show_error = shown.append
    window.open_article(opened.project.articles.ids()[0])
    assert "(read-only)" in window.windowTitle()
    label = window.findChild(QLabel, "readOnlyLabel")
    assert label.isVisible() and label.text() == "Read-only storage: changes cannot be saved"
    window.view.setTextCursor(window.view.document().find("about 4,200 residents"))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert any("this project is on read-only storage; changes cannot be saved" in m for m in shown), shown
    assert list(opened.project.claims.select()) == []
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "read_only_storage.png"))
    opened.project.close()


def test_a_project_on_a_full_disk_opens_read_only_and_says_the_disk_is_full(make_window, tmp_path):
    from annotator.core.store import Project
    from annotator.ui.project_lock import open_for_window
    from tests.mounts import fill

    with small_tmpfs(tmp_path / "disk", "2m") as disk:
        path = disk / "war.annotator"
        with Project.open(path) as project:
            add_article(project, TEXT, title="Floods")
        filler = fill(disk)
        opened = open_for_window(str(path))
        window = make_window(opened.project)
        label = window.findChild(QLabel, "readOnlyLabel")
        assert label.isVisible() and label.text() == "Disk full: changes cannot be saved"
        opened.project.close()
        if opened.lock is not None:
            opened.lock.release()
        filler.unlink()
