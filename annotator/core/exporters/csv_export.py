"""CSV for people and spreadsheets: one row per claim, UTF-8 with BOM, CRLF, RFC 4180.

Free-text cells that a spreadsheet would read as a formula get a leading apostrophe
(OWASP CSV injection); number columns stay plain numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.exporters import atomic_output, register


def _latest_review(column: str) -> str:
    """SQL for one field of a claim's most recent review (empty when never reviewed)."""
    return (
        f"(SELECT r.{column} FROM reviews r WHERE r.claim_id = c.id "
        "ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)"
    )


# (header, SQL expression over claims c and articles a, kind) in the documented order.
CSV_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("claim_id", "c.id", "text"),
    ("article_id", "c.article_id", "text"),
    ("article_title", "a.title", "text"),
    ("outlet", "a.outlet", "text"),
    ("published", "a.published", "text"),
    ("url", "a.url", "text"),
    ("annotator", "c.annotator", "text"),
    ("status", "c.status", "text"),
    ("start", "c.start", "number"),
    ("end", 'c."end"', "number"),
    ("quote", "c.quote", "text"),
    ("speaker", "c.speaker", "text"),
    ("figure_text", "c.figure_text", "text"),
    ("value", "c.value", "number"),
    ("low", "c.low", "number"),
    ("high", "c.high", "number"),
    ("qualifier", "c.qualifier", "text"),
    ("unit", "c.unit", "text"),
    ("measure", "c.measure", "text"),
    ("period", "c.period", "text"),
    ("confidence", "c.confidence", "confidence"),
    ("note", "c.note", "text"),
    ("created_at", "c.created_at", "text"),
    ("updated_at", "c.updated_at", "text"),
    ("kind", "c.kind", "text"),
    ("claim_outlet", "c.outlet", "text"),
    ("confidence_scale", "c.confidence_scale", "text"),
    ("supersedes", "c.supersedes", "text"),
    ("reviewer", _latest_review("reviewer"), "text"),
    ("review_decision", _latest_review("decision"), "text"),
    ("review_comment", _latest_review("comment"), "text"),
    ("reviewed_at", _latest_review("created_at"), "text"),
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str | None) -> str:
    """A free-text cell a spreadsheet will show as text, never run as a formula."""
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def plain_number(value: float | int | None) -> int | float | str:
    """11000.0 as 11000, 2.5 as 2.5, missing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def write_csv(project, out: Path | None, *, annotator=None, status=None, article_id=None) -> int:
    """Write the claims matching the filters; return the number of rows."""
    scale = project.settings.confidence_scale()
    labels = {level.code: level.label for level in scale.levels}
    rows = project.claims.export_rows(
        columns=[sql for _, sql, _ in CSV_COLUMNS], annotator=annotator, status=status, article_id=article_id
    )
    count = 0
    with atomic_output(out, encoding="utf-8-sig" if out is not None else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([header for header, _, _ in CSV_COLUMNS])
        for row in ready_rows(rows, [kind for _, _, kind in CSV_COLUMNS], labels):
            writer.writerow(row)
            count += 1
    return count


_FORMULA_FIRST = frozenset(_FORMULA_STARTS)


def ready_rows(rows: Iterable[tuple], kinds: list[str], labels: dict[str, str]) -> Iterator[list]:
    """Rows as `safe_cell`, `plain_number` and the confidence labels would make them.

    One tight loop rather than a function call per cell: the export of 100,000 claims
    spends its time in SQLite and the csv writer, not here. (None is written as an empty
    cell by the csv writer itself.)
    """
    texts = [i for i, kind in enumerate(kinds) if kind == "text"]
    numbers = [i for i, kind in enumerate(kinds) if kind == "number"]
    confidences = [i for i, kind in enumerate(kinds) if kind == "confidence"]
    guarded = texts + confidences
    for row in rows:
        row = list(row)
        for i in confidences:
            row[i] = labels.get(row[i], row[i])
        for i in guarded:
            value = row[i]
            if value and value[0] in _FORMULA_FIRST:
                row[i] = "'" + value
        for i in numbers:
            value = row[i]
            if type(value) is float and value.is_integer() and abs(value) < 1e15:
                row[i] = int(value)
        yield row


register("csv", write_csv, label="CSV (spreadsheets, pandas)")
