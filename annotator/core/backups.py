"""Rotating backups of project files in the user's data folder: names, listing and pruning.

A backup is named `<project stem>-<8 hex of its full path>.<UTC stamp>.<reason>.annotator`,
so the backups of two projects that share a name never prune each other, and names sort
by time. The copy itself is made by the store (`Project.backup`, SQLite's VACUUM INTO).
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from annotator.core.userdata import backups_dir

KEEP_PER_PROJECT = 10
_REASON = re.compile(r"[^A-Za-z0-9_-]+")


def backup_target(project_path: str | Path, *, reason: str, folder: Path | None = None) -> Path:
    """A fresh file name for a backup of `project_path` taken now, for `reason`."""
    folder = folder or backups_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    reason = _REASON.sub("-", reason).strip("-") or "backup"
    return folder / f"{_prefix(project_path)}.{stamp}.{reason}.annotator"


def backups_of(project_path: str | Path, *, folder: Path | None = None) -> list[Path]:
    """The backups of one project, oldest first."""
    folder = folder or backups_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{_glob_escape(_prefix(project_path))}.*.annotator"))


def prune(
    project_path: str | Path, *, keep: int = KEEP_PER_PROJECT, folder: Path | None = None
) -> list[Path]:
    """Delete all but the `keep` newest backups (at least one) of a project; return what went."""
    old = backups_of(project_path, folder=folder)[: -max(keep, 1)]
    removed = []
    for path in old:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass  # a backup we cannot delete is kept, never a reason to fail the user's action
    return removed


def _prefix(project_path: str | Path) -> str:
    path = Path(project_path).expanduser().absolute()
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{path.stem}-{digest}"


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
