"""What hangs on a claim and would vanish with it: reviews, comments and links from corrections.

Deleting a claim cascades to its reviews and comments (colleagues' work) and unlinks the
corrections made of it. The trail is read before the delete, logged as removed, and put
back when the delete is undone, so an undo restores the claim with everything on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.review_records import Comment, Review


@dataclass(frozen=True)
class ClaimTrail:
    """A deleted claim's reviews, comments, and the claims and reviews that pointed at it."""

    reviews: tuple[Review, ...] = ()
    comments: tuple[Comment, ...] = ()
    corrections: tuple[str, ...] = ()  # claims whose `supersedes` was this claim
    corrected_by_reviews: tuple[str, ...] = ()  # reviews whose `corrected_claim_id` was this claim

    def __bool__(self) -> bool:
        return bool(self.reviews or self.comments or self.corrections or self.corrected_by_reviews)


def read_trail(project, claim_id: str) -> ClaimTrail:
    """Everything the delete of `claim_id` would remove or unlink."""
    conn = project.db.sql
    return ClaimTrail(
        reviews=tuple(project.reviews.of_claim(claim_id)),
        comments=tuple(project.reviews.comments_of(claim_id)),
        corrections=_ids(conn, "SELECT id FROM claims WHERE supersedes = ?", claim_id),
        corrected_by_reviews=_ids(conn, "SELECT id FROM reviews WHERE corrected_claim_id = ?", claim_id),
    )


def log_removal(project, trail: ClaimTrail, *, by: str) -> None:
    """Change log entries for the reviews and comments that leave with their claim."""
    project.log.record_many(
        [(by, "delete with claim", "review", r.id, asdict(r), None) for r in trail.reviews]
        + [(by, "delete with claim", "comment", c.id, asdict(c), None) for c in trail.comments]
    )


def put_back(project, claim_id: str, trail: ClaimTrail, *, by: str) -> None:
    """Restore the trail of a claim that was just put back (inside the caller's transaction)."""
    conn = project.db.sql
    project.reviews.insert_reviews(trail.reviews)
    project.reviews.insert_comments(trail.comments)
    conn.executemany(
        "UPDATE claims SET supersedes = ? WHERE id = ? AND supersedes IS NULL",
        [(claim_id, other) for other in trail.corrections],
    )
    conn.executemany(
        "UPDATE reviews SET corrected_claim_id = ? WHERE id = ? AND corrected_claim_id IS NULL",
        [(claim_id, review) for review in trail.corrected_by_reviews],
    )
    project.log.record_many(
        [(by, "restore with claim", "review", r.id, None, asdict(r)) for r in trail.reviews]
        + [(by, "restore with claim", "comment", c.id, None, asdict(c)) for c in trail.comments]
    )


def _ids(conn, sql: str, claim_id: str) -> tuple[str, ...]:
    return tuple(row[0] for row in conn.execute(sql, (claim_id,)))
