"""The rules a merge applies to every incoming change, the same ones local actions obey.

Only a claim's owner changes it, and only before it is reviewed (accepted or rejected);
only reviewers review, never their own claims; a claim's status moves past submitted only
through a review record saying so. Each function returns why a change is refused, or None.
"""

from __future__ import annotations

from annotator.core.annotating import OWNER_MOVES, REVIEWED_STATUSES, may_change
from annotator.core.model import Claim, Review

STATUS_OF_DECISION = {
    "accepted": "accepted",
    "rejected": "rejected",
    "disputed": "disputed",
    "corrected": "rejected",
}


def review_refusal(review: Review, owner: str, *, may_review: bool) -> str | None:
    """Why an incoming review cannot stand: a self-review, or a reviewer who is not one here."""
    if review.reviewer == owner:
        return f"review {review.id} by {review.reviewer} of their own claim"
    if not may_review:
        return f"review {review.id}: {review.reviewer} is not a reviewer in this project"
    return None


def update_refusal(ours: Claim, theirs: Claim, reviews: list[Review]) -> str | None:
    """Why their newer version of our claim cannot replace it; `reviews` are the claim's valid
    reviews on both sides, oldest first."""
    if theirs.annotator != ours.annotator and ours.status != "suggested":
        return f"changes the owner of {ours.annotator}'s claim to {theirs.annotator or 'nobody'}"
    if ours.status in REVIEWED_STATUSES and _content(ours) != _content(theirs):
        return f"edits a claim already reviewed ({ours.status}); a reviewer can dispute it to reopen it"
    return status_refusal(ours.status, theirs.status, reviews)


def new_claim_refusal(theirs: Claim, reviews: list[Review]) -> str | None:
    """Why a claim new to us cannot come in as it is: a reviewed status no review gives it."""
    start = theirs.status if theirs.status in ("draft", "submitted", "suggested") else "submitted"
    return status_refusal(start, theirs.status, reviews, arriving=True)


def status_refusal(before: str, after: str, reviews: list[Review], *, arriving: bool = False) -> str | None:
    """Why a claim cannot move from `before` to `after`: neither its owner's move nor its latest review's."""
    if before == after or (before, after) in OWNER_MOVES:
        return None
    if reviews and STATUS_OF_DECISION.get(reviews[-1].decision) == after:
        return None
    if arriving:
        return f"arrives {after} without a review saying so"
    return f"moves it from {before} to {after} without a review saying so"


def deletion_refusal(ours: Claim, deleted_by: str) -> str | None:
    """Why their deletion of our claim cannot be applied. Stricter than a local delete (which
    the owner sees, and undoes with its reviews): a merge never takes a reviewed claim away."""
    if not may_change(ours, deleted_by):
        return f"deleted by {deleted_by or 'nobody named'}, but it is {ours.annotator}'s claim"
    if ours.status in REVIEWED_STATUSES:
        return f"deletes a reviewed claim ({ours.status}) with its review"
    return None


def _content(claim: Claim) -> dict:
    """A claim's fields its owner edits: everything but its status and update time."""
    entry = claim.as_log_entry()
    for name in ("status", "updated_at"):
        entry.pop(name, None)
    return entry
