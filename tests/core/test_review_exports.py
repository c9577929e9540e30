"""Reviews travel with the exports: the latest review in CSV, everything in JSONL."""

from __future__ import annotations

import csv
import json

import pytest

from annotator.core.exporters.csv_export import CSV_HEADERS, write_csv
from annotator.core.exporters.jsonl_export import write_jsonl
from annotator.core.importers.runner import import_paths
from annotator.core.model import Figure
from annotator.core.store import Project
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."
REVIEW_COLUMNS = ["reviewer", "review_decision", "review_comment", "reviewed_at"]


@pytest.fixture
def reviewed(project):
    article = add_article(project, TEXT, title="Vardel clashes")
    first = project.claims.create(article, 18, 40, by="ben", figure=Figure("27", 27), status="submitted")
    second = project.claims.create(
        article, 45, 62, by="ben", figure=Figure("about 60", 60), status="submitted"
    )
    project.claims.create(article, 0, 12, by="amira")
    project.reviews.dispute(first.id, by="amira", comment="which ministry?")
    project.reviews.reject(first.id, by="carla", reason="=SUM(A1)")
    project.reviews.comment(first.id, "Defence.", by="ben")
    project.reviews.correct(second.id, by="amira", comment="60 wounded", value=61)
    return project, first, second


def _csv_rows(project, tmp_path) -> list[dict]:
    out = tmp_path / "claims.csv"
    write_csv(project, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_review_columns_come_last_in_order():
    headers = list(CSV_HEADERS)
    assert headers[-4:] == REVIEW_COLUMNS
    assert headers[:3] == ["claim_id", "article_id", "article_title"]


def test_csv_shows_the_latest_review(reviewed, tmp_path):
    project, first, _ = reviewed
    row = next(r for r in _csv_rows(project, tmp_path) if r["claim_id"] == first.id)
    latest = project.reviews.latest(first.id)
    assert [row[c] for c in REVIEW_COLUMNS] == ["carla", "rejected", "'=SUM(A1)", latest.created_at]


def test_csv_links_a_correction_to_its_original(reviewed, tmp_path):
    project, _, second = reviewed
    rows = {r["claim_id"]: r for r in _csv_rows(project, tmp_path)}
    correction = next(r for r in rows.values() if r["supersedes"] == second.id)
    assert rows[second.id]["review_decision"] == "corrected"
    assert rows[second.id]["status"] == "rejected"
    assert correction["value"] == "61" and correction["status"] == "accepted"


def test_unreviewed_claims_have_empty_review_cells(reviewed, tmp_path):
    project, *_ = reviewed
    row = next(r for r in _csv_rows(project, tmp_path) if r["annotator"] == "amira" and not r["supersedes"])
    assert [row[c] for c in REVIEW_COLUMNS] == ["", "", "", ""]


def _export(project, path):
    write_jsonl(project, path)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _without_source(records):
    for record in records:
        record.pop("source_name")
    return records


def test_jsonl_round_trip_keeps_reviews_comments_and_history(reviewed, tmp_path):
    project, first, _ = reviewed
    exported = _export(project, tmp_path / "one.jsonl")
    with Project.open(":memory:") as copy:
        summary = import_paths(copy, [tmp_path / "one.jsonl"], by="dora")
        assert summary.failures == []
        again = _export(copy, tmp_path / "two.jsonl")
        assert copy.reviews.of_claim(first.id) == project.reviews.of_claim(first.id)
        assert copy.reviews.comments_of(first.id) == project.reviews.comments_of(first.id)
    assert _without_source(again) == _without_source(exported)


def test_jsonl_claims_carry_their_history(reviewed, tmp_path):
    project, first, _ = reviewed
    claim = next(c for c in _export(project, tmp_path / "out.jsonl")[0]["claims"] if c["id"] == first.id)
    assert [h["action"] for h in claim["history"]] == [
        "create",
        "review",
        "disputed",
        "review",
        "rejected",
        "comment",
    ]
    assert [r["decision"] for r in claim["reviews"]] == ["disputed", "rejected"]
    assert claim["comments"][0]["body"] == "Defence."


def test_importing_the_same_file_twice_adds_nothing(reviewed, tmp_path):
    project, *_ = reviewed
    _export(project, tmp_path / "out.jsonl")
    with Project.open(":memory:") as copy:
        import_paths(copy, [tmp_path / "out.jsonl"], by="dora")
        counts = copy.log.count(), len(copy.reviews.all_reviews()), len(copy.reviews.all_comments())
        import_paths(copy, [tmp_path / "out.jsonl"], by="dora")
        assert (copy.log.count(), len(copy.reviews.all_reviews()), len(copy.reviews.all_comments())) == counts


def _one_claim_file(tmp_path, **claim_extras) -> str:
    claim = {"start": 18, "end": 40, "id": "c1", **claim_extras}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": TEXT, "claims": [claim]}) + "\n", encoding="utf-8")
    return path


GOOD_REVIEW = {"id": "r1", "reviewer": "amira", "decision": "accepted", "created_at": "2026-01-01T00:00:00Z"}


@pytest.mark.parametrize(
    ("extras", "message"),
    [
        ({"reviews": {"id": "r1"}}, "'reviews' must be a list"),
        ({"reviews": ["accepted"]}, "'reviews' must be a list of objects"),
        ({"reviews": [{**GOOD_REVIEW, "decision": "liked"}]}, "unknown decision"),
        ({"reviews": [{**GOOD_REVIEW, "id": ""}]}, "'id' is required"),
        ({"reviews": [{**GOOD_REVIEW, "reviewer": 7}]}, "'reviewer' must be a string"),
        ({"comments": [{"id": "m1", "author": "ben", "created_at": "x"}]}, "'body' is required"),
        (
            {"history": [{"at": "x", "action": "edit", "entity": "claim", "entity_id": "c1", "after": 3}]},
            "object",
        ),
        ({"history": [{"at": "x", "entity": "claim", "entity_id": "c1"}]}, "'action' is required"),
        ({"status": "submitted", "supersedes": 5}, "'supersedes' must be a string"),
    ],
)
def test_broken_review_data_rejects_the_whole_file(project, tmp_path, extras, message):
    summary = import_paths(project, [_one_claim_file(tmp_path, **extras)], by="dora")
    assert len(summary.failures) == 1 and message in summary.failures[0][1]
    assert project.articles.count() == 0 and project.log.count() == 0


def test_unknown_article_status_is_rejected(project, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": TEXT, "status": "finished"}) + "\n", encoding="utf-8")
    summary = import_paths(project, [path], by="dora")
    assert "unknown article status" in summary.failures[0][1]


@pytest.mark.file_only  # an import cannot bring others' reviews to the server
def test_a_correction_whose_original_is_missing_loses_only_the_link(project, tmp_path):
    path = _one_claim_file(
        tmp_path, supersedes="not-in-file", reviews=[{**GOOD_REVIEW, "corrected_claim_id": "gone"}]
    )
    summary = import_paths(project, [path], by="dora")
    assert summary.failures == []
    assert project.claims.get("c1").supersedes is None
    assert project.reviews.of_claim("c1")[0].corrected_claim_id is None
