"""A claim made in the window when the disk fills: the reason shown, nothing half saved, then saved."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import add_article
from tests.mounts import fill, small_tmpfs

TEXT = "Officials said about 4,200 residents had been evacuated by Wednesday."


def _select_and_press_enter(qtbot, window, quote: str) -> None:
    window.view.setTextCursor(window.view.document().find(quote))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)


def test_a_claim_made_on_a_full_disk_says_so_and_is_saved_once_there_is_room(qtbot, make_window, tmp_path):
    from annotator.core.store import Project

    with small_tmpfs(tmp_path / "disk", "2m") as disk:
        with Project.open(disk / "war.annotator") as project:
            article = add_article(project, TEXT + " More text." * 2000, title="Floods")
            window = make_window(project)
            window.open_article(article)
            shown = []
            window.show_error = shown.append
            filler = fill(disk)
            for _ in range(40):  # the -wal may still have room for a claim or two
                _select_and_press_enter(qtbot, window, "about 4,200 residents")
                if shown:
                    break
            assert shown and "is full: the last change was not saved" in shown[-1], shown
            saved = len(list(project.claims.select()))
            filler.unlink()
            _select_and_press_enter(qtbot, window, "had been evacuated")
            assert len(list(project.claims.select())) == saved + 1
            assert project.integrity_problems() == []
