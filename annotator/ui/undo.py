"""Undo commands: each user action is a pair of core calls, do and undo, that say what changed.

`perform(workspace, command)` runs the action the first time (`first_run`); a refusal raises
to the caller and never reaches the history. On a team project the workspace has an outbox:
a command that can be sent again (`waiting_kind`) and is refused only because the connection
was lost is kept there instead (perform returns None), and so is every such command made while
others wait, so they reach the server in the order they were made.

Once pushed, the base class announces what the step changed, through `workspace.changed`,
after the first run, after every undo and after every redo; a command only returns its
`Change`, it never signals the screens itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from annotator.core import annotating, waiting_claims
from annotator.core.errors import AnnotatorError, ConnectionLost, NotFound
from annotator.core.formatting import short_text
from annotator.core.model import Claim
from annotator.ui.plain import menu_text

if TYPE_CHECKING:
    from annotator.core.speaker_record import Speaker

_EDIT_ID = 1001
NOT_KEPT = (
    "the connection to the team project was lost; this change was not saved, and it is not kept "
    "to send again: do it again once the connection is back"
)


@dataclass(frozen=True)
class Change:
    """What one step did to the project, so each screen decides what to redraw."""

    added: tuple[Claim, ...] = ()
    edited: tuple[Claim, ...] = ()  # as they are after the step
    removed: tuple[Claim, ...] = ()  # as they were
    articles: tuple[str, ...] = ()  # status changed (claims' own articles are implied)
    speakers: bool = False
    people: bool = False
    reviews: bool = False  # reviews, comments or the review queue
    figures: bool = False  # a setting the figure comparison reads
    everything: bool = False  # a merge: read it all again
    external: bool = False  # made by a colleague (team project): shown without moving the reader

    def claims(self) -> tuple[Claim, ...]:
        return self.removed + self.edited + self.added

    def article_ids(self) -> list[str]:
        """Every article whose summary (status, claim count) may differ."""
        return list(dict.fromkeys([*self.articles, *(claim.article_id for claim in self.claims())]))


class ProjectCommand(QUndoCommand):
    """One undoable action; subclasses give `first_run`, `do` and `undo_change` as core calls.

    A command that is safe to send twice (its ids made up front, or finding its work done)
    names its `waiting_kind` and gives `waiting_args()`, the constructor's arguments after the
    workspace: a team project's outbox keeps it through a lost connection, even on disk.
    """

    waiting_kind = ""  # '' : not kept when the connection is lost (the refusal is shown)

    def __init__(self, workspace, text: str = ""):
        super().__init__()
        self.setText(text)
        self.workspace = workspace
        self._first: Change | None = None
        self._pushed = False
        self.sent_before = False  # kept by the outbox: its first try may have reached the server

    def may_wait(self) -> bool:
        """Whether this command is safe to keep and send again after a lost connection."""
        return bool(self.waiting_kind)

    def waiting_args(self) -> dict:
        """The keyword arguments that make this command again (plain values, a Figure)."""
        raise NotImplementedError

    def waiting_text(self, quote: str) -> str:
        """The action in words before it ran (`quote`: the claim's or article's words, or '')."""
        return f"{self.waiting_kind.capitalize()} “{short_text(quote)}”" if quote else self.waiting_kind

    def setText(self, text: str) -> None:  # noqa: N802  (Qt's name)
        """`text()` keeps the words as written; the Undo and Redo menu entries (Qt's action
        text, after a line break) get a quote's `&` doubled so it is shown, not a shortcut."""
        text = " ".join(text.splitlines())
        super().setText(f"{text}\n{menu_text(text)}" if "&" in text else text)

    # -- what a command implements ----------------------------------------------------

    def first_run(self) -> Change | None:
        """Do the action the first time; None when it changed nothing (then nothing is pushed)."""
        return self.do()

    def do(self) -> Change:
        """Repeat the action (redo)."""
        raise NotImplementedError

    def undo_change(self) -> Change:
        """Take the action back."""
        raise NotImplementedError

    # -- the QUndoCommand side --------------------------------------------------------

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            self.workspace.announce(self._first)
            return
        self._guarded(self.do, "redo")

    def undo(self) -> None:
        self._guarded(self.undo_change, "undo")

    def _guarded(self, step, verb: str) -> None:
        try:
            change = step()
        except AnnotatorError as error:
            # The history can no longer replay this step: drop it, say why.
            self.setObsolete(True)
            reason = NOT_KEPT if isinstance(error, ConnectionLost) else error
            self.workspace.report_error(f"{self.text()} cannot be {verb}ne: {reason}")
            return
        self.workspace.announce(change)

    @property
    def project(self):
        return self.workspace.project

    @property
    def by(self) -> str:
        return self.workspace.user


