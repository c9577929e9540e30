"""doccano JSONL in and out: `label` and `entities` shapes, offsets in UTF-16 units."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.exporters import exporter_for
from annotator.core.importers.runner import import_paths
from annotator.core.model import IncomingArticle, IncomingClaim
from annotator.core.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "doccano"


def _import(project, *paths):
    return import_paths(project, paths, by="amira", format_name="doccano")


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
    ('{"text": "About 12 ships", "label": [[6, 8]]}', "label 1 must be [start, end, label]"),
    ('{"text": "About 12 ships", "entities": [{"start_offset": 6, "end_offset": 8}]}', "label must be"),
    ('{"text": "About 12 ships", "label": [[6, 8, "X"]]', "malformed JSON"),
    ('{"label": [[6, 8, "X"]]}', "'text' must be a non-empty string"),
    ('["About 12 ships"]', "each line must be a JSON object"),
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
