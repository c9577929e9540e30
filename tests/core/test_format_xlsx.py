"""Excel export: the CSV's columns and values, read back with a real reader (openpyxl)."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from annotator.core.exporters import ExportNeedsPath, exporter_for
from annotator.core.exporters.csv_export import CSV_HEADERS
from annotator.core.model import Figure, IncomingArticle, IncomingClaim

TEXT = "=HYPERLINK(x) 😀 Officials said -40 people and @home some 11,000 troops left."


def _claim(quote: str, **fields) -> IncomingClaim:
    start = TEXT.index(quote)
    return IncomingClaim(start=start, end=start + len(quote), quote=quote, **fields)


@pytest.fixture
def exported(project, tmp_path):
    claims = (
        _claim("=HYPERLINK(x)", speaker="+Agency", note="@risky\tnote", confidence="moderate"),
        _claim(
            "some 11,000 troops",
            speaker="Officials",
            figure=Figure(text="some 11,000", value=11000.0, qualifier="approximately", measure="troops"),
            kind="statistical",
        ),
        _claim("-40 people", figure=Figure(text="-40", value=-40, low=-41.5, high=-39)),
    )
    project.articles.add(IncomingArticle(text=TEXT, title="-Title 😀", claims=claims), by="amira")
    out = tmp_path / "claims.xlsx"
    count = exporter_for("xlsx")(project, out)
    return count, load_workbook(out).active, project, tmp_path


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    return [{h: cell for h, cell in zip(headers, row, strict=True)} for row in rows[1:]]


def test_header_is_the_csv_columns_and_stays_frozen(exported):
    count, sheet, _, _ = exported
    assert [cell.value for cell in next(sheet.iter_rows())] == list(CSV_HEADERS)
    assert sheet.freeze_panes == "A2"
    assert count == sheet.max_row - 1 == 3


def test_no_cell_is_a_formula(exported):
    _, sheet, _, _ = exported
    kinds = {cell.data_type for row in sheet.iter_rows() for cell in row}
    assert "f" not in kinds
    assert kinds <= {"s", "n"}


def test_numbers_are_numbers_and_missing_numbers_are_empty(exported):
    _, sheet, _, _ = exported
    by_quote = {r["quote"].value: r for r in _records(sheet)}
    troops = by_quote["some 11,000 troops"]
    assert troops["value"].value == 11000 and troops["value"].data_type == "n"
    assert troops["low"].value is None
    people = by_quote["-40 people"]
    assert (people["value"].value, people["low"].value, people["high"].value) == (-40, -41.5, -39)
    assert isinstance(people["start"].value, int)


def test_text_cells_match_the_data_csv_cells(exported):
    _, sheet, project, tmp_path = exported
    exporter_for("csv-data")(project, tmp_path / "claims.csv")
    with open(tmp_path / "claims.csv", encoding="utf-8", newline="") as stream:
        csv_rows = list(csv.DictReader(stream))
    for csv_row, record in zip(csv_rows, _records(sheet), strict=True):
        for header, cell in record.items():
            assert ("" if cell.value is None else str(cell.value)) == csv_row[header], header


def test_formula_like_text_is_a_string_cell_without_a_guard(exported):
    _, sheet, _, _ = exported
    record = next(r for r in _records(sheet) if "HYPERLINK" in r["quote"].value)
    assert record["quote"].value == "=HYPERLINK(x)"
    assert record["speaker"].value == "+Agency"
    assert record["note"].value == "@risky\tnote"
    assert record["article_title"].value == "-Title 😀"
    assert record["confidence"].value == "Moderate"
    assert {record[h].data_type for h in ("quote", "speaker", "note", "article_title")} == {"s"}


def test_every_quote_equals_the_slice_of_the_text(exported):
    _, sheet, _, _ = exported
    for record in _records(sheet):
        assert TEXT[record["start"].value : record["end"].value] == record["quote"].value


def test_column_widths_fit_the_longest_value(exported):
    _, sheet, _, _ = exported
    headers = [cell.value for cell in next(sheet.iter_rows())]
    quote_letter = sheet.cell(row=1, column=headers.index("quote") + 1).column_letter
    start_letter = sheet.cell(row=1, column=headers.index("start") + 1).column_letter
    assert sheet.column_dimensions[quote_letter].width == len("some 11,000 troops") + 2
    assert sheet.column_dimensions[start_letter].width == len("start") + 2


def test_filters_apply(project, tmp_path):
    project.articles.add(
        IncomingArticle(text=TEXT, claims=(_claim("-40 people", annotator="ben"), _claim("@home"))),
        by="amira",
    )
    out = tmp_path / "ben.xlsx"
    assert exporter_for("xlsx")(project, out, annotator="ben") == 1
    assert load_workbook(out).active.max_row == 2


def test_control_characters_are_replaced_not_fatal(project, tmp_path):
    project.articles.add(
        IncomingArticle(text=TEXT, claims=(_claim("@home", note="bell\x07here"),)), by="amira"
    )
    out = tmp_path / "claims.xlsx"
    exporter_for("xlsx")(project, out)
    record = _records(load_workbook(out).active)[0]
    assert record["note"].value == "bell\ufffdhere"


def test_standard_output_is_refused(project):
    with pytest.raises(ExportNeedsPath, match="--out"):
        exporter_for("xlsx")(project, None)


def test_failed_export_leaves_no_file(project, tmp_path, monkeypatch):
    from annotator.core.exporters import xlsx_export

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(xlsx_export, "_workbook", broken)
    with pytest.raises(RuntimeError):
        exporter_for("xlsx")(project, tmp_path / "claims.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_error_code_lookalikes_stay_text(project, tmp_path):
    project.articles.add(IncomingArticle(text=TEXT, claims=(_claim("@home", note="#N/A"),)), by="amira")
    out = tmp_path / "claims.xlsx"
    exporter_for("xlsx")(project, out)
    note = _records(load_workbook(out).active)[0]["note"]
    assert (note.value, note.data_type) == ("#N/A", "s")
