"""Subcommands of the command line; each module keeps its heavy imports inside `run`."""

from __future__ import annotations

import getpass
import os


def open_project(args):
    """The project named by --db, or the default one in the user's data folder."""
    from annotator.core.store import Project
    from annotator.core.userdata import default_project_path

    path = getattr(args, "db", None)
    if path:
        return Project.open(path)
    from annotator.core.sample import open_default_project

    return open_default_project(default_project_path())


def current_user(args) -> str:
    """--annotator, else $ANNOTATOR_NAME, else the system user name."""
    name = getattr(args, "annotator", None) or os.environ.get("ANNOTATOR_NAME")
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "analyst"
