"""Two annotators' claims on one article side by side, and adjudication between them.

Claims are paired by span overlap (as in agreement); each pair lists the fields that
differ. Adjudicating goes through review actions, so nothing is overwritten: picking a
version accepts it and rejects the other; merging fields adds a corrected claim built on
one version with fields taken from the other, and rejects both originals.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import Claim
from annotator.core.review.agreement import match_spans

# Fields a comparison shows, in display order; "figure" covers value, low and high.
COMPARED_FIELDS = ("span", "speaker", "figure", "qualifier", "unit", "measure", "period", "confidence")


@dataclass(frozen=True, slots=True)
class ClaimPair:
    """One claim of A and the claim of B it overlaps most, with the fields that differ."""

    a: Claim
    b: Claim
    differences: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        """Whether the two versions say the same thing."""
        return not self.differences


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything A and B tagged on one article."""

    article_id: str
    a: str
    b: str
    pairs: tuple[ClaimPair, ...]
    only_a: tuple[Claim, ...]
    only_b: tuple[Claim, ...]


def field_value(claim: Claim, name: str):
    """The comparable value of one compared field."""
    figure = claim.figure
    if name == "span":
        return (claim.start, claim.end)
    if name == "figure":
        return (figure.value, figure.low, figure.high)
    if name in ("qualifier", "unit", "measure", "period"):
        return getattr(figure, name).strip().casefold()
    if name == "speaker":
        return (claim.speaker or "").casefold()
    return getattr(claim, name)


def differences(a: Claim, b: Claim) -> tuple[str, ...]:
    """The compared fields on which two claims differ."""
    return tuple(name for name in COMPARED_FIELDS if field_value(a, name) != field_value(b, name))


def compare(project, article_id: str, a: str, b: str) -> Comparison:
    """Pair A's and B's claims on one article by span overlap."""
    claims = [c for c in project.claims.for_article(article_id, include_suggested=False) if not c.supersedes]
    mine = [c for c in claims if c.annotator == a]
    theirs = [c for c in claims if c.annotator == b]
    pairs = match_spans(mine, theirs, mode="overlap")
    paired = {x.id for pair in pairs for x in pair}
    return Comparison(
        article_id,
        a,
        b,
        tuple(ClaimPair(x, y, differences(x, y)) for x, y in pairs),
        tuple(c for c in mine if c.id not in paired),
        tuple(c for c in theirs if c.id not in paired),
    )


def pick(project, pair: ClaimPair, side: str, *, by: str, reason: str = "") -> list:
    """Adjudicate by choosing one version: accept it, reject the other. Return the outcomes."""
    chosen, other = (pair.a, pair.b) if side == "a" else (pair.b, pair.a)
    why = reason.strip() or f"adjudicated: {chosen.annotator}'s version kept"
    with project.transaction():
        return [
            project.reviews.accept(chosen.id, by=by, comment=reason.strip()),
            project.reviews.reject(other.id, by=by, reason=why),
        ]


def merge_fields(project, pair: ClaimPair, take_from_b: tuple[str, ...], *, by: str) -> list:
    """Adjudicate by combining: A's version with the named fields taken from B.

    The combined claim is a correction of A (a new record, accepted); B is rejected with a
    reason naming it. Return the outcomes; the first carries the adjudicated claim.
    """
    changes = _changes_from(pair.b, take_from_b)
    with project.transaction():
        corrected = project.reviews.correct(
            pair.a.id,
            by=by,
            comment=f"adjudicated with {pair.b.annotator}'s {', '.join(take_from_b)}",
            **changes,
        )
        rejected = project.reviews.reject(
            pair.b.id, by=by, reason=f"adjudicated into {corrected.correction.id}"
        )
    return [corrected, rejected]


def _changes_from(claim: Claim, names: tuple[str, ...]) -> dict:
    changes: dict = {}
    for name in names:
        if name not in COMPARED_FIELDS:
            raise ValueError(f"unknown field {name!r}")
        if name == "span":
            changes.update(start=claim.start, end=claim.end)
        elif name == "figure":
            changes.update(value=claim.figure.value, low=claim.figure.low, high=claim.figure.high)
            changes.setdefault("text", claim.figure.text)
        elif name in ("qualifier", "unit", "measure", "period"):
            changes[name] = getattr(claim.figure, name)
        else:
            changes[name] = getattr(claim, name)
    return changes
