"""The overlay of waiting actions on the stored claims (core/waiting_claims): what the window
draws while a team project's lost connection keeps them, from nothing but the actions' arguments
and the claims shown."""

from __future__ import annotations

from annotator.core.model import Claim, Figure
from annotator.core.waiting_claims import CREATE, DELETE, EDIT, MOVE, REVIEW, SUBMIT, with_waiting

TEXT = "The ministry said 40 people were hurt and 12 were missing."
MINE = Claim("c-mine", "a1", 0, 12, TEXT[0:12], annotator="ann", status="submitted", created_at="t1")
THEIRS = Claim("c-theirs", "a1", 18, 27, TEXT[18:27], annotator="rita", status="submitted", created_at="t2")


def drawn(*waiting, claims=(MINE, THEIRS), user="ann"):
    return with_waiting(claims, waiting, article_id="a1", text=TEXT, user=user)


def create(claim_id="c-new", start=42, end=44, **fields):
    return (CREATE, {"article_id": "a1", "start": start, "end": end, "claim_id": claim_id, **fields})


def by_id(result) -> dict[str, Claim]:
    return {claim.id: claim for claim in result.claims}


def test_a_waiting_creation_is_drawn_with_what_was_typed_and_later_edits_folded_in():
    result = drawn(
        create(figure=Figure("12", 12.0)), (EDIT, {"claim_id": "c-new", "field": "", "unit": "people"})
    )
    new = by_id(result)["c-new"]
    assert (new.start, new.end, new.quote, new.annotator) == (42, 44, "12", "ann")
    assert (new.figure.value, new.figure.unit) == (12.0, "people")
    assert result.waiting == {"c-new": "waiting to be sent"}


def test_another_articles_creation_and_a_sent_one_are_not_drawn_again():
    other = (CREATE, {"article_id": "a2", "start": 0, "end": 3, "claim_id": "c-else"})
    result = drawn(other, create("c-mine", 0, 12))
    assert [c.id for c in result.claims] == ["c-mine", "c-theirs"]
    assert result.waiting == {}


def test_two_moves_give_the_second_span_and_a_reviewed_claim_goes_back_to_review():
    accepted = MINE.with_changes(status="accepted")
    result = drawn(
        (MOVE, {"claim_id": "c-mine", "start": 0, "end": 13}),
        (MOVE, {"claim_id": "c-mine", "start": 0, "end": 14}),
        claims=(accepted,),
    )
    moved = by_id(result)["c-mine"]
    assert (moved.start, moved.end, moved.quote, moved.status) == (0, 14, TEXT[:14], "submitted")
    assert result.waiting == {"c-mine": "submitted — waiting to be sent"}


def test_a_waiting_delete_hides_the_claim_and_says_nothing_of_it():
    result = drawn(create(), (DELETE, {"claim_id": "c-new"}), (DELETE, {"claim_id": "c-mine"}))
    assert [c.id for c in result.claims] == ["c-theirs"] and result.waiting == {}


def test_reviews_show_the_status_they_give_as_waiting():
    result = drawn(
        (REVIEW, {"action": "accept", "claim_id": "c-theirs", "review_id": "r1"}),
        (REVIEW, {"action": "correct", "claim_id": "c-mine", "review_id": "r2", "value": 41.0}),
        user="rita",
    )
    assert by_id(result)["c-theirs"].status == "accepted"
    assert by_id(result)["c-mine"].status == "rejected"  # as the store keeps a corrected original
    assert result.waiting == {
        "c-theirs": "accepted — waiting to be sent",
        "c-mine": "corrected — waiting to be sent",
    }


def test_submitting_drafts_submits_only_ones_own_drafts_of_that_article():
    draft = MINE.with_changes(status="draft")
    theirs = THEIRS.with_changes(status="draft")
    result = drawn((SUBMIT, {"article_id": "a1"}), claims=(draft, theirs))
    assert by_id(result)["c-mine"].status == "submitted" and by_id(result)["c-theirs"].status == "draft"
    assert result.waiting == {"c-mine": "submitted — waiting to be sent"}


def test_actions_it_cannot_apply_are_passed_over():
    result = drawn(
        create("c-x", figure="x"),  # a crafted file: not a Figure
        create("c-y", 50, 500),  # past the text's end
        (EDIT, {"claim_id": "c-mine", "speaker": 7}),
        (EDIT, {"claim_id": "c-mine", "colour": "red"}),  # not a claim field: ignored, the rest kept
        ("drop table", {"claim_id": "c-mine"}),
        (DELETE, "c-theirs"),
    )
    assert [c.id for c in result.claims] == ["c-mine", "c-theirs"]
    assert by_id(result)["c-mine"] == MINE
