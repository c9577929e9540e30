"""Whole-or-absent copies of project files: written under a temporary name, checked, renamed.

Backups, rescue copies and restores all go through here, so a file that carries its
final name has passed `PRAGMA integrity_check` and holds the tables and migrations it
should; a copy cut short by a crash is only ever a temporary file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from annotator.core import backups
from annotator.core.errors import BackupUnusable
from annotator.core.part_files import fsync_folder
from annotator.core.store import schema

_SQLITE_HEADER = b"SQLite format 3\x00"
JOURNALS = ("-journal", "-wal", "-shm")


@dataclass(frozen=True)
class Shape:
    """What a copy must hold: the tables and the applied migrations of what it copies."""

    tables: frozenset[str]
    migrations: tuple[str, ...]


def shape_of(conn: sqlite3.Connection) -> Shape:
    """The tables and applied migrations of an open project."""
    return Shape(_tables(conn), tuple(sorted(schema.applied_names(conn))))


def write_verified_copy(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the open project `conn` to `target` (VACUUM INTO), whole or not at all.

    Raises BackupUnusable when the copy fails its check, sqlite3.Error when SQLite cannot
    write it; either way nothing is left under `target`'s name.
    """
    part = backups.part_name(target)
    try:
        remove_with_journals(part)
        conn.execute("VACUUM INTO ?", (str(part),))
        check_copy(part, expected=shape_of(conn), name=str(target))
        move_into_place(part, target)
    except BaseException:
        remove_with_journals(part)
        raise
    return target


def check_copy(path: Path, *, expected: Shape | None = None, name: str | None = None) -> Shape:
    """Refuse (BackupUnusable) a copy that is not a whole Annotator project; return its shape.

    :param expected: the tables and migrations it must have; default what its own migrations create
    :param name: what to call the file in messages (default its path)
    """
    name = name or str(path)
    refuse_non_sqlite(path, name=name)
    try:
        conn = sqlite3.connect(_immutable_uri(path), uri=True)
    except sqlite3.Error as error:
        raise BackupUnusable(f"{name} cannot be read ({error})") from None
    try:
        found = _checked_shape(conn, name)
    finally:
        conn.close()
    _compare(found, expected or expected_shape(found.migrations), name)
    return found


def refuse_non_sqlite(path: Path, *, name: str) -> None:
    """A missing, empty, non-regular or non-SQLite file is refused before SQLite reads it."""
    if not path.is_file():
        raise BackupUnusable(f"{name} does not exist or is not a regular file")
    with path.open("rb") as handle:
        if handle.read(16) != _SQLITE_HEADER:
            raise BackupUnusable(f"{name} is not an Annotator project (not a SQLite file)")


def expected_shape(migrations: tuple[str, ...]) -> Shape:
    """The tables a file with these migrations applied must hold, built in memory."""
    known = schema.known_migrations()
    stop = next((name for name in known if name not in migrations), None)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = schema.sqlite_utils_database(memory)
        schema.build_migrations().apply(db, stop_before=stop)
        return Shape(_tables(memory), migrations)
    finally:
        memory.close()


def move_into_place(part: Path, target: Path) -> None:
    """fsync `part`, rename it to `target` (atomic), fsync the folder."""
    _fsync(part)
    os.replace(part, target)
    fsync_folder(target.parent)


def remove_with_journals(path: Path) -> None:
    """Remove a temporary copy and any journal SQLite left beside it."""
    for suffix in ("", *JOURNALS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_bytes(source: Path, target: Path) -> None:
    """A plain file copy, fsynced (for files SQLite cannot read: a damaged project set aside)."""
    shutil.copyfile(source, target)
    _fsync(target)


def _checked_shape(conn: sqlite3.Connection, name: str) -> Shape:
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        found = shape_of(conn)
    except sqlite3.DatabaseError as error:
        raise BackupUnusable(f"{name} is damaged or cut short ({error})") from None
    if problems:
        raise BackupUnusable(f"{name} is damaged or cut short ({problems[0]})")
    if not found.migrations:
        raise BackupUnusable(f"{name} is a SQLite file but not an Annotator project")
    unknown = [m for m in found.migrations if m not in schema.known_migrations()]
    if unknown:
        raise BackupUnusable(
            f"{name} was written by a newer version of Annotator (schema step {unknown[-1]!r} "
            "is unknown here). Update Annotator to use it."
        )
    return found


def _compare(found: Shape, expected: Shape, name: str) -> None:
    missing = sorted(expected.tables - found.tables)
    if missing:
        raise BackupUnusable(f"{name} is not a whole project: it lacks the tables {', '.join(missing)}")
    if found.migrations != expected.migrations:
        raise BackupUnusable(f"{name} does not hold the schema steps of the project it copies")


def _tables(conn: sqlite3.Connection) -> frozenset[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return frozenset(row[0] for row in rows)


def _immutable_uri(path: Path) -> str:
    """Read-only, no locks, no -shm beside it: only for files nobody else is writing."""
    return f"file:{quote(str(Path(path).absolute()))}?mode=ro&immutable=1"


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
