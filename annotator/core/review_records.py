"""What happened to claims: review decisions, discussion and history lines (`core.model` hands
them out when first asked for)."""

from __future__ import annotations

from dataclasses import dataclass


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
    imported_from: str | None = None  # the file an import or merge carried it in from; None: ours
