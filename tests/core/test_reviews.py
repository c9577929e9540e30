"""Reviewing colleagues' claims: permissions, the status flow, corrections, threads, the log."""

from __future__ import annotations

import pytest

from annotator.core.errors import InvalidClaim, PermissionDenied
from annotator.core.model import Figure
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."


@pytest.fixture
def team(project):
    """amira reviews; ben annotates; ben has one submitted claim and one draft."""
    article = add_article(project, TEXT)
    project.speakers.add("Defence Ministry", by="amira", aliases=("the ministry",))
    project.people.add("amira", by="amira", reviewer=True)
    project.people.add("ben", by="amira")
    submitted = project.claims.create(
        article, 18, 40, by="ben", speaker="the ministry", figure=Figure("27", 27), status="submitted"
    )
    draft = project.claims.create(article, 45, 62, by="ben", figure=Figure("about 60", 60))
    return project, article, submitted, draft


# -- permissions --------------------------------------------------------------------------


def test_editing_a_colleagues_claim_is_refused(team):
    project, _, claim, _ = team
    with pytest.raises(PermissionDenied, match="belongs to ben"):
        project.claims.edit(claim.id, by="amira", note="mine now")
    assert project.claims.get(claim.id) == claim


def test_deleting_a_colleagues_claim_is_refused(team):
    project, _, claim, _ = team
    with pytest.raises(PermissionDenied):
        project.claims.delete(claim.id, by="amira")
    assert project.claims.exists(claim.id)


def test_setting_a_colleagues_status_directly_is_refused(team):
    project, _, claim, _ = team
    with pytest.raises(PermissionDenied):
        project.claims.set_status(claim.id, "accepted", by="amira")
    assert project.claims.get(claim.id).status == "submitted"


def test_reviewing_ones_own_claim_is_refused(team):
    project, _, claim, _ = team
    with pytest.raises(PermissionDenied, match="your own claim"):
        project.reviews.accept(claim.id, by="ben")


def test_only_reviewers_review_once_the_project_names_reviewers(team):
    project, article, _, _ = team
    amiras = project.claims.create(article, 0, 12, by="amira", status="submitted")
    with pytest.raises(PermissionDenied, match="not a reviewer"):
        project.reviews.accept(amiras.id, by="ben")


def test_a_project_without_reviewers_lets_everyone_review(project):
    article = add_article(project, TEXT)
    claim = project.claims.create(article, 18, 40, by="ben", status="submitted")
    assert project.reviews.accept(claim.id, by="carla").after.status == "accepted"


def test_a_draft_cannot_be_reviewed(team):
    project, _, _, draft = team
    with pytest.raises(InvalidClaim, match="draft"):
        project.reviews.accept(draft.id, by="amira")


def test_only_the_annotator_submits_their_claim(team):
    project, _, _, draft = team
    with pytest.raises(PermissionDenied):
        project.reviews.submit([draft.id], by="amira")
    assert [c.status for c in project.reviews.submit([draft.id], by="ben")] == ["submitted"]


# -- decisions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "kwargs", "status"),
    [
        ("accept", {}, "accepted"),
        ("reject", {"reason": "not attributed"}, "rejected"),
        ("dispute", {"comment": "which ministry?"}, "disputed"),
    ],
)
def test_a_decision_records_a_review_and_moves_the_status(team, action, kwargs, status):
    project, _, claim, _ = team
    outcome = getattr(project.reviews, action)(claim.id, by="amira", **kwargs)
    assert outcome.after.status == status
    assert project.claims.get(claim.id).status == status
    assert project.reviews.latest(claim.id) == outcome.review
    assert outcome.review.reviewer == "amira"
    assert outcome.review.comment == next(iter(kwargs.values()), "")


@pytest.mark.parametrize(("action", "key"), [("reject", "reason"), ("dispute", "comment")])
@pytest.mark.parametrize("blank", ["", "   "])
def test_reject_and_dispute_need_words(team, action, key, blank):
    project, _, claim, _ = team
    with pytest.raises(InvalidClaim):
        getattr(project.reviews, action)(claim.id, by="amira", **{key: blank})
    assert project.reviews.of_claim(claim.id) == []
    assert project.claims.get(claim.id).status == "submitted"


