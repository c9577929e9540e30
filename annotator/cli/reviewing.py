"""`annotator review ACTION ...`, `annotator history CLAIM` and `annotator people`."""

from __future__ import annotations

import json

from annotator.core.ids import short_id

HELP = {
    "review": "review colleagues' claims: queue, accept, reject, dispute, correct, comment, submit...",
    "history": "show everything that happened to one claim (edits, reviews, comments)",
    "people": "list the project's people, or add one (--add NAME [--reviewer])",
}
_CORRECTABLE_TEXT = ("speaker", "confidence", "note", "qualifier", "unit", "measure", "period")


def add_arguments(parser, name: str) -> None:
    parser.set_defaults(action=name)
    if name == "history":
        parser.add_argument("claim", metavar="CLAIM_ID", help="claim id (a unique prefix is enough)")
        parser.add_argument("--format", dest="format_name", choices=("text", "json"), default="text")
        return
    if name == "people":
        parser.add_argument("--add", metavar="NAME", help="add this person")
        parser.add_argument("--reviewer", action="store_true", help="with --add: they may review others")
        parser.add_argument("--as", dest="annotator", metavar="NAME", help="who makes the change")
        return
    actions = parser.add_subparsers(dest="review_action", metavar="ACTION", required=True)
    queue = actions.add_parser("queue", help="claims awaiting your review")
    _as(queue)
    conflicts = actions.add_parser(
        "conflicts", help="open merge conflicts (both versions kept, or a change refused)"
    )
    _as(conflicts)
    for verb, help_text in (
        ("accept", "accept a colleague's claim"),
        ("reject", "reject a claim (--reason required)"),
        ("dispute", "dispute a claim (--comment required)"),
        ("correct", "add your corrected version of a claim; the original stays"),
        ("comment", "add a comment to a claim's thread"),
        ("submit", "submit your own draft claims for review"),
    ):
        sub = actions.add_parser(verb, help=help_text)
        sub.add_argument(
            "claims" if verb == "submit" else "claim",
            nargs="+" if verb == "submit" else None,
            metavar="CLAIM_ID",
            help="claim id (a unique prefix is enough)",
        )
        _as(sub)
        if verb == "reject":
            sub.add_argument("--reason", required=True, help="why the claim is rejected")
        elif verb in ("accept", "dispute", "correct", "comment"):
            sub.add_argument(
                "--comment", required=verb in ("dispute", "comment"), default="", help="your comment"
            )
        if verb == "correct":
            sub.add_argument("--value", type=float, help="the corrected figure value")
            sub.add_argument("--low", type=float, help="the corrected range low")
            sub.add_argument("--high", type=float, help="the corrected range high")
            sub.add_argument("--figure-text", dest="text", help="the corrected figure text")
            sub.add_argument("--start", type=int, help="corrected span start (code points)")
            sub.add_argument("--end", type=int, help="corrected span end (code points)")
            for field in _CORRECTABLE_TEXT:
                sub.add_argument(f"--{field}", help=f"the corrected {field}")


def _as(parser) -> None:
    from annotator.cli import add_db_argument

    add_db_argument(parser)
    parser.add_argument("--as", dest="annotator", metavar="NAME", help="who you are (default: you)")


def run(args) -> int:
    from annotator.cli.common import open_project

    with open_project(args) as project:
        if args.action == "history":
            return _history(project, args)
        if args.action == "people":
            return _people(project, args)
        return _review(project, args)


def _review(project, args) -> int:
    from annotator.cli.common import current_user

    me = current_user(args, project)
    reviews = project.reviews
    action = args.review_action
    if action == "queue":
        return _print_queue(reviews.queue(reviewer=me))
    if action == "conflicts":
        return _print_conflicts(project)
    if action == "submit":
        done = reviews.submit([project.claims.find_id(c) for c in args.claims], by=me)
        print(f"submitted {len(done)} claim(s)")
        return 0
    claim_id = project.claims.find_id(args.claim)
    if action == "comment":
        reviews.comment(claim_id, args.comment, by=me)
        print(f"commented on {claim_id}")
        return 0
    if action == "accept":
        outcome = reviews.accept(claim_id, by=me, comment=args.comment)
    elif action == "reject":
        outcome = reviews.reject(claim_id, by=me, reason=args.reason)
    elif action == "dispute":
        outcome = reviews.dispute(claim_id, by=me, comment=args.comment)
    else:
        outcome = reviews.correct(claim_id, by=me, comment=args.comment, **_corrections(args))
    print(
        f"{outcome.review.decision} {claim_id}"
        + (f" -> {outcome.correction.id}" if outcome.correction else "")
    )
    return 0


def _corrections(args) -> dict:
    names = ("value", "low", "high", "text", "start", "end", *_CORRECTABLE_TEXT)
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _print_queue(claims) -> int:
    from annotator.cli.listing import format_table

    rows = [
        {
            "id": short_id(c.id),
            "annotator": c.annotator,
            "quote": c.quote,
            "speaker": c.speaker or "",
            "figure": c.figure.text,
            "confidence": c.confidence,
        }
        for c in claims
    ]
    print(format_table(rows))
    return 0


def _print_conflicts(project) -> int:
    from annotator.cli.listing import format_table

    rows = [
        {
            "claim": c.claim_id[:8],
            "other version": (c.other_claim_id or "")[:8],
            "kind": c.kind,
            "from": c.source,
            "found": c.detected_at[:16],
            "why": c.reason,
        }
        for c in project.conflicts.all(open_only=True)
    ]
    print(format_table(rows))
    return 0


def _history(project, args) -> int:
    from annotator.core.exporters.jsonl_export import history_to_json
    from annotator.core.formatting import for_terminal
    from annotator.core.history import describe_action, describe_change

    claim_id = (
        project.claims.find_id(args.claim) if not project.claims.was_deleted(args.claim) else args.claim
    )
    entries = project.log.claim_history(claim_id)
    if args.format_name == "json":
        print(json.dumps([history_to_json(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    for entry in entries:
        action = describe_action(entry)
        print(for_terminal(f"{entry.at}  {entry.who:<12} {action:<12} {describe_change(entry)}"))
    return 0


def _people(project, args) -> int:
    from annotator.cli.common import current_user
    from annotator.core.formatting import for_terminal

    if args.add:
        project.people.add(args.add, by=current_user(args, project), reviewer=args.reviewer)
    reviewers = set(project.people.reviewers())
    for name in project.people.names():
        print(for_terminal(name) + ("  (reviewer)" if name in reviewers else ""))
    return 0
