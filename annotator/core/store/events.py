"""Events and their figures: which articles belong to which named event, the claimed figures
of each, and renaming or merging a measure across the project."""

from __future__ import annotations

from annotator.core.errors import InvalidClaim
from annotator.core.figures.compare import DEFAULT_APPROXIMATE_MARGIN, FigureRow, fold_measure
from annotator.core.store.connection import Repository

_ROWS = (
    "SELECT c.id, c.article_id, COALESCE(e.event, ''), c.measure, COALESCE(c.speaker, ''), "
    "CASE WHEN c.outlet != '' THEN c.outlet ELSE a.outlet END, a.published, c.figure_text, "
    "c.value, c.low, c.high, c.qualifier, c.unit, c.confidence, c.status, a.title, "
    # the quote only where it may hold a conversion in brackets: compare reads no other
    "c.period, c.start, c.\"end\", CASE WHEN c.quote LIKE '%(%' THEN c.quote ELSE '' END "
    "FROM claims c JOIN articles a ON a.id = c.article_id "
    "LEFT JOIN article_events e ON e.article_id = c.article_id "
    "WHERE c.status NOT IN ('suggested', 'rejected') "
    "AND (c.value IS NOT NULL OR c.low IS NOT NULL OR c.high IS NOT NULL)"
)


class EventStore(Repository):
    """Named events and the figures claimed within them."""

    def names(self) -> list[str]:
        """Every event name, alphabetically."""
        rows = self._conn.execute(
            "SELECT event FROM article_events GROUP BY event ORDER BY event COLLATE NOCASE"
        )
        return [row[0] for row in rows]

    def figure_rows(self, *, event: str | None = None) -> list[FigureRow]:
        """Claimed figures (not suggestions, not rejected), one row per event the article is in."""
        sql, params = _ROWS, []
        if event is not None:
            sql += " AND e.event = ?"
            params.append(event)
        labels = {level.code: level.label for level in self._project.settings.confidence_scale().levels}
        rows = self._conn.execute(sql, params).fetchall()
        return [_row(row, labels) for row in rows]

    def approximate_margin(self) -> float:
        """How far 'about' reaches either side (0.10 = ±10 %), a project setting."""
        try:
            margin = float(self._project.settings.get("approximate_margin", str(DEFAULT_APPROXIMATE_MARGIN)))
        except ValueError:
            return DEFAULT_APPROXIMATE_MARGIN
        return margin if 0 <= margin < 1 else DEFAULT_APPROXIMATE_MARGIN

    def set_approximate_margin(self, margin: float, *, by: str) -> float:
        """Read 'about' as ±margin in this project from now on (logged); return the old margin."""
        if not 0 <= margin < 1:
            raise InvalidClaim("the margin for 'about' must be between 0 % and 99 %")
        with self._project.transaction():
            before = self.approximate_margin()
            self._project.log.record(
                who=by,
                action="setting",
                entity="project",
                entity_id="approximate_margin",
                before={"approximate_margin": before},
                after={"approximate_margin": margin},
            )
            self._project.settings.set("approximate_margin", f"{margin:g}")
        return before

    def rename_measure(self, old: str, new: str, *, by: str, event: str | None = None) -> list[str]:
        """Call measure `old` (case and spacing folded) `new` in every claim (of one event); merging
        two measures is renaming one to the other. Returns the ids of the claims changed."""
        new = " ".join(new.split())
        if not new:
            raise InvalidClaim("a measure needs a name")
        with self._project.transaction():
            changed = [c for c in self._claims_measuring(old, event) if c[1] != new]
            now = self._project.now()
            self._project.log.record_many(
                (by, "rename measure", "claim", claim_id, {"measure": before}, {"measure": new})
                for claim_id, before in changed
            )
            self._conn.executemany(
                "UPDATE claims SET measure = ?, updated_at = ? WHERE id = ?",
                [(new, now, claim_id) for claim_id, _ in changed],
            )
        return [claim_id for claim_id, _ in changed]

    def restore_measures(self, measures: dict[str, str], *, by: str) -> None:
        """Give claims back the measures they had (undo of a rename), logged."""
        if not measures:
            return
        with self._project.transaction():
            now = self._project.now()
            current = dict(
                self._conn.execute(
                    f"SELECT id, measure FROM claims WHERE id IN ({', '.join('?' * len(measures))})",
                    list(measures),
                ).fetchall()
            )
            self._project.log.record_many(
                (by, "undo rename measure", "claim", cid, {"measure": current[cid]}, {"measure": m})
                for cid, m in measures.items()
                if cid in current
            )
            self._conn.executemany(
                "UPDATE claims SET measure = ?, updated_at = ? WHERE id = ?",
                [(measure, now, claim_id) for claim_id, measure in measures.items() if claim_id in current],
            )

    def claims_measuring(self, measure: str, *, event: str | None = None) -> dict[str, str]:
        """Claim id → measure of every claim measuring `measure` (case and spacing folded)."""
        return dict(self._claims_measuring(measure, event))

    def _claims_measuring(self, measure: str, event: str | None) -> list[tuple[str, str]]:
        sql = "SELECT id, measure FROM claims WHERE measure != ''"
        params: list = []
        if event is not None:
            sql += " AND article_id IN (SELECT article_id FROM article_events WHERE event = ?)"
            params.append(event)
        wanted = fold_measure(measure)
        return [(cid, m) for cid, m in self._conn.execute(sql, params) if fold_measure(m) == wanted]


def _row(row: tuple, labels: dict[str, str]) -> FigureRow:
    values = list(row)
    values[13] = labels.get(values[13], values[13])
    return FigureRow(*values)
