"""A current project opens without importing sqlite-utils; savepoints behave as sqlite-utils' do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.store import Project
from tests.conftest import add_article

REPO = Path(__file__).resolve().parents[2]
OPEN_AND_REPORT = """
import sys
from annotator.core.store import Project
with Project.open(sys.argv[1]) as project:
    project.articles.summaries()
print("sqlite_utils" in sys.modules, "numpy" in sys.modules)
"""


def modules_loaded_by_opening(path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_REPORT, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_opening_a_current_project_imports_neither_sqlite_utils_nor_numpy(project_path):
    Project.open(project_path).close()
    assert modules_loaded_by_opening(project_path) == "False False"


def test_creating_a_project_uses_sqlite_utils_migrations_but_not_numpy(project_path):
    assert modules_loaded_by_opening(project_path) == "True False"


def test_a_failed_inner_action_rolls_back_only_itself(project):
    with project.transaction():
        add_article(project, "Kept: the outer action.")
        with pytest.raises(RuntimeError), project.transaction():
            add_article(project, "Dropped: the inner action failed.")
            raise RuntimeError("inner failure")
    assert [project.articles.text(i) for i in project.articles.ids()] == ["Kept: the outer action."]


def test_project_db_still_offers_sqlite_utils_tables(project):
    add_article(project, "Officials said 300 died.")
    assert project.db["articles"].count == 1
