"""Per-user folders (platformdirs): the default project, the log file, backups."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Annotator"


def data_dir() -> Path:
    """The user's data folder for Annotator (ANNOTATOR_DATA_DIR overrides it, for tests)."""
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_path

        folder = user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_project_path() -> Path:
    """Where the project opened without --db lives."""
    return data_dir() / "default.annotator"


def log_path() -> Path:
    """The log file that errors are written to."""
    return data_dir() / "annotator.log"


def backups_dir() -> Path:
    """Rotating automatic backups."""
    return data_dir() / "backups"
