"""Imported text is data: terminals, spreadsheets and web pages never run it."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.cli import main
from annotator.core.exporters import exporter_for
from annotator.core.formatting import for_terminal, is_web_link
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."
HOSTILE_TITLE = "Losses\x1b]0;pwned\x07\x1b[2J \u202eevil\x9b31m"
HOSTILE_SPEAKER = "Minister\x1b[31m red\x1b[0m"
FORMULA_NAME = "=cmd|' /C calc'!A0"
SCRIPT_QUOTE = "</script><script>alert(1)</script>"


@pytest.fixture
def hostile(project_path):
    """A project whose title, speaker and annotator name are crafted to attack their reader."""
    with Project.open(project_path) as project:
        article = add_article(project, TEXT, title=HOSTILE_TITLE)
        project.speakers.add(HOSTILE_SPEAKER, by="ben")
        for who in (FORMULA_NAME, "ben"):
            project.claims.create(article, 18, 40, by=who, speaker=HOSTILE_SPEAKER, status="submitted")
        claim_id = next(project.claims.select(annotator="ben")).id
    return str(project_path), claim_id


def run(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _has_controls(text: str) -> bool:
    return any(ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text)


@pytest.mark.parametrize(
    "argv",
    [
        ("articles",),
        ("claims",),
        ("speakers", "list"),
    ],
)
def test_tables_never_print_control_characters(hostile, capsys, argv):
    out = run(capsys, *argv, "--db", hostile[0])
    assert not _has_controls(out)
    assert "\\x1b]0;pwned\\x07" in out or "Minister\\x1b[31m" in out


def test_history_never_prints_control_characters(hostile, capsys):
    path, claim_id = hostile
    with Project.open(path) as project:
        project.claims.edit(claim_id, by="ben", note="seen\x1b[2J")
    out = run(capsys, "history", claim_id, "--db", path)
    assert not _has_controls(out) and "\\x1b[2J" in out


def test_json_listing_keeps_the_exact_title(hostile, capsys):
    rows = json.loads(run(capsys, "articles", "--db", hostile[0], "--format", "json"))
    assert rows[0]["title"] == HOSTILE_TITLE


def test_agreement_csv_guards_formula_names(hostile, capsys):
    out = run(capsys, "agreement", "--db", hostile[0], "--format", "csv")
    pairs = [row["pair"] for row in csv.DictReader(io.StringIO(out))]
    assert all(not pair.startswith("=") for pair in pairs)
    assert f"'{FORMULA_NAME} / ben" in pairs or f"'ben / {FORMULA_NAME}" in pairs


def test_agreement_text_escapes_control_characters(project_path, capsys):
    with Project.open(project_path) as project:
        article = add_article(project, TEXT)
        for who in ("amira\x1b[2J", "ben"):
            project.claims.create(article, 18, 40, by=who, status="submitted")
    out = run(capsys, "agreement", "--db", str(project_path))
    assert "\x1b" not in out and "amira\\x1b[2J" in out


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\x9bb", "a\\x9bb"),
        ("\u202eabc", "\\u202eabc"),
        ("plain — ünïcode 😀", "plain — ünïcode 😀"),
    ],
)
def test_for_terminal_shows_controls_as_escapes(text, shown):
    assert for_terminal(text) == shown


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1", True),
        ("HTTP://example.org", True),
        ("file://host/share/x", False),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("smb://host/share", False),
        ("\\\\host\\share", False),
        ("http:\\\\host\\share", False),
        (" http://example.org", False),
        ("http://[::1", False),
        ("", False),
    ],
)
def test_only_http_and_https_are_web_links(url, linked):
    assert is_web_link(url) is linked


def test_claimreview_is_safe_inside_a_script_element(project, tmp_path):
    text = f"He wrote {SCRIPT_QUOTE} & more."
    article = add_article(project, text, title="<b>T</b>")
    start = text.index(SCRIPT_QUOTE)
    claim = project.claims.create(article, start, start + len(SCRIPT_QUOTE), by="amira", status="accepted")
    out = tmp_path / "reviews.jsonld"
    exporter_for("claimreview")(project, out)
    raw = out.read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw
    assert json.loads(raw)[0]["claimReviewed"] == claim.quote == SCRIPT_QUOTE
