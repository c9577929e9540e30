"""Fixtures for the world the tests run in: a fresh project, sample files, a private data folder."""

from __future__ import annotations

import os

import pytest

from tests import both_back_ends
from tests.pg_server import pg_server  # noqa: F401

# the project fixture, on a file or (in modules marked back_ends) on a team project too
project = both_back_ends.project
back_end = both_back_ends.back_end
team_database = both_back_ends.team_database
pytest_generate_tests = both_back_ends.pytest_generate_tests

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "back_ends: the module's tests taking `project` run on a file and on a team project"
    )
    config.addinivalue_line("markers", "file_only: in a back_ends module, a rule only a file project has")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own user data folder, so nothing touches the real one."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def project_path(tmp_path):
    """A path for a project file that does not exist yet."""
    return tmp_path / "test.annotator"


@pytest.fixture
def sample_project(project):
    """The in-memory project seeded with the bundled sample articles."""
    from annotator.core.sample import seed_sample

    seed_sample(project)
    return project


def add_article(project, text: str, *, by: str = "amira", **meta) -> str:
    """Add one article with `text`; return its id."""
    from annotator.core.model import IncomingArticle

    return project.articles.add(IncomingArticle(text=text, **meta), by=by).article_id