def perform(workspace, command: ProjectCommand) -> ProjectCommand | None:
    """Run a command's first step and put it on the history; None when it changed nothing,
    or when the workspace's outbox kept it to send when the connection is back.

    Raises AnnotatorError when the core refuses: nothing is saved, recorded or announced then.
    """
    outbox = getattr(workspace, "outbox", None)
    if outbox is not None and outbox.keeps_behind(command):
        return None
    try:
        return send(workspace, command)
    except ConnectionLost:
        if outbox is None or not outbox.keep(command):
            raise ConnectionLost(NOT_KEPT) from None  # says it is not kept, as the outbox keeps the rest
        return None


def send(workspace, command: ProjectCommand) -> ProjectCommand | None:
    """`perform` without the outbox: the first run, pushed when it changed something."""
    change = command.first_run()
    if change is None:
        return None
    command._first = change
    workspace.undo_stack.push(command)  # push() calls redo(): the first run is announced there
    return command


# -- claims -------------------------------------------------------------------------------


class CreateClaim(ProjectCommand):
    """Undo deletes the new claim (and un-starts the article it started); redo restores both.

    Kept through an outage only with its `claim_id` made by the caller (a retry finds it)."""

    waiting_kind = waiting_claims.CREATE

    def __init__(self, workspace, article_id: str, start: int, end: int, **fields):
        super().__init__(workspace)
        self.article_id, self.start, self.end, self.fields = article_id, start, end, fields
        self.new: annotating.NewClaim | None = None

    def may_wait(self) -> bool:
        return "claim_id" in self.fields  # made by the caller: sent again, it finds the claim

    def waiting_args(self) -> dict:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, **self.fields}

    @property
    def claim(self) -> Claim:
        return self.new.claim

    def first_run(self) -> Change:
        self.new = annotating.create_claim(
            self.project, self.article_id, self.start, self.end, by=self.by, **self.fields
        )
        self.setText(f"Create claim “{short_text(self.claim.quote)}”")
        return self._created()

    def do(self) -> Change:
        annotating.put_back_claim(self.project, self.new, by=self.by)
        return self._created()

    def undo_change(self) -> Change:
        annotating.take_back_claim(self.project, self.new, by=self.by)
        return Change(removed=(self.claim,))

    def _created(self) -> Change:
        return Change(added=(self.claim,))


class DeleteClaim(ProjectCommand):
    """Undo restores the deleted claim exactly; redo deletes it again."""

    waiting_kind = waiting_claims.DELETE

    def __init__(self, workspace, claim_id: str):
        super().__init__(workspace)
        self.claim_id = claim_id
        self.claim: Claim | None = None

    def waiting_args(self) -> dict:
        return {"claim_id": self.claim_id}

    def first_run(self) -> Change | None:
        try:
            self.claim = self.project.claims.delete(self.claim_id, by=self.by)
        except NotFound:
            if self.sent_before and self.project.claims.deleted_by(self.claim_id) == self.by:
                return None  # the first try went through, its answer was lost: done
            raise
        self.setText(f"Delete claim “{short_text(self.claim.quote)}”")
        return Change(removed=(self.claim,))

    def do(self) -> Change:
        self.project.claims.delete(self.claim_id, by=self.by)
        return Change(removed=(self.claim,))

    def undo_change(self) -> Change:
        self.project.claims.restore(self.claim, by=self.by)
        return Change(added=(self.claim,))


