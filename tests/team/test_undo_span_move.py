"""Taking back one's own span move that reopened a reviewed claim, on the server
(db/postgres/007_undo_span_move.sql): the core's undo works for the claim's owner; anyone else,
a later change, or a second undo is refused by the server itself, whatever the client."""

from __future__ import annotations

import json

import psycopg
import pytest

from annotator.core.annotating import move_span, take_back_span_move
from annotator.core.errors import PermissionDenied
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."
REFUSED = psycopg.errors.InsufficientPrivilege
UNDO = "SELECT annotator_undo_span_move(%s, %s)"


@pytest.fixture
def desk(team):
    """ann's claim, accepted by rita, then its span moved by ann (reopened: submitted)."""
    with Project.open(team.url("ann")) as ann, Project.open(team.url("rita")) as rita:
        article = add_article(ann, TEXT, by="ann")
        claim = ann.claims.create(article, 18, 40, by="ann", status="submitted")
        rita.reviews.accept(claim.id, by="rita")
        move = move_span(ann, claim.id, 18, 29, by="ann")
        yield team, ann, rita, move


def _row(conn, claim_id: str):
    return conn.execute('SELECT start, "end", status FROM claims WHERE id = %s', (claim_id,)).fetchone()


def test_the_owner_takes_the_move_back_through_the_core_and_the_log_names_them(desk):
    _, ann, rita, move = desk
    assert ann.articles.get(move.before.article_id).status == "in progress"
    back = take_back_span_move(ann, move, by="ann")
    assert (back.start, back.end, back.quote, back.status) == (18, 40, move.before.quote, "accepted")
    assert back.updated_at > move.after.updated_at
    assert rita.reviews.comments_of(move.before.id) == []
    assert rita.articles.get(move.before.article_id).status == "reviewed"
    last = rita.log.history("claim", move.before.id)[-1]
    assert (last.who, last.action, last.before["status"], last.after["status"]) == (
        "ann",
        "undo move span",
        "submitted",
        "accepted",
    )


def test_undoing_twice_through_the_core_is_refused_the_second_time(desk):
    _, ann, _, move = desk
    take_back_span_move(ann, move, by="ann")
    with pytest.raises(PermissionDenied, match=r"changed since your span move \(undo move span by ann\)"):
        take_back_span_move(ann, move, by="ann")
    assert ann.claims.get(move.before.id).status == "accepted"


@pytest.mark.parametrize("who", ["ben", "rita", "olga"])
def test_anyone_but_the_owner_is_refused_in_raw_sql(desk, who):
    team, _, _, move = desk
    with team.connect(who) as conn:
        with pytest.raises(REFUSED, match="the claim is ann's: only they can undo a move of its span"):
            conn.execute(UNDO, (move.after.id, move.after.updated_at))
        assert _row(conn, move.after.id) == (18, 29, "submitted")


def test_a_reader_may_not_run_it_at_all(desk):
    team, _, _, move = desk
    with team.connect("reed") as conn:
        with pytest.raises(REFUSED, match="permission denied for function annotator_undo_span_move"):
            conn.execute(UNDO, (move.after.id, move.after.updated_at))


def test_the_owner_is_refused_after_a_later_edit_of_the_claim(desk):
    team, ann, _, move = desk
    edited = ann.claims.edit(move.after.id, by="ann", note="checked")
    with team.connect("ann") as conn:
        with pytest.raises(REFUSED, match=r"changed since your span move \(edit by ann\)"):
            conn.execute(UNDO, (move.after.id, move.after.updated_at))
        with pytest.raises(REFUSED, match="no span move of yours reopened this claim"):
            conn.execute(UNDO, (move.after.id, edited.updated_at))
        assert _row(conn, move.after.id) == (18, 29, "submitted")


def test_the_owner_is_refused_after_a_new_review(desk):
    team, _, rita, move = desk
    rita.reviews.reject(move.after.id, by="rita", reason="still the wrong words")
    now = rita.claims.get(move.after.id)
    with team.connect("ann") as conn:
        with pytest.raises(REFUSED, match=r"changed since your span move \(rejected by rita\)"):
            conn.execute(UNDO, (move.after.id, move.after.updated_at))
        with pytest.raises(REFUSED, match="no span move of yours reopened this claim"):
            conn.execute(UNDO, (move.after.id, now.updated_at))
        assert _row(conn, move.after.id) == (18, 29, "rejected")


def test_raw_sql_undo_works_once_and_is_refused_the_second_time(desk):
    team, _, _, move = desk
    with team.connect("ann") as conn:
        stamp = conn.execute(UNDO, (move.after.id, move.after.updated_at)).fetchone()[0]
        assert _row(conn, move.after.id) == (18, 40, "accepted")
        with pytest.raises(REFUSED, match="no span move of yours reopened this claim"):
            conn.execute(UNDO, (move.after.id, stamp))
        with pytest.raises(REFUSED, match="changed since your span move"):
            conn.execute(UNDO, (move.after.id, move.after.updated_at))
        assert _row(conn, move.after.id) == (18, 40, "accepted")


