"""Fixtures for the world the tests run in: a fresh project, sample files, a private data folder."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own user data folder, so nothing touches the real one."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def project():
    """A fresh in-memory project."""
    from annotator.core.store import Project

    with Project.open(":memory:") as opened:
        yield opened


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
