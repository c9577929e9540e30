"""Label Studio 1.23, the real server on loopback: our export goes in, its export comes back.

Ours → Label Studio: `annotator export --format labelstudio` and the labelling configuration
written beside it are accepted by Label Studio (the configuration as a project's
label_config, the tasks with annotations and predictions through its import API), pass
Label Studio's own validator, and come back through its exports with every span exact.
Label Studio → ours: annotations, predictions and a draft made through Label Studio's API
on a CRLF text come back through its standard JSON export and `annotator import`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.confidence import available_scales, load_scale
from annotator.core.exporters.labelstudio_config import labelling_config
from annotator.core.model import Figure, IncomingArticle, IncomingClaim
from annotator.core.store import Project
from tests.interop import labelstudio_client as ls

# Invented texts, one trap each: emoji, a ZWJ family, a flag; Hebrew and Arabic with an NBSP.
EMOJI = "Officials said 😀 some 11,000 troops 👨‍👩‍👧 were sent to 🇺🇦 in three months; 1,000 killed."
RTL = "דובר הצבא אמר כי 120 נהרגו.\nالمتحدث قال إن 45\u00a0جريحا نقلوا إلى المستشفى."
CRLF = "First line: 300 soldiers killed.\r\nSecond line 😀: about 2,700 wounded.\r\nשלום 12\u00a0km."


def _claim(text, quote, annotator, **fields) -> IncomingClaim:
    start = text.index(quote)
    return IncomingClaim(start=start, end=start + len(quote), quote=quote, annotator=annotator, **fields)


OUR_ARTICLES = (
    IncomingArticle(
        text=EMOJI,
        title="Troops",
        events=("Kursk 2026",),
        claims=(
            _claim(
                EMOJI,
                "some 11,000 troops 👨‍👩‍👧",
                "Amira Haddad",
                speaker="Officials",
                confidence="high",
                kind="statistical",
                status="submitted",
                figure=Figure(text="some 11,000", value=11000, qualifier="approximately", unit="troops"),
            ),
            _claim(EMOJI, "🇺🇦 in three months", "ben", note="flag inside", confidence="low"),
            _claim(EMOJI, "1,000 killed", "suggester", status="suggested"),
        ),
    ),
    IncomingArticle(
        text=RTL,
        title="Casualties",
        events=("Kursk 2026", "Hospitals"),
        claims=(
            _claim(RTL, "120 נהרגו", "ben", speaker="דובר הצבא", figure=Figure(value=120, measure="killed")),
            _claim(RTL, "45\u00a0جريحا", "Amira Haddad", speaker="المتحدث", confidence="moderate"),
            _claim(RTL, "45\u00a0جريحا نقلوا", "suggester", status="suggested"),
        ),
    ),
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = ls.start(tmp_path_factory.mktemp("label-studio"))
    yield running
    ls.stop(running)


@pytest.fixture(scope="module")
def our_export(tmp_path_factory) -> tuple[Path, Path]:
    """Our project exported with the command line: the tasks file and its configuration."""
    folder = tmp_path_factory.mktemp("ours")
    db = folder / "ours.annotator"
    with Project.open(db) as project:
        for article in OUR_ARTICLES:
            project.articles.add(article, by="amira")
    out = folder / "tasks.json"
    assert main(["export", "--db", str(db), "--format", "labelstudio", "--out", str(out)]) == 0
    return out, folder / "tasks.config.xml"


def _tasks(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _emails(tasks) -> set[str]:
    return {a["completed_by"]["email"] for task in tasks for a in task["annotations"]}


def _import(db: Path, path: Path, capsys) -> str:
    assert main(["import", "--db", str(db), "--format", "labelstudio", str(path)]) == 0
    return capsys.readouterr().out


def _claims(db: Path, status=None) -> list[tuple]:
    with Project.open(db) as project:
        return sorted(_comparable(project, c) for c in project.claims.select(status=status))


def _comparable(project, claim) -> tuple:
    text = project.articles.text(claim.article_id)
    assert text[claim.start : claim.end] == claim.quote
    return (
        claim.id,
        claim.article_id,
        claim.start,
        claim.end,
        claim.quote,
        claim.kind,
        claim.speaker,
        claim.figure,
        claim.confidence,
        claim.note,
        claim.status,
        claim.annotator,
    )


def _spans(task: dict) -> list[tuple]:
    """Every result of a task as Label Studio holds it; each region's text is its own slice."""
    text, spans = task["data"]["text"], []
    for item in [*task["annotations"], *task["predictions"]]:
        for result in item["result"]:
            value = result["value"]
            if result["type"] == "labels":
                assert text[value["start"] : value["end"]] == value["text"]
            spans.append((result["id"], result["from_name"], value["start"], value["end"], str(value)))
    return sorted(spans)


