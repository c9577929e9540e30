"""Plain text and Markdown articles, with an optional front-matter block of metadata."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.model import IncomingArticle
from annotator.core.text import decode_bytes

FRONT_MATTER_KEYS = ("title", "outlet", "author", "url", "published", "events")


def parse_plain(path: Path) -> Iterator[IncomingArticle]:
    """One article per file; metadata from front matter, else the title is the first line."""
    text, encoding = decode_bytes(_read(path), source=path.name)
    meta, body = split_front_matter(text, source=path.name)
    if not body.strip():
        raise RejectedInput("the article has no text after its front matter", source=path.name)
    title = meta.pop("title", "") or first_line(body)
    events = tuple(e.strip() for e in meta.pop("events", "").split(",") if e.strip())
    yield IncomingArticle(
        text=body, title=title, source_name=path.name, encoding=encoding, events=events, **meta
    )


def split_front_matter(text: str, *, source: str = "") -> tuple[dict[str, str], str]:
    """Split a leading `---` block of `key: value` lines from the body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        raise RejectedInput("front matter starts with '---' but never ends", source=source)
    meta: dict[str, str] = {}
    for number, line in enumerate(text[4:end].split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon:
            raise RejectedInput(
                f"front matter line is not 'key: value': {line!r}", source=source, line=number
            )
        if key in FRONT_MATTER_KEYS:
            meta[key] = value.strip().strip('"').strip("'")
    after = text.find("\n", end + 4)
    body = "" if after == -1 else text[after + 1 :]
    return meta, body.lstrip("\n")


def first_line(text: str) -> str:
    """The first non-empty line, trimmed of Markdown heading marks, as a title."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip().lstrip("#").strip()[:300]
    return ""


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise RejectedInput(f"cannot read the file: {error.strerror}", source=path.name) from None


register(parse_plain, suffixes=(".txt", ".md", ".markdown"), name="text")
