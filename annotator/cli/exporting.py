"""`annotator export [--db PATH] --format FMT --out PATH|- [filters]`"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "export claims (csv, jsonl, xlsx, brat, labelstudio, doccano, claimreview) to a file or folder"


def add_arguments(parser, _name: str) -> None:
    parser.add_argument(
        "--format",
        dest="format_name",
        required=True,
        metavar="FMT",
        help="csv, csv-data (no formula guard), jsonl, xlsx, brat, labelstudio, doccano, claimreview",
    )
    parser.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="output file (a folder for brat), or - for standard output",
    )
    parser.add_argument("--annotator", metavar="NAME", help="only this annotator's claims")
    parser.add_argument("--status", metavar="STATUS", help="only claims with this status (e.g. suggested)")
    parser.add_argument("--article", metavar="ID", help="only this article")
    parser.add_argument(
        "--review-url",
        metavar="TEMPLATE",
        default="",
        help="claimreview: the address each review is published at, {claim_id} replaced",
    )


def run(args) -> int:
    from annotator.cli.common import open_project
    from annotator.core.exporters import exporter_for, known_formats
    from annotator.core.model import CLAIM_STATUSES

    exporter = exporter_for(args.format_name)
    if exporter is None:
        print(
            f"annotator export: unknown format {args.format_name!r} (known: {', '.join(known_formats())})",
            file=sys.stderr,
        )
        return 2
    if args.status and args.status not in CLAIM_STATUSES:
        print(
            f"annotator export: unknown status {args.status!r} (known: {', '.join(CLAIM_STATUSES)})",
            file=sys.stderr,
        )
        return 2
    if args.review_url and args.format_name != "claimreview":
        print("annotator export: --review-url is for --format claimreview", file=sys.stderr)
        return 2
    out = None if args.out == "-" else Path(args.out)
    if out is not None and not out.parent.exists():
        print(f"annotator export: folder {out.parent} does not exist", file=sys.stderr)
        return 1
    with open_project(args) as project:
        if args.article and not project.articles.exists(args.article):
            print(f"annotator export: no article with id {args.article!r}", file=sys.stderr)
            return 1
        options = {"review_url": args.review_url} if args.format_name == "claimreview" else {}
        try:
            count = exporter(
                project, out, annotator=args.annotator, status=args.status, article_id=args.article, **options
            )
        except BrokenPipeError:  # `| head`: the command line ends quietly as a pipe's writer does
            raise
        except OSError as error:  # a full disk, a read-only folder, a folder where a file goes
            reason = error.strerror or str(error)
            print(f"annotator export: cannot write {out}: {reason}; nothing was written", file=sys.stderr)
            return 1
    if out is not None:
        print(f"exported {count} record(s) to {out}")
        _tell_about_config(args.format_name, out)
    return 0


def _tell_about_config(format_name: str, out: Path) -> None:
    """Label Studio needs the labelling configuration written beside the tasks."""
    if format_name == "labelstudio":
        from annotator.core.exporters.labelstudio_export import config_path

        print(f"Label Studio labelling configuration (paste into the project settings): {config_path(out)}")
