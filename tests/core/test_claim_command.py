"""`annotator claim add / edit` and `annotator articles --search` (issue 14): a claim made from
the command line is the claim Enter makes in the window."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.core import annotating
from annotator.core.errors import InvalidClaim
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = (
    "Western officials told the BBC that, out of some 11,000 troops sent, 1,000 had been killed. "
    "\n\nAnother 1,000 were wounded."
)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.annotator"
    with Project.open(path) as project:
        article = add_article(project, TEXT, title="Troops", outlet="Blog copy")
        project.speakers.add("Western officials", by="amira", type="government", aliases=("officials",))
    return path, article


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_claim_add_prefills_the_figure_and_the_outlet_as_the_window_does(db, capsys):
    path, article = db
    code, out, _ = _run(
        capsys, "--db", str(path), "claim", "add", "--article", article[:8], "--quote", "some 11,000 troops",
        "--speaker", "officials", "--confidence", "Moderate", "--as", "amira", "--format", "json",
    )
    assert code == 0
    claim = json.loads(out)
    assert claim["quote"] == "some 11,000 troops" and claim["speaker"] == "Western officials"
    assert claim["figure"]["value"] == 11000 and claim["figure"]["text"] == "some 11,000"
    assert claim["outlet"] == "BBC" and claim["confidence"] == "moderate" and claim["annotator"] == "amira"
    with Project.open(path) as project:
        opened = project.articles.get(article)
        window_fields = annotating.prefilled(project, opened, claim["start"], claim["end"])
        assert project.articles.get(article).status == "in progress"  # the first claim starts it
    assert window_fields["figure"].value == claim["figure"]["value"]


def test_nth_picks_a_later_occurrence(db, capsys):
    path, article = db
    code, out, _ = _run(
        capsys, "--db", str(path), "claim", "add", "--article", article, "--quote", "1,000", "--nth", "2",
        "--format", "json",
    )
    assert code == 0 and json.loads(out)["start"] == TEXT.index("1,000", TEXT.index("1,000") + 1)


def test_offsets_make_the_span_and_the_outlet_falls_back_to_the_articles(db, capsys):
    path, article = db
    start = TEXT.index("Another")
    code, out, _ = _run(
        capsys, "--db", str(path), "claim", "add", "--article", article, "--start", str(start),
        "--end", str(len(TEXT) - 1), "--format", "json",
    )
    claim = json.loads(out)
    assert code == 0 and claim["quote"] == "Another 1,000 were wounded" and claim["outlet"] == "Blog copy"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--quote", "12,000 troops"], "not in the article"),
        (["--quote", "1,000", "--nth", "4"], "3 time(s), not 4"),  # "11,000" holds one too
        (["--quote", "1,000", "--nth", "0"], "count from 1"),
        (["--quote", "troops", "--speaker", "Nobody Known"], "Nobody Known"),
        (["--start", "5", "--end", "2"], ""),
        (["--start", "0", "--end", "99999"], ""),
    ],
)
def test_bad_claims_are_refused_with_a_reason_and_nothing_saved(db, capsys, extra, message):
    path, article = db
    code, _, err = _run(capsys, "--db", str(path), "claim", "add", "--article", article, *extra)
    assert code == 1 and message in err
    with Project.open(path) as project:
        assert project.claims.count() == 0


def test_quote_and_offsets_together_are_a_usage_error(db, capsys):
    path, article = db
    code, _, err = _run(
        capsys, "--db", str(path), "claim", "add", "--article", article,
        "--quote", "x", "--start", "1", "--end", "2",
    )
    assert code == 2 and "not both" in err


def test_claim_edit_changes_figure_fields_and_prints_the_claim(db, capsys):
    path, article = db
    _run(capsys, "--db", str(path), "claim", "add", "--article", article, "--quote", "1,000", "--as", "amira")
    with Project.open(path) as project:
        claim_id = next(iter(project.claims.select())).id
    code, out, _ = _run(
        capsys, "--db", str(path), "claim", "edit", claim_id[:8], "--value", "1,200", "--measure", "killed",
        "--as", "amira", "--format", "json",
    )
    claim = json.loads(out)
    assert code == 0 and claim["figure"]["value"] == 1200 and claim["figure"]["measure"] == "killed"


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--value", "many"], 1, "not a number"),
        ([], 2, "nothing to change"),
        (["--note", "mine now", "--as", "ben"], 1, "amira"),  # someone else's claim
    ],
)
def test_claim_edit_refusals(db, capsys, extra, code, message):
    path, article = db
    _run(capsys, "--db", str(path), "claim", "add", "--article", article, "--quote", "1,000", "--as", "amira")
    with Project.open(path) as project:
        claim_id = next(iter(project.claims.select())).id
    args = extra if "--as" in extra else [*extra, "--as", "amira"]
    result, _, err = _run(capsys, "--db", str(path), "claim", "edit", claim_id, *args)
    assert result == code and message in err


def test_articles_search_finds_a_word_inside_a_longer_token(db, capsys, tmp_path):
    path, _ = db
    with Project.open(path) as project:
        add_article(project, "Figures from theguardian live page: 40 boats.", title="Live")
    code, out, _ = _run(capsys, "--db", str(path), "articles", "--search", "Guardian", "--format", "json")
    assert code == 0 and [row["title"] for row in json.loads(out)] == ["Live"]


def test_find_quote_refuses_an_empty_quote():
    with pytest.raises(InvalidClaim, match="empty"):
        annotating.find_quote("text", "")
