"""The append-only change log, written in the same transaction as each change."""

from __future__ import annotations

import json
from collections.abc import Iterable

from annotator.core.model import ChangeLogEntry


class ChangeLog:
    """Who changed what, when, from what to what."""

    def __init__(self, project):
        self._project = project

    def record(
        self,
        *,
        who: str,
        action: str,
        entity: str,
        entity_id: str,
        before: dict | None = None,
        after: dict | None = None,
    ) -> None:
        """Append one entry; callers are already inside the change's transaction."""
        self._project.db.conn.execute(
            "INSERT INTO change_log (at, who, action, entity, entity_id, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self._project.now(), who, action, entity, entity_id, _dump(before), _dump(after)),
        )

    def record_many(self, entries: Iterable[tuple]) -> None:
        """Append (who, action, entity, entity_id, before, after) tuples in one statement."""
        at = self._project.now()
        self._project.db.conn.executemany(
            "INSERT INTO change_log (at, who, action, entity, entity_id, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (at, who, action, entity, eid, _dump(b), _dump(a))
                for who, action, entity, eid, b, a in entries
            ),
        )

    def history(self, entity: str | None = None, entity_id: str | None = None) -> list[ChangeLogEntry]:
        """Entries oldest first, optionally for one entity."""
        where, params = [], []
        if entity:
            where.append("entity = ?")
            params.append(entity)
        if entity_id:
            where.append("entity_id = ?")
            params.append(entity_id)
        sql = "SELECT seq, at, who, action, entity, entity_id, before, after FROM change_log"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._project.db.conn.execute(sql + " ORDER BY seq", params).fetchall()
        return [_entry(row) for row in rows]

    def count(self) -> int:
        """Number of entries."""
        return self._project.db.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]


def _dump(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _entry(row) -> ChangeLogEntry:
    seq, at, who, action, entity, entity_id, before, after = row
    return ChangeLogEntry(
        seq=seq,
        at=at,
        who=who,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=json.loads(before) if before else None,
        after=json.loads(after) if after else None,
    )
