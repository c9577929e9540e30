"""`annotator compare [--db PATH] [--event NAME] [--format text|csv|json] [--out PATH]`"""

from __future__ import annotations

import sys
from pathlib import Path

HELP = "compare claimed figures per event and measure, flagging conflicts, scale errors and changes"


def add_arguments(parser, _name: str) -> None:
    parser.add_argument("--event", metavar="NAME", help="only this event (see the events in the project)")
    parser.add_argument("--format", dest="format_name", choices=("text", "csv", "json"), default="text")
    parser.add_argument("--out", metavar="PATH", help="write to this file instead of standard output")
    parser.add_argument("--flagged", action="store_true", help="only groups with at least one flag")
    parser.add_argument(
        "--margin",
        type=float,
        metavar="PERCENT",
        help="read 'about' as ± this percent for this run (default: the project's setting, else 10)",
    )


def run(args) -> int:
    from annotator.cli.common import open_project
    from annotator.core.exporters import atomic_output
    from annotator.core.exporters.comparison import comparison_json, comparison_text, write_comparison_csv
    from annotator.core.figures.compare import compare_figures

    out = Path(args.out) if args.out else None
    if out is not None and not out.parent.exists():
        print(f"annotator compare: folder {out.parent} does not exist", file=sys.stderr)
        return 1
    with open_project(args) as project:
        if args.event and args.event.casefold() not in {e.casefold() for e in project.events.names()}:
            known = ", ".join(project.events.names()) or "none"
            print(f"annotator compare: no event {args.event!r} (events: {known})", file=sys.stderr)
            return 1
        if args.margin is not None and not 0 <= args.margin < 100:
            print("annotator compare: --margin must be a percent from 0 to 99", file=sys.stderr)
            return 2
        margin = args.margin / 100 if args.margin is not None else project.events.approximate_margin()
        rows = project.events.figure_rows(event=args.event)
        groups = compare_figures(rows, margin=margin)
    if args.flagged:
        groups = [g for g in groups if g.flags]
    if args.format_name == "csv":
        write_comparison_csv(groups, out)
        return 0
    text = comparison_json(groups) if args.format_name == "json" else comparison_text(groups)
    with atomic_output(out) as stream:
        stream.write(text + "\n")
    return 0
