"""Rotating backups of project files in the user's data folder: names, listing and pruning.

A backup is named `<project stem>-<8 hex of its full path>.<UTC stamp>.<reason>.annotator`,
so the backups of two projects that share a name never prune each other, and names sort
by time. The store writes each copy under a temporary name (`<final name>.<pid>.part`),
checks it and renames it into place (`Project.backup`), so a file with a backup's name is
whole; a copy cut short by a crash stays a `.part` file, which is never listed and is
removed once the process that wrote it is gone.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.part_files import writer_is_gone
from annotator.core.userdata import backups_dir

KEEP_PER_PROJECT = 10
_REASON = re.compile(r"[^A-Za-z0-9_-]+")
_PART = re.compile(r"\.(\d+)\.part(-journal|-wal|-shm)?$")
_SQLITE_HEADER = b"SQLite format 3\x00"


def backup_target(project_path: str | Path, *, reason: str, folder: Path | None = None) -> Path:
    """A fresh file name for a backup of `project_path` taken now, for `reason`."""
    folder = folder or backups_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    reason = _REASON.sub("-", reason).strip("-") or "backup"
    return folder / f"{_prefix(project_path)}.{stamp}.{reason}.annotator"


def part_name(target: Path) -> Path:
    """The temporary name a backup is written under before it is checked and renamed."""
    return target.with_name(f"{target.name}.{os.getpid()}.part")


def backups_of(project_path: str | Path, *, folder: Path | None = None) -> list[Path]:
    """The whole backups of one project, oldest first (a file that is plainly cut short is left out)."""
    return [path for path in _named_backups(project_path, folder) if looks_whole(path)]


def is_backup_of(path: str | Path, project_path: str | Path) -> bool:
    """Whether the file's name says it is a backup of this project (at this path)."""
    return Path(path).name.startswith(f"{_prefix(project_path)}.")


def prune(
    project_path: str | Path, *, keep: int = KEEP_PER_PROJECT, folder: Path | None = None
) -> list[Path]:
    """Keep the `keep` newest whole backups (at least one) of a project; return what went.

    Broken copies never count toward `keep`: they go first, and parts left by writers that
    are gone go with them.
    """
    named = _named_backups(project_path, folder)
    broken = [path for path in named if not looks_whole(path)]
    whole = [path for path in named if path not in broken]
    old = whole[: -max(keep, 1)]
    return [path for path in broken + old if _delete(path)] + sweep_orphans(project_path, folder=folder)


def sweep_orphans(project_path: str | Path, *, folder: Path | None = None) -> list[Path]:
    """Delete the temporary files (and their journals) of backups whose writer was killed."""
    folder = folder or backups_dir()
    if not folder.is_dir():
        return []
    parts = folder.glob(f"{_glob_escape(_prefix(project_path))}.*.annotator.*.part*")
    return [path for path in parts if _writer_is_gone(path) and _delete(path)]


def looks_whole(path: Path) -> bool:
    """Whether a file is a SQLite file as long as its own header says (a cheap check, no SQL).

    A copy cut short, empty, or never begun fails it; damage inside the pages does not
    (`Project.backup` ran the full integrity check before the copy got its name).
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        return False
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages, changes, valid_for = struct.unpack(">I", header[28:32])[0], header[24:28], header[92:96]
    if page_size < 512 or size % page_size:
        return False
    return changes != valid_for or pages == 0 or size == pages * page_size


def _named_backups(project_path: str | Path, folder: Path | None) -> list[Path]:
    folder = folder or backups_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{_glob_escape(_prefix(project_path))}.*.annotator"))


def _writer_is_gone(path: Path) -> bool:
    match = _PART.search(path.name)
    return match is not None and writer_is_gone(path, int(match.group(1)))


def _delete(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False  # a backup we cannot delete is kept, never a reason to fail the user's action
    return True


def _prefix(project_path: str | Path) -> str:
    path = Path(project_path).expanduser().absolute()
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{path.stem}-{digest}"


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
