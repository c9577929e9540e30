"""Temporary names of exports being written, and cleaning up after exports that were killed.

A file export is written to `.<name>.<pid>.<random>.part` beside its target and renamed
into place; a folder export (brat) is written into a `.part` folder and renamed into place,
the folder it replaces set aside as `.<name>.<pid>.previous.part` until the new one is in
its place. A killed export leaves such names behind: the next export to the same place
removes those whose process is gone, and puts back a previous folder whose replacement
never arrived.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.part_files import fsync_folder, writer_is_gone

PREVIOUS = "previous"


def temporary_file(out: Path) -> tuple[int, str]:
    """A new, open temporary file beside `out` (mkstemp: descriptor and path)."""
    return tempfile.mkstemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".part", dir=out.parent or ".")


def sweep(out: Path) -> list[Path]:
    """Remove what killed exports to `out` left beside it; put back a folder set aside by an
    export killed between its two renames. Returns what was removed or put back."""
    out = Path(out)
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(\d+)\.([^.]*)\.part$")
    cleared = []
    try:
        entries = list(Path(out.parent or ".").iterdir())
    except OSError:
        return []
    for entry in sorted(entries, key=lambda path: PREVIOUS not in path.name):  # put back first
        match = pattern.match(entry.name)
        if match is None or not writer_is_gone(entry, int(match.group(1))):
            continue
        if match.group(2) == PREVIOUS and not out.exists():
            os.replace(entry, out)
        else:
            _remove(entry)
            cleared += sweep(entry)  # the window writes an export to a part, which has parts of its own
        cleared.append(entry)
    return cleared


@contextmanager
def atomic_folder(out: Path, *, mode: int) -> Iterator[Path]:
    """A temporary folder beside `out` that replaces it only once the block finished.

    :param mode: the permissions the folder gets (as a folder made under the umask would)
    """
    temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=".part", dir=out.parent))
    try:
        os.chmod(temporary, mode)
        yield temporary
        fsync_folder(temporary)
        _replace_folder(temporary, out)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _replace_folder(new: Path, out: Path) -> None:
    if not out.exists():
        os.rename(new, out)
        fsync_folder(out.parent)
        return
    previous = out.with_name(f".{out.name}.{os.getpid()}.{PREVIOUS}.part")
    os.rename(out, previous)
    try:
        os.rename(new, out)
    except BaseException:
        os.rename(previous, out)
        raise
    fsync_folder(out.parent)
    shutil.rmtree(previous, ignore_errors=True)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        pass  # what cannot be removed is left; never a reason to fail the export
