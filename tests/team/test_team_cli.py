"""Every command on a team project: `--db postgresql://...` wherever a project file is accepted,
the person acting being the role logged in."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.cli import main
from annotator.core.model import Figure
from annotator.core.store import Project

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday.\n"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def desk(team, tmp_path, capsys):
    """The team project with one article imported by ann through the CLI and her submitted claim."""
    article = tmp_path / "kursk.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", team.url("ann"), str(article))
    assert code == 0, err
    with Project.open(team.url("ann")) as project:
        [article_id] = project.articles.ids()
        project.speakers.add("Defence Ministry", by="ann", aliases=("the ministry",))
        claim = project.claims.create(
            article_id, 18, 40, by="ann", speaker="the ministry", figure=Figure("27", 27), status="submitted"
        )
    with Project.open(team.url("ben")) as project:  # a second annotator, for agreement
        project.claims.create(article_id, 18, 40, by="ben", figure=Figure("27", 27), status="submitted")
    return team, article_id, claim


def test_import_lists_and_claims_read_the_team_project(desk, capsys):
    team, article_id, claim = desk
    code, out, _ = run(capsys, "articles", "--db", team.url("reed"), "--format", "json")
    assert code == 0 and [a["id"] for a in json.loads(out)] == [article_id]
    code, out, _ = run(capsys, "claims", "--db", team.url("reed"), "--article", article_id, "--format=json")
    assert code == 0 and claim.id in [c["id"] for c in json.loads(out)]


def test_a_review_through_the_command_line_is_the_connected_reviewers(desk, capsys):
    team, _, claim = desk
    code, out, err = run(capsys, "review", "accept", claim.id[-10:], "--db", team.url("rita"))
    assert code == 0 and out.startswith("accepted"), err
    with Project.open(team.url("reed")) as project:
        assert project.claims.get(claim.id).status == "accepted"
        assert project.reviews.latest(claim.id).reviewer == "rita"
        assert [e.who for e in project.log.claim_history(claim.id)][-2:] == ["rita", "rita"]


def test_as_someone_else_is_refused_in_one_line(desk, capsys):
    team, _, claim = desk
    code, _, err = run(capsys, "review", "accept", claim.id, "--db", team.url("rita"), "--as", "rob")
    assert code == 1
    assert err.count("\n") == 1 and "you log in as (rita)" in err and "connect as rob" in err
    with Project.open(team.url("reed")) as project:
        assert project.claims.get(claim.id).status == "submitted"


def test_naming_oneself_with_as_is_harmless(desk, capsys):
    team, _, claim = desk
    code, _, err = run(capsys, "review", "accept", claim.id, "--db", team.url("rita"), "--as", "rita")
    assert code == 0, err


def test_the_server_refuses_what_the_role_may_not_do_in_words(desk, capsys):
    team, _, claim = desk
    code, _, err = run(capsys, "review", "accept", claim.id, "--db", team.url("reed"))
    assert code == 1 and "annotator:" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "brat", "doccano", "labelstudio", "claimreview", "xlsx"])
def test_every_export_format_reads_a_team_project(desk, tmp_path, capsys, fmt):
    team, _, claim = desk
    out = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", "--db", team.url("reed"), "--format", fmt, "--out", str(out))
    assert code == 0, err
    assert out.exists()


def test_the_csv_export_of_a_team_project_is_its_claims(desk, capsys):
    team, article_id, claim = desk
    code, out, _ = run(capsys, "export", "--db", team.url("reed"), "--format", "csv", "--out", "-")
    assert code == 0
    rows = {row["claim_id"]: row for row in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert len(rows) == 2
    assert rows[claim.id]["annotator"] == "ann" and rows[claim.id]["speaker"] == "Defence Ministry"


@pytest.mark.parametrize(
    "argv",
    [
        ("history", "{claim}"),
        ("agreement",),
        ("compare",),
        ("review", "queue"),
        ("speakers", "list"),
    ],
)
def test_reading_commands_work_on_a_team_project(desk, capsys, argv):
    team, _, claim = desk
    argv = [part.format(claim=claim.id) for part in argv]
    code, _, err = run(capsys, *argv, "--db", team.url("rob"))
    assert code == 0, err


def test_changing_commands_act_as_the_connected_role(desk, capsys):
    team, article_id, _ = desk
    url = team.url("ben")
    assert run(capsys, "speakers", "add", "National Intelligence Service", "--alias=NIS", "--db", url)[0] == 0
    assert run(capsys, "suggest", "--all", "--db", url)[0] == 0
    assert run(capsys, "article", "edit", article_id[-8:], "--db", url, "--outlet", "BBC")[0] == 0
    with Project.open(team.url("reed")) as project:
        assert project.articles.get(article_id).outlet == "BBC"
        assert project.speakers.resolve("NIS") == "National Intelligence Service"
        assert project.claims.count(status="suggested") >= 1
        speaker_entries = project.log.history(entity="speaker", entity_id="National Intelligence Service")
        assert speaker_entries and {e.who for e in speaker_entries} == {"ben"}


def test_backup_of_a_team_project_is_refused_in_words(team, capsys):
    code, _, err = run(capsys, "backup", "--db", team.url("olga"))
    assert code == 1 and "team project" in err and "pg_dump" in err
    code, _, err = run(capsys, "backup", "--db", team.url("olga"), "--restore", "some.annotator")
    assert code == 1 and "pg_restore" in err


def test_a_database_that_is_no_team_project_is_refused(pg_server, empty_database, capsys):
    from tests.team.conftest import ADMIN, ADMIN_PASSWORD

    code, _, err = run(capsys, "articles", "--db", pg_server.url(ADMIN, empty_database, ADMIN_PASSWORD))
    assert code == 1 and "not a team project" in err and ADMIN_PASSWORD not in err


def test_claim_add_on_a_team_project_is_the_connected_analysts(desk, capsys):
    team, article_id, _ = desk
    code, out, err = run(
        capsys, "claim", "add", "--db", team.url("ben"), "--article", article_id,
        "--quote", "about 60 wounded", "--format", "json",
    )
    assert code == 0, err
    added = json.loads(out)
    assert added["annotator"] == "ben" and added["figure"]["value"] == 60
    code, _, err = run(
        capsys, "claim", "add", "--db", team.url("ben"), "--article", article_id,
        "--quote", "27 soldiers", "--as", "ann",
    )
    assert code == 1 and "connect as ann" in err
    with Project.open(team.url("reed")) as project:
        assert [c.annotator for c in project.claims.for_article(article_id) if c.quote == "27 soldiers"] == []
