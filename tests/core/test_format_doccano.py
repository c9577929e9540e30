"""doccano JSONL in and out: `label` and `entities` shapes, offsets in UTF-16 units (or
graphemes / code points when asked), files that doccano 1.8's own import reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.exporters import exporter_for
from annotator.core.importers.runner import import_paths
from annotator.core.model import IncomingArticle, IncomingClaim
from annotator.core.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "doccano"


def _import(project, *paths, format_name="doccano"):
    return import_paths(project, paths, by="amira", format_name=format_name)


def _write_lines(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# A ZWJ family (3 people, 8 UTF-16 units, 5 code points, 1 grapheme) and a flag (2 regional
# indicators: 4 units, 2 code points, 1 grapheme) before the claim.
FAMILY, FLAG = "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1e6"
UNITS_TEXT = f"Families {FAMILY}{FLAG} 12 boats sank"
UNITS_SPANS = {"utf16": [22, 30], "codepoints": [17, 25], "graphemes": [12, 20]}


def _spans(project) -> list[tuple]:
    return sorted((c.quote, c.kind) for c in project.claims.select())


def test_label_shape_with_emoji_and_crlf(project):
    summary = _import(project, FIXTURES / "spans.jsonl")
    assert (summary.imported, summary.claims, summary.failures) == (2, 3, [])
    assert _spans(project) == [
        ("14 miners were trapped", "statistical"),
        ("2 were rescued", ""),
        ("30 cancelled crossings", "statistical"),
    ]
    for claim in project.claims.select():
        assert project.articles.text(claim.article_id)[claim.start : claim.end] == claim.quote


def test_metadata_keys_fill_the_article(project):
    _import(project, FIXTURES / "spans.jsonl")
    first = project.articles.get(project.articles.ids()[0])
    assert (first.title, first.outlet) == ("Quarry collapse", "Hill Post")
    assert "\r" not in first.text


def test_entities_shape_and_relations_reported(project):
    summary = _import(project, FIXTURES / "entities.jsonl")
    assert _spans(project) == [("2 metres", "measurement"), ("3 metres", "measurement")]
    assert [what for _, what in summary.skipped] == ["relations: 1"]


def test_document_labels_are_reported_not_kept(project):
    summary = _import(project, FIXTURES / "spans.jsonl")
    assert [what for _, what in summary.skipped] == ["document label 'transport'"]


def test_jsonl_suffix_stays_our_own_format_without_the_flag(project):
    summary = import_paths(project, [FIXTURES / "entities.jsonl"], by="amira")
    assert summary.claims == 0  # our JSONL reads the text and ignores doccano's keys


def test_importing_twice_adds_nothing(project):
    _import(project, FIXTURES / "spans.jsonl")
    again = _import(project, FIXTURES / "spans.jsonl")
    assert (again.imported, again.claims) == (0, 0)


def test_export_then_import_keeps_spans_kinds_and_metadata(project, tmp_path):
    _import(project, FIXTURES / "spans.jsonl", FIXTURES / "entities.jsonl")
    out = tmp_path / "out.jsonl"
    assert exporter_for("doccano")(project, out) == 3
    with Project.open(":memory:") as again:
        assert _import(again, out).failures == []
        after = sorted((c.start, c.end, c.quote, c.kind) for c in again.claims.select())
        assert after == sorted((c.start, c.end, c.quote, c.kind) for c in project.claims.select())
        titles = sorted(s.title for s in again.articles.summaries())
    assert titles == sorted(s.title for s in project.articles.summaries())


def test_export_counts_utf16_units(project, tmp_path):
    text = "😀 12 boats"
    project.articles.add(
        IncomingArticle(text=text, claims=(IncomingClaim(start=2, end=10, quote="12 boats"),)), by="amira"
    )
    out = tmp_path / "out.jsonl"
    exporter_for("doccano")(project, out)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["label"] == [[3, 11, "Claim"]]


BAD_LINES = [
    ('{"text": "About 12 ships", "label": [[6, 99, "X"]]}', "offsets 6-99 are not a span of the text"),
    ('{"text": "😀 12 ships", "label": [[1, 4, "X"]]}', "offsets 1-4 are not a span"),
    ('{"text": "About 12 ships", "label": [[8, 6, "X"]]}', "offsets 8-6"),
    ('{"text": "About 12 ships", "label": [[6, "8", "X"]]}', "end must be an integer offset"),
    ('{"text": "About 12 ships", "label": [[6, 8]]}', "label 1 must be [start, end, label] or"),
    ('{"text": "About 12 ships", "entities": [{"start_offset": 6, "end_offset": 8}]}', "label must be"),
    ('{"text": "About 12 ships", "label": [[6, 8, "X"]]', "malformed JSON"),
    ('{"label": [[6, 8, "X"]]}', "'text' must be a non-empty string"),
    ('["About 12 ships"]', "each line must be a JSON object"),
    ('{"text": "About 12 ships", "label": [[-3, 8, "X"]]}', "start -3 is negative"),
    ('{"text": "About 12 ships", "entities": [[6, 8]]}', "entity 1 must be [start, end, label] or"),
    ('{"text": "About 12 ships", "entities": {"start_offset": 6}}', "'entities' must be a list"),
    ('{"text": "Ships 🇺🇦 sank", "label": [[6, 8, "X"]]}', "cut the character '🇺🇦' in two"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_malformed_line_refuses_the_whole_file(project, tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    good = '{"text": "A good first line with 3 boats", "label": [[23, 30, "X"]]}'
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    summary = _import(project, path)
    assert summary.failures == [(str(path), f"line 2: {summary.failures[0][1].partition(': ')[2]}")]
    assert message in summary.failures[0][1]
    assert project.articles.count() == 0


def test_line_separator_inside_a_text_keeps_offsets_in_place(project, tmp_path):
    path = tmp_path / "ls.jsonl"
    record = {"text": "First\u2028second line has 12 boats", "label": [[22, 30, "X"]]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _import(project, path).failures == []
    assert next(project.claims.select()).quote == "12 boats"


def test_export_is_pure_ascii_so_doccano_auto_encoding_reads_it(project, tmp_path):
    text = f"Über 12 boats, שלום, مرحبا,\u00a0{FAMILY}"
    project.articles.add(IncomingArticle(text=text, title="Zürich"), by="amira")
    out = tmp_path / "out.jsonl"
    exporter_for("doccano")(project, out)
    data = out.read_bytes()
    assert data.isascii()
    assert json.loads(data)["text"] == text


def test_export_writes_every_metadata_key_on_every_line(project, tmp_path):
    project.articles.add(IncomingArticle(text="First 12 boats", title="One", outlet="Hill Post"), by="amira")
    project.articles.add(IncomingArticle(text="Second 3 boats", url="https://example.org/2"), by="amira")
    out = tmp_path / "out.jsonl"
    exporter_for("doccano")(project, out)
    records = [json.loads(line) for line in out.read_text(encoding="ascii").splitlines()]
    assert [sorted(r) for r in records] == [sorted(records[0])] * 2
    assert {"title", "outlet", "author", "url", "published"} <= set(records[0])
    assert sorted(r["outlet"] for r in records) == ["", "Hill Post"]


@pytest.mark.parametrize("unit", sorted(UNITS_SPANS))
def test_each_offset_unit_reads_its_own_file_exactly(project, tmp_path, unit):
    path = _write_lines(tmp_path / "u.jsonl", {"text": UNITS_TEXT, "label": [[*UNITS_SPANS[unit], "X"]]})
    summary = _import(project, path, format_name="doccano" if unit == "utf16" else f"doccano-{unit}")
    assert summary.failures == []
    assert [(c.quote, c.kind) for c in project.claims.select()] == [("12 boats", "X")]


def test_grapheme_mode_file_read_as_utf16_is_refused_not_guessed(project, tmp_path):
    record = {"text": UNITS_TEXT, "label": [[*UNITS_SPANS["graphemes"], "X"]]}
    path = _write_lines(tmp_path / "g.jsonl", record)
    summary = _import(project, path)
    [(source, reason)] = summary.failures
    assert (source, reason.split(":")[0]) == (str(path), "line 1")
    assert "offsets 12-20 are not a span of the text (35 UTF-16 units" in reason
    assert "graphemes (--offsets graphemes)" in reason
    assert project.articles.count() == 0


def test_utf16_file_read_as_graphemes_is_refused(project, tmp_path):
    path = _write_lines(tmp_path / "u.jsonl", {"text": UNITS_TEXT, "label": [[*UNITS_SPANS["utf16"], "X"]]})
    [(_, reason)] = _import(project, path, format_name="doccano-graphemes").failures
    assert "offsets 22-30 are not a span of the text (25 graphemes" in reason
    assert "UTF-16 units (--offsets utf16)" in reason


def test_negative_offsets_on_crlf_text_are_refused(project, tmp_path):
    path = _write_lines(tmp_path / "n.jsonl", {"text": "Line one\r\nthen 12 boats", "label": [[-8, -1, "X"]]})
    [(_, reason)] = _import(project, path).failures
    assert reason == "line 1: label 1: start -8 is negative; offsets count from the text's start"
    assert project.articles.count() == 0


def test_list_form_entities_are_read_like_doccanos_own_example(project, tmp_path):
    path = _write_lines(tmp_path / "e.jsonl", {"text": "EU rejects German call", "entities": [[0, 2, "ORG"]]})
    assert _import(project, path).failures == []
    assert _spans(project) == [("EU", "ORG")]


def test_object_form_labels_are_read_too(project, tmp_path):
    span = {"start_offset": 11, "end_offset": 17, "label": "MISC"}
    path = _write_lines(tmp_path / "o.jsonl", {"text": "EU rejects German call", "label": [span]})
    assert _import(project, path).failures == []
    assert _spans(project) == [("German", "MISC")]


def test_export_then_import_keeps_emoji_flag_zwj_rtl_and_nbsp_spans(project, tmp_path):
    text = f"{FAMILY} {FLAG} שלום 12 boats\u00a0sank, مرحبا 3 ferries 😀 stayed"
    quotes = ["12 boats\u00a0sank", "3 ferries", FAMILY, FLAG]
    claims = tuple(IncomingClaim(start=text.index(q), end=text.index(q) + len(q), quote=q) for q in quotes)
    project.articles.add(IncomingArticle(text=text, claims=claims), by="amira")
    out = tmp_path / "out.jsonl"
    exporter_for("doccano")(project, out)
    with Project.open(":memory:") as again:
        assert _import(again, out).failures == []
        assert sorted(c.quote for c in again.claims.select()) == sorted(quotes)
