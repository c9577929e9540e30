"""The claim record and its neighbours: frozen dataclasses that cross the core boundary."""

from __future__ import annotations

import importlib
import json
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
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

    def as_row(self) -> list:
        """The stored row's values in CLAIM_COLUMNS order (fast path for bulk inserts)."""
        row = list(_STORED_VALUES(self))
        row[_FRAGMENTS] = json.dumps([list(pair) for pair in self.fragments]) if self.fragments else ""
        return row

    @classmethod
    def from_row(cls, row: Sequence) -> Claim:
        """Rebuild a claim from a row in CLAIM_COLUMNS order (fast path: opening an article).

        The columns follow the dataclass's own order with the figure spelled out in place.
        """
        fragments = row[_FRAGMENTS]
        return cls(
            *row[:_FIGURE_START],
            Figure(*row[_FIGURE_START:_FIGURE_END]),
            *row[_FIGURE_END:_FRAGMENTS],
            tuple(tuple(f) for f in json.loads(fragments)) if fragments else (),
            *row[_FRAGMENTS + 1 :],
        )

    def as_log_entry(self) -> dict:
        """What the change log keeps of this claim (asdict's shape, built without its deep copies)."""
        entry = dict(zip(_CLAIM_NAMES, _CLAIM_VALUES(self), strict=True))
        entry["figure"] = dict(zip(_FIGURE_NAMES, _FIGURE_VALUES(self.figure), strict=True))
        entry["fragments"] = [list(f) for f in self.fragments]
        return entry


# Claim's and Figure's fields, read in one C call each (as_log_entry runs once per imported claim).
_CLAIM_NAMES = tuple(f.name for f in fields(Claim))
_CLAIM_VALUES = attrgetter(*_CLAIM_NAMES)
_FIGURE_NAMES = tuple(f.name for f in fields(Figure))
_FIGURE_VALUES = attrgetter(*_FIGURE_NAMES)


class ClaimField(NamedTuple):
    """One stored field of a claim: the single definition the store, merges and exports derive from."""

    column: str  # the claims table's column
    kind: str  # "text", "number", "confidence" (a code of the project's scale) or "fragments" (JSON)
    attribute: str  # where a Claim holds it: "note", or "figure.value" for the figure's fields
    header: str | None = ""  # its CSV column: "" for the column's name, None for none


# In the order of Claim's own fields, the figure's fields in its place: from_row relies on it.
CLAIM_FIELDS = (
    ClaimField("id", "text", "id", header="claim_id"),
    ClaimField("article_id", "text", "article_id"),
    ClaimField("start", "number", "start"),
    ClaimField("end", "number", "end"),
    ClaimField("quote", "text", "quote"),
    ClaimField("speaker", "text", "speaker"),
    ClaimField("figure_text", "text", "figure.text"),
    ClaimField("value", "number", "figure.value"),
    ClaimField("low", "number", "figure.low"),
    ClaimField("high", "number", "figure.high"),
    ClaimField("qualifier", "text", "figure.qualifier"),
    ClaimField("unit", "text", "figure.unit"),
    ClaimField("measure", "text", "figure.measure"),
    ClaimField("period", "text", "figure.period"),
    ClaimField("confidence", "confidence", "confidence"),
    ClaimField("confidence_scale", "text", "confidence_scale"),
    ClaimField("note", "text", "note"),
    ClaimField("annotator", "text", "annotator"),
    ClaimField("status", "text", "status"),
    ClaimField("kind", "text", "kind"),
    ClaimField("outlet", "text", "outlet", header="claim_outlet"),  # "outlet" is the article's
    ClaimField("fragments", "fragments", "fragments", header=None),
    ClaimField("supersedes", "text", "supersedes"),
    ClaimField("created_at", "text", "created_at"),
    ClaimField("updated_at", "text", "updated_at"),
)
CLAIM_COLUMNS = tuple(f.column for f in CLAIM_FIELDS)
FIGURE_FIELDS = tuple(f.attribute.split(".")[1] for f in CLAIM_FIELDS if f.attribute.startswith("figure."))
# The claim's own values apart from its figure and fragments (merges compare them).
CLAIM_SCALAR_FIELDS = tuple(
    f.attribute for f in CLAIM_FIELDS if "." not in f.attribute and f.kind != "fragments"
)
_STORED_VALUES = attrgetter(*(f.attribute for f in CLAIM_FIELDS))
_FRAGMENTS = CLAIM_COLUMNS.index("fragments")
_FIGURE_START = CLAIM_COLUMNS.index("figure_text")
_FIGURE_END = _FIGURE_START + len(FIGURE_FIELDS)


class ExportColumn(NamedTuple):
    """One column of the one-row-per-claim table (CSV, xlsx): a claim field or its article's or review's."""

    header: str
    kind: str  # as ClaimField.kind
    source: str  # "claim" (header names a ClaimField), "article" or "review"
    attribute: str  # the ClaimField's column, the Article's or the latest Review's attribute


def _claim_column(header: str) -> ExportColumn:
    [field] = [f for f in CLAIM_FIELDS if (f.header or f.column) == header and f.header is not None]
    return ExportColumn(header, field.kind, "claim", field.column)


# The documented column order (README, docs/formats.md): who and where first, then the span,
# the figure and the rest of the claim, then its latest review.
EXPORT_COLUMNS = (
    _claim_column("claim_id"),
    _claim_column("article_id"),
    ExportColumn("article_title", "text", "article", "title"),
    ExportColumn("outlet", "text", "article", "outlet"),
    ExportColumn("published", "text", "article", "published"),
    ExportColumn("url", "text", "article", "url"),
    *map(_claim_column, ("annotator", "status", "start", "end", "quote", "speaker", "figure_text")),
    *map(_claim_column, ("value", "low", "high", "qualifier", "unit", "measure", "period", "confidence")),
    *map(_claim_column, ("note", "created_at", "updated_at", "kind", "claim_outlet", "confidence_scale")),
    _claim_column("supersedes"),
    ExportColumn("reviewer", "text", "review", "reviewer"),
    ExportColumn("review_decision", "text", "review", "decision"),
    ExportColumn("review_comment", "text", "review", "comment"),
    ExportColumn("reviewed_at", "text", "review", "created_at"),
)
# One exported claim, fields named by the CSV headers, as the store returns it.
ExportRow = namedtuple("ExportRow", [column.header for column in EXPORT_COLUMNS])  # noqa: PYI024


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

    def metadata(self) -> dict:
        """The fields a user edits, as they were written: the date as the source gave it (ISO
        when it gave none), the events as a list."""
        fields = {name: getattr(self, name) for name in ("title", "outlet", "author", "url")}
        return {**fields, "published": self.published_raw or self.published, "events": list(self.events)}


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


# Made when first asked for (`from annotator.core.model import Review` works as before): the
# window's first frame uses none of them, and making a frozen dataclass compiles its methods.
_LATER = {
    "Speaker": "annotator.core.speaker_record",
    "ChangeLogEntry": "annotator.core.review_records",
    "Review": "annotator.core.review_records",
    "Comment": "annotator.core.review_records",
    "IncomingClaim": "annotator.core.incoming",
    "IncomingArticle": "annotator.core.incoming",
}


def __getattr__(name: str):
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LATER[name]), name)
    globals()[name] = value  # asked once
    return value
