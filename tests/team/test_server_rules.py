"""The server enforces the review rules for any client: each member speaks raw SQL through
psycopg, as psql would, and every forbidden change is refused or reaches no row."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.team.conftest import MEMBERS

NOW = "2026-01-01T00:00:00.000Z"
REFUSED = (psycopg.errors.InsufficientPrivilege, psycopg.errors.RaiseException)


def add_article(conn) -> str:
    article_id = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO articles (id, sha256, title, imported_at, text) VALUES (%s, %s, 'T', %s, %s)",
        (article_id, article_id, NOW, "The minister said 40 people were hurt."),
    )
    return article_id


def add_claim(conn, article_id: str, *, annotator: str, status: str = "draft", supersedes=None) -> str:
    claim_id = str(uuid.uuid4())
    conn.execute(
        'INSERT INTO claims (id, article_id, start, "end", quote, annotator, status, supersedes, '
        "created_at, updated_at) VALUES (%s, %s, 0, 12, 'The minister', %s, %s, %s, %s, %s)",
        (claim_id, article_id, annotator, status, supersedes, NOW, NOW),
    )
    return claim_id


def review(conn, claim_id: str, *, reviewer: str, decision: str = "accepted") -> str:
    review_id = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO reviews (id, claim_id, reviewer, decision, created_at) VALUES (%s, %s, %s, %s, %s)",
        (review_id, claim_id, reviewer, decision, NOW),
    )
    return review_id


def claim_row(conn, claim_id: str):
    return conn.execute("SELECT note, status, annotator FROM claims WHERE id = %s", (claim_id,)).fetchone()


@pytest.fixture
def ann(team):
    with team.connect("ann") as conn:
        yield conn


@pytest.fixture
def ben(team):
    with team.connect("ben") as conn:
        yield conn


@pytest.fixture
def rita(team):
    with team.connect("rita") as conn:
        yield conn


@pytest.fixture
def article(ann):
    return add_article(ann)


@pytest.fixture
def submitted(ann, article):
    """Ann's claim, handed over for review."""
    claim_id = add_claim(ann, article, annotator="ann")
    ann.execute("UPDATE claims SET status = 'submitted' WHERE id = %s", (claim_id,))
    return claim_id


# -- analysts: their own claims only ----------------------------------------------------


def test_analyst_creates_a_claim_as_themselves(ann, article):
    claim_id = add_claim(ann, article, annotator="ann")
    assert claim_row(ann, claim_id) == ("", "draft", "ann")


def test_analyst_cannot_create_a_claim_as_someone_else(ann, article):
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        add_claim(ann, article, annotator="ben")


@pytest.mark.parametrize("status", ["accepted", "rejected", "disputed", "suggested"])
def test_analyst_cannot_create_a_claim_already_reviewed(ann, article, status):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        add_claim(ann, article, annotator="ann", status=status)


def test_analyst_edits_their_own_unreviewed_claim(ann, submitted):
    changed = ann.execute("UPDATE claims SET note = 'checked' WHERE id = %s", (submitted,)).rowcount
    assert (changed, claim_row(ann, submitted)[0]) == (1, "checked")


def test_analyst_cannot_edit_anothers_claim(ann, ben, submitted):
    changed = ben.execute("UPDATE claims SET note = 'mine now' WHERE id = %s", (submitted,)).rowcount
    assert (changed, claim_row(ann, submitted)) == (0, ("", "submitted", "ann"))


def test_analyst_cannot_take_over_their_claim_for_someone_else(ann, submitted):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        ann.execute("UPDATE claims SET annotator = 'ben' WHERE id = %s", (submitted,))


def test_analyst_cannot_delete_anothers_claim(ann, ben, submitted):
    removed = ben.execute("DELETE FROM claims WHERE id = %s", (submitted,)).rowcount
    assert (removed, claim_row(ann, submitted)) == (0, ("", "submitted", "ann"))


