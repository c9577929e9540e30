"""Adjusting a claim's span: the same claim, a new quote, logged, and a reviewed claim reviewed again."""

import pytest

from annotator.core.annotating import move_span, take_back_span_move
from annotator.core.errors import InvalidClaim, PermissionDenied
from annotator.core.selection import nudge_span
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "Officials said 1,000 troops 👨‍👩‍👧 had been killed 🇺🇦 in May 👍🏽 e\u0301 ok"


@pytest.fixture
def world(project):
    article = add_article(project, TEXT)
    start = TEXT.index("1,000")
    claim = project.claims.create(article, start, start + len("1,000 troops"), by="amira")
    return project, article, claim


def _reviewed(project, claim, decision="accept"):
    project.reviews.submit([claim.id], by="amira")
    if decision == "accept":
        project.reviews.accept(claim.id, by="ben")
    else:
        project.reviews.reject(claim.id, by="ben", reason="wrong span")
    return project.claims.get(claim.id)


def test_a_moved_span_keeps_the_claim_id_and_takes_its_quote_from_the_text(world):
    project, _, claim = world
    move = move_span(project, claim.id, claim.start, claim.end + 6, by="amira")
    assert move.after.id == claim.id
    assert move.after.quote == "1,000 troops 👨‍👩‍👧"
    assert project.claims.get(claim.id).quote == TEXT[claim.start : claim.end + 6]


def test_a_moved_span_is_in_the_change_log_with_before_and_after(world):
    project, _, claim = world
    move_span(project, claim.id, claim.start, claim.end - 7, by="amira")
    entry = project.log.claim_history(claim.id)[-1]
    assert entry.action == "move span"
    assert (entry.before["quote"], entry.after["quote"]) == ("1,000 troops", "1,000")


def test_a_draft_stays_a_draft_and_gets_no_note(world):
    project, _, claim = world
    move = move_span(project, claim.id, claim.start, claim.end - 7, by="amira")
    assert move.after.status == "draft" and move.comment is None
    assert project.reviews.comments_of(claim.id) == []


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_reviewed_claim_goes_back_to_submitted_with_a_note_in_its_thread(world, decision):
    project, _, claim = world
    reviewed = _reviewed(project, claim, decision)
    move = move_span(project, claim.id, claim.start, claim.end - 7, by="amira")
    assert move.after.status == "submitted"
    assert claim.id in project.reviews.queue_ids(reviewer="ben")
    (note,) = project.reviews.comments_of(claim.id)
    assert "“1,000 troops”" in note.body and "“1,000”" in note.body and reviewed.status in note.body


def test_a_reviewed_article_is_in_progress_again_and_undo_puts_it_all_back(world):
    project, article, claim = world
    reviewed = _reviewed(project, claim)
    assert project.articles.get(article).status == "reviewed"
    move = move_span(project, claim.id, claim.start, claim.end - 7, by="amira")
    assert project.articles.get(article).status == "in progress"
    take_back_span_move(project, move, by="amira")
    back = project.claims.get(claim.id)
    assert (back.start, back.end, back.quote, back.status) == (
        reviewed.start,
        reviewed.end,
        reviewed.quote,
        "accepted",
    )
    assert project.reviews.comments_of(claim.id) == []
    assert project.articles.get(article).status == "reviewed"


@pytest.mark.parametrize("decision", ["accept", "reject", "dispute"])
def test_undo_gives_back_the_status_each_review_gave(world, decision):
    project, _, claim = world
    project.reviews.submit([claim.id], by="amira")
    words = {"accept": {}, "reject": {"reason": "wrong span"}, "dispute": {"comment": "which troops?"}}
    getattr(project.reviews, decision)(claim.id, by="ben", **words[decision])
    reviewed = project.claims.get(claim.id)
    move = move_span(project, claim.id, claim.start, claim.end - 7, by="amira")
    assert move.after.status == "submitted"
    back = take_back_span_move(project, move, by="amira")
    assert (back.status, back.quote) == (reviewed.status, reviewed.quote)
    assert project.claims.get(claim.id) == back
    assert project.log.history("claim", claim.id)[-1].action == "undo move span"


def test_a_corrected_claim_is_refused_the_correction_carries_the_span(world):
    project, _, claim = world
    project.reviews.submit([claim.id], by="amira")
    project.reviews.correct(claim.id, by="ben", value=1000)
    with pytest.raises(InvalidClaim, match="correct"):
        move_span(project, claim.id, claim.start, claim.end - 7, by="amira")


def test_someone_elses_claim_cannot_be_moved(world):
    project, _, claim = world
    with pytest.raises(PermissionDenied):
        move_span(project, claim.id, claim.start, claim.end - 7, by="ben")


def test_an_empty_span_is_refused(world):
    project, _, claim = world
    with pytest.raises(InvalidClaim):
        move_span(project, claim.id, claim.start, claim.start, by="amira")


# -- stepping an edge by one character as the reader sees it --------------------------------


@pytest.mark.parametrize(
    ("cluster", "why"),
    [("👨‍👩‍👧", "ZWJ family"), ("🇺🇦", "flag"), ("👍🏽", "skin tone"), ("e\u0301", "accent")],
)
def test_the_end_steps_over_a_whole_character(cluster, why):
    start = TEXT.index(cluster)
    assert nudge_span(TEXT, 0, start, edge="end", step=1) == (0, start + len(cluster)), why
    assert nudge_span(TEXT, 0, start + len(cluster), edge="end", step=-1) == (0, start), why


@pytest.mark.parametrize("cluster", ["👨‍👩‍👧", "🇺🇦", "👍🏽"])
def test_the_start_steps_over_a_whole_character(cluster):
    start = TEXT.index(cluster)
    end = len(TEXT)
    assert nudge_span(TEXT, start, end, edge="start", step=1) == (start + len(cluster), end)
    assert nudge_span(TEXT, start + len(cluster), end, edge="start", step=-1) == (start, end)


def test_two_flags_in_a_row_step_one_flag_at_a_time():
    text = "a🇺🇦🇫🇷b"
    assert nudge_span(text, 0, 1, edge="end", step=1) == (0, 3)
    assert nudge_span(text, 0, 3, edge="end", step=1) == (0, 5)
    assert nudge_span(text, 0, 5, edge="end", step=-1) == (0, 3)


@pytest.mark.parametrize(
    ("span", "edge", "step"),
    [((0, 1), "end", -1), ((0, 1), "start", 1), ((0, len(TEXT)), "end", 1), ((0, 3), "start", -1)],
)
def test_a_step_that_would_empty_the_span_or_leave_the_text_changes_nothing(span, edge, step):
    assert nudge_span(TEXT, *span, edge=edge, step=step) == span


def test_steps_cross_line_breaks_one_at_a_time():
    text = "ab\n🇺🇦c"
    assert nudge_span(text, 0, 2, edge="end", step=1) == (0, 3)
    assert nudge_span(text, 0, 3, edge="end", step=1) == (0, 5)
    assert nudge_span(text, 0, 5, edge="end", step=-1) == (0, 3)
