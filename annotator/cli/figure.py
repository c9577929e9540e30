"""`annotator figure TEXT [--all]`: read a figure phrase and print it as JSON."""

from __future__ import annotations

import json

HELP = "read a figure phrase ('some 11,000 troops', '$2.5bn', 'between 10 and 12 km') and print JSON"


def add_arguments(parser, _name: str) -> None:
    parser.add_argument("text", metavar="TEXT", help="a phrase or sentence stating a figure")
    parser.add_argument("--all", action="store_true", help="every figure in TEXT, with offsets")


def run(args) -> int:
    from annotator.core.figures.reader import as_dict, read_all, read_figure

    if args.all:
        found = [{"start": r.start, "end": r.end, **as_dict(r)} for r in read_all(args.text)]
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    reading = read_figure(args.text)
    print(json.dumps(as_dict(reading), ensure_ascii=False, indent=2))
    return 0 if reading else 1
