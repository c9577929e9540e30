"""Undo commands for review actions, comments, submissions, people and merges: each a pair of core calls."""

from __future__ import annotations

from annotator.core import annotating, waiting_claims
from annotator.core.formatting import short_text
from annotator.core.ids import new_id
from annotator.ui.undo import Change, ProjectCommand, perform

_VERBS = {"accept": "Accept", "reject": "Reject", "dispute": "Dispute", "correct": "Correct"}


class ReviewClaim(ProjectCommand):
    """Undo takes the review back (and any correction); redo reviews again.

    The first run carries a review id made here, so sending it again (a lost connection) finds
    the review stored instead of reviewing twice; a correction's new claim is in the same
    transaction, found with it."""

    waiting_kind = waiting_claims.REVIEW

    def __init__(self, workspace, action: str, claim_id: str, *, review_id: str = "", **kwargs):
        super().__init__(workspace)
        if action not in _VERBS:
            raise ValueError(f"there is no review action {action!r}")
        self.action, self.claim_id, self.kwargs = action, claim_id, kwargs
        self.review_id = review_id or new_id()
        self.outcome = None

    def waiting_args(self) -> dict:
        return {"action": self.action, "claim_id": self.claim_id, "review_id": self.review_id, **self.kwargs}

    def waiting_text(self, quote: str) -> str:
        return f"{_VERBS[self.action]} claim “{short_text(quote)}”"

    def first_run(self) -> Change:
        change = self._review(review_id=self.review_id)
        self.setText(f"{_VERBS[self.action]} claim “{short_text(self.outcome.before.quote)}”")
        return change

    def do(self) -> Change:
        return self._review()

    def _review(self, **review_id) -> Change:
        reviews = self.project.reviews
        self.outcome = getattr(reviews, self.action)(self.claim_id, by=self.by, **self.kwargs, **review_id)
        added = () if self.outcome.correction is None else (self.outcome.correction,)
        return Change(edited=(self.outcome.after,), added=added, reviews=True)

    def undo_change(self) -> Change:
        self.project.reviews.undo(self.outcome, by=self.by)
        removed = () if self.outcome.correction is None else (self.outcome.correction,)
        return Change(edited=(self.project.claims.get(self.claim_id),), removed=removed, reviews=True)


class Adjudicate(ProjectCommand):
    """Keep one annotator's version, or merge fields of both (core/review/adjudicate); undo takes
    every review it made back."""

    def __init__(self, workspace, pair, *, keep: str = "", take_from_b: tuple[str, ...] = ()):
        super().__init__(workspace, f"Adjudicate “{short_text(pair.a.quote)}”")
        self.pair, self.keep, self.take_from_b = pair, keep, take_from_b
        self.outcomes: list = []

    def do(self) -> Change:
        from annotator.core.review.adjudicate import merge_fields, pick

        if self.keep:
            self.outcomes = pick(self.project, self.pair, self.keep, by=self.by)
        else:
            self.outcomes = merge_fields(self.project, self.pair, self.take_from_b, by=self.by)
        corrections = tuple(o.correction for o in self.outcomes if o.correction is not None)
        return Change(edited=tuple(o.after for o in self.outcomes), added=corrections, reviews=True)

    def undo_change(self) -> Change:
        with self.project.transaction():
            for outcome in reversed(self.outcomes):
                self.project.reviews.undo(outcome, by=self.by)
        corrections = tuple(o.correction for o in self.outcomes if o.correction is not None)
        edited = tuple(self.project.claims.get_many([o.before.id for o in self.outcomes]))
        return Change(edited=edited, removed=corrections, reviews=True)


class AddComment(ProjectCommand):
    """Undo takes one's comment back; redo posts it again. The first run carries a comment id
    made here, so sending it again finds the comment posted instead of posting twice."""

    waiting_kind = "comment"

    def __init__(self, workspace, claim_id: str, body: str, *, comment_id: str = ""):
        super().__init__(workspace, f"Comment “{short_text(body)}”")
        self.claim_id, self.body = claim_id, body
        self.comment_id = comment_id or new_id()
        self.comment = None

    def waiting_args(self) -> dict:
        return {"claim_id": self.claim_id, "body": self.body, "comment_id": self.comment_id}

    def waiting_text(self, quote: str) -> str:
        return f"Comment “{short_text(self.body)}” on “{short_text(quote)}”"

    def first_run(self) -> Change:
        return self._post(comment_id=self.comment_id)

    def do(self) -> Change:
        return self._post()

    def _post(self, **comment_id) -> Change:
        self.comment = self.project.reviews.comment(self.claim_id, self.body, by=self.by, **comment_id)
        return Change(reviews=True)

    def undo_change(self) -> Change:
        self.project.reviews.remove_comment(self.comment, by=self.by)
        return Change(reviews=True)


