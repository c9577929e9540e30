"""What every screen of one window shares: the open project, the user, the undo stack.

Widgets never call each other to refresh: every user action is an undo command, and the
command base announces what each step changed through the one `changed` signal; each screen
decides what to redraw.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack


class Workspace(QObject):
    """The open project, the annotator's name and the undo history of this window."""

    changed = Signal(object)  # a ui.undo.Change: what one step, undo or redo did
    project_replaced = Signal()  # another project file is open now
    user_changed = Signal(str)
    error_reported = Signal(str)

    def __init__(self, project, *, user: str, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.user = user
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.outbox = None  # a team project's changes kept through a lost connection (ui/team/outbox)

    def replace_project(self, project) -> None:
        """Switch to another project file; the history of the old one is dropped."""
        old = self.project
        self.undo_stack.clear()
        self.project = project
        if old is not None and old is not project:
            old.close()
        self.project_replaced.emit()

    def announce(self, change) -> None:
        """Tell every screen what a step changed (called by the undo command base only)."""
        self.changed.emit(change)

    def set_user(self, name: str) -> None:
        self.user = name
        self.user_changed.emit(name)

    def report_error(self, message: str) -> None:
        """Show `message` to the user (the window connects this to an error dialog)."""
        self.error_reported.emit(message)
