"""What the subcommands share: opening the project, and who is working."""

from __future__ import annotations

import getpass
import os
import sys


def open_project(args):
    """The project named by --db, or the default one in the user's data folder.

    Warns on standard error when the file is on a network or synced folder. Writes wait
    up to $ANNOTATOR_LOCK_WAIT seconds (default 5) for another program to finish.
    """
    from annotator.core.project_location import location_warning
    from annotator.core.store import Project
    from annotator.core.store.project import DEFAULT_BUSY_TIMEOUT
    from annotator.core.userdata import default_project_path

    path = getattr(args, "db", None)
    warning = location_warning(path or default_project_path())
    if warning:
        print(f"annotator: warning: {warning}", file=sys.stderr)
    timeout = _seconds(os.environ.get("ANNOTATOR_LOCK_WAIT"), DEFAULT_BUSY_TIMEOUT)
    if path:
        return Project.open(path, timeout=timeout)
    from annotator.core.sample import open_default_project

    return open_default_project(default_project_path())


def _seconds(text: str | None, default: float) -> float:
    try:
        return max(0.0, float(text)) if text else default
    except ValueError:
        return default


def current_user(args) -> str:
    """--annotator, else $ANNOTATOR_NAME, else the system user name."""
    name = getattr(args, "annotator", None) or os.environ.get("ANNOTATOR_NAME")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "analyst"
