"""Undo commands: each user action is a pair of core calls, do and undo.

The first core call happens before the command is pushed (so a refused action raises to
the caller and never reaches the history); `redo()` repeats it only after an undo.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError
from annotator.core.formatting import short_text
from annotator.core.model import Claim, Speaker

_EDIT_ID = 1001
NOT_STARTED, IN_PROGRESS = "not started", "in progress"


class ProjectCommand(QUndoCommand):
    """Runs core calls, reports failures to the user, and skips the first redo."""

    def __init__(self, workspace, text: str):
        super().__init__(text)
        self.workspace = workspace
        self._done = True  # the action already happened when the command was made

    def redo(self) -> None:
        if self._done:
            self._done = False
            self._announce_redo()
            return
        self._guarded(self._redo, "redo")

    def undo(self) -> None:
        self._guarded(self._undo, "undo")

    def _guarded(self, step, verb: str) -> None:
        try:
            step()
        except AnnotatorError as error:
            # The history can no longer replay this step: drop it, say why.
            self.setObsolete(True)
            self.workspace.report_error(f"{self.text()} cannot be {verb}ne: {error}")

    @property
    def _claims(self):
        return self.workspace.project.claims

    @property
    def _by(self) -> str:
        return self.workspace.user

    def _announce_redo(self) -> None:
        """Tell the screens what the first run did (when it did not say so itself)."""

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CreateClaim(ProjectCommand):
    """Undo deletes the new claim; redo restores it as it was.

    The first claim in an untouched article also marks it "in progress"; undo and redo
    carry that along (`started` is True then).
    """

    def __init__(self, workspace, claim: Claim, *, started: bool = False):
        super().__init__(workspace, f"Create claim “{short_text(claim.quote)}”")
        self.claim, self.started = claim, started

    def _announce_redo(self) -> None:
        self.workspace.claim_added.emit(self.claim)
        self.workspace.article_changed.emit(self.claim.article_id)

    def _redo(self) -> None:
        with self.workspace.project.transaction():
            self._claims.restore(self.claim, by=self._by)
            if self.started:
                self.workspace.project.articles.set_status(self.claim.article_id, IN_PROGRESS, by=self._by)
        self._announce_redo()

    def _undo(self) -> None:
        with self.workspace.project.transaction():
            self._claims.delete(self.claim.id, by=self._by)
            if self.started:
                self.workspace.project.articles.set_status(self.claim.article_id, NOT_STARTED, by=self._by)
        self.workspace.claim_removed.emit(self.claim)
        self.workspace.article_changed.emit(self.claim.article_id)


class DeleteClaim(ProjectCommand):
    """Undo restores the deleted claim exactly; redo deletes it again."""

    def __init__(self, workspace, claim: Claim):
        super().__init__(workspace, f"Delete claim “{short_text(claim.quote)}”")
        self.claim = claim

    def _announce_redo(self) -> None:
        self.workspace.claim_removed.emit(self.claim)
        self.workspace.article_changed.emit(self.claim.article_id)

    def _redo(self) -> None:
        self._claims.delete(self.claim.id, by=self._by)
        self._announce_redo()

    def _undo(self) -> None:
        self._claims.restore(self.claim, by=self._by)
        self.workspace.claim_added.emit(self.claim)
        self.workspace.article_changed.emit(self.claim.article_id)


class EditClaim(ProjectCommand):
    """Undo puts the claim back as it was before; edits of one field in a row merge."""

    def __init__(self, workspace, before: Claim, after: Claim, *, field: str = ""):
        label = field.replace("_", " ") or "claim"
        super().__init__(workspace, f"Edit {label} of “{short_text(before.quote)}”")
        self.before, self.after, self.field = before, after, field

    def id(self) -> int:
        return _EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditClaim) or not self.field:
            return False
        if other.before.id != self.before.id or other.field != self.field:
            return False
        self.after = other.after
        return True

    def _announce_redo(self) -> None:
        self.workspace.claim_changed.emit(self.after)

    def _redo(self) -> None:
        self.after = self._claims.put(self.after, by=self._by, action="redo")
        self._announce_redo()

    def _undo(self) -> None:
        self.before = self._claims.put(self.before, by=self._by, action="undo")
        self.workspace.claim_changed.emit(self.before)


class SetArticleStatus(ProjectCommand):
    """Mark an article not started / in progress / done; undo restores the old status."""

    def __init__(self, workspace, article_id: str, before: str, after: str):
        super().__init__(workspace, f"Mark article {after}")
        self.article_id, self.before, self.after = article_id, before, after

    def _announce_redo(self) -> None:
        self.workspace.article_changed.emit(self.article_id)

    def _redo(self) -> None:
        self.workspace.project.articles.set_status(self.article_id, self.after, by=self._by)
        self._announce_redo()

    def _undo(self) -> None:
        self.workspace.project.articles.set_status(self.article_id, self.before, by=self._by)
        self.workspace.article_changed.emit(self.article_id)


class AddSpeaker(ProjectCommand):
    """Undo takes the new speaker out of the registry again (refused while claims use it).

    Undo order keeps that rare: a claim given the new speaker was edited after the speaker
    was added, so that edit is undone first.
    """

    def __init__(self, workspace, speaker: Speaker):
        super().__init__(workspace, f"Add speaker “{speaker.name}”")
        self.speaker = speaker

    def _announce_redo(self) -> None:
        self.workspace.speakers_changed.emit()

    def _redo(self) -> None:
        speaker = self.speaker
        self.workspace.project.speakers.add(
            speaker.name, by=self._by, type=speaker.type, aliases=speaker.aliases
        )
        self._announce_redo()

    def _undo(self) -> None:
        self.workspace.project.speakers.delete(self.speaker.name, by=self._by)
        self.workspace.speakers_changed.emit()


# -- the actions the window calls ---------------------------------------------------------


def create_claim(workspace, article_id: str, start: int, end: int, **fields) -> Claim:
    """Create a claim (an untouched article becomes "in progress") and put it on the undo stack.

    Raises when the core refuses the claim; nothing is saved or recorded then.
    """
    project = workspace.project
    with project.transaction():
        claim = project.claims.create(article_id, start, end, by=workspace.user, **fields)
        started = project.articles.get(article_id).status == NOT_STARTED
        if started:
            project.articles.set_status(article_id, IN_PROGRESS, by=workspace.user)
    workspace.undo_stack.push(CreateClaim(workspace, claim, started=started))
    return claim


def edit_claim(workspace, claim_id: str, *, field: str = "", **changes) -> Claim:
    """Change fields of a claim (saved at once) and record the edit for undo."""
    claims = workspace.project.claims
    before = claims.get(claim_id)
    after = claims.edit(claim_id, by=workspace.user, **changes)
    workspace.undo_stack.push(EditClaim(workspace, before, after, field=field))
    return after


def delete_claim(workspace, claim_id: str) -> Claim:
    """Delete a claim and record it for undo."""
    claim = workspace.project.claims.delete(claim_id, by=workspace.user)
    workspace.undo_stack.push(DeleteClaim(workspace, claim))
    return claim


def add_speaker(workspace, name: str, *, type: str) -> Speaker:
    """Add a speaker to the registry and record it for undo."""
    speaker = workspace.project.speakers.add(name, by=workspace.user, type=type)
    workspace.undo_stack.push(AddSpeaker(workspace, speaker))
    return speaker


def set_article_status(workspace, article_id: str, status: str) -> None:
    """Mark an article's progress and record it for undo."""
    before = workspace.project.articles.set_status(article_id, status, by=workspace.user)
    if before != status:
        workspace.undo_stack.push(SetArticleStatus(workspace, article_id, before, status))
