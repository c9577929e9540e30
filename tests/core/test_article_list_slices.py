"""The rows of the article list the window reads before its first frame: a slice and a position."""

from __future__ import annotations

import pytest

from annotator.core.model import IncomingArticle, IncomingClaim

pytestmark = pytest.mark.back_ends

TEXT = "The ministry said 40 people were moved."


@pytest.fixture
def listed(project):
    claims = ((IncomingClaim(start=0, end=len(TEXT), quote=TEXT, annotator="amira"),), ())
    incoming = [
        IncomingArticle(text=f"{TEXT} Report {n}.", title=f"Report {n}", claims=claims[n % 3 != 0])
        for n in range(12)
    ]
    project.articles.add_many(incoming, by="amira")
    return project


def test_a_slice_is_those_rows_of_the_whole_list(listed):
    whole = listed.articles.summaries()
    assert listed.articles.summaries_at(4, 5) == whole[4:9]
    assert listed.articles.summaries_at(10, 5) == whole[10:]  # cut at the end
    assert listed.articles.summaries_at(-3, 2) == whole[:2]


def test_an_articles_row_is_its_place_in_the_whole_list(listed):
    whole = listed.articles.summaries()
    assert [listed.articles.row_in_list(summary.id) for summary in whole] == list(range(len(whole)))
    assert listed.articles.row_in_list("no-such-article") is None
