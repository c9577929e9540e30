"""Files written under a temporary `.part` name beside their target and renamed into place.

Exports and backups both write this way; a writer killed half way leaves its part behind,
named with its process id, for the next writer to the same place to clear.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from annotator.core.project_lock_file import process_alive

ORPHAN_AGE_SECONDS = 24 * 3600  # where a writer's liveness cannot be checked, a day-old part is dead


def writer_is_gone(path: Path, pid: int) -> bool:
    """Whether the part at `path`, written by process `pid`, was left by a writer that is gone."""
    if pid == os.getpid():
        return False
    try:
        age = time.time() - path.lstat().st_mtime
    except OSError:
        return False
    return age > ORPHAN_AGE_SECONDS or not process_alive(pid)  # alive is assumed on Windows


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
