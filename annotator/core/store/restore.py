"""Put a backup back in a project's place: checked first, the project kept, swapped atomically.

A project can be restored only while no program has it open: the old `-wal` and `-shm`
belong to the old contents, and a connection still holding them would copy old pages into
the restored file. The steps, each whole or absent:

1. the backup is copied beside the project under a temporary name and checked there
   (integrity, an Annotator project, not from a newer version, its tables all present);
2. the project as it is goes to the backups folder (`before-restore`), and leaves WAL mode,
   which SQLite allows only when no other connection has it open;
3. its journals are removed and the checked copy is renamed over it.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from annotator.core import backups
from annotator.core.errors import BackupUnusable, ProjectInUse, ProjectUnreadable
from annotator.core.project_lock_file import lock_holder
from annotator.core.store import copies

_WAIT_SECONDS = 2.0


@dataclass(frozen=True)
class Restored:
    """What a restore did: the project now holds `backup`; `previous` holds what it held."""

    project: Path
    backup: Path
    previous: Path | None
    same_project: bool  # the backup was taken of this project (see `_same_project`)
    by_identity: bool = False  # decided by the projects' identities, not by the backup's name


def restore_backup(project: str | Path, backup: str | Path, *, folder: Path | None = None) -> Restored:
    """Replace the project file with a checked copy of `backup`; the project must be closed.

    Raises BackupUnusable (nothing changed) for a backup that is not a whole project,
    ProjectInUse when another program has the project open.
    :param folder: where the copy of the project as it was goes (default the backups folder)
    """
    project, backup = Path(project).absolute(), Path(backup).absolute()
    if project == backup or (project.exists() and backup.exists() and project.samefile(backup)):
        raise BackupUnusable(f"{backup} is the project itself; choose one of its backups")
    if project.exists() and not project.is_file():
        raise ProjectUnreadable(f"{project} is not a project file")
    _refuse_open_backup(backup)
    candidate = project.with_name(f"{project.name}.{os.getpid()}.restoring")
    try:
        _copy_and_check(backup, candidate)
        identities = (_identity(project), _identity(candidate))
        previous = _set_aside(project, folder) if project.exists() else None
        _swap_in(candidate, project)
    except OSError as error:
        raise ProjectUnreadable(
            f"the backup could not be restored ({error.strerror}: {error.filename}); {project} "
            "was not changed"
        ) from None
    finally:
        copies.remove_with_journals(candidate)
    if all(identities):
        return Restored(project, backup, previous, identities[0] == identities[1], by_identity=True)
    return Restored(project, backup, previous, backups.is_backup_of(backup, project))


def restore_note(restored: Restored) -> str:
    """What to tell the user when the backup may not be one of this project's."""
    if restored.by_identity:
        return (
            f"{restored.backup.name} is a backup of another project (its identity differs from "
            f"{restored.project.name}'s); the project as it was is kept as {restored.previous}"
        )
    return f"{restored.backup.name} is not named as a backup of {restored.project}"


def _identity(path: Path) -> str:
    """A project file's identity (`Project._give_identity`); empty when it has none or is unreadable.

    A moved project keeps it, so its backups under its old path's name are still its own;
    another project's backup, renamed to look like this one's, is not.
    """
    if not path.is_file():
        return ""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=_WAIT_SECONDS)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'project_id'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""
    return row[0] if row else ""


def _refuse_open_backup(backup: Path) -> None:
    wal = Path(f"{backup}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise BackupUnusable(
            f"{backup} is open in another program, or was not closed properly ({wal.name} is beside "
            "it). Close it, or open and close it once in Annotator, and try again."
        )


def _copy_and_check(backup: Path, candidate: Path) -> None:
    copies.refuse_non_sqlite(backup, name=str(backup))
    copies.copy_bytes(backup, candidate)
    copies.check_copy(candidate, name=str(backup))


def _set_aside(project: Path, folder: Path | None) -> Path:
    """Keep the project as it is in the backups folder, and make sure nobody has it open."""
    holder = lock_holder(project)
    if holder:
        raise ProjectInUse(f"{project} is open in {holder}; close it there, then restore")
    target = backups.backup_target(project, reason="before-restore", folder=folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(project, timeout=_WAIT_SECONDS, isolation_level=None)
    try:
        kept = _verified_copy_or_none(conn, target)
        if kept is not None:
            _leave_wal(conn, project)
    finally:
        conn.close()
    return kept or _set_aside_damaged(project, target)  # copied only once closed: POSIX locks


def _verified_copy_or_none(conn: sqlite3.Connection, target: Path) -> Path | None:
    try:
        return copies.write_verified_copy(conn, target)
    except (sqlite3.DatabaseError, BackupUnusable):
        return None


def _set_aside_damaged(project: Path, target: Path) -> Path:
    """A project SQLite cannot copy whole is kept byte for byte (never listed as a backup)."""
    damaged = target.with_name(target.name.removesuffix(".annotator") + ".damaged")
    for suffix in ("", "-wal"):
        if Path(f"{project}{suffix}").exists():
            copies.copy_bytes(Path(f"{project}{suffix}"), Path(f"{damaged}{suffix}"))
    return damaged


def _leave_wal(conn: sqlite3.Connection, project: Path) -> None:
    """Checkpoint and drop the `-wal`; SQLite refuses while any other connection is open."""
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError:  # locked: another connection holds it
        mode = "wal"
    if mode.lower() != "delete":
        raise ProjectInUse(
            f"another program has {project} open; close it, then restore (nothing was changed "
            "except for a copy of the project in the backups folder)"
        )


def _swap_in(candidate: Path, project: Path) -> None:
    for suffix in copies.JOURNALS:
        Path(f"{project}{suffix}").unlink(missing_ok=True)
    copies.move_into_place(candidate, project)
