"""Comparing two annotators on one article, and adjudicating between their versions."""

from __future__ import annotations

import pytest

from annotator.core.errors import PermissionDenied
from annotator.core.model import Figure
from annotator.core.review.adjudicate import compare, merge_fields, pick
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "Officials said 1,000 of some 11,000 troops had been killed; the agency said about 300."


@pytest.fixture
def versions(project):
    article = add_article(project, TEXT)
    for name in ("Western officials", "NIS"):
        project.speakers.add(name, by="amira")
    project.people.add("carla", by="carla", reviewer=True)
    a1 = project.claims.create(
        article,
        0,
        58,
        by="amira",
        speaker="Western officials",
        figure=Figure("1,000", 1000),
        confidence="moderate",
        status="submitted",
    )
    b1 = project.claims.create(
        article,
        15,
        58,
        by="ben",
        speaker="Western officials",
        figure=Figure("1,000", 1000),
        confidence="high",
        status="submitted",
    )
    a2 = project.claims.create(article, 60, 86, by="amira", speaker="NIS", status="submitted")
    b2 = project.claims.create(article, 60, 86, by="ben", speaker="NIS", status="submitted")
    b3 = project.claims.create(article, 28, 34, by="ben", figure=Figure("11,000", 11000), status="submitted")
    return project, article, (a1, b1, a2, b2, b3)


def test_claims_pair_by_overlap_and_list_their_differences(versions):
    project, article, (a1, b1, a2, b2, b3) = versions
    comparison = compare(project, article, "amira", "ben")
    assert [(p.a.id, p.b.id) for p in comparison.pairs] == [(a1.id, b1.id), (a2.id, b2.id)]
    assert comparison.pairs[0].differences == ("span", "confidence")
    assert comparison.pairs[1].agrees
    assert comparison.only_a == () and [c.id for c in comparison.only_b] == [b3.id]


def test_picking_a_version_accepts_it_and_rejects_the_other(versions):
    project, article, (a1, b1, *_) = versions
    pair = compare(project, article, "amira", "ben").pairs[0]
    pick(project, pair, "b", by="carla")
    assert project.claims.get(b1.id).status == "accepted"
    assert project.claims.get(a1.id).status == "rejected"
    assert "ben's version kept" in project.reviews.latest(a1.id).comment


def test_merging_fields_makes_an_adjudicated_claim(versions):
    project, article, (a1, b1, *_) = versions
    pair = compare(project, article, "amira", "ben").pairs[0]
    corrected, _ = merge_fields(project, pair, ("confidence",), by="carla")
    adjudicated = corrected.correction
    assert adjudicated.supersedes == a1.id and adjudicated.status == "accepted"
    assert (adjudicated.start, adjudicated.end, adjudicated.confidence) == (0, 58, "high")
    assert project.claims.get(a1.id).confidence == "moderate"  # the original is kept as it was
    assert project.claims.get(b1.id).status == "rejected"


def test_an_annotator_cannot_adjudicate_their_own_pair(versions):
    project, article, (a1, b1, *_) = versions
    pair = compare(project, article, "amira", "ben").pairs[0]
    project.people.add("amira", by="carla", reviewer=True)
    with pytest.raises(PermissionDenied):
        pick(project, pair, "a", by="amira")
    assert project.claims.get(a1.id).status == "submitted"  # one transaction: nothing half-done
    assert project.claims.get(b1.id).status == "submitted"
