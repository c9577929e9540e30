"""What the open article's claims look like once the changes a lost connection kept are sent.

A team project's window keeps the actions the server could not take (ui/team/outbox) and sends
them later; meanwhile the analyst sees them where they work, drawn as waiting. `with_waiting`
takes the stored claims shown and the waiting actions, each as `(kind, args)` (its outbox kind
and the arguments that make it again), and returns what to draw: nothing is read from the
project, which may be out of reach. An action it cannot apply (a crafted outbox file, a claim
not shown here) is passed over; the server decides when it is sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.core.model import FIGURE_FIELDS, Claim, Figure

# The outbox kinds of the actions drawn here (the commands' `waiting_kind`, the file's "kind").
CREATE, EDIT, DELETE, MOVE = "create claim", "edit claim", "delete claim", "move span"
REVIEW, SUBMIT = "review", "submit drafts"

WAITING = "waiting to be sent"
_REVIEWED = {"accept": "accepted", "reject": "rejected", "dispute": "disputed", "correct": "rejected"}
_REOPENED = ("accepted", "rejected", "disputed")  # a moved span goes back to review (core.annotating)
_CLAIM_FIELDS = {"speaker", "figure", "confidence", "note", "outlet", "kind", *FIGURE_FIELDS}
_TEXTS = ("confidence", "note", "outlet", "kind")
_FIGURE_WORDS = ("text", "qualifier", "unit", "measure", "period")


@dataclass(frozen=True)
class Drawn:
    """The claims to draw (the stored ones as the waiting actions leave them, waiting creations
    added, waiting deletions left out) and, for each claim an action waits for, its status in
    words ("waiting to be sent", "accepted — waiting to be sent")."""

    claims: list[Claim]
    waiting: dict[str, str] = field(default_factory=dict)


@dataclass
class _Overlay:
    article_id: str
    text: str
    user: str
    claims: dict[str, Claim] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)
    touched: dict[str, str] = field(default_factory=dict)  # claim id -> the status word shown ('' : same)


def with_waiting(
    claims: Iterable[Claim], waiting: Iterable[tuple[str, dict]], *, article_id: str, text: str, user: str
) -> Drawn:
    """The article's claims as they will be once `waiting` is sent, first to last."""
    overlay = _Overlay(article_id, text, user, {claim.id: claim for claim in claims})
    for kind, args in waiting:
        apply = _APPLY.get(kind)
        if apply is not None and isinstance(args, dict):
            try:
                apply(overlay, args)
            except (TypeError, ValueError, AttributeError, KeyError):
                continue  # not an action Annotator made as it stands: the server decides when sent
    shown = overlay.claims
    return Drawn(list(shown.values()), {i: _status_words(overlay, i) for i in overlay.touched if i in shown})


def _status_words(overlay: _Overlay, claim_id: str) -> str:
    word = overlay.touched[claim_id]
    if not word and claim_id in overlay.created:
        return WAITING
    return f"{word or overlay.claims[claim_id].status} — {WAITING}"


def _create(overlay: _Overlay, args: dict) -> None:
    claim_id, start, end = args["claim_id"], args["start"], args["end"]
    if args["article_id"] != overlay.article_id or claim_id in overlay.claims:
        return  # another article's, or sent already (the stored claim is shown)
    _check_span(overlay.text, start, end)
    made = Claim(claim_id, overlay.article_id, start, end, overlay.text[start:end], annotator=overlay.user)
    overlay.claims[claim_id] = _changed(made, {k: v for k, v in args.items() if k in _CLAIM_FIELDS})
    overlay.created.add(claim_id)
    overlay.touched.setdefault(claim_id, "")


def _edit(overlay: _Overlay, args: dict) -> None:
    claim = overlay.claims.get(args["claim_id"])
    if claim is not None:
        changes = {k: v for k, v in args.items() if k in _CLAIM_FIELDS}
        overlay.claims[claim.id] = _changed(claim, changes)
        overlay.touched.setdefault(claim.id, "")


def _delete(overlay: _Overlay, args: dict) -> None:
    overlay.claims.pop(args["claim_id"], None)


def _move(overlay: _Overlay, args: dict) -> None:
    claim = overlay.claims.get(args["claim_id"])
    if claim is None:
        return
    start, end = args["start"], args["end"]
    _check_span(overlay.text, start, end)
    status = "submitted" if claim.status in _REOPENED else claim.status
    quote = overlay.text[start:end]
    overlay.claims[claim.id] = claim.with_changes(start=start, end=end, quote=quote, status=status)
    if status != claim.status:
        overlay.touched[claim.id] = status
    else:
        overlay.touched.setdefault(claim.id, "")


def _review(overlay: _Overlay, args: dict) -> None:
    claim = overlay.claims.get(args["claim_id"])
    action = args["action"]
    if claim is not None and action in _REVIEWED:
        overlay.claims[claim.id] = claim.with_changes(status=_REVIEWED[action])
        overlay.touched[claim.id] = "corrected" if action == "correct" else _REVIEWED[action]


def _submit(overlay: _Overlay, args: dict) -> None:
    if args["article_id"] != overlay.article_id:
        return
    for claim in list(overlay.claims.values()):
        if claim.annotator == overlay.user and claim.status == "draft":
            overlay.claims[claim.id] = claim.with_changes(status="submitted")
            overlay.touched[claim.id] = "submitted"


_APPLY = {CREATE: _create, EDIT: _edit, DELETE: _delete, MOVE: _move, REVIEW: _review, SUBMIT: _submit}


def _check_span(text: str, start, end) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"no span [{start}, {end}) in this text")


def _changed(claim: Claim, changes: dict) -> Claim:
    """`claim` with an action's field values, refused (ValueError) unless they are of the kinds
    the form makes: a Figure, flat figure fields, a speaker name or none, plain texts."""
    after = claim.with_changes(**changes)
    figure = after.figure
    if not isinstance(figure, Figure) or not all(isinstance(getattr(after, name), str) for name in _TEXTS):
        raise ValueError("not a claim's values")
    if after.speaker is not None and not isinstance(after.speaker, str):
        raise ValueError("not a speaker")
    numbers = (figure.value, figure.low, figure.high)
    if any(n is not None and not isinstance(n, (int, float)) for n in numbers):
        raise ValueError("not a figure's numbers")
    if not all(isinstance(getattr(figure, n), str) for n in _FIGURE_WORDS):
        raise ValueError("not a figure's words")
    return after
