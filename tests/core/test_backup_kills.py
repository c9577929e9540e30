"""A backup killed at any moment leaves the backups folder as it was: whole copies or none."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from annotator.core.backups import backups_of
from annotator.core.store import Project
from tests.conftest import add_article

ROOT = Path(__file__).resolve().parents[2]
KILLS, KEEP, ARTICLES = 20, 3, 400

# Takes backups one after another, saying which ones were made, until it is killed.
CHILD = """
import sys
from annotator.core.store import Project
with Project.open(sys.argv[1]) as project:
    print("started", flush=True)
    while True:
        print("made", project.backup(keep=int(sys.argv[2])), flush=True)
"""


def big_project(path: Path) -> Path:
    """A few megabytes, so that a backup takes long enough to be killed halfway."""
    with Project.open(path) as project:
        for number in range(ARTICLES):
            add_article(project, f"Report {number}: {number * 7} soldiers were killed. " * 200)
    return path


def whole_copy_articles(path: Path) -> int:
    """The number of articles in a backup that passes SQLite's integrity check (else it fails)."""
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"{path.name} is damaged"
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def kill_a_backup_run(project: Path, delay: float) -> list[str]:
    """Start backing up in a second process, SIGKILL it after `delay`; the backups it reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project), str(KEEP)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "started"
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
    return [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("made ")]


def test_a_killed_backup_is_never_listed_and_never_costs_a_whole_one(tmp_path):
    project = big_project(tmp_path / "war.annotator")
    rng = random.Random(20261124)
    made = 0
    for _ in range(KILLS):
        made += len(kill_a_backup_run(project, rng.uniform(0.0, 0.6)))
        listed = backups_of(project)
        assert all(whole_copy_articles(path) == ARTICLES for path in listed)
        assert len(listed) >= min(made, KEEP)  # broken copies never pushed a whole one out
    assert made > 0


def test_a_later_backup_clears_what_killed_ones_left(tmp_path):
    from annotator.core.userdata import backups_dir

    project = big_project(tmp_path / "war.annotator")
    rng = random.Random(7)
    for _ in range(5):
        kill_a_backup_run(project, rng.uniform(0.0, 0.3))
    with Project.open(project) as opened:
        opened.backup(keep=KEEP)
    left = sorted(path.name for path in backups_dir().iterdir())
    assert [name for name in left if not name.endswith(".annotator")] == []
    assert len(left) == len(backups_of(project)) <= KEEP
