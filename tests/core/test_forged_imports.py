"""Crafted JSONL files: an import adds claims and their own trail, never rewrites history.

Each file here is what a hostile or careless colleague could hand over: reviews, comments
and history entries aimed at claims the project already holds.
"""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.core.exporters.claimreview_export import write_claimreview
from annotator.core.importers.runner import import_paths
from annotator.core.model import Figure
from tests.conftest import add_article

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."
FORGED_REVIEW = {
    "id": "forged-review",
    "reviewer": "ben",
    "decision": "rejected",
    "comment": "fabricated",
    "created_at": "2099-01-01T00:00:00Z",  # later than any real review: it would be the latest
}


@pytest.fixture
def held(project):
    """A project holding amira's claim, accepted by carla."""
    article = add_article(project, TEXT)
    claim = project.claims.create(article, 18, 40, by="amira", figure=Figure("27", 27), status="submitted")
    project.reviews.accept(claim.id, by="carla")
    return project, claim


def write_file(tmp_path, *claims) -> str:
    path = tmp_path / "colleague.jsonl"
    path.write_text(json.dumps({"text": TEXT, "claims": list(claims)}) + "\n", encoding="utf-8")
    return path


def forged_history(claim_id: str) -> dict:
    return {
        "at": "2026-01-01T00:00:00Z",
        "who": "ben",
        "action": "rejected",
        "entity": "claim",
        "entity_id": claim_id,
        "before": {"status": "accepted"},
        "after": {"status": "rejected"},
    }


def test_reviews_aimed_at_a_claim_already_here_are_not_attached(held, tmp_path):
    project, claim = held
    path = write_file(tmp_path, {"id": claim.id, "start": 18, "end": 40, "reviews": [FORGED_REVIEW]})
    summary = import_paths(project, [path], by="dora")
    assert [r.reviewer for r in project.reviews.of_claim(claim.id)] == ["carla"]
    assert any(claim.id in what and "not attached" in what for _, what in summary.warnings)


def test_the_claimreview_export_never_publishes_a_forged_review(held, tmp_path):
    project, claim = held
    import_paths(
        project,
        [write_file(tmp_path, {"id": claim.id, "start": 18, "end": 40, "reviews": [FORGED_REVIEW]})],
        by="dora",
    )
    write_claimreview(project, tmp_path / "out.jsonld")
    published = (tmp_path / "out.jsonld").read_text(encoding="utf-8")
    assert "fabricated" not in published and "carla" in published


def test_comments_and_history_aimed_at_a_claim_already_here_are_not_attached(held, tmp_path):
    project, claim = held
    before = project.log.claim_history(claim.id)
    comment = {"id": "m1", "author": "ben", "body": "planted", "created_at": "2026-01-01T00:00:00Z"}
    extras = {"comments": [comment], "history": [forged_history(claim.id)]}
    import_paths(
        project, [write_file(tmp_path, {"id": claim.id, "start": 18, "end": 40, **extras})], by="dora"
    )
    assert project.reviews.comments_of(claim.id) == []
    assert project.log.claim_history(claim.id) == before


def test_a_new_claim_cannot_carry_history_about_another_claim(held, tmp_path):
    project, claim = held
    review_entry = {
        "at": "2026-01-01T00:00:00Z",
        "who": "ben",
        "action": "review",
        "entity": "review",
        "entity_id": "r9",
        "after": {**FORGED_REVIEW, "claim_id": claim.id},
    }
    new = {"id": "n1", "start": 0, "end": 12, "history": [forged_history(claim.id), review_entry]}
    before = project.log.claim_history(claim.id)
    summary = import_paths(project, [write_file(tmp_path, new)], by="dora")
    assert summary.claims == 1
    assert project.log.claim_history(claim.id) == before
    assert project.log.claim_history("n1")[-1].action == "import"


def test_every_imported_claim_is_logged(project, tmp_path):
    path = write_file(tmp_path, {"id": "n1", "start": 0, "end": 12}, {"id": "n2", "start": 18, "end": 40})
    import_paths(project, [path], by="dora")
    logged = [(e.who, e.action, e.entity_id, e.imported_from) for e in project.log.history(entity="claim")]
    assert logged == [("dora", "import", "n1", None), ("dora", "import", "n2", None)]


def test_history_a_file_carries_is_marked_as_imported(project, tmp_path, capsys):
    own = {**forged_history("n1"), "action": "edit", "who": "ben"}
    path = write_file(tmp_path, {"id": "n1", "start": 0, "end": 12, "history": [own]})
    import_paths(project, [path], by="dora")
    carried, logged = project.log.claim_history("n1")
    assert (carried.action, carried.imported_from) == ("edit", "colleague.jsonl")
    assert (logged.action, logged.imported_from) == ("import", None)


def test_annotator_history_shows_imported_entries_as_imported(project_path, tmp_path, capsys):
    from annotator.core.store import Project

    with Project.open(project_path) as project:
        add_article(project, TEXT)
    own = {**forged_history("n1"), "action": "edit"}
    path = write_file(tmp_path, {"id": "n1", "start": 0, "end": 12, "history": [own]})
    assert main(["import", str(path), "--db", str(project_path), "--annotator", "dora"]) == 0
    capsys.readouterr()
    assert main(["history", "n1", "--db", str(project_path)]) == 0
    edit_line, import_line = capsys.readouterr().out.splitlines()
    assert "edit [imported from colleague.jsonl]" in edit_line
    assert "import" in import_line and "imported from" not in import_line
