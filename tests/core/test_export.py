"""CSV for spreadsheets and lossless JSONL; both keep code point offsets exact."""

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.exporters import exporter_for
from annotator.core.exporters.csv_export import CSV_HEADERS
from annotator.core.importers.runner import import_paths
from annotator.core.model import Figure
from annotator.core.store import Project
from annotator.core.text import canonical_text
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TORTURE = (
    "Flag 🇺🇦 said 11,000 sent.\r\nFamily 👨‍👩‍👧 said 300 killed.\rCafé e\u0301 says 2,700 wounded."
    "\u2028NBSP\u00a0and\ttab: 1.5 million. \u2029עברית אמרה 45 הרוגים. 😀 end\u0085last 7."
)
ISSUE_COLUMNS = (
    "claim_id, article_id, article_title, outlet, published, url, annotator, status, start, end, quote, "
    "speaker, figure_text, value, low, high, qualifier, unit, measure, period, confidence, note, "
    "created_at, updated_at"
).split(", ")


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture
def torture_project(project):
    article = add_article(project, canonical_text(TORTURE), title="Torture")
    text = project.articles.text(article)
    for quote in (
        "11,000",
        "👨‍👩‍👧",
        "300",
        "e\u0301",
        "2,700",
        "NBSP\u00a0and\ttab",
        "עברית",
        "45",
        "😀 end",
        "7",
    ):
        start = text.index(quote)
        project.claims.create(article, start, start + len(quote), by="amira", figure=Figure(text=quote))
    return project


def test_csv_has_the_documented_columns_first_in_order(project, tmp_path):
    assert list(CSV_HEADERS)[: len(ISSUE_COLUMNS)] == ISSUE_COLUMNS
    exporter_for("csv")(project, tmp_path / "out.csv")
    raw, _ = read_csv(tmp_path / "out.csv")
    assert raw.decode("utf-8-sig").split("\r\n")[0].split(",")[: len(ISSUE_COLUMNS)] == ISSUE_COLUMNS


def test_csv_header_row_is_exactly_the_documented_one(project, tmp_path):
    later = "kind, claim_outlet, confidence_scale, supersedes, reviewer, review_decision, review_comment, "
    later += "reviewed_at"
    exporter_for("csv")(project, tmp_path / "out.csv")
    raw, _ = read_csv(tmp_path / "out.csv")
    assert raw.decode("utf-8-sig").split("\r\n")[0].split(",") == ISSUE_COLUMNS + later.split(", ")


def test_csv_quotes_match_the_canonical_text_for_every_row(torture_project, tmp_path):
    exporter_for("csv")(torture_project, tmp_path / "out.csv")
    _, rows = read_csv(tmp_path / "out.csv")
    text = torture_project.articles.text(rows[0]["article_id"])
    assert len(rows) == 10
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]


def test_csv_is_crlf_with_rfc4180_quoting_and_multiline_notes(project, tmp_path):
    article = add_article(project, 'He said "12" were hurt, then 13.')
    project.claims.create(article, 8, 12, by="amira", note='line one\nline "two", three')
    exporter_for("csv")(project, tmp_path / "out.csv")
    raw, rows = read_csv(tmp_path / "out.csv")
    assert raw.count(b"\r\n") == 2  # header and one row; the note's own \n is inside quotes
    assert rows[0]["note"] == 'line one\nline "two", three'
    assert rows[0]["quote"] == '"12"'