def test_a_correction_is_a_new_claim_and_the_original_stays(team):
    project, _, claim, _ = team
    outcome = project.reviews.correct(claim.id, by="amira", comment="typo", value=270, text="270")
    correction = outcome.correction
    assert correction.supersedes == claim.id
    assert correction.annotator == "amira"
    assert correction.figure == Figure("270", 270)
    assert correction.speaker == claim.speaker
    assert (correction.start, correction.end, correction.quote) == (claim.start, claim.end, claim.quote)
    original = project.claims.get(claim.id)
    assert original.figure == claim.figure and original.note == claim.note
    assert original.status == "rejected"
    assert outcome.review.decision == "corrected"
    assert outcome.review.corrected_claim_id == correction.id


def test_a_correction_may_not_change_who_made_the_original(team):
    project, _, claim, _ = team
    with pytest.raises(InvalidClaim, match="annotator"):
        project.reviews.correct(claim.id, by="amira", annotator="amira")


def test_undo_takes_a_review_back_completely(team):
    project, _, claim, _ = team
    outcome = project.reviews.correct(claim.id, by="amira", value=270)
    project.reviews.undo(outcome, by="amira")
    assert project.claims.get(claim.id).status == "submitted"
    assert not project.claims.exists(outcome.correction.id)
    assert project.reviews.of_claim(claim.id) == []


def test_the_queue_holds_others_submitted_claims(team):
    project, article, claim, _ = team
    project.claims.create(article, 0, 12, by="amira", status="submitted")
    assert [c.id for c in project.reviews.queue(reviewer="amira")] == [claim.id]
    project.reviews.accept(claim.id, by="amira")
    assert project.reviews.queue(reviewer="amira") == []


def test_an_article_is_reviewed_when_no_claim_awaits_work(team):
    project, article, claim, draft = team
    project.reviews.accept(claim.id, by="amira")
    assert project.articles.get(article).status != "reviewed"  # ben's draft is still open
    project.reviews.submit([draft.id], by="ben")
    project.reviews.reject(draft.id, by="amira", reason="no speaker")
    assert project.articles.get(article).status == "reviewed"


# -- comments -----------------------------------------------------------------------------


def test_comments_form_a_thread_in_order(team):
    project, _, claim, _ = team
    project.reviews.comment(claim.id, "Which ministry?", by="amira")
    project.reviews.comment(claim.id, "Defence, see paragraph 1.", by="ben")
    thread = project.reviews.comments_of(claim.id)
    assert [(c.author, c.body) for c in thread] == [
        ("amira", "Which ministry?"),
        ("ben", "Defence, see paragraph 1."),
    ]


@pytest.mark.parametrize("body", ["", "  \n "])
def test_an_empty_comment_is_refused(team, body):
    project, _, claim, _ = team
    with pytest.raises(InvalidClaim):
        project.reviews.comment(claim.id, body, by="amira")


def test_only_the_author_takes_a_comment_back(team):
    project, _, claim, _ = team
    comment = project.reviews.comment(claim.id, "typo?", by="amira")
    with pytest.raises(PermissionDenied):
        project.reviews.remove_comment(comment, by="ben")
    project.reviews.remove_comment(comment, by="amira")
    assert project.reviews.comments_of(claim.id) == []


# -- the audit trail ----------------------------------------------------------------------


