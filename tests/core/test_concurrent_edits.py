"""Two windows on one project: an edit never overwrites a change made since it was opened, and
a create retried with its id (after a commit whose answer was lost) never makes a second claim."""

from __future__ import annotations

import pytest

from annotator.core.errors import ConflictingChange, InvalidClaim
from annotator.core.store import Project
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."


@pytest.fixture
def windows(back_end, tmp_path, request):
    """amira's window and ben's on the same project (a file, or the module's team database)."""
    if back_end == "sqlite":
        path = tmp_path / "desk.annotator"
        opened = [Project.open(path), Project.open(path)]
    else:
        database = request.getfixturevalue("team_database")
        database.empty()
        opened = [Project.open(database.url("amira")), Project.open(database.url("ben"))]
    yield opened
    for project in opened:
        project.close()


@pytest.fixture
def opened_claim(windows):
    """amira's submitted claim, as her window shows it."""
    amira, _ = windows
    article = add_article(amira, TEXT)
    return amira.claims.create(article, 18, 40, by="amira", status="submitted")


def test_an_edit_of_a_claim_reviewed_since_it_was_opened_is_refused_naming_who(windows, opened_claim):
    amira, ben = windows
    ben.reviews.dispute(opened_claim.id, by="ben", comment="which ministry?")
    changed = r"^ben changed this claim at \d\d:\d\d UTC since you opened it"
    with pytest.raises(ConflictingChange, match=changed):
        amira.claims.edit(opened_claim.id, by="amira", since=opened_claim.updated_at, note="mine")
    assert ben.claims.get(opened_claim.id).note == ""


def test_an_edit_of_the_version_shown_goes_through(windows, opened_claim):
    amira, ben = windows
    edited = amira.claims.edit(opened_claim.id, by="amira", since=opened_claim.updated_at, note="checked")
    assert ben.claims.get(opened_claim.id).note == "checked"
    again = amira.claims.edit(opened_claim.id, by="amira", since=edited.updated_at, note="twice")
    assert again.note == "twice"


def test_an_undo_over_a_newer_change_is_refused(windows, opened_claim):
    amira, ben = windows
    edited = amira.claims.edit(opened_claim.id, by="amira", note="first")
    ben.reviews.dispute(opened_claim.id, by="ben", comment="why?")
    with pytest.raises(ConflictingChange, match="ben changed this claim"):
        amira.claims.put(opened_claim, by="amira", action="undo", since=edited.updated_at)
    assert ben.claims.get(opened_claim.id).note == "first"


def test_a_create_retried_with_its_id_returns_the_claim_stored_the_first_time(windows):
    amira, ben = windows
    article = add_article(amira, TEXT)
    first = amira.claims.create(article, 18, 40, by="amira", claim_id="c-retried")
    entries = ben.log.count()
    again = amira.claims.create(article, 18, 40, by="amira", claim_id="c-retried")
    assert again == first
    assert ben.claims.count() == 1 and ben.log.count() == entries


def test_an_id_already_another_claims_is_refused(windows):
    amira, ben = windows
    article = add_article(amira, TEXT)
    amira.claims.create(article, 18, 40, by="amira", claim_id="c-taken")
    with pytest.raises(InvalidClaim, match="already another claim"):
        ben.claims.create(article, 45, 62, by="ben", claim_id="c-taken")
    assert [c.annotator for c in ben.claims.select()] == ["amira"]


def test_a_review_retried_with_its_id_is_recorded_once(windows, opened_claim):
    _, ben = windows
    first = ben.reviews.dispute(opened_claim.id, by="ben", comment="which ministry?", review_id="r-retried")
    again = ben.reviews.dispute(opened_claim.id, by="ben", comment="which ministry?", review_id="r-retried")
    assert again.review == first.review
    assert ben.reviews.of_claim(opened_claim.id) == [first.review]
    assert ben.claims.get(opened_claim.id).status == "disputed"


def test_a_review_id_already_another_reviews_is_refused(windows, opened_claim):
    _, ben = windows
    ben.reviews.dispute(opened_claim.id, by="ben", comment="which ministry?", review_id="r-taken")
    with pytest.raises(InvalidClaim, match="already another review"):
        ben.reviews.accept(opened_claim.id, by="ben", review_id="r-taken")
    assert ben.claims.get(opened_claim.id).status == "disputed"


