"""Reviews and comments: how one person changes the standing of another person's claim.

A reviewer never edits a colleague's claim. Accepting, rejecting and disputing record a
review and move the claim's status; correcting adds the reviewer's version as a new claim
that `supersedes` the original, which stays exactly as its annotator left it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from annotator.core.errors import InvalidClaim, NotFound, PermissionDenied
from annotator.core.figures.rewrite import follow_numbers
from annotator.core.model import REVIEWABLE_STATUSES, Claim, Comment, Review
from annotator.core.store.connection import Repository
from annotator.core.store.review_effects import review_effects

_REVIEW_COLUMNS = "id, claim_id, reviewer, decision, comment, corrected_claim_id, created_at"
_COMMENT_COLUMNS = "id, claim_id, author, body, created_at"
# Article statuses that say work on the article is not finished yet.
_OPEN_CLAIM_STATUSES = ("draft", "submitted", "disputed")


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """What one review action did: the review, the claim before and after, any correction."""

    review: Review
    before: Claim
    after: Claim
    correction: Claim | None = None
    article_status_before: str | None = None
    resolved_conflicts: tuple[str, ...] = ()


class ReviewStore(Repository):
    """The project's reviews and comment threads, and the queue of claims awaiting review."""

    # -- review actions ------------------------------------------------------------------

    # Each action may be given the review's id, made by the caller: the same action again with
    # that id (a retry after a commit whose answer was lost) returns the stored review instead
    # of reviewing twice.

    def accept(
        self, claim_id: str, *, by: str, comment: str = "", review_id: str | None = None
    ) -> ReviewOutcome:
        """Accept a colleague's claim as it stands."""
        return self._decide(claim_id, "accepted", by=by, comment=comment, review_id=review_id)

    def reject(self, claim_id: str, *, by: str, reason: str, review_id: str | None = None) -> ReviewOutcome:
        """Reject a colleague's claim; the reason is required and kept with the review."""
        if not reason.strip():
            raise InvalidClaim("rejecting a claim needs a reason")
        return self._decide(claim_id, "rejected", by=by, comment=reason.strip(), review_id=review_id)

    def dispute(self, claim_id: str, *, by: str, comment: str, review_id: str | None = None) -> ReviewOutcome:
        """Send a claim back for discussion; the comment is required."""
        if not comment.strip():
            raise InvalidClaim("disputing a claim needs a comment")
        return self._decide(claim_id, "disputed", by=by, comment=comment.strip(), review_id=review_id)

    def correct(
        self, claim_id: str, *, by: str, comment: str = "", review_id: str | None = None, **changes
    ) -> ReviewOutcome:
        """Add the reviewer's corrected version as a new claim linked to the original.

        The original is never overwritten: it is marked rejected, with a review whose
        decision is `corrected` and which names the new claim. `changes` are claim fields
        (figure fields may be given flat, e.g. value=1000).
        """
        with self._project.transaction():
            done = self._done_already(review_id, claim_id, "corrected", by=by)
            if done is not None:
                return done
            original = self._reviewable(claim_id, by)
            correction = self._create_correction(original, by=by, changes=changes)
            return self._record(
                original,
                "corrected",
                "rejected",
                by=by,
                comment=comment.strip(),
                correction=correction,
                review_id=review_id,
            )

    def _decide(
        self, claim_id: str, decision: str, *, by: str, comment: str, review_id: str | None
    ) -> ReviewOutcome:
        with self._project.transaction():
            done = self._done_already(review_id, claim_id, decision, by=by)
            if done is not None:
                return done
            claim = self._reviewable(claim_id, by)
            return self._record(claim, decision, decision, by=by, comment=comment, review_id=review_id)

    def _done_already(self, review_id: str | None, claim_id: str, decision: str, *, by: str):
        """The outcome of a review already stored under `review_id` (a retried action), or None."""
        if review_id is None:
            return None
        row = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE id = ?", (review_id,)
        ).fetchone()
        if row is None:
            return None
        review = Review(*row)
        if (review.claim_id, review.decision, review.reviewer) != (claim_id, decision, by):
            raise InvalidClaim(f"review id {review_id} is already another review's")
        return self._outcome_of(review)

    def _outcome_of(self, review: Review) -> ReviewOutcome:
        """The outcome the review's first call returned, read from the log written with it: the
        claim before the review (what undo gives back), after it, the article's old status."""
        claim = self._project.claims.get(review.claim_id)
        correction = (
            self._project.claims.get(review.corrected_claim_id) if review.corrected_claim_id else None
        )
        did = review_effects(self._project.log, review, claim.article_id)
        if did.before is None:  # no move in the log (cannot happen for a review made here)
            return ReviewOutcome(review, claim, claim, correction)
        return ReviewOutcome(
            review, did.before, did.after, correction, did.article_status_before, did.resolved_conflicts
        )

    def _reviewable(self, claim_id: str, by: str) -> Claim:
        claim = self._project.claims.get(claim_id)
        if not by.strip():
            raise PermissionDenied("say who is reviewing: reviews are recorded under a name")
        if claim.annotator == by:
            raise PermissionDenied("you cannot review your own claim; ask a colleague")
        if not self._project.people.may_review(by):
            raise PermissionDenied(
                f"{by} is not a reviewer in this project; a project's reviewers are set under People"
            )
        if claim.status not in REVIEWABLE_STATUSES:
            raise InvalidClaim(
                f"this claim is {claim.status}; only submitted claims can be reviewed "
                f"(its annotator submits it when ready)"
            )
        return claim

    def _create_correction(self, original: Claim, *, by: str, changes: dict) -> Claim:
        figure_changes = {k: changes.pop(k) for k in list(changes) if k in _FIGURE_KEYS}
        figure = replace(changes.pop("figure", original.figure), **figure_changes)
        figure = follow_numbers(original.figure, figure)  # "about 11" corrected to 11,000
        fields = {
            "start": original.start,
            "end": original.end,
            "speaker": original.speaker,
            "figure": figure,
            "confidence": original.confidence,
            "note": original.note,
            "kind": original.kind,
            "outlet": original.outlet,
            **changes,
        }
        unknown = set(fields) - _CORRECTABLE - {"start", "end"}
        if unknown:
            raise InvalidClaim(f"a correction cannot change {', '.join(sorted(unknown))}")
        start, end = fields.pop("start"), fields.pop("end")
        return self._project.claims.create(
            original.article_id, start, end, by=by, status="accepted", supersedes=original.id, **fields
        )

    def _record(
        self,
        claim: Claim,
        decision: str,
        status: str,
        *,
        by: str,
        comment: str,
        correction: Claim | None = None,
        review_id: str | None = None,
    ) -> ReviewOutcome:
        review = Review(
            id=review_id or str(uuid.uuid4()),
            claim_id=claim.id,
            reviewer=by,
            decision=decision,
            comment=comment,
            corrected_claim_id=correction.id if correction else None,
            created_at=self._project.now(),
        )
        self._project.people.ensure(by)
        self._project.log.record(
            who=by, action="review", entity="review", entity_id=review.id, after=asdict(review)
        )
        if not self.insert_reviews([review]):
            return self._stored_meanwhile(review, correction)
        after = self._move(claim.id, status, by=by, action=decision)
        article_before = self._mark_article_if_reviewed(claim.article_id, by=by)
        resolved = self._resolve_conflicts(claim.id, by=by)
        return ReviewOutcome(review, claim, after, correction, article_before, resolved)

    def _stored_meanwhile(self, review: Review, correction: Claim | None) -> ReviewOutcome:
        """A retry that ran while its first call was still committing (on a team project the
        insert waited for it): that call's review stands and is this one's outcome."""
        stored = self.get(review.id)
        if correction is not None or (stored.claim_id, stored.decision, stored.reviewer) != (
            review.claim_id,
            review.decision,
            review.reviewer,
        ):
            raise InvalidClaim(
                f"review id {review.id} was recorded meanwhile by another call; nothing more was "
                "saved (reload to see it)"
            )
        return self._outcome_of(stored)

    def _move(self, claim_id: str, status: str, *, by: str, action: str) -> Claim:
        """The claim's status after a review (or its undo). On a team project the server's
        trigger has moved it already; the claim is read back as the server left it."""
        if self._dialect.status_by_trigger:
            return self._project.claims.get(claim_id)
        return self._project.claims._move_by_review(claim_id, status, by=by, action=action)

    def _resolve_conflicts(self, claim_id: str, *, by: str) -> tuple[str, ...]:
        """A decision on either version of a merge conflict settles it."""
        conflicts = self._project.conflicts
        open_ids = tuple(c.id for c in conflicts.of_claim(claim_id) if c.resolved_at is None)
        for conflict_id in open_ids:
            conflicts.resolve(conflict_id, by=by)
        return open_ids

    def _mark_article_if_reviewed(self, article_id: str, *, by: str) -> str | None:
        """Set the article to `reviewed` once none of its claims awaits work; return the old status."""
        marks = ", ".join("?" * len(_OPEN_CLAIM_STATUSES))
        open_claims = self._conn.execute(
            f"SELECT count(*) FROM claims WHERE article_id = ? AND status IN ({marks})",
            (article_id, *_OPEN_CLAIM_STATUSES),
        ).fetchone()[0]
        current = self._project.articles.get(article_id).status
        if open_claims or current == "reviewed":
            return None
        return self._project.articles.set_status(article_id, "reviewed", by=by)

    def undo(self, outcome: ReviewOutcome, *, by: str) -> None:
        """Take a review action back: the review goes, the claim's status and article's return."""
        with self._project.transaction():
            self._project.log.record(
                who=by,
                action="undo review",
                entity="review",
                entity_id=outcome.review.id,
                before=asdict(outcome.review),
            )
            self._conn.execute("DELETE FROM reviews WHERE id = ?", (outcome.review.id,))
            self._move(outcome.before.id, outcome.before.status, by=by, action="undo")
            if outcome.correction is not None:
                self._project.claims.delete(outcome.correction.id, by=outcome.correction.annotator)
            if outcome.resolved_conflicts:
                self._project.conflicts.reopen(outcome.resolved_conflicts, by=by)
            if outcome.article_status_before is not None:
                self._project.articles.set_status(
                    outcome.before.article_id, outcome.article_status_before, by=by
                )

    # -- the annotator's side ------------------------------------------------------------

    def submit(self, claim_ids: Iterable[str], *, by: str) -> list[Claim]:
        """Hand one's own drafts (or disputed claims, once answered) over for review; return them."""
        submitted = []
        with self._project.transaction():
            for claim_id in claim_ids:
                claim = self._project.claims.get(claim_id)
                if claim.annotator != by:
                    raise PermissionDenied(f"only {claim.annotator} can submit this claim")
                if claim.status not in ("draft", "disputed"):
                    continue
                submitted.append(
                    self._project.claims.set_status(claim_id, "submitted", by=by, action="submit")
                )
        return submitted

    # -- comments ------------------------------------------------------------------------

    def comment(self, claim_id: str, body: str, *, by: str, comment_id: str | None = None) -> Comment:
        """Add a message to any claim's thread.

        :param comment_id: made by the caller: the same comment again with it (a retry) returns
            the stored one instead of posting twice
        """
        if not body.strip():
            raise InvalidClaim("a comment needs some text")
        if not by.strip():
            raise PermissionDenied("say who is commenting: comments are recorded under a name")
        with self._project.transaction():
            self._project.claims.get(claim_id)
            posted = self._posted_already(comment_id, claim_id, body.strip(), by=by)
            if posted is not None:
                return posted
            comment = Comment(
                comment_id or str(uuid.uuid4()), claim_id, by, body.strip(), self._project.now()
            )
            self._project.people.ensure(by)
            self._project.log.record(
                who=by, action="comment", entity="comment", entity_id=comment.id, after=asdict(comment)
            )
            if not self.insert_comments([comment]):  # its first call committed it meanwhile
                return self._posted_already(comment.id, claim_id, comment.body, by=by)
        return comment

    def _posted_already(self, comment_id: str | None, claim_id: str, body: str, *, by: str) -> Comment | None:
        """The comment already stored under `comment_id` (a retry), or None; an id that is
        another comment's (another claim, author or text) is refused."""
        if comment_id is None:
            return None
        row = self._conn.execute(
            f"SELECT {_COMMENT_COLUMNS} FROM comments WHERE id = ?", (comment_id,)
        ).fetchone()
        if row is None:
            return None
        comment = Comment(*row)
        if (comment.claim_id, comment.author, comment.body) != (claim_id, by, body):
            raise InvalidClaim(f"comment id {comment_id} is already another comment's")
        return comment

    def remove_comment(self, comment: Comment, *, by: str) -> None:
        """Undo of `comment`: only its author may take it back."""
        if comment.author != by:
            raise PermissionDenied(f"only {comment.author} can take this comment back")
        with self._project.transaction():
            self._project.log.record(
                who=by, action="undo comment", entity="comment", entity_id=comment.id, before=asdict(comment)
            )
            self._conn.execute("DELETE FROM comments WHERE id = ?", (comment.id,))

    # -- reading -------------------------------------------------------------------------

    def queue(self, *, reviewer: str, article_id: str | None = None) -> list[Claim]:
        """Claims awaiting review by `reviewer`: submitted, not theirs, in reading order."""
        return self._project.claims.get_many(self.queue_ids(reviewer=reviewer, article_id=article_id))

    def queue_ids(self, *, reviewer: str, article_id: str | None = None) -> list[str]:
        """The ids of `queue` alone: a window lists 100,000 of them in a tenth of a second."""
        sql = "SELECT id FROM claims WHERE status = 'submitted' AND annotator != ?"
        params: list = [reviewer]
        if article_id:
            sql += " AND article_id = ?"
            params.append(article_id)
        rows = self._conn.execute(sql + ' ORDER BY article_id, start, "end", id', params)
        return [row[0] for row in rows]

    def of_claim(self, claim_id: str) -> list[Review]:
        """A claim's reviews, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE claim_id = ? ORDER BY created_at, rowid",
            (claim_id,),
        )
        return [Review(*row) for row in rows]

    def latest(self, claim_id: str) -> Review | None:
        """The most recent review of a claim, if any."""
        reviews = self.of_claim(claim_id)
        return reviews[-1] if reviews else None

    def get(self, review_id: str) -> Review:
        """One review by id."""
        row = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE id = ?", (review_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no review with id {review_id!r} in this project")
        return Review(*row)

    def comments_of(self, claim_id: str) -> list[Comment]:
        """A claim's thread, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_COMMENT_COLUMNS} FROM comments WHERE claim_id = ? ORDER BY created_at, rowid",
            (claim_id,),
        )
        return [Comment(*row) for row in rows]

    def all_reviews(self) -> list[Review]:
        """Every review, by claim then time (exports and merges)."""
        rows = self._conn.execute(
            f"SELECT {_REVIEW_COLUMNS} FROM reviews ORDER BY claim_id, created_at, rowid"
        )
        return [Review(*row) for row in rows]

    def all_comments(self) -> list[Comment]:
        """Every comment, by claim then time."""
        rows = self._conn.execute(
            f"SELECT {_COMMENT_COLUMNS} FROM comments ORDER BY claim_id, created_at, rowid"
        )
        return [Comment(*row) for row in rows]

    def known_ids(self) -> tuple[set[str], set[str]]:
        """Ids of every review and every comment."""
        reviews = {row[0] for row in self._conn.execute("SELECT id FROM reviews")}
        comments = {row[0] for row in self._conn.execute("SELECT id FROM comments")}
        return reviews, comments

    # -- bulk writes (import, merge) -----------------------------------------------------

    def insert_reviews(self, reviews: Iterable[Review]) -> int:
        """Store reviews exactly as given; ids already present are skipped. Return how many."""
        before = self._conn.total_changes
        self._conn.executemany(
            f"INSERT OR IGNORE INTO reviews ({_REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [_review_row(r) for r in reviews],
        )
        return self._conn.total_changes - before

    def insert_comments(self, comments: Iterable[Comment]) -> int:
        """Store comments exactly as given; ids already present are skipped. Return how many."""
        before = self._conn.total_changes
        self._conn.executemany(
            f"INSERT OR IGNORE INTO comments ({_COMMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            [(c.id, c.claim_id, c.author, c.body, c.created_at) for c in comments],
        )
        return self._conn.total_changes - before

    def remove(self, *, review_ids: Iterable[str] = (), comment_ids: Iterable[str] = ()) -> None:
        """Delete reviews and comments by id (undo of a merge), inside the caller's transaction."""
        self._conn.executemany("DELETE FROM reviews WHERE id = ?", [(i,) for i in review_ids])
        self._conn.executemany("DELETE FROM comments WHERE id = ?", [(i,) for i in comment_ids])


_FIGURE_KEYS = ("text", "value", "low", "high", "qualifier", "unit", "measure", "period")
_CORRECTABLE = {"speaker", "figure", "confidence", "note", "kind", "outlet"}


def _review_row(review: Review) -> tuple:
    return (
        review.id,
        review.claim_id,
        review.reviewer,
        review.decision,
        review.comment,
        review.corrected_claim_id,
        review.created_at,
    )