class SubmitDrafts(ProjectCommand):
    """Undo makes the submitted claims drafts again; redo submits them again. Sent again after
    its answer was lost, it finds no drafts left: changed nothing, done."""

    waiting_kind = waiting_claims.SUBMIT

    def __init__(self, workspace, article_id: str):
        super().__init__(workspace, "Submit my drafts")
        self.article_id = article_id
        self.drafts = []

    def waiting_args(self) -> dict:
        return {"article_id": self.article_id}

    def waiting_text(self, quote: str) -> str:
        return f"Submit my drafts in “{short_text(quote)}”"

    def first_run(self) -> Change | None:
        pairs = annotating.submit_drafts(self.project, self.article_id, by=self.by)
        self.drafts = [before for before, _ in pairs]
        self.setText(f"Submit {len(pairs)} draft(s)")
        return Change(edited=tuple(after for _, after in pairs), reviews=True) if pairs else None

    def do(self) -> Change:
        submitted = self.project.reviews.submit([claim.id for claim in self.drafts], by=self.by)
        return Change(edited=tuple(submitted), reviews=True)

    def undo_change(self) -> Change:
        drafts = annotating.take_back_submission(self.project, self.drafts, by=self.by)
        return Change(edited=tuple(drafts), reviews=True)


class EditPeople(ProjectCommand):
    """Add people and set who reviews; undo puts everyone back as they were."""

    def __init__(self, workspace, changes: list[tuple[str, bool]]):
        super().__init__(workspace, "Change people and reviewers")
        self.changes = [(" ".join(name.split()), reviewer) for name, reviewer in changes]
        self.before: dict[str, bool | None] = {}

    def first_run(self) -> Change | None:
        if not self.changes:
            return None
        self.before = self.project.people.reviewer_flags(name for name, _ in self.changes)
        return self.do()

    def do(self) -> Change:
        people = self.project.people
        with self.project.transaction():
            for name, reviewer in self.changes:
                people.add(name, by=self.by, reviewer=reviewer)
        return Change(people=True, reviews=True)

    def undo_change(self) -> Change:
        self.project.people.restore(self.before, by=self.by)
        return Change(people=True, reviews=True)


class MergeProject(ProjectCommand):
    """Undo takes the whole merge back; redo merges the same file again."""

    def __init__(self, workspace, path: str):
        super().__init__(workspace, f"Merge {short_text(path)}")
        self.path = path
        self.result = None

    def first_run(self) -> Change | None:
        change = self.do()
        return change if self.result.changed else None

    def do(self) -> Change:
        from annotator.core.review.merge import merge_file

        self.result = merge_file(self.project, self.path, by=self.by)
        return Change(everything=True)

    def undo_change(self) -> Change:
        from annotator.core.review.merge import undo_merge

        undo_merge(self.project, self.result, by=self.by)
        return Change(everything=True)


def review(workspace, action: str, claim_id: str, **kwargs):
    """Accept, reject, dispute or correct a claim and record it for undo; raises when refused.
    None when a team project's outbox kept it to send when the connection is back."""
    command = perform(workspace, ReviewClaim(workspace, action, claim_id, **kwargs))
    return command.outcome if command else None


def adjudicate(workspace, pair, *, keep: str = "", take_from_b: tuple[str, ...] = ()) -> list:
    """Adjudicate a pair of claims as one undoable step; return the review outcomes."""
    return perform(workspace, Adjudicate(workspace, pair, keep=keep, take_from_b=take_from_b)).outcomes


def comment(workspace, claim_id: str, body: str):
    """Add a comment to a claim's thread, undoable (None: kept by a team project's outbox)."""
    command = perform(workspace, AddComment(workspace, claim_id, body))
    return command.comment if command else None


def submit_drafts(workspace, article_id: str) -> int:
    """Hand my drafts in this article over for review, undoable; return how many went."""
    command = perform(workspace, SubmitDrafts(workspace, article_id))
    return len(command.drafts) if command else 0


def edit_people(workspace, changes: list[tuple[str, bool]]) -> None:
    """Add people and mark reviewers (one undoable step)."""
    perform(workspace, EditPeople(workspace, changes))


def merge(workspace, path: str):
    """Merge another project file in, undoable as one step; return the result."""
    command = MergeProject(workspace, path)
    perform(workspace, command)
    return command.result
