"""The claim record and its neighbours: frozen dataclasses that cross the core boundary."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import NamedTuple

CLAIM_STATUSES = ("draft", "submitted", "accepted", "rejected", "disputed", "suggested")
ARTICLE_STATUSES = ("not started", "in progress", "done", "reviewed")
QUALIFIERS = ("exact", "approximately", "at least", "more than", "at most", "less than", "range")
SPEAKER_TYPES = (
    "government",
    "military",
    "official body",
    "international organisation",
    "NGO",
    "media",
    "expert",
    "witness",
    "anonymous",
    "other",
    "unknown",
)
REVIEW_DECISIONS = ("accepted", "rejected", "disputed", "corrected")
# Claim statuses a reviewer may act on; drafts are still their annotator's.
REVIEWABLE_STATUSES = ("submitted", "disputed", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class Figure:
    """The quantity a claim states: its own words, its number or range, and what it counts."""

    text: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = ""
    unit: str = ""
    measure: str = ""
    period: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """One highlighted span tagged with speaker, figure and confidence."""

    id: str
    article_id: str
    start: int
    end: int
    quote: str
    speaker: str | None = None
    figure: Figure = field(default_factory=Figure)
    confidence: str = ""
    confidence_scale: str = "icd203"
    note: str = ""
    annotator: str = ""
    status: str = "draft"
    kind: str = ""
    outlet: str = ""
    fragments: tuple[tuple[int, int], ...] = ()
    supersedes: str | None = None
    created_at: str = ""
    updated_at: str = ""

    def with_changes(self, **changes) -> Claim:
        """A copy with some fields changed; figure fields may be given flat (value=...)."""
        figure_changes = {k: changes.pop(k) for k in list(changes) if k in FIGURE_FIELDS}
        if figure_changes:
            changes["figure"] = replace(changes.get("figure", self.figure), **figure_changes)
        return replace(self, **changes)

    def as_row(self) -> tuple:
        """The stored row's values in CLAIM_COLUMNS order (fast path for bulk inserts)."""
        f = self.figure
        fragments = json.dumps([list(pair) for pair in self.fragments]) if self.fragments else ""
        return (
            self.id, self.article_id, self.start, self.end, self.quote, self.speaker,
            f.text, f.value, f.low, f.high, f.qualifier, f.unit, f.measure, f.period,
            self.confidence_scale, self.confidence, self.note, self.annotator, self.status,
            self.kind, self.outlet, fragments, self.supersedes, self.created_at, self.updated_at,
        )  # fmt: skip

    @classmethod
    def from_row(cls, row: tuple) -> Claim:
        """Rebuild a claim from a row in CLAIM_COLUMNS order (fast path: opening an article)."""
        (id_, article_id, start, end, quote, speaker, text, value, low, high, qualifier, unit,
         measure, period, scale, confidence, note, annotator, status, kind, outlet, fragments,
         supersedes, created_at, updated_at) = row  # fmt: skip
        return cls(
            id_, article_id, start, end, quote, speaker,
            Figure(text, value, low, high, qualifier, unit, measure, period),
            confidence, scale, note, annotator, status, kind, outlet,
            tuple(tuple(f) for f in json.loads(fragments)) if fragments else (),
            supersedes, created_at, updated_at,
        )  # fmt: skip

    def as_record(self) -> dict:
        """The flat row stored in the project file."""
        record = {name: getattr(self, name) for name in CLAIM_SCALAR_FIELDS}
        figure = self.figure
        record.update(
            figure_text=figure.text,
            value=figure.value,
            low=figure.low,
            high=figure.high,
            qualifier=figure.qualifier,
            unit=figure.unit,
            measure=figure.measure,
            period=figure.period,
            fragments=json.dumps([list(f) for f in self.fragments]) if self.fragments else "",
        )
        return record

    @classmethod
    def from_record(cls, row: dict) -> Claim:
        """Rebuild a claim from a stored row."""
        figure = Figure(
            text=row["figure_text"],
            value=row["value"],
            low=row["low"],
            high=row["high"],
            qualifier=row["qualifier"],
            unit=row["unit"],
            measure=row["measure"],
            period=row["period"],
        )
        fragments = tuple(tuple(f) for f in json.loads(row["fragments"])) if row["fragments"] else ()
        scalars = {name: row[name] for name in CLAIM_SCALAR_FIELDS}
        return cls(figure=figure, fragments=fragments, **scalars)

    def as_log_entry(self) -> dict:
        """What the change log keeps of this claim (asdict's shape, built without its deep copies)."""
        entry = {f.name: getattr(self, f.name) for f in fields(self)}
        entry["figure"] = {f.name: getattr(self.figure, f.name) for f in fields(self.figure)}
        entry["fragments"] = [list(f) for f in self.fragments]
        return entry


CLAIM_COLUMNS = (
    "id", "article_id", "start", "end", "quote", "speaker", "figure_text", "value", "low", "high",
    "qualifier", "unit", "measure", "period", "confidence_scale", "confidence", "note", "annotator",
    "status", "kind", "outlet", "fragments", "supersedes", "created_at", "updated_at",
)  # fmt: skip
FIGURE_FIELDS = ("text", "value", "low", "high", "qualifier", "unit", "measure", "period")
CLAIM_SCALAR_FIELDS = (
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "speaker",
    "confidence",
    "confidence_scale",
    "note",
    "annotator",
    "status",
    "kind",
    "outlet",
    "supersedes",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True, slots=True)
class Article:
    """An imported article with its immutable canonical text."""

    id: str
    sha256: str
    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""  # ISO 8601: "2026-05-09", "2026-05", or a date-time with its offset
    published_raw: str = ""  # the date as the source wrote it
    source_name: str = ""
    encoding: str = "utf-8"
    imported_at: str = ""
    status: str = "not started"
    events: tuple[str, ...] = ()


class ArticleSummary(NamedTuple):
    """One line of the article list; no text, so listing 10,000 articles stays cheap.

    A named tuple rather than a dataclass: the list builds one per article on every search
    keystroke, straight from the database rows (10,000 in a few milliseconds).
    """

    id: str
    title: str
    outlet: str
    published: str
    status: str
    claim_count: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """A registry entry: who a claim is attributed to."""

    name: str
    type: str = "unknown"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeLogEntry:
    """One append-only history line: who changed what, when, from what to what."""

    seq: int
    at: str
    who: str
    action: str
    entity: str
    entity_id: str
    before: dict | None
    after: dict | None


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewer's decision on someone else's claim; corrections point at the new version."""

    id: str
    claim_id: str
    reviewer: str
    decision: str
    comment: str = ""
    corrected_claim_id: str | None = None
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class Comment:
    """One message in a claim's discussion thread."""

    id: str
    claim_id: str
    author: str
    body: str
    created_at: str = ""


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
