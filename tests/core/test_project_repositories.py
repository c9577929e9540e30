"""A project's repositories are made the first time they are used, once."""

from __future__ import annotations

import pytest

REPOSITORIES = ("articles", "claims", "speakers", "people", "reviews", "suggestions", "conflicts", "events")


@pytest.mark.parametrize("name", REPOSITORIES)
def test_a_repository_is_made_once_and_kept(project, name):
    assert getattr(project, name) is getattr(project, name)


def test_each_project_has_repositories_of_its_own(project):
    from annotator.core.store import Project

    with Project.open(":memory:") as other:
        assert other.claims is not project.claims
        assert other.claims._project is other