class EditClaim(ProjectCommand):
    """Undo puts the claim back as it was before; edits of one field in a row merge."""

    waiting_kind = waiting_claims.EDIT

    def __init__(self, workspace, claim_id: str, *, field: str = "", **changes):
        super().__init__(workspace)
        self.claim_id, self.field, self.changes = claim_id, field, changes
        self.before = self.after = None

    def waiting_args(self) -> dict:
        return {"claim_id": self.claim_id, "field": self.field, **self.changes}

    def take_later_edit(self, other: EditClaim) -> bool:
        """Fold a later edit of the same claim, both still waiting, into this one (the values
        are absolute: the later one wins)."""
        if other.claim_id != self.claim_id:
            return False
        self.changes.update(other.changes)
        self.field = self.field if other.field == self.field else ""
        return True

    def first_run(self) -> Change:
        self.before = self.project.claims.get(self.claim_id)
        self.after = self.project.claims.edit(self.claim_id, by=self.by, **self.changes)
        label = self.field.replace("_", " ") or "claim"
        self.setText(f"Edit {label} of “{short_text(self.before.quote)}”")
        return Change(edited=(self.after,))

    def id(self) -> int:
        return _EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, EditClaim) or not self.field:
            return False
        if other.before.id != self.before.id or other.field != self.field:
            return False
        self.after = other.after
        return True

    def do(self) -> Change:
        self.after = self.project.claims.put(self.after, by=self.by, action="redo")
        return Change(edited=(self.after,))

    def undo_change(self) -> Change:
        self.before = self.project.claims.put(self.before, by=self.by, action="undo")
        return Change(edited=(self.before,))


class MoveSpan(ProjectCommand):
    """Give a claim a new span (same id); undo puts back its span, status, thread and article."""

    waiting_kind = waiting_claims.MOVE  # sent again, it finds the span moved: changed nothing, done

    def __init__(self, workspace, claim_id: str, start: int, end: int):
        super().__init__(workspace)
        self.claim_id, self.start, self.end = claim_id, start, end
        self.move: annotating.SpanMove | None = None

    def waiting_args(self) -> dict:
        return {"claim_id": self.claim_id, "start": self.start, "end": self.end}

    def waiting_text(self, quote: str) -> str:
        return f"Move the span of “{short_text(quote)}”"

    @property
    def claim(self) -> Claim:
        return self.move.after

    def first_run(self) -> Change | None:
        before = self.project.claims.get(self.claim_id)
        if (before.start, before.end) == (self.start, self.end):
            return None
        self.do()
        self.setText(f"Move the span of “{short_text(before.quote)}”")
        return self._moved()

    def do(self) -> Change:
        self.move = annotating.move_span(self.project, self.claim_id, self.start, self.end, by=self.by)
        return self._moved()

    def undo_change(self) -> Change:
        claim = annotating.take_back_span_move(self.project, self.move, by=self.by)
        return Change(edited=(claim,), reviews=True, articles=self._article())

    def _moved(self) -> Change:
        return Change(edited=(self.move.after,), reviews=True, articles=self._article())

    def _article(self) -> tuple[str, ...]:
        return (self.move.before.article_id,) if self.move.article_status_before else ()


class SetArticleStatus(ProjectCommand):
    """Mark an article not started / in progress / done; undo restores the old status."""

    waiting_kind = "mark article"

    def __init__(self, workspace, article_id: str, status: str):
        super().__init__(workspace, f"Mark article {status}")
        self.article_id, self.after = article_id, status
        self.before = ""

    def waiting_args(self) -> dict:
        return {"article_id": self.article_id, "status": self.after}

    def waiting_text(self, quote: str) -> str:
        return f"Mark article “{short_text(quote)}” {self.after}"

    def first_run(self) -> Change | None:
        self.before = self.project.articles.set_status(self.article_id, self.after, by=self.by)
        return None if self.before == self.after else self._changed()

    def do(self) -> Change:
        self.project.articles.set_status(self.article_id, self.after, by=self.by)
        return self._changed()

    def undo_change(self) -> Change:
        self.project.articles.set_status(self.article_id, self.before, by=self.by)
        return self._changed()

    def _changed(self) -> Change:
        return Change(articles=(self.article_id,))


class EditArticle(ProjectCommand):
    """Change an article's metadata (title, outlet, author, url, published, events); undo puts it back."""

    waiting_kind = "edit article"  # the values are absolute: sent again, it changes nothing

    def __init__(self, workspace, article_id: str, **changes):
        super().__init__(workspace)
        self.article_id, self.changes = article_id, changes
        self.edit = None

    def waiting_args(self) -> dict:
        return {"article_id": self.article_id, **self.changes}

    def first_run(self) -> Change | None:
        self.edit = self.project.articles.edit(self.article_id, by=self.by, **self.changes)
        if self.edit.before == self.edit.after:
            return None
        self.setText(f"Edit article “{short_text(self.project.articles.get(self.article_id).title)}”")
        return self._changed()

    def do(self) -> Change:
        self.project.articles.edit(self.article_id, by=self.by, **self.edit.after)
        return self._changed()

    def undo_change(self) -> Change:
        self.project.articles.edit(self.article_id, by=self.by, **self.edit.before)
        return self._changed()

    def _changed(self) -> Change:
        return Change(articles=(self.article_id,), figures=True)  # events and dates group figures