@pytest.mark.parametrize("decision", ["accepted", "rejected"])
def test_analyst_cannot_edit_or_delete_their_own_claim_once_reviewed(ann, rita, submitted, decision):
    review(rita, submitted, reviewer="rita", decision=decision)
    with pytest.raises(REFUSED, match="only by moving its span"):
        ann.execute("UPDATE claims SET note = 'after all' WHERE id = %s", (submitted,))
    removed = ann.execute("DELETE FROM claims WHERE id = %s", (submitted,)).rowcount
    assert (removed, claim_row(ann, submitted)) == (0, ("", decision, "ann"))


@pytest.mark.parametrize("decision", ["accepted", "rejected"])
def test_moving_the_span_of_ones_reviewed_claim_reopens_it(ann, rita, submitted, decision):
    review(rita, submitted, reviewer="rita", decision=decision)
    ann.execute(
        "UPDATE claims SET start = 4, \"end\" = 12, quote = 'minister', status = 'submitted' WHERE id = %s",
        (submitted,),
    )
    assert claim_row(ann, submitted) == ("", "submitted", "ann")


@pytest.mark.parametrize(
    "change",
    [
        "status = 'submitted'",  # reopened without a move
        "start = 4, quote = 'minister'",  # moved but left as reviewed
        "start = 4, quote = 'minister', status = 'submitted', note = 'and more'",  # more than a move
        "start = 4, quote = 'minister', status = 'draft'",
    ],
)
def test_a_span_move_of_a_reviewed_claim_changes_nothing_else(ann, rita, submitted, change):
    review(rita, submitted, reviewer="rita")
    with pytest.raises(REFUSED, match="only by moving its span"):
        ann.execute(f"UPDATE claims SET {change} WHERE id = %s", (submitted,))
    assert claim_row(ann, submitted) == ("", "accepted", "ann")


def test_nobody_moves_the_span_of_anothers_reviewed_claim(ann, ben, rita, submitted):
    review(rita, submitted, reviewer="rita")
    moved = ben.execute(
        "UPDATE claims SET start = 4, quote = 'minister', status = 'submitted' WHERE id = %s", (submitted,)
    ).rowcount
    assert (moved, claim_row(ann, submitted)) == (0, ("", "accepted", "ann"))


# -- status: through reviews only -------------------------------------------------------


@pytest.mark.parametrize("status", ["accepted", "rejected", "disputed", "suggested"])
def test_analyst_cannot_set_a_status_directly(ann, submitted, status):
    with pytest.raises(REFUSED, match="only through a review"):
        ann.execute("UPDATE claims SET status = %s WHERE id = %s", (status, submitted))


def test_analyst_takes_back_a_submission_nobody_reviewed(ann, submitted):
    ann.execute("UPDATE claims SET status = 'draft' WHERE id = %s", (submitted,))
    assert claim_row(ann, submitted)[1] == "draft"


def test_analyst_cannot_take_back_a_submission_after_a_dispute_was_answered(ann, rita, submitted):
    review(rita, submitted, reviewer="rita", decision="disputed")
    ann.execute("UPDATE claims SET status = 'submitted' WHERE id = %s", (submitted,))
    with pytest.raises(REFUSED, match="only through a review"):
        ann.execute("UPDATE claims SET status = 'draft' WHERE id = %s", (submitted,))


@pytest.mark.parametrize(("decision", "status"), [("accepted", "accepted"), ("disputed", "disputed")])
def test_a_review_moves_the_claims_status(ann, rita, submitted, decision, status):
    review(rita, submitted, reviewer="rita", decision=decision)
    assert claim_row(ann, submitted)[1] == status


def test_taking_a_review_back_restores_the_status_before_it(ann, rita, submitted):
    review_id = review(rita, submitted, reviewer="rita", decision="rejected")
    rita.execute("DELETE FROM reviews WHERE id = %s", (review_id,))
    assert claim_row(ann, submitted)[1] == "submitted"


def test_a_reviewer_cannot_edit_the_claim_they_review(ann, rita, submitted):
    changed = rita.execute("UPDATE claims SET note = 'better' WHERE id = %s", (submitted,)).rowcount
    assert (changed, claim_row(ann, submitted)[0]) == (0, "")


# -- reviewers --------------------------------------------------------------------------


