"""ClaimReview JSON-LD (schema.org) for reviewed claims, for fact-checkers who publish.

A claim is reviewed when its status is accepted, rejected or disputed, or a colleague has
reviewed it. `claimReviewed` is the quote; `itemReviewed` is the `Claim` with its speaker
as `author` and the article (url, date, headline, outlet) as `appearance`; the rating's
`alternateName` is the latest review decision (else the status) and the reviewer's comment
explains it; `ratingValue` places it on a 1-4 scale (worst 1 = rejected, best 4 = accepted).
`url`, the page where the fact-check is published, comes from a template such as
`https://factcheck.example/claims/{claim_id}` (`--review-url`); without one it is left out.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.exporters import atomic_output, register


class ExportOptionError(AnnotatorError):
    """An export option that cannot be used as given."""

REVIEWED_STATUSES = ("accepted", "rejected", "disputed")
VERDICTS = {"accepted": "Accepted", "rejected": "Rejected", "disputed": "Disputed", "corrected": "Corrected"}
RATING_VALUES = {"rejected": 1, "disputed": 2, "corrected": 3, "accepted": 4}
WORST_RATING, BEST_RATING = 1, 4
# Speaker types that are organisations in schema.org terms; the others are people.
ORGANISATION_TYPES = ("government", "military", "official body", "international organisation", "NGO", "media")


def write_claimreview(
    project, out: Path | None, *, annotator=None, status=None, article_id=None, review_url: str = ""
) -> int:
    """Write a JSON-LD list of ClaimReview objects for the reviewed claims; return how many.

    :param review_url: a template for each review's published page, `{claim_id}` replaced
    """
    check_review_url(review_url)
    reviews = _latest_reviews(project)
    claims = [
        claim
        for claim in project.claims.select(annotator=annotator, status=status, article_id=article_id)
        if claim.status in REVIEWED_STATUSES or claim.id in reviews
    ]
    articles: dict = {}
    speaker_types = {speaker.name: speaker.type for speaker in project.speakers.all()}
    documents = []
    for claim in claims:
        article = articles.get(claim.article_id) or articles.setdefault(
            claim.article_id, project.articles.get(claim.article_id)
        )
        document = claim_review(claim, article, reviews.get(claim.id), speaker_types)
        if review_url:
            document["url"] = review_url.replace("{claim_id}", claim.id)
        documents.append(document)
    with atomic_output(out, newline="\n") as stream:
        stream.write(script_safe(json.dumps(documents, ensure_ascii=False, indent=2)) + "\n")
    return len(documents)


def script_safe(text: str) -> str:
    """JSON that stays JSON inside an HTML <script> block: `<` written as \\u003c, so no
    imported string can close the block (`</script>`) or open a comment (`<!--`)."""
    return text.replace("<", "\\u003c")


def check_review_url(template: str) -> None:
    """Refuse a review URL template that is not http(s) or gives every review the same page."""
    if not template:
        return
    if not template.startswith(("https://", "http://")) or "{claim_id}" not in template:
        raise ExportOptionError(
            f"review URL {template!r} must be an http(s) address with {{claim_id}} in it, "
            "e.g. https://factcheck.example/claims/{claim_id}"
        )


def _latest_reviews(project) -> dict:
    latest = {}
    for review in project.reviews.all_reviews():  # by claim, oldest first
        latest[review.claim_id] = review
    return latest


def claim_review(claim, article, review, speaker_types: dict[str, str]) -> dict:
    """One schema.org ClaimReview; empty properties are left out."""
    decision = review.decision if review else claim.status
    rating = {"@type": "Rating", "alternateName": VERDICTS.get(decision, decision.capitalize())}
    if decision in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[decision], worstRating=WORST_RATING, bestRating=BEST_RATING)
    if review and review.comment:
        rating["ratingExplanation"] = review.comment
    document = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.quote,
        "datePublished": _date(review.created_at if review else claim.updated_at),
        "author": _person(review.reviewer if review else claim.annotator),
        "reviewRating": rating,
        "itemReviewed": _claim(claim, article, speaker_types),
    }
    return _pruned(document)


def _claim(claim, article, speaker_types: dict[str, str]) -> dict:
    speaker = None
    if claim.speaker:
        kind = "Organization" if speaker_types.get(claim.speaker) in ORGANISATION_TYPES else "Person"
        speaker = {"@type": kind, "name": claim.speaker}
    appearance = {
        "@type": "CreativeWork",
        "url": article.url,
        "headline": article.title,
        "datePublished": article.published,
        "publisher": {"@type": "Organization", "name": article.outlet} if article.outlet else None,
    }
    return {"@type": "Claim", "author": speaker, "datePublished": article.published, "appearance": appearance}


def _person(name: str) -> dict | None:
    return {"@type": "Person", "name": name} if name else None


def _date(timestamp: str) -> str:
    return timestamp[:10]


def _pruned(value):
    """The value without empty strings, None and empty objects, recursively."""
    if isinstance(value, dict):
        pruned = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", {}, [])}
    return value


register("claimreview", write_claimreview, suffix=".jsonld", label="ClaimReview JSON-LD (reviewed claims)")
