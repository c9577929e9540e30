"""Importers: each format parses a file into IncomingArticles; `import_paths` stores them.

A parser is a function `parse(path) -> Iterable[IncomingArticle]` registered for file name
suffixes. It raises RejectedInput for anything wrong; the file then leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from annotator.core.model import IncomingArticle

Parser = Callable[[Path], Iterable[IncomingArticle]]

# suffix -> parser, filled by the format modules below (and by later formats).
PARSERS: dict[str, Parser] = {}
# format name -> parser, for `annotator import --format NAME` on ambiguous suffixes (.json).
FORMATS: dict[str, Parser] = {}
# format name -> the suffixes it reads, by default or only when named (doccano's .jsonl).
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {}
# Callables that say a file is part of another file's import (brat's NAME.txt beside NAME.ann).
_COMPANIONS: list[Callable[[Path], bool]] = []


def register(
    parser: Parser, *, suffixes: Iterable[str] = (), name: str = "", reads: Iterable[str] = ()
) -> Parser:
    """Make a parser available by suffix and/or by format name; `reads` are suffixes it
    reads only when asked for by name (another format is the default for them)."""
    suffixes = tuple(suffix.lower() for suffix in suffixes)
    for suffix in suffixes:
        PARSERS[suffix] = parser
    if name:
        FORMATS[name] = parser
        FORMAT_SUFFIXES[name] = suffixes + tuple(suffix.lower() for suffix in reads)
    return parser


def register_companion_rule(rule: Callable[[Path], bool]) -> None:
    """Declare files that another parser reads together with its own (skipped when walking)."""
    _COMPANIONS.append(rule)


def is_companion(path: Path) -> bool:
    """Whether `path` is read by another file's parser and must not be imported alone."""
    return any(rule(path) for rule in _COMPANIONS)


def parser_for(path: Path, format_name: str | None = None) -> Parser | None:
    """The parser for a file: the named format, else by suffix."""
    _load_builtin_formats()
    if format_name:
        return FORMATS.get(format_name)
    return PARSERS.get(path.suffix.lower())


def format_suffixes() -> dict[str, tuple[str, ...]]:
    """Each format name with the file suffixes it reads (for an open-file dialog's filters)."""
    _load_builtin_formats()
    return dict(FORMAT_SUFFIXES)


def known_formats() -> list[str]:
    """Names accepted by `--format`."""
    _load_builtin_formats()
    return sorted(FORMATS)


_loaded = False


def _load_builtin_formats() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    from annotator.core.importers import formats  # noqa: F401  (registers on import)
