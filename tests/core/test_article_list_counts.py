"""The article list's claim counts stay right when searches reuse the full list's counts."""

from __future__ import annotations

import pytest

from annotator.core.store import Project
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends


def counts(project, search: str = "") -> dict[str, int]:
    return {s.title: s.claim_count for s in project.articles.summaries(search=search)}


def test_a_search_after_the_full_list_shows_the_same_counts(project):
    first = add_article(project, "Officials said 300 died.", title="one")
    add_article(project, "Officials said 40 were hurt.", title="two")
    project.claims.create(first, 15, 18, by="amira")
    assert counts(project) == {"one": 1, "two": 0}
    assert counts(project, "officials") == {"one": 1, "two": 0}


def test_a_claim_added_after_the_full_list_is_counted_by_the_next_search(project):
    first = add_article(project, "Officials said 300 died.", title="one")
    counts(project)
    project.claims.create(first, 15, 18, by="amira")
    assert counts(project, "officials") == {"one": 1}


def test_a_claim_added_by_another_program_is_counted_by_the_next_search(project_path):
    with Project.open(project_path) as ours, Project.open(project_path) as theirs:
        first = add_article(ours, "Officials said 300 died.", title="one")
        counts(ours)
        theirs.claims.create(first, 15, 18, by="ben")
        assert counts(ours, "officials") == {"one": 1}


@pytest.mark.file_only  # on the server a suggestion is the suggester's, not amira's
def test_suggestions_are_not_counted(project):
    first = add_article(project, "Officials said 300 died.", title="one")
    project.claims.create(first, 15, 18, by="amira", status="suggested")
    assert counts(project) == {"one": 0}
    assert counts(project, "officials") == {"one": 0}
