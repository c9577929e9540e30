"""Nothing done in the window during an outage is lost or made twice (ui/team/outbox), on the
throwaway server with the real listener: every kind of action kept while the server is down
arrives once, in the order it was made; a lost answer makes no second review or comment; a
refusal is named and dropped; the queue outlives the window (core/outbox_file); closing asks."""

from __future__ import annotations

import json

import psycopg
import pytest

from annotator.core import outbox_file
from annotator.core.selection import nudge_span
from annotator.core.store import Project
from annotator.core.store.postgres import ConnectionLost, answers
from annotator.core.store.team_project import TeamProject
from annotator.ui.review import commands as review_commands
from annotator.ui.team.close_question import CloseQuestion
from tests.team.test_team_faults import stop_server
from tests.team.test_team_window import desk  # noqa: F401  (fixture)
from tests.team.test_team_window_faults import WAIT_MS, press_enter_on

# ruff: noqa: F811  (the fixture imported above is a parameter below)
from tests.ui.test_screenshots import SHOTS


def hold_sending(window) -> list[bool]:
    """The probe says the server does not answer until the list returned gets a True."""
    release: list[bool] = []
    window.feature("team").probe.check = lambda _address, _password: bool(release)
    return release


def newest_seq(team) -> int:
    with psycopg.connect(team.admin_url) as admin:
        return admin.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]


def log_since(team, seq: int, who: str) -> list[tuple[str, str, str]]:
    with psycopg.connect(team.admin_url) as admin:
        rows = admin.execute(
            "SELECT entity, entity_id, action FROM change_log WHERE seq > %s AND who = %s ORDER BY seq",
            (seq, who),
        )
        return [tuple(row) for row in rows]


def found_in_order(log: list[tuple[str, str, str]], steps: list[tuple[str, str | None, str]]) -> list:
    """The steps (entity, id or None for any, action) found one after another in the log."""
    found, place = [], 0
    for entity, entity_id, action in steps:
        for n in range(place, len(log)):
            e, i, a = log[n]
            if e == entity and entity_id in (None, i) and a == action:
                found.append((entity, entity_id, action))
                place = n + 1
                break
    return found


def one(team, sql: str, *params):
    with psycopg.connect(team.admin_url) as admin:
        return admin.execute(sql, params).fetchall()


def test_every_analyst_action_made_while_the_server_is_down_arrives_once_in_order(
    open_window, desk, qtbot, pg_server
):
    team, article_id, mine = desk
    with Project.open(team.url("ann")) as ann:
        other = ann.claims.create(article_id, 40, 50, by="ann").id
    window, shown = open_window(team, "ann", article_id, mine)
    feature, outbox = window.feature("team"), window.feature("team").outbox
    moved = nudge_span(window.current_article.text, 0, 12, edge="end", step=1)
    mark = newest_seq(team)
    stop_server(pg_server)
    try:
        press_enter_on(qtbot, window, 18, 27)
        created = outbox.commands()[0].fields["claim_id"]
        window.select_claim(mine)
        window.annotation.edit_claim(mine, "note", {"note": "checked with the ministry"})
        window.annotation.nudge_claim_edge("end", 1)
        review_commands.comment(window.workspace, mine, "source: the ministry's statement")
        window.annotation.mark_article("done")
        window.feature("review").submit_drafts()
        window.select_claim(other)
        window.annotation.delete_current_claim()
        assert len(outbox) == 7 and shown == []
        assert "7 changes waiting to be sent" in feature.banner.label.text()
        assert feature.banner_bar.isVisible()
        assert "Delete claim “d 12 were”" in feature.banner.toolTip()  # hovering lists them
        assert window.workspace.undo_stack.count() == 0  # nothing claims to be saved
        assert "Not saved yet" in window.statusBar().currentMessage()
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / "team_changes_waiting.png"))
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: len(outbox) == 0, timeout=WAIT_MS)
    assert shown == []
    log = log_since(team, mark, "ann")
    steps = [
        ("claim", created, "create"),
        ("claim", mine, "edit"),
        ("claim", mine, "move span"),
        ("comment", None, "comment"),
        ("article", article_id, "status"),
        ("claim", created, "submit"),
        ("claim", other, "delete"),
    ]
    assert found_in_order(log, steps) == steps, log
    assert [a for e, i, a in log if (e, i) == ("claim", created)].count("create") == 1
    assert one(team, "SELECT status FROM claims WHERE id = %s", created) == [("submitted",)]
    assert one(team, 'SELECT note, start, "end" FROM claims WHERE id = %s', mine) == [
        ("checked with the ministry", *moved)
    ]
    assert one(team, "SELECT body FROM comments WHERE claim_id = %s", mine) == [
        ("source: the ministry's statement",)
    ]
    assert one(team, "SELECT status FROM articles WHERE id = %s", article_id) == [("done",)]
    assert one(team, "SELECT count(*) FROM claims WHERE id = %s", other) == [(0,)]
    assert window.workspace.undo_stack.count() >= 6  # sent: each on the undo stack like any other
    assert not outbox_file.path_for(team.url("ann"), "ann").exists()


