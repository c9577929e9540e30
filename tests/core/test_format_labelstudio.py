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
    assert annotation["completed_by"] == {"email": "ben@annotator.invalid"}
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


# -- issue 11: what real Label Studio 1.23 accepts and exports ------------------------------

EVENT_TEXT = "Officials said some 11,000 troops were sent 👨‍👩‍👧; 300 killed."


def _events_project(project, *, annotator="Amira Haddad"):
    quote = "some 11,000 troops"
    start = EVENT_TEXT.index(quote)
    claims = (
        IncomingClaim(
            start=start, end=start + len(quote), quote=quote, annotator=annotator, speaker="Officials"
        ),
        IncomingClaim(
            start=EVENT_TEXT.index("300"),
            end=len(EVENT_TEXT) - 1,
            quote="300 killed",
            status="suggested",
            annotator="suggester",
        ),
    )
    incoming = IncomingArticle(text=EVENT_TEXT, title="Troops", events=("Kursk 2026",), claims=claims)
    return project.articles.add(incoming, by="amira").article_id


def _export(project, tmp_path) -> tuple[Path, list[dict]]:
    out = tmp_path / "export.json"
    exporter_for("labelstudio")(project, out)
    return out, json.loads(out.read_text(encoding="utf-8"))


def _as_label_studio_exports_it(task: dict, *, full_predictions: bool) -> dict:
    """Our task after a round through Label Studio 1.23.2, as its JSON export showed it:
    members by user id, annotations renumbered with our id as `import_id`, new timestamps,
    predictions as ids unless the export asked for full predictions."""
    task = json.loads(json.dumps(task))
    for number, annotation in enumerate(task["annotations"], start=7):
        annotation.update(
            id=number, import_id=annotation["id"], completed_by=number + 10, created_at="2026-12-01T08:59:56Z"
        )
    predictions = [{**p, "id": n, "score": None} for n, p in enumerate(task["predictions"], start=3)]
    task["predictions"] = predictions if full_predictions else [p["id"] for p in predictions]
    return {**task, "id": 42, "drafts": [], "total_predictions": len(predictions)}


def _write_tasks(tmp_path, tasks, name="ls.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def test_completed_by_is_an_email_label_studio_accepts_and_maps_back_to_the_name(project, tmp_path):
    _events_project(project)
    out, [task] = _export(project, tmp_path)
    assert task["annotations"][0]["completed_by"] == {"email": "Amira%20Haddad@annotator.invalid"}
    with Project.open(":memory:") as again:
        _import(again, out)
        assert [c.annotator for c in again.claims.select()] == ["Amira Haddad"]


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("ben", "ben@annotator.invalid"),
        ("J. Doe", "J%2E%20Doe@annotator.invalid"),
        ("Zoë", "Zo%C3%AB@annotator.invalid"),
        ("ines@example.org", "ines@example.org"),
    ],
)
def test_annotator_emails_are_reversible(name, email):
    from annotator.core.importers.labelstudio import email_for, name_for

    assert (email_for(name), name_for(email)) == (email, name)


def test_label_studio_export_with_member_emails_gives_back_the_names(project, tmp_path):
    _events_project(project)
    _, [task] = _export(project, tmp_path)
    task = _as_label_studio_exports_it(task, full_predictions=True)
    task["meta"] = {}
    task["annotations"][0]["completed_by"] = {"id": 3, "email": "Amira%20Haddad@annotator.invalid"}
    _import(project := Project.open(":memory:"), _write_tasks(tmp_path, [task]))
    assert [c.annotator for c in project.claims.select()] == ["Amira Haddad"]
    project.close()


def test_predictions_listed_as_ids_are_reported_not_refused(project, tmp_path):
    _events_project(project)
    _, [task] = _export(project, tmp_path)
    summary = _import(
        project, _write_tasks(tmp_path, [_as_label_studio_exports_it(task, full_predictions=False)])
    )
    assert summary.failures == []
    assert [what for _, what in summary.skipped] == [
        "prediction 1: only its id 3 (use Label Studio's full export to keep it)"
    ]


def test_ours_through_label_studio_and_back_keeps_claims_suggestions_and_annotators(project, tmp_path):
    _events_project(project)
    _, [task] = _export(project, tmp_path)
    path = _write_tasks(tmp_path, [_as_label_studio_exports_it(task, full_predictions=True)])
    with Project.open(":memory:") as again:
        assert _import(again, path).failures == []
        for status in (None, "suggested"):
            before = sorted(map(_comparable, project.claims.select(status=status)))
            assert sorted(map(_comparable, again.claims.select(status=status))) == before


def test_events_and_article_id_survive_label_studio(project, tmp_path):
    article_id = _events_project(project)
    _, [task] = _export(project, tmp_path)
    assert (task["data"]["article_id"], task["data"]["events"]) == (article_id, ["Kursk 2026"])
    path = _write_tasks(tmp_path, [_as_label_studio_exports_it(task, full_predictions=False)])
    with Project.open(":memory:") as again:
        _import(again, path)
        [summary] = again.articles.summaries()
        assert summary.id == article_id
        assert again.articles.get(article_id).events == ("Kursk 2026",)


def test_a_label_studio_draft_becomes_a_draft_claim_by_its_user(project, tmp_path):
    region = {
        "id": "d1",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 15, "end": 33, "text": "some 11,000 troops", "labels": ["Claim"]},
    }
    draft = {
        "id": 1,
        "user": "ines@example.org",
        "created_username": "ines@example.org, 2",
        "result": [region],
        "import_id": None,
        "annotation": None,
    }
    path = _write_tasks(tmp_path, [{"data": {"text": EVENT_TEXT}, "annotations": [], "drafts": [draft]}])
    assert _import(project, path).failures == []
    [claim] = project.claims.select()
    assert (claim.quote, claim.status, claim.annotator) == ("some 11,000 troops", "draft", "ines@example.org")


