"""Exporters: each writes claims (filtered like `select`) to a file, atomically.

An exporter is `write(project, out, *, filters) -> int` (rows or records written),
registered by format name. `out` is a Path, or None for standard output.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from annotator.core.errors import AnnotatorError
from annotator.core.exporters import parts

Exporter = Callable[..., int]
EXPORTERS: dict[str, Exporter] = {}


@dataclass(frozen=True, slots=True)
class ExportTarget:
    """What an exporter writes (a file with this suffix, or a folder) and its name in menus."""

    suffix: str
    folder: bool = False
    label: str = ""


TARGETS: dict[str, ExportTarget] = {}


def register(
    name: str, exporter: Exporter, *, suffix: str = "", folder: bool = False, label: str = ""
) -> Exporter:
    """Make an exporter available to `annotator export --format NAME` and the File menu;
    it writes a file ending in `suffix` (default: .NAME), or a folder. It reads the project
    as of one commit (`from_one_snapshot`)."""
    EXPORTERS[name] = from_one_snapshot(exporter)
    TARGETS[name] = ExportTarget(suffix or f".{name}", folder, label or name)
    return exporter


def from_one_snapshot(exporter: Exporter) -> Exporter:
    """The exporter reading the whole project in one read transaction of its own, so that
    a change committed during the export (a claim added with its article, a review set) is
    in the file whole or not at all."""

    @functools.wraps(exporter)
    def export(project, out, **options) -> int:
        with project.reading_snapshot() as snapshot:
            return exporter(snapshot, out, **options)

    return export


def export_target(name: str) -> ExportTarget:
    """The kind of path the exporter `name` writes to and its label (for the export dialog)."""
    _load_builtin_formats()
    return TARGETS.get(name, ExportTarget(f".{name}", label=name))


def exporter_for(name: str) -> Exporter | None:
    """The exporter registered under `name`."""
    _load_builtin_formats()
    return EXPORTERS.get(name)


def known_formats() -> list[str]:
    """Names accepted by `--format`."""
    _load_builtin_formats()
    return sorted(EXPORTERS)


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once at import, before any export thread runs: setting the umask to read it is process-wide.
_UMASK = _read_umask()


FOLDER_MODE = 0o777 & ~_UMASK  # what a folder made under the umask would get


def _readable_as_umask_allows(path: str) -> None:
    """mkstemp makes a 0600 file; an export is an ordinary file, created as the umask says."""
    os.chmod(path, 0o666 & ~_UMASK)


@contextmanager
def atomic_output(
    out: Path | None, *, newline: str | None = "", encoding: str = "utf-8"
) -> Iterator[IO[str]]:
    """A text stream that becomes `out` only when the block finishes; stdout when out is None."""
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    out = Path(out)
    parts.sweep(out)
    handle, temporary = parts.temporary_file(out)
    try:
        _readable_as_umask_allows(temporary)
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_path(out: Path) -> Iterator[Path]:
    """A temporary path beside `out` for a writer that needs a file name (a zip, a workbook);
    it becomes `out` only when the block finishes."""
    out = Path(out)
    parts.sweep(out)
    handle, temporary = parts.temporary_file(out)
    os.close(handle)
    try:
        _readable_as_umask_allows(temporary)
        yield Path(temporary)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class ExportNeedsPath(AnnotatorError):
    """A format that cannot go to standard output (a workbook, a folder) was asked to."""


_loaded = False


def _load_builtin_formats() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from annotator.core.exporters import formats  # noqa: F401  (registers on import)
