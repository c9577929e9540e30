"""Per-user window settings (QSettings in an INI file in the platform's config folder)."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QCryptographicHash, QSettings

from annotator.core.userdata import settings_path

MAX_RECENT = 8


def ui_settings() -> QSettings:
    """The settings file (in the private data folder when ANNOTATOR_DATA_DIR is set, as in tests)."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def annotator_name() -> str:
    """The remembered annotator name, or '' before the first run asked for it."""
    return str(ui_settings().value("annotator/name", "") or "")


def remember_annotator_name(name: str) -> None:
    ui_settings().setValue("annotator/name", name)


def recent_projects() -> list[str]:
    """Project files opened lately, newest first."""
    value = ui_settings().value("projects/recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(item) for item in (value or []) if item]


def remember_project(path: str) -> None:
    """Put `path` at the top of the recent projects."""
    if not path or path == ":memory:":
        return
    known = recent_projects()
    recent = [path] + [item for item in known if item != path]
    if recent[:MAX_RECENT] != known:  # reopening the last project writes nothing
        ui_settings().setValue("projects/recent", recent[:MAX_RECENT])


def last_article(project_path: str) -> str:
    """The article that was open when this project was last closed."""
    return str(ui_settings().value(f"last-article/{_key(project_path)}", "") or "")


def remember_last_article(project_path: str, article_id: str) -> None:
    if article_id != last_article(project_path):  # the one shown on opening is remembered already
        ui_settings().setValue(f"last-article/{_key(project_path)}", article_id)


def _key(path: str) -> str:
    """The start of the path's SHA-1, through Qt: hashlib would load OpenSSL before the first paint."""
    digest = QCryptographicHash.hash(QByteArray(path.encode("utf-8")), QCryptographicHash.Algorithm.Sha1)
    return bytes(digest.toHex()).decode("ascii")[:16]


def start_folder(kind: str) -> str:
    """Where a file dialog of this kind ("projects", "imports") opens: the folder used last for it,
    else the user's documents folder, else home — never the folder the app was started from."""
    remembered = str(ui_settings().value(f"folders/{kind}", "") or "")
    if remembered and os.path.isdir(remembered):
        return remembered
    from platformdirs import user_documents_dir

    documents = user_documents_dir()
    return documents if os.path.isdir(documents) else os.path.expanduser("~")


def remember_folder(kind: str, path: str) -> None:
    """Remember the folder of `path` (or `path` itself when it is a folder) for `start_folder`."""
    folder = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path))
    ui_settings().setValue(f"folders/{kind}", folder)