def _config_for(project, tmp_path):
    import xml.etree.ElementTree as ET

    out, tasks = _export(project, tmp_path)
    config = out.with_name("export.config.xml")
    return ET.fromstring(config.read_text(encoding="utf-8")), tasks


def test_export_writes_the_labelling_config_from_the_project_scale_beside_it(project, tmp_path):
    project.settings.set("confidence_scale", "admiralty")
    _events_project(project)
    root, _ = _config_for(project, tmp_path)
    confidence = root.find(".//Choices[@name='confidence']")
    labels = [choice.get("value") for choice in confidence]
    assert labels == [level.label for level in project.settings.confidence_scale().levels]
    assert len(labels) == 36


def test_every_per_region_field_in_the_config_has_a_header(project, tmp_path):
    _events_project(project)
    root, _ = _config_for(project, tmp_path)
    region_view = root.find("View[@visibleWhen='region-selected']")
    children = list(region_view)
    controls = [(i, c) for i, c in enumerate(children) if c.get("perRegion") == "true"]
    assert len(controls) == 14
    assert all(children[i - 1].tag == "Header" and children[i - 1].get("value") for i, _ in controls)


def test_every_result_of_the_export_names_a_control_and_value_of_the_config(project, tmp_path):
    _import(project, FIXTURES / "tasks.json")
    _events_project(project)
    root, tasks = _config_for(project, tmp_path)
    controls = {c.get("name"): c for c in root.iter() if c.get("toName")}
    for task in tasks:
        for item in [*task["annotations"], *task["predictions"]]:
            for result in item["result"]:
                control = controls[result["from_name"]]
                assert control.tag.casefold() == result["type"]
                offered = {option.get("value") for option in control}
                chosen = result["value"].get("choices") or result["value"].get("labels") or []
                assert set(chosen) <= offered


def test_standard_output_export_writes_no_config(project, tmp_path, capsys, monkeypatch):
    _events_project(project)
    monkeypatch.chdir(tmp_path)
    exporter_for("labelstudio")(project, None)
    assert json.loads(capsys.readouterr().out)
    assert list(tmp_path.iterdir()) == []


LS_BAD_FILES = [
    (
        '[{"data": {"text": "About 12 ships"}},\n {"data": {"text": "x y"}, "predictions": ["p1"]}]',
        2,
        "prediction 1 must be an object or an id",
    ),
    ('[{"data": {"text": "About 12 ships", "events": [1, 2]}}]', 1, "'data.events' must be a list"),
    ('[{"data": {"text": "About 12 ships", "article_id": 7}}]', 1, "'data.article_id' must be text"),
    (
        '[{"data": {"text": "About 12 ships"}, "meta": {"annotator": {"annotators": {"1": 5}}}}]',
        1,
        "'meta.annotator.annotators' must map",
    ),
    ('[{"data": {"text": "About 12 ships"}, "drafts": {"id": 1}}]', 1, "'drafts' must be a list"),
    (
        '[{"data": {"text": "About 12 ships"}, "meta": {"annotator": "ben"}}]',
        1,
        "'meta.annotator.annotators'",
    ),
]


@pytest.mark.parametrize(("content", "line", "message"), LS_BAD_FILES)
def test_crafted_label_studio_files_are_refused_whole(project, tmp_path, content, line, message):
    test_malformed_export_is_refused_whole_with_file_and_line(project, tmp_path, content, line, message)


# Label Studio 1.23.2's own exports of a project where it made an annotation, a prediction and
# a draft on a CRLF text (captured from the real server by tests/interop/test_labelstudio.py's
# make_in_label_studio): its standard export (the Export button) and its full export snapshot.
REAL_EXPORTS = {"standard": FIXTURES / "ls-1.23.2-standard.json", "full": FIXTURES / "ls-1.23.2-full.json"}


@pytest.mark.parametrize("export", sorted(REAL_EXPORTS))
def test_label_studio_1_23_exports_import_exactly(project, export):
    summary = _import(project, REAL_EXPORTS[export])
    assert (summary.imported, summary.failures) == (1, [])
    [article] = map(project.articles.get, project.articles.ids())
    assert (article.id, article.events, article.title) == ("ls-article-7", ("Spring offensive",), "CRLF")
    claims = _by_quote(project)
    assert sorted(claims) == ["12\u00a0km", "300 soldiers killed", "😀: about"]
    assert all(article.text[c.start : c.end] == c.quote for c in claims.values())
    killed = claims["300 soldiers killed"]
    assert (killed.kind, killed.speaker, killed.confidence, killed.status) == (
        "statistical",
        "Army spokesman",
        "high",
        "draft",
    )
    assert killed.figure == Figure(value=300, measure="killed")
    assert (claims["😀: about"].status, claims["😀: about"].confidence) == ("draft", "low")


def test_label_studio_1_23_full_export_keeps_members_and_predictions(project):
    summary = _import(project, REAL_EXPORTS["full"])
    assert summary.skipped == []
    assert {c.annotator for c in project.claims.select()} == {"analyst@example.org"}
    [suggestion] = project.claims.select(status="suggested")
    assert (suggestion.quote, suggestion.annotator) == ("about 2,700 wounded", "suggester")


def test_label_studio_1_23_standard_export_reports_prediction_ids(project):
    summary = _import(project, REAL_EXPORTS["standard"])
    assert [what for _, what in summary.skipped] == [
        "prediction 1: only its id 1 (use Label Studio's full export to keep it)"
    ]
    assert list(project.claims.select(status="suggested")) == []
    assert {c.annotator for c in project.claims.select()} == {"amira", "analyst@example.org"}