def test_reviewer_cannot_review_their_own_claim(rita, article):
    claim_id = add_claim(rita, article, annotator="rita", status="submitted")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        review(rita, claim_id, reviewer="rita")
    assert claim_row(rita, claim_id)[1] == "submitted"


def test_reviewer_cannot_review_in_someone_elses_name(team, submitted):
    with team.connect("rob") as rob, pytest.raises(psycopg.errors.InsufficientPrivilege):
        review(rob, submitted, reviewer="rita")


def test_analyst_cannot_review(ben, submitted):
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        review(ben, submitted, reviewer="ben")


def test_nobody_reviews_a_draft(ann, rita, article):
    draft = add_claim(ann, article, annotator="ann")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        review(rita, draft, reviewer="rita")


def test_a_correction_is_a_new_claim_with_its_review(ann, rita, article, submitted):
    with rita.transaction():
        correction = add_claim(rita, article, annotator="rita", status="accepted", supersedes=submitted)
        review_id = str(uuid.uuid4())
        rita.execute(
            "INSERT INTO reviews (id, claim_id, reviewer, decision, corrected_claim_id, created_at) "
            "VALUES (%s, %s, 'rita', 'corrected', %s, %s)",
            (review_id, submitted, correction, NOW),
        )
    assert (claim_row(ann, submitted)[1], claim_row(ann, correction)[1]) == ("rejected", "accepted")


def test_an_accepted_claim_without_its_correcting_review_is_refused(rita, article, submitted):
    claim_id = str(uuid.uuid4())
    with pytest.raises(REFUSED, match="needs the review"), rita.transaction():
        rita.execute(
            'INSERT INTO claims (id, article_id, start, "end", quote, annotator, status, supersedes, '
            "created_at, updated_at) VALUES (%s, %s, 0, 12, 'The minister', 'rita', 'accepted', %s, %s, %s)",
            (claim_id, article, submitted, NOW, NOW),
        )
    assert claim_row(rita, claim_id) is None


# -- the change log ---------------------------------------------------------------------


def log_entries(conn, entity_id: str) -> list[tuple]:
    return conn.execute(
        "SELECT who, action, entity FROM change_log WHERE entity_id = %s ORDER BY seq", (entity_id,)
    ).fetchall()


def test_every_change_is_logged_by_the_server_as_its_author(ann, rita, submitted):
    """...and a review's move of the claim under its decision, as a project file logs it."""
    review_id = review(rita, submitted, reviewer="rita")
    assert log_entries(ann, submitted) == [
        ("ann", "insert", "claim"),
        ("ann", "update", "claim"),
        ("rita", "accepted", "claim"),
    ]
    assert log_entries(ann, review_id) == [("rita", "insert", "review")]


def test_a_cascade_is_logged_under_the_action_named_for_its_entity(ann, rita, submitted):
    rita.execute(
        "INSERT INTO comments (id, claim_id, author, body, created_at) VALUES ('c1', %s, 'rita', 'why?', %s)",
        (submitted, NOW),
    )
    with ann.transaction():
        ann.execute("SELECT set_config('annotator.action', 'delete', true)")
        ann.execute("SELECT set_config('annotator.action_comment', 'delete with claim', true)")
        ann.execute("DELETE FROM claims WHERE id = %s", (submitted,))
    assert log_entries(ann, submitted)[-1] == ("ann", "delete", "claim")
    assert log_entries(ann, "c1")[-1] == ("ann", "delete with claim", "comment")


def test_the_log_entry_commits_or_rolls_back_with_its_change(ann, article):
    claim_id = str(uuid.uuid4())
    with pytest.raises(psycopg.errors.CheckViolation), ann.transaction():
        ann.execute(
            'INSERT INTO claims (id, article_id, start, "end", quote, annotator, created_at, updated_at) '
            "VALUES (%s, %s, 0, 1, 'T', 'ann', %s, %s)",
            (claim_id, article, NOW, NOW),
        )
        ann.execute("UPDATE claims SET start = 5 WHERE id = %s", (claim_id,))  # end < start
    assert log_entries(ann, claim_id) == []


