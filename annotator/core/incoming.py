"""What an import reads from a file before it is stored (`core.model` hands these out when
first asked for: opening the window reads no file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.model import Figure

if TYPE_CHECKING:
    from annotator.core.model import ChangeLogEntry
    from annotator.core.review_records import Comment, Review


@dataclass(frozen=True, slots=True)
class IncomingClaim:
    """A claim read from a file, offsets already on the canonical text, not yet resolved
    against the project's speakers and confidence scale."""

    start: int
    end: int
    quote: str
    speaker: str | None = None
    figure: Figure = field(default_factory=Figure)
    confidence: str = ""
    note: str = ""
    annotator: str = ""
    status: str = "draft"
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    kind: str = ""
    outlet: str = ""
    fragments: tuple[tuple[int, int], ...] = ()
    supersedes: str | None = None
    speaker_type: str = ""
    reviews: tuple[Review, ...] = ()
    comments: tuple[Comment, ...] = ()
    history: tuple[ChangeLogEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class IncomingArticle:
    """An article read from a file: canonical text, metadata and any claims it carries."""

    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""  # as the file wrote it; read into ISO 8601 when stored
    source_name: str = ""
    encoding: str = "utf-8"
    claims: tuple[IncomingClaim, ...] = ()
    events: tuple[str, ...] = ()
    id: str = ""
    line: int | None = None
    status: str = ""
    published_raw: str = ""  # the source's own text when `published` is already ISO (our JSONL)
    # What the file carried that no claim field holds, one line each, reported in the summary.
    skipped: tuple[str, ...] = ()
    # What the user should check about how the file was read (an implausibly short body...).
    warnings: tuple[str, ...] = ()
