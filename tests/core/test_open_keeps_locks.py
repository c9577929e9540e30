"""Opening a project never drops the locks this process already holds on that file.

POSIX releases every lock a process holds on a file when *any* descriptor of it is closed.
SQLite keeps a shared lock on an open WAL project so that no other process takes itself
for the last user, checkpoints and deletes the `-wal` under it. Checking a file's header
with a plain open()/close() would drop that lock for the whole process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.core.store import Project
from tests.conftest import add_article

ROOT = Path(__file__).resolve().parents[2]

# Another program opening and closing the project: if it gets the exclusive lock on
# closing, it thinks it is the last user, checkpoints and deletes the -wal.
OTHER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM articles").fetchone()
conn.close()
"""


def another_program_opens_and_closes(path: Path) -> None:
    subprocess.run([sys.executable, "-c", OTHER, str(path)], cwd=ROOT, check=True)


def test_opening_the_same_file_again_keeps_the_first_connections_lock(tmp_path):
    path = tmp_path / "held.annotator"
    with Project.open(path) as first:
        add_article(first, "Officials said 300 soldiers were killed.")
        Project.open(path).close()  # a second look at the same file in this process
        another_program_opens_and_closes(path)
        assert Path(f"{path}-wal").exists(), "the other program took itself for the last user"
        add_article(first, "A later report said 400 soldiers were killed.")
    with Project.open(path) as reopened:
        assert len(reopened.articles.ids()) == 2


def test_a_snapshot_of_an_open_file_keeps_its_lock(tmp_path):
    path = tmp_path / "held.annotator"
    with Project.open(path) as first:
        add_article(first, "Officials said 300 soldiers were killed.")
        Project.snapshot(path).close()  # merging reads a file through this
        another_program_opens_and_closes(path)
        assert Path(f"{path}-wal").exists()
