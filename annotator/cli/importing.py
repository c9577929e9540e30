"""`annotator import [--db PATH] [--annotator NAME] [--format NAME] [--offsets UNIT] PATH...`"""

from __future__ import annotations

import sys

HELP = "import articles (.txt .md .html .jsonl, brat .ann, Label Studio .json ...) from files or folders"


def add_arguments(parser, _name: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    parser.add_argument("--annotator", metavar="NAME", help="who is importing (default: you)")
    _add_update_flag(parser)
    parser.add_argument(
        "--format",
        dest="format_name",
        metavar="NAME",
        help="read the files as this format: text, html, html-recall, html-whole (other readings "
        "of a web page), jsonl, brat, labelstudio, doccano (doccano's .jsonl needs it; "
        "doccano-graphemes and doccano-codepoints are --offsets)",
    )
    parser.add_argument(
        "--offsets",
        choices=("utf16", "codepoints", "graphemes"),
        help="how a doccano file counts offsets: utf16 (doccano's default, the default here), "
        "graphemes (a doccano project in grapheme mode), codepoints (files made by Python scripts)",
    )


def _add_update_flag(parser) -> None:
    parser.add_argument(
        "--update-metadata",
        action="store_true",
        help="for files already imported whose metadata (front matter...) differs: take the file's",
    )


def run(args) -> int:
    from annotator.cli.common import current_user, open_project
    from annotator.core.importers import known_formats
    from annotator.core.importers.doccano import format_name as doccano_format
    from annotator.core.importers.runner import import_paths

    if args.offsets:
        if args.format_name not in (None, "doccano"):
            print("annotator import: --offsets goes with --format doccano only", file=sys.stderr)
            return 2
        args.format_name = doccano_format(args.offsets)
    if args.format_name and args.format_name not in known_formats():
        print(
            f"annotator import: unknown format {args.format_name!r} (known: {', '.join(known_formats())})",
            file=sys.stderr,
        )
        return 2
    with open_project(args) as project:
        by = current_user(args, project)
        summary = import_paths(project, args.paths, by=by, format_name=args.format_name)
        if args.update_metadata and summary.metadata_changes:
            from annotator.core.importers.runner import update_metadata

            update_metadata(project, summary.metadata_changes, by=by)
    for change in summary.metadata_changes:
        verb = "updated" if args.update_metadata else "differs (--update-metadata takes the file's)"
        print(f"{change.source}: already imported; metadata {verb}: {change.describe()}")
    for source, what in summary.skipped:
        print(f"{source}: not kept: {what}")
    for source, what in summary.warnings:
        print(f"annotator import: {source}: warning: {what}", file=sys.stderr)
    for source, reason in summary.failures:
        print(f"annotator import: {source}: {reason}", file=sys.stderr)
    print(summary.describe())
    return 1 if summary.failures else 0
