"""The analyst's day from the command line (issue 14's closing walk): capture two pasted
articles, fix their metadata, give the registry an alias, tag claims, review (accept, correct
the dropped thousand), compare and export — each step checked as the analyst would read it."""

from __future__ import annotations

import csv
import json

from annotator.cli import main
from tests.walk import AGENCY, ALIASES, BLOG_TITLE, EVENT, FOLDER, LATEST_TITLE, OFFICIALS, SLIP


def _cli(capsys, db, *argv) -> str:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def _json(capsys, db, *argv):
    return json.loads(_cli(capsys, db, *argv, "--format", "json"))


def _ids(capsys, db) -> dict[str, str]:
    return {a["title"]: a["id"] for a in _json(capsys, db, "articles")}


def _groups(capsys, db) -> dict[str, list]:
    return {g["measure"]: g for g in _json(capsys, db, "compare", "--event", EVENT)}


def test_the_two_article_walk_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "walk.annotator"
    # 1. capture: titles skip "News", "Kindly share this story" and "LATEST NEWS:"
    _cli(capsys, db, "import", "--annotator", "amira", str(FOLDER))
    ids = _ids(capsys, db)
    assert set(ids) == {BLOG_TITLE, LATEST_TITLE}
    blog, latest = ids[BLOG_TITLE], ids[LATEST_TITLE]
    # 2. metadata: outlet, a date read as ISO, the event every figure groups under
    _cli(capsys, db, "article", "edit", blog[-6:], "--outlet", "Varda Watch (blog)",
         "--published", "12 June 2026", "--event", EVENT, "--as", "amira")
    _cli(capsys, db, "article", "edit", latest[-6:], "--outlet", "Frontline Digest",
         "--published", "2026-06-13", "--event", EVENT, "--as", "amira")
    assert {a["published"] for a in _json(capsys, db, "articles")} == {"2026-06-12", "2026-06-13"}
    assert [a["title"] for a in _json(capsys, db, "articles", "--search", "Varda")] != []
    # 3. speakers: one agency under its acronym and the way the blog names it
    _cli(capsys, db, "speakers", "add", AGENCY, "--type", "official body", "--as", "amira")
    for alias in ALIASES:
        _cli(capsys, db, "speakers", "alias", AGENCY, alias, "--as", "amira")
    _cli(capsys, db, "speakers", "add", OFFICIALS, "--type", "government", "--as", "amira")
    # 4. claims, as Enter makes them: figure and outlet read from the text
    add = ("claim", "add", "--as", "amira")
    troops = _json(capsys, db, *add, "--article", blog, "--quote", "some 11,000 troops",
                   "--speaker", OFFICIALS)
    assert troops["figure"]["value"] == 11000 and troops["figure"]["measure"] == "troops deployed"
    # "told the NBS": an acronym the speaker talks to, not an agency the registry or the words know
    assert troops["outlet"] == "NBS"
    killed = _json(capsys, db, *add, "--article", blog,
                   "--quote", "1,000 had been killed in just three months", "--speaker", OFFICIALS)
    assert killed["figure"]["period"] == "in just three months"
    blog_300 = _json(capsys, db, *add, "--article", blog, "--quote", "about 300 soldiers have been killed",
                     "--speaker", ALIASES[1])
    assert blog_300["speaker"] == AGENCY  # the alias found the registry's name
    ledger = _json(capsys, db, *add, "--article", latest, "--quote", "about 300 soldiers have been killed",
                   "--speaker", "NIA")
    assert ledger["outlet"] == "Morning Ledger"  # "..., the Morning Ledger reports"
    slip = _json(capsys, db, *add, "--article", latest, "--quote", SLIP, "--speaker", "NIA")
    assert (slip["figure"]["text"], slip["figure"]["value"]) == ("about 11", 11)
    courier = _json(capsys, db, *add, "--article", latest, "--quote", "some 11,000 troops had been deployed")
    assert courier["outlet"] == "Evening Courier"  # "Writing in the Evening Courier, ..."
    # 5. compare before review: the dropped thousand is flagged
    flags = _groups(capsys, db)["troops deployed"]["flags"]
    assert {f["kind"] for f in flags} == {"likely scale error"}
    assert any("thousand" in f["explanation"] for f in flags)
    # 6. review: amira submits, ben accepts and corrects the slip
    claims = _json(capsys, db, "claims")
    _cli(capsys, db, "review", "submit", *(c["id"] for c in claims), "--as", "amira")
    _cli(capsys, db, "people", "--add", "ben", "--reviewer")
    _cli(capsys, db, "review", "correct", slip["id"][-6:], "--value", "11000", "--as", "ben",
         "--comment", "dropped thousand: the Courier says some 11,000")
    for claim in claims:
        if claim["id"] != slip["id"]:
            _cli(capsys, db, "review", "accept", claim["id"], "--as", "ben")
    # 7. compare after: the correction reads "about 11,000" and the scale flag is gone
    deployed = _groups(capsys, db)["troops deployed"]
    assert deployed["flags"] == []
    texts = sorted(f["figure_text"] for f in deployed["figures"])
    assert texts == ["about 11,000", "some 11,000", "some 11,000"]
    # 8. export: one row per claim; the correction names the original, which stays as it was
    out = tmp_path / "walk.csv"
    _cli(capsys, db, "export", "--format", "csv", "--out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 7
    original = next(r for r in rows if r["claim_id"] == slip["id"])
    correction = next(r for r in rows if r["supersedes"] == slip["id"])
    assert (original["figure_text"], original["review_decision"]) == ("about 11", "corrected")
    assert (correction["figure_text"], correction["value"]) == ("about 11,000", "11000")
    assert correction["status"] == "accepted"
    assert {r["published"] for r in rows} == {"2026-06-12", "2026-06-13"}
