"""The review, history, people and agreement commands."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.cli import main
from annotator.core.model import Figure
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."


@pytest.fixture
def db(project_path):
    with Project.open(project_path) as project:
        article = add_article(project, TEXT)
        project.people.add("amira", by="amira", reviewer=True)
        for who, confidence in (("amira", "low"), ("ben", "high")):
            project.claims.create(
                article, 18, 40, by=who, figure=Figure("27", 27), confidence=confidence, status="submitted"
            )
        project.claims.create(article, 45, 62, by="ben", status="submitted")
        ids = {c.annotator + str(c.start): c.id for c in project.claims.select()}
    return str(project_path), ids


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_queue_lists_only_colleagues_claims(db, capsys):
    path, ids = db
    code, out, _ = run(capsys, "review", "queue", "--db", path, "--as", "amira")
    assert code == 0
    assert ids["ben18"][-8:] in out and ids["ben45"][-8:] in out and ids["amira18"][-8:] not in out


def test_accept_by_id_prefix(db, capsys):
    path, ids = db
    code, out, _ = run(capsys, "review", "accept", ids["ben18"][-10:], "--db", path, "--as", "amira")
    assert code == 0 and out.startswith("accepted")
    with Project.open(path) as project:
        assert project.claims.get(ids["ben18"]).status == "accepted"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("reject", "{ben18}", "--as", "amira", "--reason", " "), "needs a reason"),
        (("accept", "{amira18}", "--as", "amira"), "your own claim"),
        (("accept", "{ben18}", "--as", "ben"), "your own claim"),
        (("accept", "{amira18}", "--as", "ben"), "not a reviewer"),
        (("accept", "zzzz", "--as", "amira"), "no claim with id"),
    ],
)
def test_refused_reviews_fail_with_a_message(db, capsys, argv, message):
    path, ids = db
    argv = [a.format(**ids) for a in argv]
    code, _, err = run(capsys, "review", *argv, "--db", path)
    assert code == 1 and message in err


def test_correct_then_history(db, capsys):
    path, ids = db
    code, out, _ = run(
        capsys,
        "review",
        "correct",
        ids["ben18"],
        "--db",
        path,
        "--as",
        "amira",
        "--value",
        "270",
        "--comment",
        "typo",
    )
    assert code == 0 and "->" in out
    code, out, _ = run(capsys, "history", ids["ben18"], "--db", path, "--format", "json")
    actions = [entry["action"] for entry in json.loads(out)]
    assert actions == ["create", "review", "corrected"]


def test_people_adds_a_reviewer(db, capsys):
    path, _ = db
    code, out, _ = run(capsys, "people", "--db", path, "--add", "carla", "--reviewer", "--as", "amira")
    assert code == 0 and "carla  (reviewer)" in out.splitlines()


@pytest.mark.parametrize("format_name", ["text", "csv", "json"])
def test_agreement_formats(db, capsys, format_name):
    path, _ = db
    code, out, _ = run(capsys, "agreement", "--db", path, "--format", format_name)
    assert code == 0
    if format_name == "json":
        row = json.loads(out)["rows"][0]
        assert (row["pair"], row["exact_matched"], row["exact_only_b"]) == ("amira / ben", 1, 1)
        assert row["exact_f1"] == pytest.approx(2 / 3, abs=1e-4)
    elif format_name == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert (
            rows[0]["overlap_matched"] == "1"
            and rows[0]["confidence_kappa"] == "0.0"
            and rows[0]["figure_alpha"] == ""
        )
    else:
        assert "amira / ben" in out and "0.67 (1/0/1)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--annotators", "amira,zoe"), "nobody called zoe"),
        (("--annotators", "amira"), "at least two"),
        (("--article", "nope"), "no article"),
    ],
)
def test_agreement_refuses_bad_arguments(db, capsys, argv, message):
    path, _ = db
    code, _, err = run(capsys, "agreement", "--db", path, *argv)
    assert code == 1 and message in err


def test_merge_command_reports_and_is_idempotent(db, tmp_path, capsys):
    path, ids = db
    other = tmp_path / "ben.annotator"
    with Project.open(path) as ours, Project.open(other) as theirs:
        ours.db.conn.backup(theirs.db.conn)
        theirs.reviews.comment(ids["ben18"], "source is the ministry", by="ben")
    code, out, _ = run(capsys, "merge", "--db", path, str(other), "--annotator", "amira")
    assert code == 0 and "1 comment(s)" in out
    code, out, _ = run(capsys, "merge", "--db", path, str(other))
    assert code == 0 and out.strip().endswith("nothing new")


@pytest.mark.parametrize("other", ["missing.annotator", "self"])
def test_merge_command_refuses_bad_files(db, tmp_path, capsys, other):
    path, _ = db
    target = path if other == "self" else str(tmp_path / other)
    code, _, err = run(capsys, "merge", "--db", path, target)
    assert code == 1 and err


def test_conflicts_are_listed(db, tmp_path, capsys):
    path, ids = db
    other = tmp_path / "ben.annotator"
    with Project.open(path) as ours, Project.open(other) as theirs:
        ours.db.conn.backup(theirs.db.conn)
        theirs.claims.edit(ids["ben18"], by="ben", note="theirs")
        ours.claims.edit(ids["ben18"], by="ben", note="ours")
    assert run(capsys, "review", "conflicts", "--db", path)[1].strip() == "(none)"
    run(capsys, "merge", "--db", path, str(other))
    code, out, _ = run(capsys, "review", "conflicts", "--db", path)
    assert code == 0 and ids["ben18"][:8] in out and "edited" in out