# -- ours → Label Studio ---------------------------------------------------------------------


def test_our_export_passes_label_studios_own_validator_against_our_config(our_export):
    tasks, config = our_export
    assert ls.validate(config, tasks) == []


def test_label_studio_refuses_annotators_that_are_not_members(server, our_export):
    tasks, config = our_export
    project = server.create_project("not members", config.read_text(encoding="utf-8"))
    with pytest.raises(ls.LabelStudioError) as refused:
        server.import_tasks(project, _tasks(tasks))
    assert refused.value.status == 400 and "Unknown annotator's email" in refused.value.body


@pytest.mark.parametrize("scale", available_scales())
def test_label_studio_accepts_the_config_of_every_confidence_scale(server, scale):
    config = labelling_config(load_scale(scale), kinds=["casualty count", "a <kind> & more"])
    project = server.create_project(f"scale {scale}", config)
    assert server.call("GET", f"/api/projects/{project}")["label_config"].strip() == config.strip()


def test_label_studio_checks_a_config_so_accepting_ours_means_something(server):
    broken = labelling_config(load_scale("icd203")).replace('toName="text"', 'toName="nowhere"', 1)
    with pytest.raises(ls.LabelStudioError) as refused:
        server.create_project("broken", broken)
    assert refused.value.status == 400


@pytest.fixture(scope="module")
def in_label_studio(server, our_export) -> int:
    """A Label Studio project made from our configuration, holding our tasks."""
    tasks, config = our_export
    for email in sorted(_emails(_tasks(tasks))):
        server.add_member(email)
    project = server.create_project("ours", config.read_text(encoding="utf-8"))
    stored = server.call("GET", f"/api/projects/{project}")["label_config"]
    assert stored.strip() == config.read_text(encoding="utf-8").strip()
    answer = server.import_tasks(project, _tasks(tasks))
    assert (answer["task_count"], answer["annotation_count"], answer["prediction_count"]) == (2, 4, 2)
    return project


@pytest.mark.parametrize("export", ["standard_export", "full_export"])
def test_label_studio_keeps_every_span_of_ours_exact(server, our_export, in_label_studio, export):
    ours = {task["data"]["article_id"]: task for task in _tasks(our_export[0])}
    theirs = json.loads(getattr(server, export)(in_label_studio))
    assert sorted(t["data"]["article_id"] for t in theirs) == sorted(ours)
    for task in theirs:
        mine = ours[task["data"]["article_id"]]
        assert task["data"] == mine["data"]
        if export == "standard_export":  # predictions listed by id only
            assert len(task["predictions"]) == len(mine["predictions"])
            assert all(isinstance(p, int) for p in task["predictions"])
            task, mine = {**task, "predictions": []}, {**mine, "predictions": []}
        assert _spans(task) == _spans(mine)


def test_ours_through_label_studio_full_export_comes_back_whole(
    server, our_export, in_label_studio, tmp_path, capsys
):
    path = tmp_path / "from-label-studio.json"
    path.write_text(server.full_export(in_label_studio), encoding="utf-8")
    _import(tmp_path / "back.annotator", path, capsys)
    _import(tmp_path / "direct.annotator", our_export[0], capsys)
    for status in (None, "suggested"):
        assert _claims(tmp_path / "back.annotator", status) == _claims(tmp_path / "direct.annotator", status)
    with Project.open(tmp_path / "back.annotator") as back:
        events = {a.title: a.events for a in map(back.articles.get, back.articles.ids())}
    assert events == {"Troops": ("Kursk 2026",), "Casualties": ("Hospitals", "Kursk 2026")}


def test_standard_export_keeps_annotators_and_reports_prediction_ids(
    server, our_export, in_label_studio, tmp_path, capsys
):
    path = tmp_path / "standard.json"
    path.write_text(server.standard_export(in_label_studio), encoding="utf-8")
    out = _import(tmp_path / "back.annotator", path, capsys)
    _import(tmp_path / "direct.annotator", our_export[0], capsys)
    assert _claims(tmp_path / "back.annotator") == _claims(tmp_path / "direct.annotator")
    assert out.count("(use Label Studio's full export to keep it)") == 2
    assert _claims(tmp_path / "back.annotator", "suggested") == []


