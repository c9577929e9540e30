"""`annotator claims` shows each claim's status as the window does: an original a reviewer
corrected reads "corrected", not the "rejected" it is stored as."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.core.model import Figure
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "Harbour officials said about 11 boats sank and 40 were damaged in the storm."


@pytest.fixture
def db(project_path):
    """Ben's two submitted claims; Amira corrects the first ("about 11" → 11,000)."""
    with Project.open(project_path) as project:
        article = add_article(project, TEXT)
        project.people.add("amira", by="amira", reviewer=True)
        start = TEXT.index("about 11")
        sank = project.claims.create(
            article, start, start + 8, by="ben", figure=Figure("about 11", 11), status="submitted"
        )
        start = TEXT.index("40")
        project.claims.create(
            article, start, start + 2, by="ben", figure=Figure("40", 40), status="submitted"
        )
        project.reviews.correct(sank.id, by="amira", value=11000)
    return str(project_path), sank.id


def _listed(capsys, *argv) -> list[dict]:
    assert main(["claims", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_corrected_original_is_listed_as_corrected(db, capsys):
    path, original = db
    statuses = {claim["id"]: claim["status"] for claim in _listed(capsys, "--db", path)}
    assert statuses[original] == "corrected"
    assert sorted(statuses.values()) == ["accepted", "corrected", "submitted"]


def test_the_table_says_corrected_too(db, capsys):
    path, _ = db
    assert main(["claims", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "corrected" in out and "rejected" not in out


def test_an_original_is_corrected_even_when_its_correction_is_filtered_out(db, capsys):
    path, original = db
    [listed, _] = _listed(capsys, "--db", path, "--annotator", "ben")
    assert (listed["id"], listed["status"]) == (original, "corrected")


@pytest.mark.parametrize(("status", "count"), [("corrected", 1), ("rejected", 0), ("accepted", 1)])
def test_the_status_filter_uses_the_status_as_shown(db, capsys, status, count):
    path, _ = db
    listed = _listed(capsys, "--db", path, "--status", status)
    assert [claim["status"] for claim in listed] == [status] * count
