"""`annotator article edit ID [--title T] [--outlet O] [--author A] [--url U] [--published DATE]
[--event E ...]`: fix the metadata real pasted articles come with."""

from __future__ import annotations

import sys

HELP = "fix an article's metadata: title, outlet, author, url, published date, events"
FIELDS = ("title", "outlet", "author", "url", "published")


def add_arguments(parser, _name: str) -> None:
    from annotator.cli import add_db_argument

    actions = parser.add_subparsers(dest="article_action", metavar="ACTION", required=True)
    edit = actions.add_parser("edit", help="change the metadata of one article (never its text)")
    add_db_argument(edit)
    edit.add_argument("article", metavar="ID", help="article id (its first or last characters are enough)")
    for field in FIELDS:
        edit.add_argument(f"--{field}", metavar=field.upper(), help=f"the new {field}")
    edit.add_argument(
        "--event",
        dest="events",
        action="append",
        metavar="EVENT",
        help="an event (repeat; replaces them all)",
    )
    edit.add_argument("--no-events", action="store_true", help="remove every event")
    edit.add_argument("--as", dest="annotator", metavar="NAME", help="who makes the change (default: you)")


def run(args) -> int:
    from annotator.cli.common import current_user, open_project

    changes = {field: getattr(args, field) for field in FIELDS if getattr(args, field) is not None}
    if args.events is not None or args.no_events:
        changes["events"] = () if args.no_events else tuple(args.events)
    if not changes:
        print(
            "annotator article edit: nothing to change (give --title, --published, --event ...)",
            file=sys.stderr,
        )
        return 2
    with open_project(args) as project:
        article_id = project.articles.find_id(args.article)
        edited = project.articles.edit(article_id, by=current_user(args, project), **changes)
        article = project.articles.get(article_id)
    for field, value in edited.after.items():
        shown = ", ".join(value) if field == "events" else value
        parsed = f" (read as {article.published})" if field == "published" and value else ""
        print(f"{field}: {edited.before[field]!r} -> {shown!r}{parsed}")
    return 0

