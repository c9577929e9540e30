"""Label Studio JSON in and out: regions as claims, per-region results as fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.exporters import exporter_for
from annotator.core.importers.runner import import_paths
from annotator.core.model import Figure, IncomingArticle, IncomingClaim
from annotator.core.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "labelstudio"


def _import(project, *paths, format_name="labelstudio"):
    return import_paths(project, paths, by="amira", format_name=format_name)


def _by_quote(project, status=None) -> dict:
    return {c.quote: c for c in project.claims.select(status=status)}


def test_tasks_become_articles_and_regions_claims(project):
    summary = _import(project, FIXTURES / "tasks.json")
    assert (summary.imported, summary.claims, summary.failures) == (2, 4, [])
    for claim in [*project.claims.select(), *project.claims.select(status="suggested")]:
        assert project.articles.text(claim.article_id)[claim.start : claim.end] == claim.quote


def test_json_suffix_is_read_as_label_studio_by_default(project):
    summary = _import(project, FIXTURES / "tasks.json", format_name=None)
    assert (summary.imported, summary.failures) == (2, [])


def test_per_region_results_fill_fields_by_control_name(project):
    _import(project, FIXTURES / "tasks.json")
    claim = _by_quote(project)["about 18,000 drivers a day"]
    assert (claim.kind, claim.speaker, claim.confidence) == ("statistical", "City engineers", "moderate")
    assert claim.figure == Figure(value=18000)
    assert claim.note == "source_type: official"
    assert claim.created_at == "2026-02-01T09:00:00.000000Z"


def test_annotator_comes_from_an_email_and_a_bare_user_id_means_the_importer(project):
    _import(project, FIXTURES / "tasks.json")
    claims = _by_quote(project)
    assert claims["42,000 homes lost power"].annotator == "ines@example.org"
    assert claims["the queue at 5 km"].annotator == "amira"
    assert claims["the queue at 5 km"].kind == ""


def test_predictions_become_suggestions(project):
    _import(project, FIXTURES / "tasks.json")
    suggestion = _by_quote(project, status="suggested")["the queue at 5 km"]
    assert (suggestion.kind, suggestion.annotator) == ("statistical", "suggester")


def test_utf16_offsets_of_older_versions_are_recognised_by_the_region_text(project):
    _import(project, FIXTURES / "tasks.json")
    claim = _by_quote(project)["42,000 homes lost power"]
    assert project.articles.text(claim.article_id).index("42,000") == claim.start


def test_relations_cancelled_annotations_and_task_choices_are_reported(project):
    summary = _import(project, FIXTURES / "tasks.json")
    assert [what for _, what in summary.skipped] == [
        "annotation 1, result 7: relation r1aaaaaaaa → r2bbbbbbbb",
        "annotation 1, result 8: choices result 'topic' not attached to a region",
        "annotation 2: cancelled (skipped) annotation",
    ]


def test_importing_twice_adds_nothing(project):
    _import(project, FIXTURES / "tasks.json")
    again = _import(project, FIXTURES / "tasks.json")
    assert (again.imported, again.claims) == (0, 0)


def _comparable(claim) -> tuple:
    return (
        claim.id,
        claim.start,
        claim.end,
        claim.quote,
        claim.kind,
        claim.speaker,
        claim.figure,
        claim.confidence,
        claim.note,
        claim.fragments,
        claim.status,
        claim.annotator,
        claim.outlet,
    )


def test_export_then_import_is_lossless(project, tmp_path):
    _import(project, FIXTURES / "tasks.json")
    text = "Officials said\r\nsome 11,000 troops 😀 were sent, at least 300 killed."
    canonical = text.replace("\r\n", "\n")
    quote = "some 11,000 troops 😀 were sent"
    start = canonical.index(quote)
    claims = (
        IncomingClaim(
            start=start,
            end=start + len(quote),
            quote=quote,
            speaker="Western officials",
            figure=Figure(
                text="some 11,000",
                value=11000,
                low=10500.5,
                high=11500,
                qualifier="approximately",
                unit="troops",
                measure="troops deployed",
                period="2026",
            ),
            confidence="high",
            note="two lines\nof note",
            status="accepted",
            annotator="ben",
            kind="comparison",
            outlet="told the BBC",
            fragments=((start, start + 11), (start + 12, start + len(quote))),
        ),
        IncomingClaim(
            start=start + 32,
            end=start + 49,
            quote=canonical[start + 32 : start + 49],
            status="suggested",
            annotator="suggester",
        ),
    )
    project.articles.add(
        IncomingArticle(text=canonical, title="Troops", outlet="Daily", claims=claims), by="amira"
    )
    out = tmp_path / "export.json"
    assert exporter_for("labelstudio")(project, out) == 3
    with Project.open(":memory:") as again:
        assert _import(again, out, format_name=None).failures == []
        for status in (None, "suggested"):
            before = sorted(map(_comparable, project.claims.select(status=status)))
            after = sorted(map(_comparable, again.claims.select(status=status)))
            assert after == before
        assert sorted((s.title, s.outlet) for s in again.articles.summaries()) == sorted(
            (s.title, s.outlet) for s in project.articles.summaries()
        )


def test_export_shape_is_label_studio_tasks(project, tmp_path):
    project.articles.add(
        IncomingArticle(
            text="😀 12 boats", claims=(IncomingClaim(start=2, end=10, quote="12 boats", annotator="ben"),)
        ),
        by="amira",
    )
    out = tmp_path / "export.json"
    exporter_for("labelstudio")(project, out)
    [task] = json.loads(out.read_text(encoding="utf-8"))
    [annotation] = task["annotations"]
    assert annotation["completed_by"] == {"email": "ben"}
    region = annotation["result"][0]
    assert region["type"] == "labels"
    assert region["value"] == {"start": 2, "end": 10, "text": "12 boats", "labels": ["Claim"]}


BAD_FILES = [
    ('[{"data": {"text": "About 12 ships"}}, {"data": {"text": "x"}, "annotations": [', 1, "malformed JSON"),
    ('[{"data": {"text": "About 12 ships"}}\n', 2, "ends too early"),
    ('{"tasks": []}', 1, "not a Label Studio task"),
    ('"text"', 1, "expected a JSON list of tasks"),
    (
        '[{"data": {"text": "About 12 ships"}},\n {"data": {"title": "no text"}}]',
        2,
        "task 2: 'data.text' must be",
    ),
    (
        '[{"data": {"text": "About 12 ships"}, "annotations": [{"result": [{"id": "a", "type": "labels",'
        ' "value": {"start": 6, "end": 40, "labels": ["X"]}}]}]}]',
        1,
        "offsets 6-40 are outside the text",
    ),
    (
        '[{"data": {"text": "About 12 ships"}, "annotations": [{"result": [{"id": "a", "type": "labels",'
        ' "value": {"start": 6, "end": 8, "text": "13", "labels": ["X"]}}]}]}]',
        1,
        "text '13' differs from the task text at 6-8 ('12')",
    ),
    (
        '[{"data": {"text": "About 12 ships"}, "annotations": [{"result": [{"id": "a", "type": "labels",'
        ' "value": {"start": "6", "end": 8}}]}]}]',
        1,
        "'start' must be an integer offset",
    ),
    (
        '[{"data": {"text": "About 12 ships"}, "annotations": [{"result": [{"id": "a", "type": "labels",'
        ' "value": {"start": 6, "end": 8}}, {"id": "a", "type": "textarea", "from_name": "value",'
        ' "value": {"text": ["many"]}}]}]}]',
        1,
        "'value' must be a number",
    ),
]


@pytest.mark.parametrize(("content", "line", "message"), BAD_FILES)
def test_malformed_export_is_refused_whole_with_file_and_line(project, tmp_path, content, line, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    summary = _import(project, path)
    assert len(summary.failures) == 1
    source, reason = summary.failures[0]
    assert source == str(path)
    assert reason.startswith(f"line {line}: ")
    assert message in reason
    assert project.articles.count() == 0


def test_line_separator_inside_a_task_text_keeps_offsets_in_place(project, tmp_path):
    path = tmp_path / "ls.json"
    region = {
        "id": "a",
        "type": "labels",
        "value": {"start": 22, "end": 30, "text": "12 boats", "labels": ["X"]},
    }
    task = {"data": {"text": "First\u2028second line has 12 boats"}, "annotations": [{"result": [region]}]}
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    assert _import(project, path).failures == []
    assert next(project.claims.select()).quote == "12 boats"
