"""Notice when another program replaced or rewrote an open project file behind SQLite's back.

SQLite changes the main file of a WAL project only while checkpointing, and every checkpoint
(by this program or any other) also changes the wal-index header in `-shm`: its frame
count, salts or backfill count. So when the file's size or modification time changed and
the wal-index did not, the file was written by something that is not SQLite: a backup
copied over it (`cp` keeps the inode), a sync client. Writing on, or checkpointing the
stale `-wal` into it when the window closes, would undo that copy or damage the file.

The wal-index layout is SQLite's documented file format (sqlite.org/walformat.html):
two copies of a 48-byte header, then `nBackfill` at byte 96.
"""

from __future__ import annotations

import enum
import os
import threading
from dataclasses import dataclass

_HEADER, _BACKFILL = slice(0, 48), slice(96, 100)
_HEADERS_BYTES = 96
_FIRST_PAGE_BYTES = 4096


class _SharedDescriptors:
    """One read descriptor per file for the whole process, closed when its last user lets go.

    Closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
    own (the shared lock of an open WAL project, the read locks in its `-shm`). Two projects
    open on the same file must not close theirs under each other.
    """

    def __init__(self):
        self._open: dict[tuple[int, int], list[int]] = {}  # (device, inode) -> [descriptor, users]
        self._lock = threading.Lock()

    def take(self, path: str, flags: int) -> int | None:
        with self._lock:
            return self._take(path, flags)

    def _take(self, path: str, flags: int) -> int | None:
        try:
            identity = _identity(os.stat(path))
            if identity in self._open:
                self._open[identity][1] += 1
                return self._open[identity][0]
            descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        identity = _identity(os.fstat(descriptor))  # the file may have been replaced in between
        if identity in self._open:  # keep the extra one open: closing it would drop the locks
            self._open[(-descriptor, -descriptor)] = [descriptor, 1]
            return descriptor
        self._open[identity] = [descriptor, 1]
        return descriptor

    def release(self, descriptor: int) -> None:
        with self._lock:
            self._release(descriptor)

    def _release(self, descriptor: int) -> None:
        for identity, entry in list(self._open.items()):
            if entry[0] == descriptor:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._open[identity]
                    os.close(descriptor)
                return


def _identity(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


_descriptors = _SharedDescriptors()


def read_start(path: str, size: int) -> bytes:
    """The first `size` bytes of a file, read through the process's shared descriptor of it
    (closing it drops no lock that an open project of this process still needs)."""
    descriptor = _descriptors.take(path, os.O_RDONLY)
    if descriptor is None:
        return b""
    try:
        return os.pread(descriptor, size, 0)
    except OSError:
        return b""
    finally:
        _descriptors.release(descriptor)


class Verdict(enum.Enum):
    SAME = "same"  # unchanged, or changed by SQLite itself
    MOVED = "moved"  # deleted, moved away, or another file renamed into its place
    REWRITTEN = "rewritten"  # the same file, its contents written by another program


@dataclass(frozen=True)
class _Look:
    identity: tuple[int, int]
    contents: tuple[int, int]
    wal_index: bytes
    first_page: bytes = b""


class FileGuard:
    """The last state of a project file that this connection knows SQLite produced.

    The file and its `-shm` are read through descriptors kept open until `close()` and shared
    with every other guard of the same file in the process: POSIX drops every lock a process
    holds on a file when any descriptor of it closes, SQLite's too.
    """

    def __init__(self, path: str):
        self.path = path
        self._shm: int | None = None
        self._file: int | None = None
        self._seen = self._look()

    def verdict(self) -> Verdict:
        """Compare the file with what was seen last; remember it when SQLite changed it."""
        now = self._look()
        if now.identity != self._seen.identity:
            return Verdict.MOVED
        if now.contents != self._seen.contents and now.wal_index == self._seen.wal_index:
            if self._written_over(now):
                return Verdict.REWRITTEN
        self._seen = now
        return Verdict.SAME

    def _written_over(self, now: _Look) -> bool:
        """Size or first page changed: not merely touched (a new time alone changes neither)."""
        if now.contents[0] != self._seen.contents[0]:
            return True
        return self._first_page() != self._seen.first_page

    def remember(self) -> None:
        """Take the file as it is now as SQLite's own work (call it right after a commit)."""
        self._seen = self._look()

    def disarm_stale_wal(self) -> None:
        """Empty the `-wal` of the old contents and reset the wal-index, so no connection
        copies the old pages into the new file; SQLite then reads the file as it is now."""
        try:
            with open(f"{self.path}-wal", "r+b") as wal:  # SQLite takes no locks on the -wal itself
                wal.truncate(0)
                os.fsync(wal.fileno())
            if self._descriptor() is not None:
                os.pwrite(self._shm, b"\0" * _HEADERS_BYTES, 0)
        except OSError:
            pass  # no -wal (nothing to replay) or no -shm (nothing cached to reset)

    def close(self) -> None:
        """Let go of the `-shm`; call it after the connection is closed."""
        for descriptor in (self._shm, self._file):
            if descriptor is not None:
                _descriptors.release(descriptor)
        self._shm = self._file = None

    def _look(self) -> _Look:
        wal_index = self._wal_index()  # before the stat: a checkpoint writes the file, then the index
        try:
            info = os.stat(self.path)
        except OSError:
            return _Look((-1, -1), (-1, -1), wal_index)
        return _Look(
            (info.st_dev, info.st_ino), (info.st_size, info.st_mtime_ns), wal_index, self._first_page()
        )

    def _first_page(self) -> bytes:
        """The file's first page (header and schema root), read through a descriptor kept open."""
        if self._file is None:
            self._file = _descriptors.take(self.path, os.O_RDONLY)
            if self._file is None:
                return b""
        try:
            return os.pread(self._file, _FIRST_PAGE_BYTES, 0)
        except OSError:
            return b""

    def _wal_index(self) -> bytes:
        if self._descriptor() is None:
            return b""
        try:
            head = os.pread(self._shm, 100, 0)
        except OSError:
            return b""
        return head[_HEADER] + head[_BACKFILL]

    def _descriptor(self) -> int | None:
        if self._shm is None:
            self._shm = _descriptors.take(f"{self.path}-shm", os.O_RDWR)
        return self._shm
