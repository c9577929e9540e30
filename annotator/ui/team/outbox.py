"""The changes a team project's lost connection kept, sent again in the order they were made.

Every user action passes through `undo.perform`; a command that is safe to send twice (it
names a `waiting_kind`: its ids made up front, or it finds its work already done) and is
refused only because the connection was lost is kept here instead of shown as an error, and
so is every such command made while others wait. `send_all` (called on the GUI thread once a
probe found the server answering) runs them first to last: one the server takes is on the
undo stack like any other; one that changed nothing was done already (its first try went
through and only the answer was lost); one refused (a colleague deleted the claim meanwhile)
is dropped and named in `send_all`'s answer; a connection lost again (any TeamServerError:
the server, not the project's rules) stops the round, and what is left waits on.

The queue is on disk too (core/outbox_file): written on every change, read again when the
same role opens the same team project, so a window closed or killed during an outage loses
nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from annotator.core import outbox_file
from annotator.core.errors import AnnotatorError, TeamServerError
from annotator.ui import undo

log = logging.getLogger("annotator.team")


@dataclass
class Waiting:
    """One kept command and its name for messages."""

    command: undo.ProjectCommand
    label: str
    from_file: bool = False  # made again from the outbox file (its arguments were not checked)


@dataclass(frozen=True)
class Round:
    """What one `send_all` did: how many reached the server, and each refusal in words."""

    sent: int = 0
    refused: tuple[str, ...] = ()
    left: int = 0


@dataclass
class _Place:
    """Where the queue is kept on disk, and whether the last write worked."""

    address: str
    user: str
    path: object = None
    written: bool = True
    problems: list[str] = field(default_factory=list)


class Outbox(QObject):
    """The waiting commands of one window's team project (`workspace.outbox` while it is open)."""

    changed = Signal(int)  # how many changes wait now (also when one folded into another)
    kept = Signal(str)  # the name of a change just kept

    def __init__(self, workspace, *, label_of: Callable[[undo.ProjectCommand], str], parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self._label_of = label_of
        self._waiting: list[Waiting] = []
        self._place: _Place | None = None

    def __len__(self) -> int:
        return len(self._waiting)

    def commands(self) -> list[undo.ProjectCommand]:
        return [item.command for item in self._waiting]

    def labels(self) -> list[str]:
        return [item.label for item in self._waiting]

    def pending(self) -> list[tuple[str, dict]]:
        """What waits as (kind, arguments), first to last: what the window draws as waiting."""
        return [(item.command.waiting_kind, item.command.waiting_args()) for item in self._waiting]

    @property
    def on_disk(self) -> bool:
        """Whether what waits is also in the outbox file (sent next time if the window closes)."""
        return self._place is not None and self._place.written

    # -- the team project it belongs to ------------------------------------------------

    def attach(self, address: str, user: str) -> list[str]:
        """Keep the queue of `user` on the team project at `address`: what its file holds
        (a window closed during an outage) waits again. Returns what could not be read."""
        self._waiting = []
        place = _Place(address, user, outbox_file.path_for(address, user))
        self._place = place
        loaded = outbox_file.read(place.path, user=user)
        problems = list(loaded.problems)
        for number, entry in enumerate(loaded.entries, 1):
            try:
                self._waiting.append(Waiting(rebuilt(self.workspace, entry), entry.get("label", ""), True))
            except (TypeError, ValueError, KeyError) as error:
                problems.append(f"change {number} ({entry['kind']}) cannot be made again: {error}")
        if problems and place.path.exists():
            aside = outbox_file.set_aside(place.path)
            problems.append(f"the file is kept as {aside.name} beside it")
        self._save()
        self.changed.emit(len(self))
        return problems

    def detach(self) -> None:
        """Another project is open: what waits stays in its file for the next time."""
        self._place, self._waiting = None, []
        self.changed.emit(0)

    # -- keeping -----------------------------------------------------------------------

    def can_keep(self, command: undo.ProjectCommand) -> bool:
        return self._place is not None and command.may_wait()

    def keeps_behind(self, command: undo.ProjectCommand) -> bool:
        """While changes wait, a new one that can wait goes behind them (the order is kept)."""
        return bool(self._waiting) and self.keep(command)

    def keep(self, command: undo.ProjectCommand) -> bool:
        """Keep a command the lost connection refused; False when it cannot be sent again."""
        if not self.can_keep(command):
            return False
        command.sent_before = True  # its try may have reached the server before the answer was lost
        same = self._same_as_waiting(command)
        if same is None:
            self._waiting.append(Waiting(command, self._label_of(command)))
            self._save()
        self.changed.emit(len(self))
        self.kept.emit((same or self._waiting[-1]).label)
        return True

    def _same_as_waiting(self, command: undo.ProjectCommand) -> Waiting | None:
        """A waiting change this one repeats or extends: Enter again on the span of a creation
        that waits, or a later edit of the claim edited last."""
        if isinstance(command, undo.CreateClaim):
            span = _span_of(command)
            return next((w for w in self._waiting if _span_of(w.command) == span), None)
        last = self._waiting[-1] if self._waiting else None
        if isinstance(command, undo.EditClaim) and last and isinstance(last.command, undo.EditClaim):
            if last.command.take_later_edit(command):
                self._save()
                return last
        return None

    # -- sending -----------------------------------------------------------------------

    def send_all(self) -> Round:
        """Send what waits, first to last, on the GUI thread (the project's own connection)."""
        sent, refused = 0, []
        while self._waiting:
            item = self._waiting[0]
            try:
                undo.send(self.workspace, item.command)
            except TeamServerError:  # lost again, or out of reach: not a refusal, it waits on
                break
            except AnnotatorError as error:
                refused.append(f"{item.label}: {error}")
            except Exception as error:  # arguments from a file Annotator did not write as they are
                if not item.from_file:
                    raise
                log.warning("a change from the outbox file cannot be sent", exc_info=True)
                refused.append(f"{item.label}: it cannot be made again ({error})")
            else:
                sent += 1
            self._waiting.pop(0)
            self._save()
        self.changed.emit(len(self))
        return Round(sent, tuple(refused), len(self))

    def _save(self) -> None:
        place = self._place
        if place is None:
            return
        entries = [entry_of(item) for item in self._waiting]
        try:
            outbox_file.write(place.path, entries, address=place.address, user=place.user)
            place.written = True
        except OSError:
            log.exception("the waiting changes cannot be written to %s", place.path)
            place.written = False


def _span_of(command: undo.ProjectCommand) -> tuple | None:
    if not isinstance(command, undo.CreateClaim):
        return None
    return (command.article_id, command.start, command.end)


def entry_of(item: Waiting) -> dict:
    """One waiting command as the outbox file keeps it."""
    command = item.command
    args = outbox_file.encoded(command.waiting_args())
    return {"kind": command.waiting_kind, "args": args, "label": item.label}


def rebuilt(workspace, entry: dict) -> undo.ProjectCommand:
    """The command an outbox entry describes; raises ValueError for a kind Annotator never wrote,
    TypeError for arguments its command does not take."""
    kind = kinds().get(entry["kind"])
    if kind is None:
        raise ValueError(f"Annotator keeps no change of the kind {entry['kind']!r}")
    command = kind(workspace, **outbox_file.decoded(entry["args"]))
    command.sent_before = True
    return command


def kinds() -> dict[str, type]:
    """Every command the outbox keeps, by its `waiting_kind`."""
    from annotator.ui.review import commands

    classes = (
        undo.CreateClaim,
        undo.EditClaim,
        undo.DeleteClaim,
        undo.MoveSpan,
        undo.SetArticleStatus,
        undo.EditArticle,
        commands.ReviewClaim,
        commands.AddComment,
        commands.SubmitDrafts,
    )
    return {kind.waiting_kind: kind for kind in classes}
