"""`annotator articles` and `annotator claims [--article ID]`: what is in a project."""

from __future__ import annotations

import json

from annotator.core.formatting import for_terminal, short_text

HELP = {"articles": "list the project's articles", "claims": "list the project's claims"}


def add_arguments(parser, name: str) -> None:
    parser.add_argument("--format", dest="format_name", choices=("table", "json"), default="table")
    if name == "articles":
        parser.add_argument("--search", metavar="TEXT", help="only articles with these words (title or text)")
    if name == "claims":
        parser.add_argument("--article", metavar="ID", help="only this article's claims")
        parser.add_argument("--annotator", metavar="NAME", help="only this annotator's claims")
        parser.add_argument(
            "--status",
            metavar="STATUS",
            help="only claims with this status (as shown: corrected for a superseded original)",
        )
    parser.set_defaults(listing=name)


def run(args) -> int:
    from annotator.cli.common import open_project

    with open_project(args) as project:
        rows = _articles(project, args) if args.listing == "articles" else _claims(project, args)
    if args.format_name == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(format_table(rows))
    return 0


def _articles(project, args) -> list[dict]:
    search = getattr(args, "search", None) or ""
    return [summary._asdict() for summary in project.articles.summaries(search=search)]


def _claims(project, args) -> list[dict]:
    from annotator.core.annotating import claims_as_shown

    claims = claims_as_shown(project, article_id=args.article, annotator=args.annotator, status=args.status)
    return [
        {
            "id": c.id,
            "article_id": c.article_id,
            "start": c.start,
            "end": c.end,
            "quote": c.quote,
            "speaker": c.speaker or "",
            "figure": c.figure.text,
            "value": c.figure.value,
            "measure": c.figure.measure,
            "confidence": c.confidence,
            "annotator": c.annotator,
            "status": status,
        }
        for c, status in claims
    ]


def format_table(rows: list[dict], *, max_width: int = 40) -> str:
    """A plain aligned table; long cells are shortened with an ellipsis, control characters escaped."""
    if not rows:
        return "(none)"
    headers = list(rows[0])
    cells = [[_cell(row[h], max_width) for h in headers] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def _cell(value, max_width: int) -> str:
    return short_text(for_terminal("" if value is None else str(value)), max_width)
