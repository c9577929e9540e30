"""`annotator merge [--db PATH] OTHER_PROJECT...`: bring colleagues' work into this project."""

from __future__ import annotations

import sys

HELP = "merge colleagues' project files into this one (idempotent; conflicts kept and flagged)"


def add_arguments(parser, _name: str) -> None:
    parser.add_argument("others", nargs="+", metavar="OTHER_PROJECT", help="project files to merge in")
    parser.add_argument("--annotator", metavar="NAME", help="who is merging (default: you)")


def run(args) -> int:
    from annotator.cli.common import current_user, open_project
    from annotator.core.errors import AnnotatorError
    from annotator.core.review.merge import merge_file

    failed = 0
    with open_project(args) as project:
        for other in args.others:
            if project.path != ":memory:" and _same_file(project.path, other):
                print(f"annotator merge: {other} is this project itself; skipped", file=sys.stderr)
                failed += 1
                continue
            try:
                result = merge_file(project, other, by=current_user(args, project))
            except AnnotatorError as error:
                print(f"annotator merge: {other}: {error}", file=sys.stderr)
                failed += 1
                continue
            print(result.describe())
    return 1 if failed else 0


def _same_file(a: str, b: str) -> bool:
    from pathlib import Path

    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
