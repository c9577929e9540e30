"""Plain text and Markdown articles, with an optional front-matter block of metadata."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.importers.front_matter import split_front_matter
from annotator.core.importers.titles import infer_title
from annotator.core.model import IncomingArticle
from annotator.core.text import MAX_ARTICLE_BYTES, MAX_COLLECTION_BYTES, decode_bytes


def parse_plain(path: Path) -> Iterator[IncomingArticle]:
    """One article per file; metadata from front matter, else the title is the first line."""
    text, encoding = decode_bytes(_read(path, limit=MAX_ARTICLE_BYTES), source=path.name)
    front = split_front_matter(text, source=path.name)
    if not front.body.strip():
        raise RejectedInput("the article has no text after its front matter", source=path.name)
    fields = dict(front.fields)
    title = fields.pop("title", "") or first_line(front.body)
    yield IncomingArticle(
        text=front.body,
        title=title,
        source_name=path.name,
        encoding=encoding,
        events=front.events,
        skipped=front.not_kept,
        **fields,
    )


def first_line(text: str) -> str:
    """A title for a text that names none (see importers/titles.py)."""
    return infer_title(text)


def _read(path: Path, *, limit: int = MAX_COLLECTION_BYTES) -> bytes:
    """A regular file's bytes, its size checked before a byte is read (a pipe or a device
    is refused, never waited on); decode_bytes applies the format's own limit."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise RejectedInput("not a regular file (a pipe, device or socket?)", source=path.name)
        if info.st_size > limit:
            megabytes = limit // (1024 * 1024)
            raise RejectedInput(f"file is larger than the {megabytes} MB limit", source=path.name)
        with path.open("rb") as stream:
            return stream.read(limit + 1)  # a file growing while read still meets the limit
    except OSError as error:
        raise RejectedInput(f"cannot read the file: {error.strerror}", source=path.name) from None


register(parse_plain, suffixes=(".txt", ".md", ".markdown"), name="text")
