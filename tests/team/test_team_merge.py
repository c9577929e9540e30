"""Between files and the server: `merge --db URL local.annotator` publishes one's own work under
the team's rules (the rest refused, by name); `merge --db local.annotator URL` takes a copy."""

from __future__ import annotations

import pytest

from annotator.cli import main
from annotator.core.model import Figure
from annotator.core.review.merge import merge_file
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."


@pytest.fixture
def offline(tmp_path):
    """ben's file, worked offline: his two claims, one of ann's he was sent, her comment on his."""
    path = tmp_path / "ben.annotator"
    with Project.open(path) as project:
        article = add_article(project, TEXT, by="ben")
        bens = project.claims.create(article, 18, 40, by="ben", figure=Figure("27", 27), status="submitted")
        project.claims.create(article, 45, 62, by="ben", note="check the count")
        project.claims.create(article, 0, 12, by="ann")
        project.reviews.comment(bens.id, "which ministry?", by="ann")
    return path


def test_publishing_a_file_brings_in_ones_own_claims_and_names_the_rest_refused(team, offline):
    with Project.open(team.url("ben")) as desk:
        result = merge_file(desk, offline, by="ben")
        assert len(result.new_claims) == 2 and len(result.new_articles) == 1
        assert sorted(c.annotator for c in desk.claims.select()) == ["ben", "ben"]
        reasons = [c.reason for c in result.refused]
        assert any("ann's: only they can publish it" in reason for reason in reasons)
        assert len(reasons) == 2  # ann's claim and ann's comment
        assert desk.reviews.all_comments() == []
        claim_entries = desk.log.history(entity="claim")
        assert {e.who for e in claim_entries} == {"ben"}
        assert {e.action for e in claim_entries if e.imported_from is None} == {"merge"}
        assert {e.action for e in claim_entries if e.imported_from} == {"create"}  # the file's history


def test_publishing_the_same_file_again_changes_nothing(team, offline):
    with Project.open(team.url("ben")) as desk:
        merge_file(desk, offline, by="ben")
        again = merge_file(desk, offline, by="ben")
        assert again.new_claims == [] and again.new_articles == [] and again.refused == []
        assert desk.claims.count() == 2


def test_a_claim_reviewed_offline_arrives_refused_not_accepted(team, tmp_path):
    path = tmp_path / "reviewed.annotator"
    with Project.open(path) as project:
        article = add_article(project, TEXT, by="ben")
        claim = project.claims.create(article, 18, 40, by="ben", status="submitted")
        project.reviews.accept(claim.id, by="carla")
    with Project.open(team.url("ben")) as desk:
        result = merge_file(desk, path, by="ben")
        assert not desk.claims.exists(claim.id)
        assert any("arrives accepted" in c.reason for c in result.refused)


def test_taking_a_copy_offline_brings_everything_and_merging_again_nothing(team, tmp_path, capsys):
    with Project.open(team.url("ann")) as desk:
        article = add_article(desk, TEXT, by="ann")
        claim = desk.claims.create(article, 18, 40, by="ann", status="submitted")
    with Project.open(team.url("rita")) as desk:
        desk.reviews.dispute(claim.id, by="rita", comment="which ministry?")
    local = tmp_path / "copy.annotator"
    assert main(["merge", "--db", str(local), team.url("reed")]) == 0
    assert main(["merge", "--db", str(local), team.url("reed")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].endswith("nothing new") and "password" not in out
    with Project.open(local) as copy:
        assert copy.claims.get(claim.id).status == "disputed"
        assert [r.reviewer for r in copy.reviews.of_claim(claim.id)] == ["rita"]
        assert copy.articles.text(article) == TEXT


def test_publishing_through_the_command_line_reports_refusals(team, offline, capsys):
    code = main(["merge", "--db", team.url("ben"), str(offline)])
    out = capsys.readouterr().out
    assert code == 0
    assert "2 new claim(s)" in out and "refused by the project's rules" in out