def test_undoing_a_retried_review_gives_the_claim_and_article_back_as_before_it(windows, opened_claim):
    amira, ben = windows
    first = ben.reviews.accept(opened_claim.id, by="ben", review_id="r-lost")
    assert amira.articles.get(opened_claim.article_id).status == "reviewed"
    again = ben.reviews.accept(opened_claim.id, by="ben", review_id="r-lost")
    assert again == first
    assert (again.before.status, again.after.status, again.article_status_before) == (
        "submitted",
        "accepted",
        "not started",
    )
    ben.reviews.undo(again, by="ben")
    assert amira.claims.get(opened_claim.id).status == "submitted"
    assert amira.articles.get(opened_claim.article_id).status == "not started"
    assert amira.reviews.of_claim(opened_claim.id) == []


def test_undoing_a_retried_correction_takes_the_correction_back_too(windows, opened_claim):
    amira, ben = windows
    first = ben.reviews.correct(opened_claim.id, by="ben", review_id="r-fix", note="27 soldiers")
    again = ben.reviews.correct(opened_claim.id, by="ben", review_id="r-fix", note="27 soldiers")
    assert again == first and again.correction.note == "27 soldiers"
    assert again.before.status == "submitted"
    ben.reviews.undo(again, by="ben")
    assert [(c.id, c.status) for c in amira.claims.select()] == [(opened_claim.id, "submitted")]


def test_a_retried_review_names_the_merge_conflicts_it_settled(windows, opened_claim):
    from annotator.core.store.conflicts import Conflict

    amira, ben = windows
    found = Conflict("k-1", opened_claim.id, None, "edited", source="theirs", detected_at=amira.now())
    amira.conflicts.insert([found])
    first = ben.reviews.accept(opened_claim.id, by="ben", review_id="r-settles")
    again = ben.reviews.accept(opened_claim.id, by="ben", review_id="r-settles")
    assert again == first and again.resolved_conflicts == ("k-1",)
    ben.reviews.undo(again, by="ben")
    assert [c.resolved_at for c in amira.conflicts.of_claim(opened_claim.id)] == [None]


def test_a_retried_review_is_the_one_outcome_even_after_later_reviews(windows, opened_claim):
    amira, ben = windows
    first = ben.reviews.dispute(opened_claim.id, by="ben", comment="which ministry?", review_id="r-1")
    amira.reviews.submit([opened_claim.id], by="amira")
    ben.reviews.accept(opened_claim.id, by="ben", review_id="r-2")
    again = ben.reviews.dispute(opened_claim.id, by="ben", comment="which ministry?", review_id="r-1")
    assert (again.before, again.after, again.article_status_before) == (
        first.before,
        first.after,
        None,
    )


def test_a_comment_id_already_another_comments_text_is_refused(windows, opened_claim):
    amira, ben = windows
    first = ben.reviews.comment(opened_claim.id, "source?", by="ben", comment_id="m-taken")
    with pytest.raises(InvalidClaim, match="already another comment"):
        ben.reviews.comment(opened_claim.id, "a different question", by="ben", comment_id="m-taken")
    assert amira.reviews.comments_of(opened_claim.id) == [first]


def test_a_comment_retried_with_its_id_is_posted_once(windows, opened_claim):
    amira, ben = windows
    first = ben.reviews.comment(opened_claim.id, "source?", by="ben", comment_id="m-retried")
    assert ben.reviews.comment(opened_claim.id, "source?", by="ben", comment_id="m-retried") == first
    assert amira.reviews.comments_of(opened_claim.id) == [first]


class _OneMillisecond:
    """A clock that never moves: every change lands in the same millisecond."""

    @staticmethod
    def now(_tz=None):
        from datetime import UTC, datetime

        return datetime(2026, 12, 1, 12, 0, 0, 123456, tzinfo=UTC)

    @staticmethod
    def fromisoformat(text):
        from datetime import datetime

        return datetime.fromisoformat(text)


def test_changes_within_one_millisecond_still_conflict(windows, opened_claim, monkeypatch):
    """The window's undo of its own edit, after a colleague's review in the same millisecond,
    must not overwrite the review: every change gets a later `updated_at` than the last."""
    from annotator.core.store import project as project_module

    monkeypatch.setattr(project_module, "datetime", _OneMillisecond)
    amira, ben = windows
    edited = amira.claims.edit(opened_claim.id, by="amira", note="first")
    assert edited.updated_at > opened_claim.updated_at
    ben.reviews.dispute(opened_claim.id, by="ben", comment="why?")
    with pytest.raises(ConflictingChange, match="ben changed this claim"):
        amira.claims.put(opened_claim, by="amira", action="undo", since=edited.updated_at)
