"""Our CSV and xlsx opened by LibreOffice Calc (headless) and read back.

LibreOffice comes from tests/interop/install_libreoffice.sh (Debian's libreoffice-calc-nogui).
Each conversion runs `soffice --headless --convert-to` with a profile of its own in a
temporary folder. The CSV is opened as UTF-8, comma, double quote (what the Text Import
dialog offers for our file), with formulas evaluated, as Calc does by default.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from annotator.core.exporters import exporter_for
from annotator.core.model import Figure, IncomingArticle, IncomingClaim
from tests.core.test_export import FORMULAS, NOT_FORMULAS

# CSV filter: separator 44 (,), text delimiter 34 ("), character set 76 (UTF-8), from line 1.
CSV_IN = "CSV:44,34,76,1"
CSV_OUT = "csv:Text - txt - csv (StarCalc):44,34,76,1"
TEXT = 'He said "12" 😀 were hurt: -40 degrees, @police, +44 20 7946 0000, =1+1, עברית\u00a0٣ and 11,000.'


def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.fail("LibreOffice (soffice) is missing: `make interop` installs libreoffice-calc-nogui")
    return program


def convert(source: Path, to: str, tmp_path: Path, *, infilter: str | None = None) -> Path:
    """`soffice --convert-to` into a fresh folder; the converted file."""
    out = tmp_path / f"converted-{to.split(':')[0]}-{source.stem}"
    profile = tmp_path / "lo-profile"
    command = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", to, "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    [converted] = out.iterdir()
    return converted


def _claim(quote: str, **fields) -> IncomingClaim:
    start = TEXT.index(quote)
    return IncomingClaim(start=start, end=start + len(quote), quote=quote, **fields)


@pytest.fixture
def claims_project(project):
    claims = [
        _claim('"12"', speaker="Officials, \"quoted\"", figure=Figure(text="12", value=12)),
        _claim("-40 degrees", figure=Figure(text="-40", value=-40, low=-41.5, high=2.5)),
        _claim("@police", speaker="@police"),
        _claim("+44 20 7946 0000", note="+44 20 7946 0000"),
        _claim("=1+1", note="=HYPERLINK(\"x\")"),
        _claim("עברית\u00a0٣", speaker="צה״ל", note="😀 multi\nline"),
        _claim("11,000", figure=Figure(text="11,000", value=11000)),
    ]
    project.articles.add(IncomingArticle(text=TEXT, title="-Title 😀", claims=tuple(claims)), by="amira")
    return project


def _our_rows(project, tmp_path: Path, format_name: str) -> list[dict]:
    path = tmp_path / f"ours-{format_name}.csv"
    exporter_for(format_name)(project, path)
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _sheet_records(path: Path, *, formulas: bool = False) -> list[dict]:
    """Rows of the first sheet as {header: cell}; with `formulas`, cells as stored, else as shown."""
    sheet = load_workbook(path, data_only=not formulas).active
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    return [dict(zip(headers, row, strict=True)) for row in rows[1:]]


def _same_value(ours: str, cell) -> bool:
    """A cell LibreOffice read equals our CSV's text: the same text, or the number it writes.

    (Calc turns a carriage return inside a cell into a line feed.)
    """
    if cell.value is None:
        return ours == ""
    if cell.data_type == "n":
        return ours != "" and float(ours.replace(",", "")) == cell.value
    return cell.value == ours.replace("\r\n", "\n").replace("\r", "\n")


def test_our_csv_opened_in_calc_keeps_every_value(claims_project, tmp_path):
    ours = _our_rows(claims_project, tmp_path, "csv")
    exporter_for("csv")(claims_project, tmp_path / "claims.csv")
    converted = convert(tmp_path / "claims.csv", "xlsx", tmp_path, infilter=CSV_IN)
    records = _sheet_records(converted, formulas=True)
    assert len(records) == len(ours)
    for row, record in zip(ours, records, strict=True):
        for header, cell in record.items():
            assert cell.data_type != "f", (header, cell.value)
            assert _same_value(row[header], cell), (header, row[header], cell.value)


def test_numbers_come_back_as_numbers_and_guarded_text_as_text(claims_project, tmp_path):
    exporter_for("csv")(claims_project, tmp_path / "claims.csv")
    records = _sheet_records(convert(tmp_path / "claims.csv", "xlsx", tmp_path, infilter=CSV_IN))
    by_figure = {r["figure_text"].value: r for r in records}
    cells = [by_figure[-40][h] for h in ("value", "low", "high")]  # figure text "-40": a number too
    assert [(c.data_type, c.value) for c in cells] == [("n", -40), ("n", -41.5), ("n", 2.5)]
    assert (by_figure[11000]["value"].value, by_figure[11000]["quote"].value) == (11000, 11000)
    by_quote = {r["quote"].value: r for r in records}
    assert by_quote["-40 degrees"]["quote"].data_type == "s"
    assert by_quote["'=1+1"]["note"].value == "'=HYPERLINK(\"x\")"  # guarded: text, apostrophe shown
    assert by_quote["@police"]["speaker"].value == "@police"


def _notes_project(project, notes: list[str]):
    text = "Some text with 5 numbers."
    claims = tuple(IncomingClaim(start=15, end=16, quote="5", note=note) for note in notes)
    project.articles.add(IncomingArticle(text=text, claims=claims), by="amira")
    return project


def _notes_as_calc_reads_them(project, tmp_path: Path, format_name: str) -> dict[str, object]:
    """{our note: the cell Calc made of our CSV's note cell}."""
    path = tmp_path / f"notes-{format_name}.csv"
    exporter_for(format_name)(project, path)
    ours = {row["claim_id"]: row["note"] for row in _our_rows(project, tmp_path, "csv-data")}
    records = _sheet_records(convert(path, "xlsx", tmp_path, infilter=CSV_IN), formulas=True)
    return {ours[r["claim_id"].value]: r["note"] for r in records}


def test_calc_evaluates_only_cells_starting_with_equals(project, tmp_path):
    """Without the guard: Calc evaluates `=` and something after it, nothing else (not + - @)."""
    _notes_project(project, FORMULAS + NOT_FORMULAS)
    cells = _notes_as_calc_reads_them(project, tmp_path, "csv-data")
    evaluated = {note for note, cell in cells.items() if cell.data_type == "f"}
    assert evaluated == {note for note in FORMULAS + NOT_FORMULAS if note.startswith("=") and note != "="}


def test_the_guard_leaves_calc_nothing_to_evaluate_and_plain_text_unchanged(project, tmp_path):
    _notes_project(project, FORMULAS + NOT_FORMULAS)
    cells = _notes_as_calc_reads_them(project, tmp_path, "csv")
    assert [note for note, cell in cells.items() if cell.data_type == "f"] == []
    for note in NOT_FORMULAS:
        assert _same_value(note, cells[note]), note
    for note in FORMULAS:
        assert _same_value("'" + note, cells[note]), note


def test_our_xlsx_text_cells_stay_text_in_calc(claims_project, tmp_path):
    exporter_for("xlsx")(claims_project, tmp_path / "claims.xlsx")
    records = _sheet_records(convert(tmp_path / "claims.xlsx", "xlsx", tmp_path), formulas=True)
    assert [c for r in records for c in r.values() if c.data_type == "f"] == []
    assert {r["note"].value for r in records} >= {"=HYPERLINK(\"x\")", "+44 20 7946 0000"}


def test_our_xlsx_saved_by_calc_as_csv_equals_our_data_csv(claims_project, tmp_path):
    ours = _our_rows(claims_project, tmp_path, "csv-data")
    exporter_for("xlsx")(claims_project, tmp_path / "claims.xlsx")
    converted = convert(tmp_path / "claims.xlsx", CSV_OUT, tmp_path)
    with open(converted, encoding="utf-8", newline="") as stream:
        theirs = list(csv.DictReader(stream))
    assert theirs == ours
    assert [r["quote"] for r in theirs] == [TEXT[int(r["start"]) : int(r["end"])] for r in theirs]
