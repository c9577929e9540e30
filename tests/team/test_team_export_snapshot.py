"""An export of a team project reads it as of one moment, while other members go on writing
(tests/core/test_export_snapshot.py for a file): a second, read-only connection in one
REPEATABLE READ transaction. A writer process adds an article with five claims in one
transaction, then a reviewer accepts all five in a second; an export that read its tables
at different moments could write an article without its claims, or half a review set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.exporters import exporter_for
from annotator.core.model import IncomingArticle
from annotator.core.store import Project
from tests.core.test_export_snapshot import add_reviewed_article, check_brat, check_jsonl

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 20

WRITER = """
import sys
from annotator.core.store import Project
from tests.core.test_export_snapshot import add_reviewed_article
with Project.open(sys.argv[1]) as ann, Project.open(sys.argv[2]) as rita:
    number = 100000
    while True:
        add_reviewed_article(ann, number, reviewer=rita, author="ann")
        number += 1
        if number == 100003:
            print("writing", flush=True)
"""


@pytest.fixture
def busy_team(team):
    """A team project ann and rita write to, from another process, for as long as the test runs."""
    with Project.open(team.url("ann")) as ann, Project.open(team.url("rita")) as rita:
        for number in range(ARTICLES):
            add_reviewed_article(ann, number, reviewer=rita, author="ann")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, team.url("ann"), team.url("rita")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        yield team
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize("format_name, check, exports", [("jsonl", check_jsonl, 6), ("brat", check_brat, 3)])
def test_a_team_export_during_writes_holds_whole_changes(busy_team, tmp_path, format_name, check, exports):
    counts = []
    with Project.open(busy_team.url("ben")) as project:
        for round_ in range(exports):
            out = tmp_path / f"export-{round_}"
            exporter_for(format_name)(project, out)
            counts.append(check(out))
    assert counts[-1] > counts[0] >= ARTICLES  # the writers were writing all along


def test_the_window_writes_on_while_its_snapshot_stays_as_it_was(team):
    with Project.open(team.url("ann")) as ann:
        article = ann.articles.add(
            IncomingArticle(text="The ministry said 27 were hurt."), by="ann"
        ).article_id
        with ann.reading_snapshot() as snapshot:
            assert snapshot.claims.count() == 0 and snapshot.read_only
            ann.claims.create(article, 18, 20, by="ann")  # the window's own connection commits
            assert ann.claims.count() == 1
            assert snapshot.claims.count() == 0
            level = snapshot.db.sql.execute("SHOW transaction_isolation").fetchone()[0]
            writes = snapshot.db.sql.execute("SHOW transaction_read_only").fetchone()[0]
            assert (level, writes) == ("repeatable read", "on")
        assert ann.claims.count() == 1