def test_a_client_names_its_action_but_not_its_author(ann, submitted):
    with ann.transaction():
        ann.execute("SET LOCAL annotator.action = 'edit'")
        ann.execute("UPDATE claims SET note = 'x' WHERE id = %s", (submitted,))
    ann.execute(
        "INSERT INTO change_log (who, at, action, entity, entity_id) "
        "VALUES ('ben', 'yesterday', 'x', 'claim', %s)",
        (submitted,),
    )
    entries = ann.execute(
        "SELECT who, action, at <> 'yesterday' FROM change_log WHERE entity_id = %s ORDER BY seq",
        (submitted,),
    ).fetchall()
    assert entries[-2:] == [("ann", "edit", True), ("ann", "x", True)]


@pytest.mark.parametrize("name", [*MEMBERS, "admin"])
@pytest.mark.parametrize(
    "statement", ["UPDATE change_log SET who = 'nobody'", "DELETE FROM change_log", "TRUNCATE change_log"]
)
def test_nobody_updates_or_deletes_the_change_log(team, submitted, name, statement):
    url = team.admin_url if name == "admin" else team.url(name)
    with psycopg.connect(url, autocommit=True) as conn, pytest.raises(REFUSED):
        conn.execute(statement)
    with team.connect("ann") as ann:
        assert [who for who, *_ in log_entries(ann, submitted)] == ["ann", "ann"]


# -- readers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO articles (id, sha256, imported_at, text) VALUES ('a', 'a', 'now', 'x')",
        "UPDATE claims SET note = 'x'",
        "DELETE FROM claims",
        "INSERT INTO comments (id, claim_id, author, body, created_at) VALUES ('c', 'x', 'reed', '', '')",
        "INSERT INTO speakers (name) VALUES ('Minister')",
        "INSERT INTO change_log (action, entity, entity_id) VALUES ('x', 'claim', 'x')",
        "UPDATE settings SET value = 'x'",
    ],
)
def test_reader_cannot_write(team, submitted, statement):
    with team.connect("reed") as reed, pytest.raises(psycopg.errors.InsufficientPrivilege):
        reed.execute(statement)


def test_reader_reads_everything(team, submitted):
    with team.connect("reed") as reed:
        assert claim_row(reed, submitted) == ("", "submitted", "ann")


def test_a_stranger_cannot_even_connect(team, pg_server):
    from annotator.core.store.postgres import LoginFailed, add_member, connect, remove_member

    add_member(team.admin_url, "stella", role="reader", new_password="pw-stella")
    remove_member(team.admin_url, "stella")
    with pytest.raises(LoginFailed, match="may not open the project"):
        connect(team.url("stella"))


# -- live windows -----------------------------------------------------------------------


def test_a_change_is_announced_to_listeners_when_it_commits(team, ann, submitted):
    import json

    with team.connect("reed") as reed:
        reed.execute("LISTEN annotator")
        ann.execute("UPDATE claims SET note = 'seen?' WHERE id = %s", (submitted,))
        # bounded so a broken trigger fails the test instead of hanging it
        heard = [json.loads(n.payload) for n in reed.notifies(timeout=30, stop_after=1)]
    assert [(h["entity"], h["id"], h["who"], h["action"]) for h in heard] == [
        ("claim", submitted, "ann", "update")
    ]


def test_a_reviewer_cannot_correct_their_own_claim(rita, article):
    own = add_claim(rita, article, annotator="rita", status="submitted")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        add_claim(rita, article, annotator="rita", status="accepted", supersedes=own)


# -- suggestions ------------------------------------------------------------------------


def test_an_analyst_takes_up_a_suggestion_as_their_own_draft(ann, ben, article):
    suggestion = add_claim(ben, article, annotator="suggester", status="suggested")
    ann.execute("UPDATE claims SET annotator = 'ann', status = 'draft' WHERE id = %s", (suggestion,))
    assert claim_row(ben, suggestion) == ("", "draft", "ann")
    assert ben.execute("DELETE FROM claims WHERE id = %s", (suggestion,)).rowcount == 0
