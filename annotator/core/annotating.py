"""The annotator's own rules: who may change which claim, the first claim starting an article,
and handing one's drafts over for review — each with the core call that takes it back."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import InvalidClaim
from annotator.core.model import Claim

NOT_STARTED, IN_PROGRESS = "not started", "in progress"
SUBMITTABLE = ("draft",)
# A reviewer has decided: the claim is no longer its owner's to change (a dispute reopens it).
REVIEWED_STATUSES = ("accepted", "rejected")
# Status moves a claim's owner makes without a review: submitting, taking a submission back,
# taking a suggestion as one's own draft.
OWNER_MOVES = frozenset(
    {
        ("draft", "submitted"),
        ("disputed", "submitted"),
        ("submitted", "draft"),
        ("submitted", "disputed"),
        ("suggested", "draft"),
    }
)


def corrected_ids(claims) -> frozenset[str]:
    """The claims among `claims` that a reviewer's correction (also among them) supersedes."""
    return frozenset(claim.supersedes for claim in claims if claim.supersedes)


def shown_status(claim: Claim, corrected: frozenset[str] = frozenset()) -> str:
    """A claim's status as people read it: an original superseded by a correction is stored
    as rejected (its review's decision is "corrected") and reads "corrected"."""
    return "corrected" if claim.status == "rejected" and claim.id in corrected else claim.status


def claims_as_shown(project, *, status: str | None = None, **filters) -> list[tuple[Claim, str]]:
    """The claims matching `filters` (those of `select`), each with its status as shown;
    `status` filters on the shown status, so "corrected" finds the superseded originals."""
    stored = "rejected" if status == "corrected" else status
    corrected = project.claims.superseded_ids()
    shown = (
        (claim, shown_status(claim, corrected)) for claim in project.claims.select(status=stored, **filters)
    )
    return [(claim, read) for claim, read in shown if status in (None, "", read)]


def may_change(claim: Claim, user: str) -> bool:
    """One's own claims, unowned ones and machine suggestions; others' claims are reviewed instead."""
    return claim.annotator in ("", user) or claim.status == "suggested"


@dataclass(frozen=True)
class NewClaim:
    """A claim just created, and whether it was the one that started its article."""

    claim: Claim
    started_article: bool


def prefilled(project, article, start: int, end: int) -> dict:
    """What Enter in the window fills in for a new claim on [start, end): the figure read from
    the span, and the outlet the sentence names ("told the BBC"), else the article's own."""
    return prefilled_from_text(
        article, start, end, known=project.claims.outlets(), speakers=project.speakers.all()
    )


def prefilled_from_text(article, start: int, end: int, *, known=(), speakers=()) -> dict:
    """`prefilled` from the article alone (a team project's server out of reach): the outlets
    and speakers the project knows are not consulted unless given."""
    # Imported at the first Enter, not with the window: the figure reader compiles its patterns.
    from annotator.core.figures.prefill import prefill_figure
    from annotator.core.outlets import outlet_near

    figure = prefill_figure(article.text, start, end)
    outlet = outlet_near(article.text, start, end, known=known, speakers=speakers) or article.outlet
    return {"figure": figure, "outlet": outlet}


def find_quote(text: str, quote: str, *, nth: int = 1) -> tuple[int, int]:
    """The span of the `nth` occurrence (1 = first) of `quote` in `text`; InvalidClaim if absent."""
    if not quote:
        raise InvalidClaim("the quote is empty")
    if nth < 1:
        raise InvalidClaim(f"occurrences count from 1, not {nth}")
    starts, start = [], text.find(quote)
    while start >= 0 and len(starts) < nth:
        starts.append(start)
        start = text.find(quote, start + 1)
    if not starts:
        raise InvalidClaim(f"the quote {quote!r} is not in the article")
    if len(starts) < nth:
        raise InvalidClaim(f"the quote {quote!r} is in the article {len(starts)} time(s), not {nth}")
    return starts[-1], starts[-1] + len(quote)


def create_claim(project, article_id: str, start: int, end: int, *, by: str, **fields) -> NewClaim:
    """Create a claim; the first claim in an untouched article marks it "in progress" (one transaction)."""
    with project.transaction():
        claim = project.claims.create(article_id, start, end, by=by, **fields)
        started = start_article(project, article_id, by=by)
    return NewClaim(claim, started)


