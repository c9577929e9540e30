"""Undo commands for review actions, comments and merges: each a pair of core calls."""

from __future__ import annotations

from annotator.core.formatting import short_text
from annotator.ui.undo import ProjectCommand

_VERBS = {"accept": "Accept", "reject": "Reject", "dispute": "Dispute", "correct": "Correct"}


class ReviewClaim(ProjectCommand):
    """Undo takes the review back (and any correction); redo reviews again."""

    def __init__(self, workspace, action: str, claim_id: str, kwargs: dict, outcome):
        super().__init__(workspace, f"{_VERBS[action]} claim “{short_text(outcome.before.quote)}”")
        self.action, self.claim_id, self.kwargs, self.outcome = action, claim_id, kwargs, outcome

    def _redo(self) -> None:
        self.outcome = _perform(self.workspace, self.action, self.claim_id, self.kwargs)
        announce(self.workspace, self.outcome)

    def _undo(self) -> None:
        self.workspace.project.reviews.undo(self.outcome, by=self.workspace.user)
        ws = self.workspace
        ws.claim_changed.emit(ws.project.claims.get(self.claim_id))
        if self.outcome.correction is not None:
            ws.claim_removed.emit(self.outcome.correction)
        ws.article_changed.emit(self.outcome.before.article_id)
        ws.reviews_changed.emit()


class AddComment(ProjectCommand):
    """Undo takes one's comment back; redo posts it again."""

    def __init__(self, workspace, comment):
        super().__init__(workspace, f"Comment “{short_text(comment.body)}”")
        self.comment = comment

    def _redo(self) -> None:
        self.comment = self.workspace.project.reviews.comment(
            self.comment.claim_id, self.comment.body, by=self.workspace.user
        )
        self.workspace.reviews_changed.emit()

    def _undo(self) -> None:
        self.workspace.project.reviews.remove_comment(self.comment, by=self.workspace.user)
        self.workspace.reviews_changed.emit()


class MergeProject(ProjectCommand):
    """Undo takes the whole merge back; redo merges the same file again."""

    def __init__(self, workspace, path: str, result):
        super().__init__(workspace, f"Merge {short_text(path)}")
        self.path, self.result = path, result

    def _redo(self) -> None:
        from annotator.core.review.merge import merge_file

        self.result = merge_file(self.workspace.project, self.path, by=self.workspace.user)
        self.workspace.project_replaced.emit()

    def _undo(self) -> None:
        from annotator.core.review.merge import undo_merge

        undo_merge(self.workspace.project, self.result, by=self.workspace.user)
        self.workspace.project_replaced.emit()


def _perform(workspace, action: str, claim_id: str, kwargs: dict):
    return getattr(workspace.project.reviews, action)(claim_id, by=workspace.user, **kwargs)


def announce(workspace, outcome) -> None:
    """Tell every screen what a review changed."""
    workspace.claim_changed.emit(outcome.after)
    if outcome.correction is not None:
        workspace.claim_added.emit(outcome.correction)
    workspace.article_changed.emit(outcome.before.article_id)
    workspace.reviews_changed.emit()


def review(workspace, action: str, claim_id: str, **kwargs):
    """Accept, reject, dispute or correct a claim and record it for undo; raises when refused."""
    outcome = _perform(workspace, action, claim_id, kwargs)
    workspace.undo_stack.push(ReviewClaim(workspace, action, claim_id, kwargs, outcome))
    announce(workspace, outcome)
    return outcome


def comment(workspace, claim_id: str, body: str):
    """Add a comment to a claim's thread, undoable."""
    posted = workspace.project.reviews.comment(claim_id, body, by=workspace.user)
    workspace.undo_stack.push(AddComment(workspace, posted))
    workspace.reviews_changed.emit()
    return posted


def merge(workspace, path: str):
    """Merge another project file in, undoable as one step; return the result."""
    from annotator.core.review.merge import merge_file

    result = merge_file(workspace.project, path, by=workspace.user)
    if result.changed:
        workspace.undo_stack.push(MergeProject(workspace, path, result))
        workspace.project_replaced.emit()
    return result


