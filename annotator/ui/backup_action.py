"""File → Back up project now, and File → Restore from backup…: copies in the user's backups folder."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.ui.plain import show_plain_message


def install(window) -> QAction:
    """Add Back up and Restore to the window's File menu (the window: a `ui.shell.Shell`)."""
    action = window.add_action("File", "back_up", "&Back up project now", lambda: back_up(window))
    action.setStatusTip("Copy the project into the backups folder (the ten newest are kept)")
    restore = window.add_action(
        "File", "restore_backup", "&Restore from backup…", lambda: restore_from_backup(window)
    )
    restore.setStatusTip("Put one of the project's backups in its place (the project is backed up first)")
    return action


def back_up(window):
    """Copy the open project; say where the copy went (or why it could not be made)."""
    try:
        target = window.workspace.project.backup(suffix="on-demand")
    except AnnotatorError as error:
        window.show_error(f"The backup was not made:\n{error}")
        return None
    if target is None:
        window.show_message("This project is not in a file; there is nothing to back up.", 6000)
        return None
    window.show_message(f"Backed up to {target}", 10000)
    return target


class RestoreDialog:
    """Asks which backup to restore, and whether to replace the open project with it."""

    @classmethod
    def ask(cls, parent, project_path: str) -> str | None:
        """The backup file chosen, or None when the user cancelled."""
        from annotator.core.userdata import backups_dir

        path, _ = QFileDialog.getOpenFileName(
            parent, "Restore from backup", str(backups_dir()), "Annotator projects (*.annotator)"
        )
        if not path:
            return None
        answer = show_plain_message(
            parent,
            "Restore from backup",
            f"Replace {project_path} with the backup\n{path}?\n\nThe project as it is now is "
            "backed up first, so this can be undone by restoring that copy.",
            icon=QMessageBox.Icon.Question,
            buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return path if answer == QMessageBox.StandardButton.Yes else None


def restore_from_backup(window, backup: str | None = None):
    """Close the project, put the backup in its place (checked first), open it again."""
    from annotator.core.store import Project
    from annotator.core.store.restore import restore_backup, restore_note

    path = window.workspace.project.path
    if path == ":memory:":
        window.show_message("This project is not in a file; it has no backups.", 6000)
        return None
    backup = backup or RestoreDialog.ask(window.dialog_parent(), path)
    if not backup:
        return None
    window.workspace.project.close()
    try:
        restored = restore_backup(path, backup)
    except AnnotatorError as error:
        restored = None
        window.show_error(f"The backup was not restored; the project is as it was.\n\n{error}")
    window.workspace.replace_project(Project.open(path))
    if restored is not None:
        kept = f" (the project as it was is in {restored.previous})" if restored.previous else ""
        window.show_message(f"Restored from {restored.backup}{kept}", 15000)
        if restored.by_identity and not restored.same_project:
            window.show_error(f"Restored, but note: {restore_note(restored)}. Restore that copy to undo it.")
    return restored
