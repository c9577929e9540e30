"""`annotator claim add` and `annotator claim edit`: the window's claim form for scripts.

`claim add --article ID (--quote TEXT [--nth N] | --start S --end E)` creates a claim as Enter
in the window does: the figure read from the span by the same reader, the outlet the sentence
names, else the article's; the first claim starts the article. `claim edit ID --field value`
changes the fields of one's own unreviewed claim. Both print the claim (`--format json`: as
the JSONL export writes it).
"""

from __future__ import annotations

import json
import sys

HELP = "add a claim to an article (as Enter in the window does) or edit one's own claim"
TEXT_FIELDS = ("speaker", "outlet", "confidence", "note")
FIGURE_TEXT_FIELDS = ("qualifier", "unit", "measure", "period")
FIGURE_NUMBER_FIELDS = ("value", "low", "high")


def add_arguments(parser, _name: str) -> None:
    from annotator.cli import add_db_argument

    actions = parser.add_subparsers(dest="claim_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="tag a span of an article (figure prefilled from it)")
    add_db_argument(add)
    add.add_argument("--article", required=True, metavar="ID", help="the article (a short id is enough)")
    add.add_argument("--quote", metavar="TEXT", help="the exact words to tag")
    add.add_argument("--nth", type=int, default=1, metavar="N", help="the Nth occurrence of --quote")
    add.add_argument("--start", type=int, metavar="S", help="first code point of the span")
    add.add_argument("--end", type=int, metavar="E", help="code point after the span")
    _field_arguments(add, figure=False)
    edit = actions.add_parser("edit", help="change fields of your own claim (before it is reviewed)")
    add_db_argument(edit)
    edit.add_argument("claim", metavar="ID", help="the claim (a short id is enough)")
    _field_arguments(edit, figure=True)


def _field_arguments(parser, *, figure: bool) -> None:
    parser.add_argument("--speaker", metavar="NAME", help="a name or alias from the speaker registry")
    parser.add_argument("--outlet", metavar="O", help="the outlet (“told the BBC”): not the speaker")
    parser.add_argument("--confidence", metavar="C", help="a level of the project's scale (label or code)")
    parser.add_argument("--note", metavar="N")
    if figure:
        parser.add_argument("--figure-text", dest="text", metavar="T", help="the figure's own words")
        for name in FIGURE_NUMBER_FIELDS:
            parser.add_argument(f"--{name}", metavar="N", help=f"the figure's {name} ('' for none)")
        for name in FIGURE_TEXT_FIELDS:
            parser.add_argument(f"--{name}", metavar=name.upper())
    parser.add_argument("--as", dest="annotator", metavar="NAME", help="whose claim (default: you)")
    parser.add_argument("--format", dest="format_name", choices=("text", "json"), default="text")


def run(args) -> int:
    from annotator.cli.common import current_user, open_project

    with open_project(args) as project:
        by = current_user(args, project)
        if args.claim_action == "add":
            claim = _add(project, args, by=by)
        else:
            claim = _edit(project, args, by=by)
        if claim is None:
            return 2
        _print(claim, args.format_name)
    return 0


def _add(project, args, *, by: str):
    from annotator.core import annotating

    article = project.articles.get(project.articles.find_id(args.article))
    span = _span(article.text, args)
    if span is None:
        return None
    fields = annotating.prefilled(project, article, *span)
    fields.update(_given(project, args, TEXT_FIELDS))
    return annotating.create_claim(project, article.id, *span, by=by, **fields).claim


def _span(text: str, args) -> tuple[int, int] | None:
    from annotator.core.annotating import find_quote

    if (args.quote is None) == (args.start is None or args.end is None):
        print("annotator claim add: give --quote TEXT, or --start and --end (not both)", file=sys.stderr)
        return None
    if args.quote is not None:
        return find_quote(text, args.quote, nth=args.nth)
    return args.start, args.end


def _edit(project, args, *, by: str):
    changes = _given(project, args, TEXT_FIELDS + FIGURE_TEXT_FIELDS + ("text",))
    for name in FIGURE_NUMBER_FIELDS:
        if getattr(args, name) is not None:
            changes[name] = _number(name, getattr(args, name))
    if not changes:
        print("annotator claim edit: nothing to change (give --speaker, --value ...)", file=sys.stderr)
        return None
    return project.claims.edit(project.claims.find_id(args.claim), by=by, **changes)


def _given(project, args, names) -> dict:
    """The fields given on the command line, as the core takes them."""
    given = {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}
    if "confidence" in given and given["confidence"]:
        given["confidence"] = project.settings.confidence_scale().code_for(given["confidence"])
    if "speaker" in given:
        given["speaker"] = given["speaker"].strip() or None
    return given


def _number(name: str, text: str) -> float | None:
    from annotator.core.errors import InvalidClaim
    from annotator.core.formatting import parse_number

    try:
        return parse_number(text)
    except ValueError:
        raise InvalidClaim(f"--{name} {text!r} is not a number (e.g. 11,000 or 2.5)") from None


def _print(claim, format_name: str) -> None:
    from annotator.core.exporters.jsonl_export import claim_to_json
    from annotator.core.formatting import for_terminal

    if format_name == "json":
        print(json.dumps(claim_to_json(claim), ensure_ascii=False, indent=2))
        return
    figure = claim.figure.text or "no figure"
    speaker = claim.speaker or "no speaker"
    print(for_terminal(f"{claim.id}  {claim.status}  “{claim.quote}”  {speaker} · {figure}"))