def start_article(project, article_id: str, *, by: str) -> bool:
    """An untouched article becomes "in progress"; return whether it did."""
    if project.articles.get(article_id).status != NOT_STARTED:
        return False
    project.articles.set_status(article_id, IN_PROGRESS, by=by)
    return True


def take_back_claim(project, new: NewClaim, *, by: str) -> None:
    """Undo of `create_claim`: the claim goes, and the article it started is untouched again."""
    with project.transaction():
        project.claims.delete(new.claim.id, by=by)
        if new.started_article:
            project.articles.set_status(new.claim.article_id, NOT_STARTED, by=by)


def put_back_claim(project, new: NewClaim, *, by: str) -> None:
    """Redo of `create_claim`: the claim as it was, and its article in progress again if it started it."""
    with project.transaction():
        project.claims.restore(new.claim, by=by)
        if new.started_article:
            project.articles.set_status(new.claim.article_id, IN_PROGRESS, by=by)


def submit_drafts(project, article_id: str, *, by: str) -> list[tuple[Claim, Claim]]:
    """Hand `by`'s drafts in this article over for review; return (before, after) of each."""
    claims = project.claims.for_article(article_id)
    drafts = [c for c in claims if c.annotator == by and c.status in SUBMITTABLE]
    after = project.reviews.submit([c.id for c in drafts], by=by)
    return list(zip(drafts, after, strict=True))


def take_back_submission(project, claims: list[Claim], *, by: str) -> list[Claim]:
    """Undo of `submit_drafts`: each claim gets its status from before; return them as they are now."""
    with project.transaction():
        return [
            project.claims.set_status(claim.id, claim.status, by=by, action="undo submit") for claim in claims
        ]


# -- adjusting a claim's span -------------------------------------------------------------

REOPENED_STATUSES = ("accepted", "rejected", "disputed")  # a moved span goes back to review


@dataclass(frozen=True)
class SpanMove:
    """What moving a claim's span did: the claim before and after, the note in its thread,
    and the article's status before when the move reopened a reviewed article."""

    before: Claim
    after: Claim
    comment: object | None = None  # the Comment saying the span changed (a reopened review)
    article_status_before: str | None = None


def move_span(project, claim_id: str, start: int, end: int, *, by: str) -> SpanMove:
    """Give a claim a new span [start, end): same id, quote taken from the text, logged.

    A claim that was reviewed (accepted, rejected, disputed) goes back to submitted, with a
    comment in its thread saying from which span to which, so its reviewer sees it again; a
    reviewed article goes back to in progress. A corrected claim is refused: the reviewer's
    correction carries the span now.
    """
    with project.transaction():
        before = project.claims.get(claim_id)
        _refuse_corrected(project, before)
        reopen = before.status in REOPENED_STATUSES
        after = project.claims.move_span(claim_id, start, end, by=by)
        if not reopen:
            return SpanMove(before, after)
        comment = project.reviews.comment(claim_id, _span_change_note(before, after), by=by)
        return SpanMove(before, after, comment, _reopen_article(project, before.article_id, by=by))


def take_back_span_move(project, move: SpanMove, *, by: str) -> Claim:
    """Undo of `move_span`: the claim's span and status, its thread and its article as before."""
    with project.transaction():
        claim = project.claims.take_back_span_move(move.before, by=by, moved_at=move.after.updated_at)
        if move.comment is not None:
            project.reviews.remove_comment(move.comment, by=by)
        if move.article_status_before is not None:
            project.articles.set_status(move.before.article_id, move.article_status_before, by=by)
    return claim


def _refuse_corrected(project, claim: Claim) -> None:
    corrected = [r for r in project.reviews.of_claim(claim.id) if r.decision == "corrected"]
    if corrected and claim.status == "rejected":
        raise InvalidClaim(
            f"this claim was corrected by {corrected[-1].reviewer}; "
            "the correction's span is the one to adjust"
        )


def _span_change_note(before: Claim, after: Claim) -> str:
    return (
        f"Span changed from “{before.quote}” ({before.start}–{before.end}) to “{after.quote}” "
        f"({after.start}–{after.end}); review reopened (it was {before.status})."
    )


def _reopen_article(project, article_id: str, *, by: str) -> str | None:
    """A reviewed article has a claim to review again: it is in progress; return the old status."""
    status = project.articles.get(article_id).status
    if status != "reviewed":
        return None
    project.articles.set_status(article_id, IN_PROGRESS, by=by)
    return status
