"""What a stored review did, read back from the change log written with it: a review retried
by its id (after a commit whose answer was lost) returns what the first call returned.

A review action writes, in one transaction and in this order (on a file the store, on a
team project the server's triggers): the review's own entry, its claim's move (logged under
the decision, with the claim before and after), the article set to reviewed when it was the
last open claim, and the merge conflicts it settled. The move is the claim's first entry
after the review's under its decision; a person's own actions follow one another, so the
reviewer's entries right after the move are the same action's until one is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import ChangeLogEntry, Claim, Review
from annotator.core.store.changelog import claim_from_log

_READ_AT_MOST = 500  # entries after the review's: its claim, its article, the conflicts it settled


@dataclass(frozen=True, slots=True)
class ReviewEffects:
    """The claim before and after one review, the article's status before it (when the review
    changed it) and the conflicts it resolved; `before` is None when the log has no move."""

    before: Claim | None = None
    after: Claim | None = None
    article_status_before: str | None = None
    resolved_conflicts: tuple[str, ...] = ()


def review_effects(log, review: Review, article_id: str) -> ReviewEffects:
    """What `review` did when it was recorded (a review carried in by a merge: nothing found)."""
    written = log.first_entry("review", review.id)
    if written is None:
        return ReviewEffects()
    moves = (entry for entry in log.history("claim", review.claim_id) if _is_move(entry, review, written.seq))
    move = next(moves, None)
    if move is None:
        return ReviewEffects()
    article_before, resolved = None, []
    for entry in log.entries_by(review.reviewer, after_seq=move.seq, limit=_READ_AT_MOST):
        if not resolved and article_before is None and _marks_reviewed(entry, article_id):
            article_before = entry.before["status"]
        elif entry.entity == "conflict" and entry.action == "resolve":
            resolved.append(entry.entity_id)
        else:
            break
    before, after = claim_from_log(move.before), claim_from_log(move.after)
    return ReviewEffects(before, after, article_before, tuple(resolved))


def _is_move(entry: ChangeLogEntry, review: Review, after_seq: int) -> bool:
    """The claim's move the review made: the first entry after the review's, under its decision."""
    made = entry.seq > after_seq and (entry.who, entry.action) == (review.reviewer, review.decision)
    return made and bool(entry.before and entry.after)


def _marks_reviewed(entry: ChangeLogEntry, article_id: str) -> bool:
    return (
        (entry.entity, entry.entity_id, entry.action) == ("article", article_id, "status")
        and (entry.after or {}).get("status") == "reviewed"
        and "status" in (entry.before or {})
    )
