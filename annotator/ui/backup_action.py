"""File → Back up project now: a copy in the backups folder of the user's data folder."""

from __future__ import annotations

from PySide6.QtGui import QAction

from annotator.core.errors import AnnotatorError


def install(window) -> QAction:
    """Add the action to the window's File menu (the window: a `ui.shell.Shell`)."""
    action = window.add_action("File", "back_up", "&Back up project now", lambda: back_up(window))
    action.setStatusTip("Copy the project into the backups folder (the ten newest are kept)")
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
