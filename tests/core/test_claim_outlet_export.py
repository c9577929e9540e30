"""The claim's outlet in the CSV: one clean row per claim with `claim_outlet` filled — the
outlet the sentence names, else the article's, copied onto the claim when it is tagged."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.cli import main
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = (
    "The mayor told the NBS that some 300 families had left the valley. "
    "Another 40 farms were abandoned, the council said."
)


@pytest.fixture
def db(project_path):
    with Project.open(project_path) as project:
        add_article(project, TEXT, title="Valley", outlet="Valley Blog")
    return str(project_path)


def _cli(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _article(capsys, db: str) -> str:
    [article] = json.loads(_cli(capsys, "articles", "--db", db, "--format", "json"))
    return article["id"]


def _tag(capsys, db: str, quote: str) -> None:
    add = ("claim", "add", "--db", db, "--article", _article(capsys, db), "--quote", quote, "--as", "amira")
    _cli(capsys, *add)


def _outlets(capsys, db: str) -> dict[str, tuple[str, str]]:
    """Each exported row's (claim_outlet, outlet) by its quote."""
    out = _cli(capsys, "export", "--db", db, "--format", "csv-data", "--out", "-")
    rows = csv.DictReader(io.StringIO(out, newline=""))
    return {row["quote"]: (row["claim_outlet"], row["outlet"]) for row in rows}


def test_every_row_carries_the_claims_outlet_and_the_articles(db, capsys):
    _tag(capsys, db, "some 300 families")
    _tag(capsys, db, "40 farms")
    assert _outlets(capsys, db) == {
        "some 300 families": ("NBS", "Valley Blog"),  # "told the NBS"
        "40 farms": ("Valley Blog", "Valley Blog"),  # no outlet in the sentence: the article's
    }


def test_fixing_the_articles_outlet_later_leaves_the_claims_copy(db, capsys):
    _tag(capsys, db, "40 farms")
    _cli(
        capsys,
        "article",
        "edit",
        _article(capsys, db),
        "--db",
        db,
        "--outlet",
        "Valley Post",
        "--as",
        "amira",
    )
    assert _outlets(capsys, db)["40 farms"] == ("Valley Blog", "Valley Post")