class UpdateMetadata(ProjectCommand):
    """Take the metadata re-imported files gave their articles; undo puts each article back."""

    def __init__(self, workspace, metadata_changes):
        super().__init__(workspace)
        self.metadata_changes = list(metadata_changes)
        self.setText(f"Update the metadata of {len(self.metadata_changes)} article(s)")

    def first_run(self) -> Change | None:
        return self.do() if self.metadata_changes else None

    def do(self) -> Change:
        from annotator.core.importers.runner import update_metadata  # loaded with the first import

        update_metadata(self.project, self.metadata_changes, by=self.by)
        return self._changed()

    def undo_change(self) -> Change:
        with self.project.transaction():
            for change in self.metadata_changes:
                old = {name: before for name, (before, _) in change.changes.items()}
                self.project.articles.edit(change.article_id, by=self.by, **old)
        return self._changed()

    def _changed(self) -> Change:
        return Change(articles=tuple(c.article_id for c in self.metadata_changes), figures=True)


class AddSpeaker(ProjectCommand):
    """Undo takes the new speaker out of the registry again (refused while claims use it).

    Undo order keeps that rare: a claim given the new speaker was edited after the speaker
    was added, so that edit is undone first.
    """

    def __init__(self, workspace, name: str, *, type: str):
        super().__init__(workspace, f"Add speaker “{name}”")
        self.name, self.type = name, type
        self.speaker: Speaker | None = None

    def first_run(self) -> Change:
        self.speaker = self.project.speakers.add(self.name, by=self.by, type=self.type)
        self.setText(f"Add speaker “{self.speaker.name}”")
        return Change(speakers=True)

    def do(self) -> Change:
        speaker = self.speaker
        self.project.speakers.add(speaker.name, by=self.by, type=speaker.type, aliases=speaker.aliases)
        return Change(speakers=True)

    def undo_change(self) -> Change:
        self.project.speakers.delete(self.speaker.name, by=self.by)
        return Change(speakers=True)


# -- the actions the window calls ---------------------------------------------------------


def create_claim(workspace, article_id: str, start: int, end: int, **fields) -> Claim | None:
    """Create a claim (an untouched article becomes "in progress") and put it on the undo stack.

    Raises when the core refuses the claim; nothing is saved or recorded then.
    """
    command = perform(workspace, CreateClaim(workspace, article_id, start, end, **fields))
    return command.claim if command else None


def edit_claim(workspace, claim_id: str, *, field: str = "", **changes) -> Claim | None:
    """Change fields of a claim (saved at once) and record the edit for undo; None when a team
    project's outbox kept it to send when the connection is back."""
    command = perform(workspace, EditClaim(workspace, claim_id, field=field, **changes))
    return command.after if command else None


def move_span(workspace, claim_id: str, start: int, end: int) -> Claim | None:
    """Give a claim a new span and record it for undo; None when the span is the same."""
    command = perform(workspace, MoveSpan(workspace, claim_id, start, end))
    return command.claim if command else None


def delete_claim(workspace, claim_id: str) -> Claim | None:
    """Delete a claim and record it for undo (None: kept by a team project's outbox)."""
    command = perform(workspace, DeleteClaim(workspace, claim_id))
    return command.claim if command else None


def add_speaker(workspace, name: str, *, type: str) -> Speaker:
    """Add a speaker to the registry and record it for undo."""
    return perform(workspace, AddSpeaker(workspace, name, type=type)).speaker


def edit_article(workspace, article_id: str, **changes) -> None:
    """Change an article's metadata (logged by the core) and record it for undo."""
    perform(workspace, EditArticle(workspace, article_id, **changes))


def update_article_metadata(workspace, metadata_changes) -> None:
    """Apply what re-imported files said of their articles, as one step of the history."""
    perform(workspace, UpdateMetadata(workspace, metadata_changes))


def set_article_status(workspace, article_id: str, status: str) -> None:
    """Mark an article's progress and record it for undo."""
    perform(workspace, SetArticleStatus(workspace, article_id, status))