def test_a_plain_edit_named_a_span_move_is_not_taken_back(team):
    """The check is the rows, not the action's name a client chooses."""
    with Project.open(team.url("ann")) as ann, Project.open(team.url("rita")) as rita:
        article = add_article(ann, TEXT, by="ann")
        claim = ann.claims.create(article, 18, 40, by="ann", status="submitted")
        rita.reviews.dispute(claim.id, by="rita", comment="which ministry?")
    with team.connect("ann") as conn, conn.transaction():
        conn.execute("SET LOCAL annotator.action = 'move span'")
        conn.execute("UPDATE claims SET note = 'sure', status = 'submitted' WHERE id = %s", (claim.id,))
    with team.connect("ann") as conn:
        stamp = conn.execute("SELECT updated_at FROM claims WHERE id = %s", (claim.id,)).fetchone()[0]
        with pytest.raises(REFUSED, match="no span move of yours reopened this claim"):
            conn.execute(UNDO, (claim.id, stamp))
        status = conn.execute("SELECT status FROM claims WHERE id = %s", (claim.id,)).fetchone()[0]
        assert status == "submitted"


def test_a_forged_log_entry_does_not_give_an_unreviewed_span_the_status(desk):
    """A member may append to the change log; the state given back must be one the claim had."""
    team, ann, _, move = desk
    forged = {**_logged(team, move.after.id, -1)["after"]}
    before = {**forged, "start": 0, "end": 12, "quote": "The ministry", "status": "accepted"}
    with team.connect("ann") as conn:
        conn.execute(
            "INSERT INTO change_log (action, entity, entity_id, before, after) "
            "VALUES ('move span', 'claim', %s, %s, %s)",
            (move.after.id, json.dumps(before), json.dumps(forged)),
        )
        with pytest.raises(REFUSED, match="history before your span move does not show it accepted"):
            conn.execute(UNDO, (move.after.id, move.after.updated_at))
        assert _row(conn, move.after.id) == (18, 29, "submitted")


def test_two_moves_undone_in_turn_give_the_status_back(desk):
    _, ann, _, first = desk
    second = move_span(ann, first.after.id, 18, 27, by="ann")  # submitted already: no reopening
    take_back_span_move(ann, second, by="ann")
    back = take_back_span_move(ann, first, by="ann")
    assert (back.start, back.end, back.status) == (18, 40, "accepted")


def test_undo_redo_undo_gives_the_status_back_each_time(desk):
    _, ann, _, move = desk
    take_back_span_move(ann, move, by="ann")
    again = move_span(ann, move.after.id, 18, 29, by="ann")  # redo
    assert again.after.status == "submitted"
    back = take_back_span_move(ann, again, by="ann")
    assert (back.start, back.end, back.status) == (18, 40, "accepted")


def test_a_reviewer_takes_back_a_move_of_their_own_correction(team):
    with Project.open(team.url("ann")) as ann, Project.open(team.url("rita")) as rita:
        article = add_article(ann, TEXT, by="ann")
        claim = ann.claims.create(article, 18, 40, by="ann", status="submitted")
        correction = rita.reviews.correct(claim.id, by="rita", note="27 soldiers").correction
        move = move_span(rita, correction.id, 18, 29, by="rita")
        assert move.after.status == "submitted"
        back = take_back_span_move(rita, move, by="rita")
        assert (back.start, back.end, back.status) == (18, 40, "accepted")


def _logged(team, claim_id: str, index: int) -> dict:
    with team.connect("reed") as conn:
        rows = conn.execute(
            "SELECT before, after FROM change_log WHERE entity = 'claim' AND entity_id = %s ORDER BY seq",
            (claim_id,),
        ).fetchall()
    before, after = rows[index]
    return {"before": json.loads(before) if before else None, "after": json.loads(after)}


def test_the_status_guard_still_refuses_setting_the_status_directly(desk):
    team, _, _, move = desk
    with team.connect("ann") as conn:
        with pytest.raises(REFUSED, match="only through a review"):
            conn.execute("UPDATE claims SET status = 'accepted' WHERE id = %s", (move.after.id,))


def test_team_init_again_brings_an_older_project_up_to_date(desk):
    """An existing team project gets the function by running `team init` again (schema 4)."""
    from annotator.core.store.postgres import SCHEMA_VERSION, init_team

    team, ann, _, move = desk
    with psycopg.connect(team.admin_url, autocommit=True) as admin:
        admin.execute("DROP FUNCTION annotator_undo_span_move(text, text)")
        admin.execute("DELETE FROM team_schema WHERE version = 4")
    with pytest.raises(PermissionDenied, match="runs `annotator team init` again"):
        take_back_span_move(ann, move, by="ann")
    assert init_team(team.admin_url).created is False
    with psycopg.connect(team.admin_url, autocommit=True) as admin:
        assert admin.execute("SELECT max(version) FROM team_schema").fetchone()[0] == SCHEMA_VERSION == 4
    with team.connect("reed") as reader:  # init's grants to every function leave this one out
        with pytest.raises(REFUSED, match="permission denied for function"):
            reader.execute(UNDO, (move.after.id, move.after.updated_at))
    assert take_back_span_move(ann, move, by="ann").status == "accepted"
