"""`annotator suggest [--db PATH] (--article ID | --all)`: store suggested claims for review."""

from __future__ import annotations

import sys

HELP = "suggest claims (figures with speaker and measure) in one article or all of them"


def add_arguments(parser, _name: str) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--article", metavar="ID", help="suggest in this article")
    which.add_argument("--all", action="store_true", help="suggest in every article")
    parser.add_argument("--annotator", metavar="NAME", help="who runs the suggester (default: you)")


def run(args) -> int:
    from annotator.cli.common import current_user, open_project

    with open_project(args) as project:
        if args.article and not project.articles.exists(args.article):
            print(f"annotator suggest: no article with id {args.article!r}", file=sys.stderr)
            return 1
        ids = [args.article] if args.article else project.articles.ids()
        count = project.suggestions.suggest_all(by=current_user(args, project), article_ids=ids)
        proposed = project.suggestions.proposed_speakers()
    print(f"suggested {count} new claim(s) in {len(ids)} article(s); see them with --status suggested")
    if proposed:
        print("proposed new speakers (not in the registry; the window asks to add each when you accept):")
        for name, suggestions in proposed.items():
            print(f"  {name} ({suggestions} suggestion{'s' if suggestions > 1 else ''})")
    return 0
