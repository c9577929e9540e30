"""One window per project file: a lock file beside it, read-only viewing when another holds it.

SQLite lets two programs write one file in turns, but two windows editing the same claims
would each show stale state. A `QLockFile` (`<project>.lock`, holding the process id, host
and program) says who has the project; a lock left by a crashed program is taken over.
The same function warns before opening a project on a network drive or in a synced folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.ui.plain import message_box

READ_ONLY = "read-only"


class ProjectLock:
    """The lock file of one project, held while a window has the project open for editing."""

    def __init__(self, project_path: str):
        self.path = f"{project_path}.lock"
        self._lock = QLockFile(self.path)
        self._lock.setStaleLockTime(0)  # never stale by age; only when its process is gone

    def acquire(self) -> bool:
        """Take the lock now if nobody holds it (or its holder crashed); never waits."""
        return self._lock.tryLock(0)

    def holder(self) -> str:
        """Who holds the lock, for a message: 'Annotator (process 4242 on laptop)'.

        Only Annotator writes these lock files, so the holder is named as Annotator.
        """
        info = self._lock.getLockInfo()
        if not info or len(info) < 3:
            return "another program"
        pid, host, _program = info[-3:]  # the program is the interpreter when run from source
        return f"Annotator (process {pid} on {host or 'this computer'})"

    def release(self) -> None:
        self._lock.unlock()

    @property
    def cannot_be_written(self) -> bool:
        """The lock file could not be made (read-only media, a full disk), rather than being
        held by another program: nobody can hold a lock there."""
        return self._lock.error() in (QLockFile.LockError.PermissionError, QLockFile.LockError.UnknownError)


# Locks of the projects open in this process, by project path, released when a window
# switches to another project (a crashed process leaves a stale lock that is taken over).
_held: dict[str, ProjectLock] = {}


def keep(path: str, lock: ProjectLock | None) -> None:
    """Hold `lock` for as long as the project at `path` is open here."""
    if lock is not None:
        _held[path] = lock


def release(path: str) -> None:
    """Let other programs edit the project at `path` again."""
    lock = _held.pop(path, None)
    if lock is not None:
        lock.release()


@dataclass(frozen=True)
class OpenedProject:
    """A project opened from the window, with the lock that goes with it (None: read-only)."""

    project: object
    lock: ProjectLock | None


class ProjectInUseDialog:
    """Says which program holds the project and offers read-only viewing."""

    @classmethod
    def ask(cls, parent: QWidget | None, path: str, holder: str) -> str | None:
        """READ_ONLY to view the project read-only, None to leave it closed."""
        if _no_screen():
            print(f"annotator: {path} is open in {holder}; showing it read-only", file=sys.stderr)
            return READ_ONLY
        text = f"{path} is open in {holder}."
        box = message_box(parent, "Project in use", text, icon=QMessageBox.Icon.Information)
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        box.setInformativeText(
            "You can view it read-only here, or close it there first and open it again to edit."
        )
        view = box.addButton("View read-only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return READ_ONLY if box.clickedButton() is view else None


class StorageWarningDialog:
    """Warns that the project sits on a network drive or in a synced folder."""

    @classmethod
    def ask(cls, parent: QWidget | None, warning: str) -> bool:
        """True to open it anyway."""
        if _no_screen():
            print(f"annotator: warning: {warning}", file=sys.stderr)
            return True
        box = message_box(
            parent,
            "Project on a shared or synced folder",
            warning + "\n\nOpen it anyway?",
            buttons=QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        return answer == QMessageBox.StandardButton.Open


def _no_screen() -> bool:
    """Offscreen (screenshots, the smoke check): nobody could answer a dialog."""
    return os.environ.get("QT_QPA_PLATFORM") == "offscreen"


def open_for_window(
    path: str, parent: QWidget | None = None, *, open_writable: Callable[[], object] | None = None
) -> OpenedProject | None:
    """Open a project for a window: warn about its location, lock it or offer read-only.

    Returns None when the user chose not to open it. Errors of the file itself
    (damaged, too new) leave as AnnotatorError for the caller to show.
    :param open_writable: how to open it for editing (default `Project.open(path)`)
    """
    from annotator.core.project_location import location_warning
    from annotator.core.store import Project

    open_writable = open_writable or (lambda: Project.open(path))
    warning = location_warning(path)
    if warning and not StorageWarningDialog.ask(parent, warning):
        return None
    if path == ":memory:":
        return OpenedProject(open_writable(), None)
    lock = ProjectLock(path)
    if lock.acquire():
        try:
            return OpenedProject(open_writable(), lock)
        except BaseException:
            lock.release()
            raise
    if lock.cannot_be_written:
        return OpenedProject(open_writable(), None)
    if ProjectInUseDialog.ask(parent, path, lock.holder()) == READ_ONLY:
        return OpenedProject(Project.open(path, read_only=True), None)
    return None
