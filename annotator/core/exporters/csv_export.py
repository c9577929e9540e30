"""CSV for people and spreadsheets: one row per claim, UTF-8 with BOM, CRLF, RFC 4180.

Free-text cells that a spreadsheet would read as a formula get a leading apostrophe
(OWASP CSV injection); number columns stay plain numbers.
"""

from __future__ import annotations

import csv
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
    kinds = [kind for _, _, kind in CSV_COLUMNS]
    convert = [_converter(kind, labels) for kind in kinds]
    rows = project.claims.export_rows(
        columns=[sql for _, sql, _ in CSV_COLUMNS], annotator=annotator, status=status, article_id=article_id
    )
    count = 0
    with atomic_output(out, encoding="utf-8-sig" if out is not None else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([header for header, _, _ in CSV_COLUMNS])
        for row in rows:
            writer.writerow([fn(cell) for fn, cell in zip(convert, row, strict=True)])
            count += 1
    return count


def _converter(kind: str, labels: dict[str, str]):
    if kind == "number":
        return plain_number
    if kind == "confidence":
        return lambda code: safe_cell(labels.get(code, code))
    return safe_cell


register("csv", write_csv, label="CSV (spreadsheets, pandas)")
