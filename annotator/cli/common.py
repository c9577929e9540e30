"""What the subcommands share: opening the project, and who is working."""

from __future__ import annotations

import os
import sys


def open_project(args):
    """The project named by --db, or the default one in the user's data folder.

    Warns on standard error when the file is on a network or synced folder. Writes wait
    up to $ANNOTATOR_LOCK_WAIT seconds (default 5) for another program to finish. A
    PostgreSQL URL opens a team project (asking for the password when the server wants one
    and a person is at the terminal).
    """
    from annotator.core.project_location import location_warning
    from annotator.core.store import Project
    from annotator.core.store.project import DEFAULT_BUSY_TIMEOUT
    from annotator.core.team_address import is_team_url
    from annotator.core.userdata import default_project_path

    path = getattr(args, "db", None)
    if path and is_team_url(path):
        return open_team_project(path)
    warning = location_warning(path or default_project_path())
    if warning:
        print(f"annotator: warning: {warning}", file=sys.stderr)
    timeout = _seconds(os.environ.get("ANNOTATOR_LOCK_WAIT"), DEFAULT_BUSY_TIMEOUT)
    if path:
        return Project.open(path, timeout=timeout)
    from annotator.core.sample import open_default_project

    return open_default_project(default_project_path())


def open_team_project(url: str):
    """The team project at `url`, as the role libpq logs in as."""
    from annotator.cli.team import with_password_prompt
    from annotator.core.store.team_project import TeamProject

    return with_password_prompt(url, lambda password: TeamProject.connect(url, password=password))


def _seconds(text: str | None, default: float) -> float:
    try:
        return max(0.0, float(text)) if text else default
    except ValueError:
        return default


def current_user(args, project=None) -> str:
    """--annotator, else $ANNOTATOR_NAME, else the name the window remembers, else the
    system user name (so the command line and the window record the same person).

    On a team project it is the database role logged in: naming someone else is refused.
    """
    from annotator.core.userdata import remembered_annotator_name

    if project is not None and project.is_team:
        return team_user(args, project)
    name = getattr(args, "annotator", None) or os.environ.get("ANNOTATOR_NAME") or remembered_annotator_name()
    if name:
        return name
    import getpass  # only without a name given or remembered

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "analyst"


def team_user(args, project) -> str:
    """The connected role; --as/--annotator naming anyone else is refused in one line."""
    from annotator.core.errors import AnnotatorError

    named = getattr(args, "annotator", None)
    if named and named != project.user:
        raise AnnotatorError(
            f"on a team project you are the role you log in as ({project.user}); --as/--annotator "
            f"{named} is refused: connect as {named} instead (postgresql://{named}@...)"
        )
    return project.user
