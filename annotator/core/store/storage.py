"""Projects on storage that cannot be written: a read-only mount, folder or file.

Such a project is opened read-only (`mode=ro`). Where SQLite cannot even create the
`-shm` it needs to read a WAL file (a read-only mount or folder), it is opened as
immutable: nothing can change it while it is open, since nothing can write there.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import quote

from annotator.core.errors import ProjectReadOnly, ProjectUnreadable
from annotator.core.store.file_guard import read_start

SQLITE_HEADER = b"SQLite format 3\x00"

READ_ONLY_STORAGE = "this project is on read-only storage; changes cannot be saved"
DISK_FULL = "the disk holding this project is full; it was opened read-only and changes cannot be saved"
NEARLY_FULL_BYTES = 4 * 1024 * 1024  # less free than this, and a failed write was the disk's doing


def is_read_only(path: str) -> bool:
    """Whether an existing project file, or the folder it is in, cannot be written."""
    if path == ":memory:" or not Path(path).is_file():
        return False
    return not os.access(path, os.W_OK) or not os.access(Path(path).absolute().parent, os.W_OK)


def read_only_message(path: str, reason: str = READ_ONLY_STORAGE) -> str:
    """Why a change to a project opened read-only for `reason` is refused, and what to do."""
    if reason == DISK_FULL:
        return f"{path}: {DISK_FULL}. Free some disk space, then open it again."
    return f"{path}: {reason}. Copy it to a folder you can write to, to go on working on it."


def is_nearly_full(folder: str | Path) -> bool:
    """Whether the disk holding `folder` (or its nearest existing parent) has next to no room left."""
    folder = Path(folder).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def full_disk_message(path: str) -> str:
    """What to say when SQLite found no room: which disk is full, only when it is."""
    saved = "the last change was not saved (everything saved before it is safe)"
    if path != ":memory:" and is_nearly_full(Path(path).parent):
        return f"the disk holding {path} is full: {saved}. Free some disk space and try again."
    temporary = tempfile.gettempdir()
    if is_nearly_full(temporary):
        return (
            f"the disk holding the temporary folder {temporary} is full (SQLite works there): "
            f"{saved}. Free some space on it and try again."
        )
    return f"no room was left to save to {path} (a disk or a quota is full: {saved}). Free some space."


def refuse_creating_on_read_only_storage(path: str) -> None:
    """A new project cannot be made in a folder that cannot be written."""
    if path == ":memory:" or Path(path).exists():
        return
    folder = Path(path).absolute().parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise ProjectReadOnly(f"cannot create {path}: the folder {folder} is on read-only storage")


def read_only_connection(path: str, timeout: float) -> sqlite3.Connection:
    """A connection that only reads `path`, checked to be a SQLite file (through SQLite: a
    descriptor of our own, once closed, would drop this process's locks on the file)."""
    conn = _connect(path, "mode=ro", timeout)
    try:
        _read_header(conn, path)
        return conn
    except sqlite3.OperationalError as error:
        conn.close()
        if not _needs_immutable(error, path):
            raise
    except BaseException:
        conn.close()
        raise
    _refuse_unreadable_wal(path)
    conn = _connect(path, "mode=ro&immutable=1", timeout)
    try:
        _read_header(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _needs_immutable(error: sqlite3.Error, path: str) -> bool:
    """SQLite cannot make the `-shm` it needs to read a WAL file: the folder cannot be
    written, or the disk is full."""
    code = getattr(error, "sqlite_errorname", "") or ""
    if code == "SQLITE_CANTOPEN":
        return True
    return code.startswith(("SQLITE_IOERR", "SQLITE_FULL")) and is_nearly_full(Path(path).parent)


def _connect(path: str, options: str, timeout: float) -> sqlite3.Connection:
    uri = f"file:{quote(str(Path(path).absolute()))}?{options}"
    return sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)


def _read_header(conn: sqlite3.Connection, path: str) -> None:
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorname", "") != "SQLITE_NOTADB":
            raise
        if read_start(path, len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise ProjectUnreadable(f"{path} is damaged ({error}); it was not changed") from None
        raise ProjectUnreadable(f"{path} is not an Annotator project (not a SQLite file)") from None


def _refuse_unreadable_wal(path: str) -> None:
    """Read as immutable, a file would show none of what its `-wal` holds."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ProjectUnreadable(
            f"{path} is on read-only storage and its last changes are in {wal.name}, which cannot be "
            "read there. Copy the project with its -wal and -shm files to a folder you can write to."
        )
