"""The window on a team project, on the throwaway server: the real listener carries a
colleague's claim and review into ann's open window within moments, without a reload,
and what ann does in the window is hers on the server."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.store import Project
from annotator.core.store.team_project import TeamProject
from tests.conftest import add_article

PARAGRAPH = "The ministry said 40 people were hurt and 12 were missing after the storm. "
TEXT = "\n\n".join(PARAGRAPH * 3 for _ in range(30))


@pytest.fixture
def desk(team):
    """One long article imported by ann, one submitted claim of ann's."""
    with Project.open(team.url("ann")) as project:
        article_id = add_article(project, TEXT, by="ann", title="Storm")
        mine = project.claims.create(article_id, 0, 12, by="ann", status="submitted")
    return team, article_id, mine.id


@pytest.fixture
def window(qtbot, desk):
    from annotator.app import build_window

    team, article_id, mine = desk
    project = TeamProject.connect(team.url("ann"))
    built = build_window(project, user=project.user)
    qtbot.addWidget(built)
    built.show()
    built.feature("team").listen_to(team.url("ann"))
    built.open_article(article_id, mine)
    yield built
    built.feature("team").stop_following()
    project.close()


def test_a_colleagues_claim_and_review_arrive_live_and_the_reader_keeps_their_place(window, desk, qtbot):
    team, article_id, mine = desk
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    QApplication.processEvents()
    place = (bar.value(), window.current_claim_id, window.current_article.id)
    assert window.feature("team").mark.text() == "● Team: live"

    with Project.open(team.url("ben")) as ben:
        theirs = ben.claims.create(article_id, 5100, 5110, by="ben", status="submitted")
    qtbot.waitUntil(lambda: theirs.id in [c.id for c in window.claims_model.claims()], timeout=10_000)
    with Project.open(team.url("rita")) as rita:
        rita.reviews.accept(mine, by="rita")
    qtbot.waitUntil(lambda: _status(window, mine) == "accepted", timeout=10_000)

    assert (bar.value(), window.current_claim_id, window.current_article.id) == place


def test_what_ann_creates_in_the_window_is_hers_on_the_server(window, desk):
    team, article_id, _ = desk
    assert window.workspace.user == "ann"
    created = window.workspace.project.claims.create(article_id, 18, 27, by="ann")
    with Project.open(team.url("reed")) as reader:
        assert reader.claims.get(created.id).annotator == "ann"
    with pytest.raises(Exception, match="ann"):
        window.workspace.project.claims.create(article_id, 30, 40, by="ben")


def test_undo_in_the_window_takes_back_a_span_move_that_reopened_a_reviewed_claim(
    window, desk, qtbot, monkeypatch
):
    """On the server the status comes back through 007's function, called by the core."""
    from annotator.ui import undo
    from tests.ui.test_screenshots import SHOTS

    team, article_id, mine = desk
    shown: list[str] = []  # an error dialog would wait for a click
    monkeypatch.setattr(window, "show_error", shown.append)
    with Project.open(team.url("rita")) as rita:
        rita.reviews.accept(mine, by="rita")
    qtbot.waitUntil(lambda: _status(window, mine) == "accepted", timeout=10_000)
    moved = undo.move_span(window.workspace, mine, 0, 10)
    assert moved.status == "submitted" and _status(window, mine) == "submitted"
    window.actions_by_name["undo"].trigger()
    assert shown == []
    assert _status(window, mine) == "accepted"
    with Project.open(team.url("reed")) as reader:
        back = reader.claims.get(mine)
        assert (back.start, back.end, back.status) == (0, 12, "accepted")
        assert reader.reviews.comments_of(mine) == []
        assert reader.log.history("claim", mine)[-1].action == "undo move span"
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "team_span_move_undone.png"))


def _status(window, claim_id: str) -> str:
    return next((c.status for c in window.claims_model.claims() if c.id == claim_id), "")