# -- Label Studio → ours ---------------------------------------------------------------------


def _region(text: str, quote: str, rid: str, *, label="Claim", **fields) -> list[dict]:
    """A labels region on the raw task text (code points, CRLF counted as two) and its fields."""
    start = text.index(quote)
    span = {"start": start, "end": start + len(quote)}
    results = [
        {
            "id": rid,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {**span, "text": quote, "labels": [label]},
        }
    ]
    for name, (kind, value) in fields.items():
        key = {"textarea": "text", "choices": "choices", "number": "number"}[kind]
        results.append(
            {"id": rid, "from_name": name, "to_name": "text", "type": kind, "value": {**span, key: value}}
        )
    return results


@pytest.fixture(scope="module")
def made_in_label_studio(server, our_export) -> int:
    return make_in_label_studio(server, our_export[1].read_text(encoding="utf-8"))


def make_in_label_studio(server, config: str) -> int:
    """A Label Studio project whose annotation, prediction and draft Label Studio itself made."""
    project = server.create_project("theirs", config)
    data = {"text": CRLF, "article_id": "ls-article-7", "events": ["Spring offensive"], "title": "CRLF"}
    server.import_tasks(project, [{"data": data}])
    [task] = server.tasks(project)
    annotation = _region(
        CRLF,
        "300 soldiers killed",
        "a1",
        label="statistical",
        speaker=("textarea", ["Army spokesman"]),
        confidence=("choices", ["High"]),
        value=("number", 300),
        measure=("textarea", ["killed"]),
    )
    annotation += _region(CRLF, "12\u00a0km", "a2", note=("textarea", ["NBSP inside"]))
    server.call("POST", f"/api/tasks/{task['id']}/annotations", {"result": annotation})
    prediction = _region(CRLF, "about 2,700 wounded", "p1")
    server.call("POST", "/api/predictions", {"task": task["id"], "result": prediction, "model_version": "m1"})
    draft = _region(CRLF, "😀: about", "d1", confidence=("choices", ["Low"]))
    server.call("POST", f"/api/tasks/{task['id']}/drafts", {"result": draft, "lead_time": 2.5})
    return project


def _theirs_imported(server, project, export, tmp_path, capsys) -> tuple[Path, str]:
    path = tmp_path / "theirs.json"
    path.write_text(getattr(server, export)(project), encoding="utf-8")
    db = tmp_path / "theirs.annotator"
    return db, _import(db, path, capsys)


@pytest.mark.parametrize("export", ["standard_export", "full_export"])
def test_label_studio_annotations_and_draft_come_back_exact(
    server, made_in_label_studio, export, tmp_path, capsys
):
    db, _ = _theirs_imported(server, made_in_label_studio, export, tmp_path, capsys)
    with Project.open(db) as project:
        [article] = map(project.articles.get, project.articles.ids())
        claims = {c.quote: c for c in project.claims.select()}
    assert (article.id, article.events, article.text) == (
        "ls-article-7",
        ("Spring offensive",),
        CRLF.replace("\r\n", "\n"),
    )
    assert set(claims) == {"300 soldiers killed", "12\u00a0km", "😀: about"}
    for claim in claims.values():
        assert article.text[claim.start : claim.end] == claim.quote
    killed = claims["300 soldiers killed"]
    assert (killed.kind, killed.speaker, killed.confidence, killed.figure) == (
        "statistical",
        "Army spokesman",
        "high",
        Figure(value=300, measure="killed"),
    )
    assert claims["12\u00a0km"].note == "NBSP inside"
    assert (claims["😀: about"].status, claims["😀: about"].confidence) == ("draft", "low")


def test_label_studio_members_and_predictions_come_back_with_the_full_export(
    server, made_in_label_studio, tmp_path, capsys
):
    db, out = _theirs_imported(server, made_in_label_studio, "full_export", tmp_path, capsys)
    with Project.open(db) as project:
        made = {c.quote: c.annotator for c in project.claims.select()}
        [suggestion] = project.claims.select(status="suggested")
    assert set(made.values()) == {ls.USER}
    assert (suggestion.quote, suggestion.annotator) == ("about 2,700 wounded", "suggester")
    assert "not kept" not in out


def test_label_studio_standard_export_reports_its_prediction_ids(
    server, made_in_label_studio, tmp_path, capsys
):
    db, out = _theirs_imported(server, made_in_label_studio, "standard_export", tmp_path, capsys)
    assert "prediction 1: only its id" in out
    with Project.open(db) as project:
        assert list(project.claims.select(status="suggested")) == []