@pytest.mark.file_only  # the server keeps a reviewed claim / its people are its roles
def test_the_log_is_complete_after_a_scripted_session(team):
    project, article, claim, draft = team
    start = project.log.count()
    edited = project.claims.edit(draft.id, by="ben", note="check")
    project.reviews.submit([draft.id], by="ben")
    project.reviews.dispute(claim.id, by="amira", comment="which ministry?")
    comment = project.reviews.comment(claim.id, "The defence ministry.", by="ben")
    correction = project.reviews.correct(draft.id, by="amira", value=61).correction
    project.claims.delete(correction.id, by="amira")
    entries = project.log.history()[start:]
    assert [(e.who, e.action, e.entity) for e in entries] == [
        ("ben", "edit", "claim"),
        ("ben", "submit", "claim"),
        ("amira", "review", "review"),
        ("amira", "disputed", "claim"),
        ("ben", "comment", "comment"),
        ("amira", "create", "claim"),
        ("amira", "review", "review"),
        ("amira", "corrected", "claim"),
        ("amira", "delete", "claim"),
    ]
    assert entries[0].before["note"] == "" and entries[0].after == edited.as_log_entry()
    assert entries[3].before["status"] == "submitted" and entries[3].after["status"] == "disputed"
    assert entries[4].after["body"] == comment.body
    assert entries[-1].before == correction.as_log_entry() and entries[-1].after is None
    assert all(e.at for e in entries)


def test_a_claims_history_gathers_edits_reviews_and_comments(team):
    project, _, claim, _ = team
    project.reviews.comment(claim.id, "source?", by="amira")
    project.reviews.accept(claim.id, by="amira")
    history = project.log.claim_history(claim.id)
    assert [(e.action, e.entity) for e in history] == [
        ("create", "claim"),
        ("comment", "comment"),
        ("review", "review"),
        ("accepted", "claim"),
    ]


def test_a_disputed_claim_goes_back_to_the_queue_when_resubmitted(team):
    project, _, claim, _ = team
    project.reviews.dispute(claim.id, by="amira", comment="which ministry?")
    assert project.reviews.queue(reviewer="amira") == []
    project.claims.edit(claim.id, by="ben", note="the defence ministry")
    project.reviews.submit([claim.id], by="ben")
    assert [c.id for c in project.reviews.queue(reviewer="amira")] == [claim.id]


# -- deleting a reviewed claim, and undoing it ---------------------------------------------


@pytest.mark.file_only  # on the server a colleague's reviews are theirs to write, not the undoer's
def test_undoing_the_delete_of_a_reviewed_claim_brings_back_its_reviews_and_thread(team):
    project, _, claim, _ = team
    project.reviews.dispute(claim.id, by="amira", comment="which ministry?")
    project.reviews.comment(claim.id, "the defence one", by="ben")
    reviews, thread = project.reviews.of_claim(claim.id), project.reviews.comments_of(claim.id)
    assert reviews and thread

    deleted = project.claims.delete(claim.id, by="ben")
    assert project.reviews.of_claim(claim.id) == [] and project.reviews.comments_of(claim.id) == []
    removed = [e for e in project.log.history() if e.action == "delete with claim"]
    assert {e.entity for e in removed} == {"review", "comment"}

    project.claims.restore(deleted, by="ben")
    assert project.reviews.of_claim(claim.id) == reviews
    assert project.reviews.comments_of(claim.id) == thread


@pytest.mark.file_only  # the server keeps a reviewed claim / its people are its roles
def test_undoing_the_delete_of_a_corrected_claim_relinks_its_correction(team):
    project, _, claim, _ = team
    outcome = project.reviews.correct(claim.id, by="amira", value=72)
    correction, review = outcome.correction, outcome.review
    assert project.claims.get(correction.id).supersedes == claim.id

    deleted = project.claims.delete(claim.id, by="ben")
    assert project.claims.get(correction.id).supersedes is None  # the link cannot outlive the claim

    project.claims.restore(deleted, by="ben")
    assert project.claims.get(correction.id).supersedes == claim.id
    assert project.reviews.of_claim(claim.id) == [review]


def test_the_queue_ids_follow_the_queue_and_claims_come_back_in_the_order_asked(team):
    project, article, submitted, _ = team
    later = project.claims.create(article, 0, 12, by="ben", status="submitted")
    queue = project.reviews.queue(reviewer="amira")
    assert [c.id for c in queue] == project.reviews.queue_ids(reviewer="amira") == [later.id, submitted.id]
    assert project.reviews.queue_ids(reviewer="ben") == []  # nobody reviews their own
    ids = [submitted.id, "no-such-claim", later.id]
    assert [c.id for c in project.claims.get_many(ids)] == [submitted.id, later.id]
