"""Excel workbooks: the CSV's columns and values in one sheet, header frozen, widths fitted.

Every text cell is written as a typed string, never a formula whatever it starts with, so
it needs no apostrophe guard and holds the text exactly; number columns hold real numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.core.exporters import ExportNeedsPath, atomic_path, csv_export, register
from annotator.core.formatting import clip, plain_number

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
MAX_COLUMN_WIDTH = 60
SHEET_TITLE = "Claims"
# What openpyxl refuses in a cell (XML 1.0 control characters).
_ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def write_xlsx(project, out: Path | None, *, annotator=None, status=None, article_id=None) -> int:
    """Write the claims matching the filters to an .xlsx workbook; return the number of rows."""
    if out is None:
        raise ExportNeedsPath("an Excel workbook cannot go to standard output: give --out FILE.xlsx")
    labels = _labels(project)
    rows = [
        _row(cells, labels)
        for cells in project.claims.export_rows(annotator=annotator, status=status, article_id=article_id)
    ]
    with atomic_path(out) as temporary:
        _workbook(list(csv_export.CSV_HEADERS), rows).save(temporary)
    return len(rows)


def _labels(project) -> dict[str, str]:
    return {level.code: level.label for level in project.settings.confidence_scale().levels}


def _row(cells, labels) -> list:
    return [_value(cell, kind, labels) for cell, kind in zip(cells, csv_export.KINDS, strict=True)]


def _value(cell, kind: str, labels: dict[str, str]):
    if kind == "number":
        return plain_number(cell)
    text = labels.get(cell, cell) if kind == "confidence" else cell
    return excel_text("" if text is None else str(text)) or None


def excel_text(value: str) -> str:
    """A string Excel accepts in a cell: no XML-illegal control characters, within the size limit."""
    value = _ILLEGAL_CHARACTERS.sub("\ufffd", value)
    return clip(value, MAX_CELL_CHARS)


def _workbook(headers: list[str], rows: list[list]):
    from openpyxl import Workbook
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, width in enumerate(fitted_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    sheet.append([_text_cell(sheet, header, font=Font(bold=True)) for header in headers])
    for row in rows:
        # openpyxl stores any other str as text already; "=..." and "#N/A" it would reinterpret.
        sheet.append(
            [
                _text_cell(sheet, value)
                if isinstance(value, str) and (value[:1] == "=" or value in ERROR_CODES)
                else value
                for value in row
            ]
        )
    return workbook


def _text_cell(sheet, value: str, *, font=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # text, never a formula or an error value
    if font is not None:
        cell.font = font
    return cell


def fitted_widths(headers: list[str], rows: list[list]) -> list[float]:
    """Column widths (in characters) that fit the longest value, capped for long text."""
    widths = [len(header) for header in headers]
    for row in rows:
        for index, value in enumerate(row):
            if value is not None:
                widths[index] = max(widths[index], _longest_line(value))
    return [min(width, MAX_COLUMN_WIDTH) + 2 for width in widths]


def _longest_line(value) -> int:
    text = str(value)
    return max((len(line) for line in text.split("\n")), default=0)


register("xlsx", write_xlsx, label="Excel workbook (.xlsx)")
