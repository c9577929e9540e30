"""A crash at any moment leaves a consistent project: every file wholly present or wholly absent."""

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.importers.runner import import_paths
from annotator.core.store import Project
from tests.core.test_search_index import index_problems

ROOT = Path(__file__).resolve().parents[2]
FILES, ARTICLES_PER_FILE, CLAIMS_PER_ARTICLE, KILLS = 200, 4, 5, 20

CHILD = """
import sys
from annotator.core.importers.runner import import_paths
from annotator.core.store import Project
from annotator.core.importers import runner
runner.BATCH_SECONDS = 0.02  # many commit points, so kills land before, during and after them
with Project.open(sys.argv[1]) as project:
    print("started", flush=True)
    runner.import_paths(project, [sys.argv[2]], by="crash-test")
print("finished", flush=True)
"""


def _write_files(folder: Path) -> None:
    for f in range(FILES):
        lines = []
        for a in range(ARTICLES_PER_FILE):
            text = " ".join(
                f"file {f} article {a} says {n * 100 + f} were counted." for n in range(CLAIMS_PER_ARTICLE)
            )
            text += " padding" * 2000
            claims = []
            for n in range(CLAIMS_PER_ARTICLE):
                quote = f"{n * 100 + f} were counted"
                start = text.index(f"says {quote}") + 5
                claims.append({"start": start, "end": start + len(quote), "quote": quote})
            lines.append(json.dumps({"title": f"f{f}-a{a}", "text": text, "claims": claims}))
        (folder / f"batch{f:03}.jsonl").write_text("\n".join(lines), encoding="utf-8")


def _check_consistent(path: Path) -> int:
    with Project.open(path) as project:
        assert project.integrity_problems() == []
        titles = [s.title for s in project.articles.summaries()]
        counts = {s.title: s.claim_count for s in project.articles.summaries()}
    with Project.open(path, read_only=True) as project:  # searching leaves what is pending as it is
        searched = [s.title for s in project.articles.summaries(search="padding")]
        assert searched == titles, "a search does not find exactly the imported articles"
    by_file: dict[str, int] = {}
    for title in titles:
        by_file[title.split("-")[0]] = by_file.get(title.split("-")[0], 0) + 1
        assert counts[title] == CLAIMS_PER_ARTICLE, f"{title} has a partial set of claims"
    assert all(n == ARTICLES_PER_FILE for n in by_file.values()), f"a file is partly imported: {by_file}"
    return len(by_file)


@pytest.mark.slow
def test_sigkill_during_import_never_leaves_a_partial_file(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    _write_files(source)
    project = tmp_path / "crash.annotator"
    Project.open(project).close()
    rng = random.Random(20261123)
    imported_before = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(project), str(source)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "started"
        time.sleep(rng.uniform(0.0, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait()
        imported = _check_consistent(project)
        assert imported >= imported_before  # nothing acknowledged is ever lost
        imported_before = imported
    subprocess.run(
        [sys.executable, "-c", CHILD, str(project), str(source)], cwd=ROOT, check=True, capture_output=True
    )
    assert _check_consistent(project) == FILES
    with Project.open(project) as opened:
        assert len(opened.articles.summaries(search="padding")) == FILES * ARTICLES_PER_FILE
        assert index_problems(opened) == [] and not opened.articles.has_pending()


INDEXER = """
import sys
from annotator.core.importers.runner import import_paths
from annotator.core.store import Project
with Project.open(sys.argv[1]) as project:
    print("started", flush=True)
    while not project.articles.index_pending(limit=20):
        pass
print("finished", flush=True)
"""


@pytest.mark.slow
def test_sigkill_while_indexing_pending_articles_leaves_the_search_exact(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    _write_files(source)
    project = tmp_path / "crash.annotator"
    with Project.open(project) as opened:
        import_paths(opened, [source], by="crash-test")
    rng = random.Random(20261201)
    for _ in range(KILLS // 2):
        child = subprocess.Popen(
            [sys.executable, "-c", INDEXER, str(project)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "started"
        time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert _check_consistent(project) == FILES
    with Project.open(project) as opened:
        assert len(opened.articles.summaries(search="padding")) == FILES * ARTICLES_PER_FILE
        assert index_problems(opened) == [] and not opened.articles.has_pending()
