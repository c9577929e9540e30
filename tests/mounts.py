"""Small tmpfs mounts for tests of full and read-only storage (root only; skipped otherwise).

A skip says why: mounting needs root (or CAP_SYS_ADMIN) and a kernel that allows it here.
Every mount is unmounted when its block ends, whatever happened inside.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), capture_output=True, text=True)


@contextmanager
def small_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` ("2m", "600k") mounted on `folder` for the block, or the test skipped."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; not running as root here")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs", str(folder))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def remount(folder: Path, *, read_only: bool) -> None:
    """Make a mounted tmpfs read-only (or writable again)."""
    _run("sync")
    done = _run("mount", "-o", f"remount,{'ro' if read_only else 'rw'}", str(folder))
    assert done.returncode == 0, done.stderr


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` to its last byte; the filler file is returned."""
    filler = folder / "filler.bin"
    with open(filler, "ab", buffering=0) as stream:
        for block in (65536, 4096, 1):
            try:
                while True:
                    stream.write(b"\0" * block)
            except OSError:
                pass
    return filler