def test_reviews_made_while_the_server_is_down_arrive_once(open_window, desk, qtbot, pg_server):
    team, article_id, mine = desk
    with Project.open(team.url("ann")) as ann:
        second = ann.claims.create(article_id, 18, 27, by="ann", status="submitted").id
        third = ann.claims.create(article_id, 40, 50, by="ann", status="submitted").id
    window, shown = open_window(team, "rita", article_id, mine)
    outbox = window.feature("team").outbox
    stop_server(pg_server)
    try:
        review_commands.review(window.workspace, "accept", mine)
        review_commands.review(window.workspace, "correct", second, value=41.0, comment="41, not 40")
        review_commands.review(window.workspace, "dispute", third, comment="which ministry?")
        assert len(outbox) == 3 and shown == []
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: len(outbox) == 0, timeout=WAIT_MS)
    assert shown == []
    reviews = one(team, "SELECT claim_id, decision, reviewer FROM reviews ORDER BY claim_id")
    assert sorted(reviews) == sorted(
        [(mine, "accepted", "rita"), (second, "corrected", "rita"), (third, "disputed", "rita")]
    )
    corrections = one(team, "SELECT annotator, status FROM claims WHERE supersedes = %s", second)
    assert corrections == [("rita", "accepted")]


@pytest.mark.parametrize("action", ["accept", "comment"])
def test_a_lost_answer_to_a_review_or_comment_that_went_through_makes_one(
    open_window, desk, qtbot, monkeypatch, action
):
    team, article_id, mine = desk
    window, shown = open_window(team, "rita", article_id, mine)
    reviews = window.workspace.project.reviews
    real, attempts = getattr(reviews, action), []

    def answer_lost_the_first_time(*args, **kwargs):
        made = real(*args, **kwargs)
        attempts.append(kwargs.get("review_id") or kwargs.get("comment_id"))
        if len(attempts) == 1:
            raise ConnectionLost("the connection to the team project was lost (simulated after the commit)")
        return made

    monkeypatch.setattr(reviews, action, answer_lost_the_first_time)
    if action == "comment":
        review_commands.comment(window.workspace, mine, "seen")
    else:
        review_commands.review(window.workspace, action, mine)
    outbox = window.feature("team").outbox
    qtbot.waitUntil(lambda: len(attempts) == 2 and not len(outbox), timeout=WAIT_MS)
    assert attempts[0] == attempts[1] and shown == []
    table = "comments" if action == "comment" else "reviews"
    assert one(team, f"SELECT id FROM {table} WHERE claim_id = %s", mine) == [(attempts[0],)]


def test_a_waiting_review_the_server_refuses_is_named_and_dropped(open_window, desk, qtbot, pg_server):
    team, article_id, mine = desk
    window, shown = open_window(team, "rita", article_id, mine)
    outbox = window.feature("team").outbox
    release = hold_sending(window)
    stop_server(pg_server)
    try:
        review_commands.review(window.workspace, "accept", mine)
        assert len(outbox) == 1
    finally:
        pg_server.start()
    with Project.open(team.url("ann")) as ann:
        ann.claims.delete(mine, by="ann")  # meanwhile: the claim rita accepted is gone
    release.append(True)
    qtbot.waitUntil(lambda: not len(outbox), timeout=WAIT_MS)
    (message,) = shown
    assert "refused" in message and "Accept claim “The ministry”" in message
    assert one(team, "SELECT count(*) FROM reviews") == [(0,)]
    assert not outbox_file.path_for(team.url("rita"), "rita").exists()


def test_changes_kept_when_the_window_closes_during_an_outage_are_sent_by_the_next_one(
    open_window, desk, qtbot, pg_server, close_question
):
    team, article_id, mine = desk
    window, _ = open_window(team, "ann", article_id, mine)
    stop_server(pg_server)
    try:
        press_enter_on(qtbot, window, 18, 27)
        created = window.feature("team").outbox.commands()[0].fields["claim_id"]
        review_commands.comment(window.workspace, mine, "kept on disk")
        window.close()
        assert close_question.calls == [{"count": 2, "on_disk": True, "user": "ann"}]
        saved = outbox_file.path_for(team.url("ann"), "ann")
        text = saved.read_text(encoding="utf-8")
        assert "pw-ann" not in text
        assert [e["kind"] for e in json.loads(text)["entries"]] == ["create claim", "comment"]
    finally:
        pg_server.start()
    after, shown = open_window(team, "ann", article_id, mine)
    qtbot.waitUntil(lambda: not len(after.feature("team").outbox), timeout=WAIT_MS)
    assert shown == [] and not saved.exists()
    assert one(team, "SELECT count(*) FROM claims WHERE id = %s", created) == [(1,)]
    assert one(team, "SELECT body FROM comments WHERE claim_id = %s", mine) == [("kept on disk",)]