def _exported_note(project, tmp_path, note: str, format_name: str = "csv") -> str:
    article = add_article(project, "Some text with 5 numbers.")
    project.claims.create(article, 15, 16, by="amira", note=note)
    exporter_for(format_name)(project, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as stream:
        return next(csv.DictReader(stream))["note"]


# What a spreadsheet evaluates (LibreOffice: =...; Excel also + - @ expressions, per OWASP).
FORMULAS = [
    "=SUM(A1:A2)",
    "=1+1",
    "=",
    "-2+3",
    "+A1",
    "-$B$2 and more",
    "@SUM(1,2)",
    "+cmd|' /C calc'!A0",
    "-10:30",
    "+44-20",
    "--1",
    '-"x"&"y"',
    "\t=1+1",
    "\r\t+A1",
]
# Text that no spreadsheet evaluates: kept exactly as it is.
NOT_FORMULAS = [
    "-40 degrees",
    "-40",
    "+44 20 7946 0000",
    "@police",
    "+1",
    "-1,000.5",
    "-",
    "@",
    "- a bulleted line",
    "-COVID19 cases",
    "+10% on last year",
    "\tx",
    "\rx",
    " =1+1",
    "'quoted",
    "-40 °C, says Ünal",
]


@pytest.mark.parametrize("note", FORMULAS)
def test_cells_a_spreadsheet_would_evaluate_get_a_leading_apostrophe(project, tmp_path, note):
    assert _exported_note(project, tmp_path, note) == "'" + note


@pytest.mark.parametrize("note", NOT_FORMULAS)
def test_text_no_spreadsheet_evaluates_is_written_unchanged(project, tmp_path, note):
    assert _exported_note(project, tmp_path, note) == note


@pytest.mark.parametrize("note", FORMULAS[:4])
def test_data_csv_has_no_guard_and_no_bom(project, tmp_path, note):
    assert _exported_note(project, tmp_path, note, "csv-data") == note
    assert not (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_data_csv_reads_back_with_every_quote_equal_to_its_slice(torture_project, tmp_path):
    exporter_for("csv-data")(torture_project, tmp_path / "out.csv")
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    text = torture_project.articles.text(rows[0]["article_id"])
    assert [text[int(r["start"]) : int(r["end"])] for r in rows] == [r["quote"] for r in rows]


def test_number_columns_stay_plain_numbers(project, tmp_path):
    article = add_article(project, "About -3 or 11,000 or 2.5 or a range.")
    project.claims.create(article, 6, 8, by="amira", figure=Figure(value=-3))
    project.claims.create(article, 12, 18, by="amira", figure=Figure(value=11000.0, low=10000, high=12000))
    project.claims.create(article, 22, 25, by="amira", figure=Figure(value=2.5))
    exporter_for("csv")(project, tmp_path / "out.csv")
    _, rows = read_csv(tmp_path / "out.csv")
    assert [(r["value"], r["low"], r["high"]) for r in rows] == [
        ("-3", "", ""),
        ("11000", "10000", "12000"),
        ("2.5", "", ""),
    ]
    assert rows[0]["start"] == "6"


@pytest.mark.file_only  # the sample's claims are several people's
def test_csv_filters_by_annotator_status_and_article(sample_project, tmp_path):
    write = exporter_for("csv")
    assert write(sample_project, tmp_path / "a.csv", annotator="ben") == sample_project.claims.count(
        annotator="ben"
    )
    _, rows = read_csv(tmp_path / "a.csv")
    assert {r["annotator"] for r in rows} == {"ben"}
    assert write(sample_project, tmp_path / "s.csv", status="draft") == sample_project.claims.count(
        status="draft"
    )


def test_a_failed_export_leaves_no_half_file(project, tmp_path, monkeypatch):
    article = add_article(project, "Text 1 2 3.")
    project.claims.create(article, 5, 6, by="amira")
    target = tmp_path / "out.csv"
    target.write_text("previous export", encoding="utf-8")
    from annotator.core.exporters import csv_export

    class FailsAfterTheHeader:  # a disk that fills up once the header is written
        def __init__(self, stream, **_options):
            self.stream = stream

        def writerow(self, row):
            self.stream.write(",".join(map(str, row)) + "\r\n")
            if row[0] != "claim_id":
                raise ZeroDivisionError

    monkeypatch.setattr(csv_export.csv, "writer", FailsAfterTheHeader)
    with pytest.raises(ZeroDivisionError):
        exporter_for("csv")(project, target)
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.file_only  # the server's history holds rows
def test_jsonl_round_trip_keeps_claims_offsets_ids_and_timestamps(torture_project, tmp_path):
    first = tmp_path / "first.jsonl"
    exporter_for("jsonl")(torture_project, first)
    with Project.open(tmp_path / "copy.annotator") as copy:
        summary = import_paths(copy, [first], by="someone-else")
        assert summary.failures == []
        second = tmp_path / "second.jsonl"
        exporter_for("jsonl")(copy, second)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    record = json.loads(first.read_text(encoding="utf-8"))
    for claim in record["claims"]:
        assert record["text"][claim["start"] : claim["end"]] == claim["quote"]


@pytest.mark.file_only  # the sample's claims are several people's
def test_sample_project_round_trips_through_jsonl(sample_project, tmp_path):
    exporter_for("jsonl")(sample_project, tmp_path / "a.jsonl")
    with Project.open(":memory:") as copy:
        import_paths(copy, [tmp_path / "a.jsonl"], by="x")
        assert sorted(copy.claims.select(), key=lambda c: c.id) == sorted(
            sample_project.claims.select(), key=lambda c: c.id
        )


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)),
    number=st.one_of(
        st.none(),
        st.integers(min_value=-(2**62), max_value=2**62),
        st.floats(allow_nan=False, allow_infinity=False),
    ),
)
def test_the_csv_rows_follow_the_cell_rules(text, number):
    """The exporter fixes whole rows in one loop; it must agree with safe_cell and plain_number."""
    from annotator.core.exporters.csv_export import ready_rows, safe_cell
    from annotator.core.formatting import plain_number

    labels = {"h": "High", "=x": "=Odd"}
    [row] = ready_rows([(text, number, text)], ["text", "number", "confidence"], labels)
    assert (row[0] or "") == safe_cell(text)
    assert row[1] == plain_number(number)
    assert type(row[1]) is type(plain_number(number)) or row[1] is None
    assert (row[2] or "") == safe_cell(labels.get(text, text))
