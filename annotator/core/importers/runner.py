"""Importing files and folders into a project: whole files or nothing, in batched commits.

Each file runs inside its own savepoint, so a bad file leaves nothing behind while the
others go in. Savepoints are committed in batches (every `BATCH_SECONDS`) because one
fsync per file would cap imports at a few hundred files a second; a crash loses at most
the unacknowledged batch, never part of a file. The articles are left pending for the search
indexes, which are completed later and before any search reads (core/store/search_index.py).
"""

from __future__ import annotations

import gc
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError, ProjectFileError, RejectedInput
from annotator.core.importers import format_suffixes, is_companion, parser_for
from annotator.core.importers.titles import infer_title

BATCH_SECONDS = 0.5


@dataclass
class ImportSummary:
    """What an import did, file by file."""

    imported: int = 0
    duplicates: int = 0
    claims: int = 0
    files: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    # (file, what) for things a format carries that have no place in a claim (brat events...)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    # (file, what to check) for files that went in but may have been read wrongly
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # articles already in the project whose file now says other metadata (see update_metadata)
    metadata_changes: list[MetadataChange] = field(default_factory=list)

    def describe(self) -> str:
        """One line for the status bar or the terminal."""
        text = (
            f"{self.imported} article(s) imported, {self.duplicates} skipped as duplicates, "
            f"{len(self.failures)} file(s) failed; {self.claims} claim(s) added"
        )
        if self.skipped:
            text += f"; {len(self.skipped)} annotation(s) not kept (see details)"
        if self.warnings:
            text += f"; {len(self.warnings)} warning(s) (see details)"
        if self.metadata_changes:
            text += f"; {len(self.metadata_changes)} already imported with other metadata"
        return text + (" (cancelled: whole files only)" if self.cancelled else "")


def import_paths(
    project,
    paths: Iterable[str | Path],
    *,
    by: str,
    format_name: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Import files and folders (recursively); see the module docstring for the guarantees."""
    summary = ImportSummary()
    files = list(expand_paths(paths, summary, format_name))
    done = 0
    with _cycle_collector_paused(), project.articles.search_index_later():
        while done < len(files) and not summary.cancelled:
            done = _import_batch(project, files, done, summary, by, format_name, should_cancel)
            if progress:
                progress(done, len(files))
    return summary


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """An import makes millions of objects that live until its file is stored and makes no
    cycles to collect: Python's collector would walk them over and over (a tenth of a
    100,000-claim import's time). It runs again, as before, when the import ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import_batch(project, files, done, summary, by, format_name, should_cancel) -> int:
    deadline = time.monotonic() + BATCH_SECONDS
    with project.transaction():
        while done < len(files) and time.monotonic() < deadline:
            if should_cancel and should_cancel():
                summary.cancelled = True
                break
            import_file(project, files[done], summary, by=by, format_name=format_name)
            done += 1
    return done


def import_file(project, path: Path, summary: ImportSummary, *, by: str, format_name=None) -> None:
    """Import one file inside a savepoint; record its failure instead of raising."""
    summary.files += 1
    parser = parser_for(path, format_name)
    if parser is None:
        summary.failures.append((str(path), f"unsupported file type {path.suffix or '(none)'!r}"))
        return
    try:
        with project.transaction():
            articles = list(parser(path))
            skipped = [what for article in articles for what in article.skipped]
            warnings = [what for article in articles for what in article.warnings]
            results = project.articles.add_many(articles, by=by, source=path.name)
    except RejectedInput as error:
        summary.failures.append((str(path), _located(error)))
        return
    except ProjectFileError:  # not this file's fault: the whole import stops
        raise
    except AnnotatorError as error:
        summary.failures.append((str(path), str(error)))
        return
    except sqlite3.DatabaseError:  # the project's file, not this file: the whole import stops
        raise
    except Exception as error:  # noqa: BLE001 (whatever a file does wrong stays inside that file)
        summary.failures.append((str(path), f"cannot import: {error or type(error).__name__}"))
        return
    if not results:
        summary.failures.append((str(path), "no articles in this file"))
    summary.skipped += [(str(path), what) for what in skipped]
    summary.warnings += [(str(path), what) for what in warnings]
    summary.warnings += [(str(path), what) for result in results for what in result.not_attached]
    summary.metadata_changes += _metadata_changes(project, path, articles, results)
    for result in results:
        summary.claims += result.new_claims
        if result.new_article:
            summary.imported += 1
        elif not result.new_claims:
            summary.duplicates += 1


def _located(error: RejectedInput) -> str:
    return f"line {error.line}: {error.reason}" if error.line is not None else error.reason


def expand_paths(paths, summary: ImportSummary, format_name) -> Iterator[Path]:
    """Files named directly, and importable files found recursively in folders."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _importable_in_folder(child, format_name):
                    yield child
        elif path.exists():
            yield path
        else:
            summary.failures.append((str(path), "no such file or folder"))


def _importable_in_folder(path: Path, format_name) -> bool:
    """Whether a file found in a folder is imported: by suffix, also under a named format
    (`--format brat` reads a collection's NAME.ann files, not its README or LICENSE)."""
    if path.name.startswith(".") or is_companion(path):
        return False
    named = format_suffixes().get(format_name, ()) if format_name else ()
    if named and path.suffix.lower() not in named:
        return False
    return parser_for(path, format_name) is not None


@dataclass(frozen=True, slots=True)
class MetadataChange:
    """A file re-imported with other metadata than its article has: what it would change."""

    source: str
    article_id: str
    changes: dict  # field -> (in the project, in the file)

    def describe(self) -> str:
        return ", ".join(f"{name} {old!r} -> {new!r}" for name, (old, new) in self.changes.items())


def _metadata_changes(project, path: Path, articles, results) -> list[MetadataChange]:
    found = []
    for incoming, result in zip(articles, results, strict=True):
        if not result.new_article:
            changes = _differences(project.articles.get(result.article_id), incoming)
            if changes:
                found.append(MetadataChange(str(path), result.article_id, changes))
    return found


def _differences(article, incoming) -> dict:
    """Fields the file gives (not an inferred title, not empty ones) that differ from the article's."""
    given = {name: getattr(incoming, name) for name in ("outlet", "author", "url")}
    if incoming.title != infer_title(incoming.text):
        given["title"] = incoming.title
    given["published"] = incoming.published_raw or incoming.published
    given["events"] = tuple(sorted(incoming.events))
    held = article.metadata()
    held["events"] = tuple(sorted(held["events"]))
    return {name: (held[name], value) for name, value in given.items() if value and value != held[name]}


def update_metadata(project, changes: Iterable[MetadataChange], *, by: str) -> int:
    """Apply what re-imported files said of their articles' metadata, in one transaction."""
    changes = list(changes)
    with project.transaction():
        for change in changes:
            values = {name: new for name, (_, new) in change.changes.items()}
            project.articles.edit(change.article_id, by=by, **values)
    return len(changes)
