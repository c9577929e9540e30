"""CSV for people and spreadsheets: one row per claim, UTF-8 with BOM, CRLF, RFC 4180.

Free-text cells that a spreadsheet would evaluate as a formula get a leading apostrophe
(OWASP CSV injection; the rule is `needs_guard`); number columns stay plain numbers.
`csv-data` is the same table for pandas and scripts: UTF-8 without BOM, no apostrophes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path

from annotator.core.exporters import atomic_output, register
from annotator.core.model import EXPORT_COLUMNS

CSV_HEADERS = tuple(column.header for column in EXPORT_COLUMNS)
KINDS = tuple(column.kind for column in EXPORT_COLUMNS)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# After a leading + - @: what cannot make an expression (a number, words, spaces, . , ' ° %).
# Anything else (an operator, a bracket, ! | : & " $ / * ^ < > # ...) can.
_INERT_TAIL = re.compile(r"[\w\s.,'’°%]*")
# A cell reference such as A1, $B$2 or AB12 (one word).
_CELL_REFERENCE = re.compile(r"\b\$?[A-Za-z]{1,3}\$?\d+\b")


def needs_guard(value: str) -> bool:
    """Whether a spreadsheet could evaluate this text as a formula (docs/formats.md, CSV).

    `=...` always (LibreOffice and Excel evaluate it); `+`, `-` or `@` followed by anything but
    a number or words (`-2+3`, `+A1`, `@SUM(A1)`), not `-40`, `-40 degrees`, `+44 20 7946 0000`
    or `@police`; the same after leading tabs and carriage returns (OWASP).
    """
    rest = value.lstrip("\t\r")
    if not rest or rest[0] not in "=+-@":
        return False
    tail = rest[1:]
    return rest[0] == "=" or not _INERT_TAIL.fullmatch(tail) or _CELL_REFERENCE.search(tail) is not None


def safe_cell(value: str | None) -> str:
    """A free-text cell a spreadsheet will show as text, never run as a formula."""
    if not value:
        return ""
    return "'" + value if needs_guard(value) else value


def write_csv(
    project, out: Path | None, *, annotator=None, status=None, article_id=None, guard: bool = True
) -> int:
    """Write the claims matching the filters; return the number of rows.

    :param guard: formula guard and BOM for spreadsheets; False writes the data as it is.
    """
    scale = project.settings.confidence_scale()
    labels = {level.code: level.label for level in scale.levels}
    rows = project.claims.export_rows(annotator=annotator, status=status, article_id=article_id)
    count = 0
    with atomic_output(out, encoding="utf-8-sig" if out is not None and guard else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(CSV_HEADERS)
        for row in ready_rows(rows, KINDS, labels, guard=guard):
            writer.writerow(row)
            count += 1
    return count


_FORMULA_FIRST = frozenset(_FORMULA_STARTS)


def ready_rows(
    rows: Iterable[tuple], kinds: Sequence[str], labels: dict[str, str], *, guard: bool = True
) -> Iterator[list]:
    """Rows as `safe_cell` (when guarding), `plain_number` and the confidence labels make them.

    One tight loop rather than a function call per cell: the export of 100,000 claims
    spends its time in SQLite and the csv writer, not here. (None is written as an empty
    cell by the csv writer itself.)
    """
    texts = [i for i, kind in enumerate(kinds) if kind == "text"]
    numbers = [i for i, kind in enumerate(kinds) if kind == "number"]
    confidences = [i for i, kind in enumerate(kinds) if kind == "confidence"]
    guarded = texts + confidences if guard else []
    for row in rows:
        row = list(row)
        for i in confidences:
            row[i] = labels.get(row[i], row[i])
        for i in guarded:
            value = row[i]
            if value and value[0] in _FORMULA_FIRST and needs_guard(value):
                row[i] = "'" + value
        for i in numbers:
            value = row[i]
            if type(value) is float and value.is_integer() and abs(value) < 1e15:  # plain_number, inline
                row[i] = int(value)
        yield row


register("csv", write_csv, label="CSV (spreadsheets)")
register("csv-data", partial(write_csv, guard=False), suffix=".csv", label="CSV data (pandas, no guard)")
