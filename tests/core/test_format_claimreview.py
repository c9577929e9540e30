"""ClaimReview JSON-LD: one schema.org ClaimReview per reviewed claim."""

from __future__ import annotations

import json

import pytest

from annotator.core.exporters import exporter_for
from annotator.core.model import IncomingArticle, IncomingClaim

TEXT = "Officials said 1,000 soldiers were killed. The agency said 300 were killed. 😀 Nobody said 7."


def _claim(quote: str, **fields) -> IncomingClaim:
    start = TEXT.index(quote)
    return IncomingClaim(start=start, end=start + len(quote), quote=quote, annotator="amira", **fields)


@pytest.fixture
def reviewed(project):
    claims = (
        _claim(
            "1,000 soldiers were killed",
            speaker="Western officials",
            speaker_type="government",
            status="submitted",
        ),
        _claim("300 were killed", speaker="Dana Reyes", speaker_type="expert", status="submitted"),
        _claim("Nobody said 7", status="submitted"),
        _claim("The agency", status="accepted"),
        _claim("Officials", status="draft"),
    )
    article = IncomingArticle(
        text=TEXT,
        title="Losses 😀",
        outlet="Valley Courier",
        url="https://example.org/a",
        published="2026-03-04",
        claims=claims,
    )
    article_id = project.articles.add(article, by="amira").article_id
    ids = {c.quote: c.id for c in project.claims.for_article(article_id)}
    project.reviews.accept(ids["1,000 soldiers were killed"], by="ben", comment="matches the source")
    project.reviews.dispute(ids["300 were killed"], by="ben", comment="which agency?")
    project.reviews.correct(ids["Nobody said 7"], by="ben", comment="the figure only", start=TEXT.index("7"))
    return project


def _export(project, tmp_path, **filters) -> dict:
    out = tmp_path / "reviews.jsonld"
    count = exporter_for("claimreview")(project, out, **filters)
    documents = json.loads(out.read_text(encoding="utf-8"))
    assert count == len(documents)
    return {d["claimReviewed"]: d for d in documents}


def test_only_reviewed_claims_are_exported(reviewed, tmp_path):
    documents = _export(reviewed, tmp_path)
    assert set(documents) == {
        "1,000 soldiers were killed",
        "300 were killed",
        "Nobody said 7",
        "7",
        "The agency",
    }


def test_claim_review_shape(reviewed, tmp_path):
    document = _export(reviewed, tmp_path)["1,000 soldiers were killed"]
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "ClaimReview"
    assert document["author"] == {"@type": "Person", "name": "ben"}
    assert document["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Accepted",
        "ratingExplanation": "matches the source",
        "ratingValue": 4,
        "worstRating": 1,
        "bestRating": 4,
    }
    assert len(document["datePublished"]) == 10
    assert document["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": "Western officials"},
        "datePublished": "2026-03-04",
        "appearance": {
            "@type": "CreativeWork",
            "url": "https://example.org/a",
            "headline": "Losses 😀",
            "datePublished": "2026-03-04",
            "publisher": {"@type": "Organization", "name": "Valley Courier"},
        },
    }


def test_people_speakers_disputes_and_corrections(reviewed, tmp_path):
    documents = _export(reviewed, tmp_path)
    disputed = documents["300 were killed"]
    assert disputed["itemReviewed"]["author"] == {"@type": "Person", "name": "Dana Reyes"}
    assert disputed["reviewRating"]["alternateName"] == "Disputed"
    assert documents["Nobody said 7"]["reviewRating"]["alternateName"] == "Corrected"
    assert "author" not in documents["Nobody said 7"]["itemReviewed"]
    correction = documents["7"]  # the reviewer's corrected version, accepted when made
    assert correction["reviewRating"]["alternateName"] == "Accepted"
    assert correction["author"] == {"@type": "Person", "name": "ben"}


def test_accepted_without_a_review_is_rated_by_status_and_credited_to_its_annotator(reviewed, tmp_path):
    document = _export(reviewed, tmp_path)["The agency"]
    assert document["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Accepted",
        "ratingValue": 4,
        "worstRating": 1,
        "bestRating": 4,
    }
    assert document["author"] == {"@type": "Person", "name": "amira"}


def test_filters_apply(reviewed, tmp_path):
    assert set(_export(reviewed, tmp_path, status="disputed")) == {"300 were killed"}


def test_empty_project_writes_an_empty_list(project, tmp_path):
    assert _export(project, tmp_path) == {}


def test_every_decision_has_a_numeric_rating_from_worst_to_best(reviewed, tmp_path):
    ratings = {quote: d["reviewRating"]["ratingValue"] for quote, d in _export(reviewed, tmp_path).items()}
    assert ratings["300 were killed"] == 2  # disputed
    assert ratings["Nobody said 7"] == 3  # corrected
    assert ratings["1,000 soldiers were killed"] == 4  # accepted


def test_a_review_url_template_gives_each_review_its_own_page(reviewed, tmp_path):
    documents = _export(reviewed, tmp_path, review_url="https://factcheck.example/c/{claim_id}")
    urls = {d["url"] for d in documents.values()}
    assert len(urls) == len(documents)
    assert all(d["url"] == f"https://factcheck.example/c/{d['identifier']}" for d in documents.values())


def test_without_a_template_no_url_is_invented(reviewed, tmp_path):
    assert all("url" not in d for d in _export(reviewed, tmp_path).values())


@pytest.mark.parametrize("template", ["https://factcheck.example/all", "javascript:alert(1)/{claim_id}"])
def test_a_review_url_template_that_cannot_work_is_refused(reviewed, tmp_path, template):
    from annotator.core.errors import AnnotatorError

    with pytest.raises(AnnotatorError, match="must be an http"):
        _export(reviewed, tmp_path, review_url=template)
    assert not (tmp_path / "reviews.jsonld").exists()
