"""An export reads the project as of one commit, while another program goes on writing.

The writer adds an article with five claims in one transaction, then accepts all five in a
second. An export that read its tables at different moments could write an article without
its claims, or claims whose status and reviews disagree (half a review set).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.exporters import exporter_for
from annotator.core.model import IncomingArticle
from annotator.core.store import Project

ROOT = Path(__file__).resolve().parents[2]
CLAIMS, ARTICLES = 5, 60

WRITER = """
import sys
from annotator.core.store import Project
from tests.core.test_export_snapshot import add_reviewed_article
with Project.open(sys.argv[1]) as project:
    number = 100000
    while True:
        add_reviewed_article(project, number)
        number += 1
        if number == 100003:
            print("writing", flush=True)
"""


def add_reviewed_article(project, number: int, *, reviewer=None, author: str = "amira") -> None:
    """An article and its claims in one commit by `author`; all of them accepted by rita in the
    next (through `reviewer`, her own opening of a team project, or the same project file)."""
    reviewer = project if reviewer is None else reviewer
    text = " ".join(f"Source {k} said {number * 10 + k} were counted." for k in range(CLAIMS)) + " x" * 400
    with project.transaction():
        article = project.articles.add(IncomingArticle(text=text, title=f"Report {number}"), by=author)
        claims = []
        for k in range(CLAIMS):
            start = text.index(f"{number * 10 + k} were")
            claims.append(project.claims.create(article.article_id, start, start + 6, by=author).id)
        project.reviews.submit(claims, by=author)
    with reviewer.transaction():
        for claim in claims:
            reviewer.reviews.accept(claim, by="rita")


@pytest.fixture
def busy_project(tmp_path):
    """A project another process writes to for as long as the test runs."""
    path = tmp_path / "busy.annotator"
    with Project.open(path) as project:
        project.people.add("rita", by="rita", reviewer=True)
        for number in range(ARTICLES):
            add_reviewed_article(project, number)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        yield path
    finally:
        writer.kill()
        writer.wait()


def check_jsonl(out: Path) -> int:
    articles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for article in articles:
        claims = article["claims"]
        assert len(claims) == CLAIMS, f"{article['title']} has {len(claims)} of its {CLAIMS} claims"
        statuses = {claim["status"] for claim in claims}
        assert statuses in ({"submitted"}, {"accepted"}), f"{article['title']}: half reviewed {statuses}"
        for claim in claims:
            decisions = [review["decision"] for review in claim.get("reviews", [])]
            assert decisions == (["accepted"] if claim["status"] == "accepted" else []), (claim, decisions)
    return len(articles)


def check_brat(folder: Path) -> int:
    documents = sorted(folder.glob("*.ann"))
    for ann in documents:
        lines = ann.read_text(encoding="utf-8").splitlines()
        spans = [line for line in lines if line.startswith("T")]
        assert len(spans) == CLAIMS, f"{ann.name} has {len(spans)} of its {CLAIMS} claims"
        statuses = {json.loads(line.split("\t")[2])["status"] for line in lines if line.startswith("#")}
        assert statuses in ({"submitted"}, {"accepted"}), f"{ann.name}: half reviewed {statuses}"
        assert (folder / ann.with_suffix(".txt").name).exists()
    return len(documents)


@pytest.mark.parametrize("format_name, check, exports", [("jsonl", check_jsonl, 6), ("brat", check_brat, 3)])
def test_an_export_during_writes_holds_whole_changes(busy_project, tmp_path, format_name, check, exports):
    counts = []
    with Project.open(busy_project) as project:
        for round_ in range(exports):
            out = tmp_path / f"export-{round_}"
            exporter_for(format_name)(project, out)
            counts.append(check(out))
    assert counts[-1] > counts[0] >= ARTICLES  # the writer was writing all along
