"""Per-user folders (platformdirs): the default project and backups in the data folder, the
log in the platform's log folder, the window settings in its config folder.

ANNOTATOR_DATA_DIR puts all of them in one folder (tests, portable installs).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

APP_NAME = "Annotator"
LOG_BYTES = 1_000_000  # one log file's size before it is rotated
LOG_FILES_KEPT = 3  # annotator.log.1 ... .3 beside the current one


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


def _platform_dir(kind: str) -> Path:
    """platformdirs' log or config folder, or the data folder when ANNOTATOR_DATA_DIR is set."""
    if os.environ.get("ANNOTATOR_DATA_DIR"):
        return data_dir()
    import platformdirs

    folder = getattr(platformdirs, f"user_{kind}_path")(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_path() -> Path:
    """The log file that errors are written to, in the platform's log folder."""
    return _platform_dir("log") / "annotator.log"


def settings_path() -> Path:
    """The window settings (an INI file) in the platform's config folder.

    Settings written by an older version into the data folder are moved there once.
    """
    path = _platform_dir("config") / "settings.ini"
    old = data_dir() / "settings.ini"
    if old != path and old.exists() and not path.exists():
        shutil.move(old, path)
    return path


def rotating_log_handler(path: Path | None = None) -> logging.Handler:
    """A log file that rotates at LOG_BYTES, keeping LOG_FILES_KEPT older files."""
    import logging.handlers  # not before the window's first frame: it brings socket, pickle, queue

    return logging.handlers.RotatingFileHandler(
        path or log_path(), maxBytes=LOG_BYTES, backupCount=LOG_FILES_KEPT, encoding="utf-8"
    )


def backups_dir() -> Path:
    """Rotating automatic backups."""
    return data_dir() / "backups"


def outbox_dir() -> Path:
    """Team projects' changes waiting to be sent (core/outbox_file), one file per address and role."""
    return data_dir() / "outbox"


def remembered_annotator_name() -> str:
    """The name the window asked for and remembers (its settings file), or '' if none.

    Read without Qt so the command line records the same person as the window does.
    QSettings writes the INI: a value with a comma or spaces at its ends is quoted, quotes
    and backslashes inside are escaped, and a leading "@" is doubled.
    """
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_path(), encoding="utf-8")
        value = parser.get("annotator", "name", fallback="")
    except (OSError, UnicodeDecodeError, configparser.Error):
        return ""
    return _ini_value(value.strip())


def _ini_value(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    value = value.replace('\\"', '"').replace("\\\\", "\\")
    return value[1:] if value.startswith("@@") else value