def test_a_broken_outbox_file_is_reported_set_aside_and_loses_nothing_else(open_window, desk, qtbot):
    team, article_id, mine = desk
    saved = outbox_file.path_for(team.url("ann"), "ann")
    good = {"kind": "comment", "args": {"claim_id": mine, "body": "from the file", "comment_id": "c-1"}}
    crafted = [good, {"kind": "drop table", "args": {}}, {"kind": "comment", "args": {"rm": 1}}, "junk"]
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(json.dumps({"version": 1, "user": "ann", "entries": crafted}), encoding="utf-8")
    window, shown = open_window(team, "ann", article_id, mine)
    qtbot.waitUntil(lambda: not len(window.feature("team").outbox), timeout=WAIT_MS)
    (message,) = shown
    assert "could not be read" in message
    assert "change 4 is not a change Annotator wrote" in message
    assert "change 2 (drop table) cannot be made again" in message
    assert "change 3 (comment) cannot be made again" in message
    assert one(team, "SELECT id, body FROM comments WHERE claim_id = %s", mine) == [("c-1", "from the file")]
    (aside,) = saved.parent.glob("*.unread-*.json")
    assert json.loads(aside.read_text(encoding="utf-8"))["entries"] == crafted


def test_a_file_that_is_not_json_is_reported_and_the_window_opens(open_window, desk):
    team, article_id, mine = desk
    saved = outbox_file.path_for(team.url("ann"), "ann")
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text("{ not json", encoding="utf-8")
    window, shown = open_window(team, "ann", article_id, mine)
    (message,) = shown
    assert "could not be read" in message and "cannot be read" in message
    assert window.current_claim_id == mine and not saved.exists()


def test_closing_with_changes_waiting_asks_and_waiting_keeps_the_window_open(
    open_window, desk, qtbot, pg_server, close_question
):
    team, article_id, mine = desk
    window, _ = open_window(team, "ann", article_id, mine)
    hold_sending(window)
    stop_server(pg_server)
    try:
        press_enter_on(qtbot, window, 18, 27)
        close_question.answer = False
        window.close()
        assert window.isVisible() and len(window.feature("team").outbox) == 1
        assert close_question.calls == [{"count": 1, "on_disk": True, "user": "ann"}]
        question = CloseQuestion(window, 3, on_disk=True, user="ann")
        qtbot.addWidget(question)
        question.show()
        SHOTS.mkdir(exist_ok=True)
        question.grab().save(str(SHOTS / "team_close_with_changes_waiting.png"))
        close_question.answer = True
        window.close()
        assert not window.isVisible()
    finally:
        pg_server.start()


def test_closing_with_nothing_waiting_asks_nothing(open_window, desk, close_question):
    team, article_id, mine = desk
    window, _ = open_window(team, "ann", article_id, mine)
    window.close()
    assert close_question.calls == [] and not window.isVisible()


def test_the_probe_says_whether_the_server_answers(team, pg_server):
    assert answers(team.url("ann"))
    stop_server(pg_server)
    try:
        assert not answers(team.url("ann"))
    finally:
        pg_server.start()


def test_the_projects_own_connection_gives_up_on_a_dead_network(team):
    with TeamProject.connect(team.url("ann")) as project:
        options = {o.keyword.decode(): (o.val or b"").decode() for o in project.db.conn.pgconn.info}
    assert options["keepalives_idle"] == "5" and options["tcp_user_timeout"] == "10000"
    assert options["connect_timeout"] == "10"


@pytest.mark.parametrize("action", ["delete", "move_span"])
def test_a_lost_answer_to_a_delete_or_span_move_that_went_through_counts_as_sent(
    open_window, desk, qtbot, monkeypatch, action
):
    """Sent again, the delete finds the claim gone with the sender's tombstone and the move finds
    the span moved: both done, no refusal shown, nothing left waiting."""
    team, article_id, mine = desk
    window, shown = open_window(team, "ann", article_id, mine)
    claims = window.workspace.project.claims
    real, attempts = getattr(claims, action), []

    def answer_lost_the_first_time(*args, **kwargs):
        attempts.append(args)
        if len(attempts) == 1:
            real(*args, **kwargs)
            raise ConnectionLost("the connection to the team project was lost (simulated after the commit)")
        return real(*args, **kwargs)

    monkeypatch.setattr(claims, action, answer_lost_the_first_time)
    if action == "delete":
        window.annotation.delete_current_claim()
    else:
        window.annotation.nudge_claim_edge("end", 1)
    outbox = window.feature("team").outbox
    qtbot.waitUntil(lambda: not len(outbox), timeout=WAIT_MS)
    assert shown == []
    if action == "delete":
        assert one(team, "SELECT deleted_by FROM deleted_claims WHERE id = %s", mine) == [("ann",)]
    else:
        moved = nudge_span(window.current_article.text, 0, 12, edge="end", step=1)
        assert one(team, 'SELECT start, "end" FROM claims WHERE id = %s', mine) == [moved]
