"""Merge conflicts: both versions of a claim edited in two projects, kept and linked for review."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.store.connection import Repository

_COLUMNS = "id, claim_id, other_claim_id, kind, source, detected_at, resolved_at, resolved_by, reason, theirs"


@dataclass(frozen=True, slots=True)
class Conflict:
    """A claim (`claim_id`) and the other project's version of it (`other_claim_id`, a claim of
    its own), or, for kind `deleted`, a claim one side deleted while the other edited it, or,
    for kind `refused`, a change the project's rules refused: why, and their version as JSON."""

    id: str
    claim_id: str
    other_claim_id: str | None
    kind: str
    source: str = ""
    detected_at: str = ""
    resolved_at: str | None = None
    resolved_by: str | None = None
    reason: str = ""
    theirs: str | None = None


class ConflictStore(Repository):
    """The project's merge conflicts."""

    def all(self, *, open_only: bool = False) -> list[Conflict]:
        """Every conflict (or the unresolved ones), oldest first."""
        sql = f"SELECT {_COLUMNS} FROM merge_conflicts"
        if open_only:
            sql += " WHERE resolved_at IS NULL"
        return [Conflict(*row) for row in self._conn.execute(sql + " ORDER BY detected_at, rowid")]

    def of_claim(self, claim_id: str) -> list[Conflict]:
        """Conflicts a claim takes part in, on either side."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM merge_conflicts WHERE claim_id = ? OR other_claim_id = ? ORDER BY rowid",
            (claim_id, claim_id),
        )
        return [Conflict(*row) for row in rows]

    def copies(self) -> dict[str, str]:
        """Other versions stored as claims: their id -> the id of the claim they are a version of."""
        rows = self._conn.execute(
            "SELECT other_claim_id, claim_id FROM merge_conflicts WHERE other_claim_id IS NOT NULL"
        )
        return dict(rows.fetchall())

    def ids(self) -> set[str]:
        """Ids of every conflict."""
        return {row[0] for row in self._conn.execute("SELECT id FROM merge_conflicts")}

    def insert(self, conflicts: Iterable[Conflict]) -> None:
        """Store conflicts exactly as given (inside the caller's transaction); known ids are skipped."""
        self._conn.executemany(
            f"INSERT OR IGNORE INTO merge_conflicts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    c.id,
                    c.claim_id,
                    c.other_claim_id,
                    c.kind,
                    c.source,
                    c.detected_at,
                    c.resolved_at,
                    c.resolved_by,
                    c.reason,
                    c.theirs,
                )
                for c in conflicts
            ],
        )

    def remove(self, ids: Iterable[str]) -> None:
        """Delete conflicts by id (undo of a merge)."""
        self._conn.executemany("DELETE FROM merge_conflicts WHERE id = ?", [(i,) for i in ids])

    def reopen(self, conflict_ids: Iterable[str], *, by: str) -> None:
        """Mark conflicts open again (undo of the review that resolved them)."""
        with self._project.transaction():
            for conflict_id in conflict_ids:
                self._project.log.record(
                    who=by,
                    action="reopen",
                    entity="conflict",
                    entity_id=conflict_id,
                    after={"resolved": False},
                )
                self._conn.execute(
                    "UPDATE merge_conflicts SET resolved_at = NULL, resolved_by = NULL WHERE id = ?",
                    (conflict_id,),
                )

    def resolve(self, conflict_id: str, *, by: str) -> None:
        """Mark a conflict dealt with (after the reviewer kept, corrected or rejected a version)."""
        with self._project.transaction():
            self._project.log.record(
                who=by, action="resolve", entity="conflict", entity_id=conflict_id, after={"resolved": True}
            )
            self._conn.execute(
                "UPDATE merge_conflicts SET resolved_at = ?, resolved_by = ? WHERE id = ?",
                (self._project.now(), by, conflict_id),
            )
