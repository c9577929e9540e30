"""`annotator agreement [--db PATH] [--annotators A,B] [--article ID] [--format text|csv|json]`"""

from __future__ import annotations

import csv
import io
import json
import sys

HELP = "measure agreement between annotators: span F1, Cohen's kappa, Krippendorff's alpha"


def add_arguments(parser, _name: str) -> None:
    parser.add_argument("--annotators", metavar="A,B", help="compare only these people (comma-separated)")
    parser.add_argument("--article", metavar="ID", help="only this article")
    parser.add_argument(
        "--format", dest="format_name", choices=("text", "csv", "json"), default="text", help="output format"
    )


def run(args) -> int:
    from annotator.cli.common import open_project
    from annotator.core.review.agreement import project_agreement, report_rows

    wanted = [name.strip() for name in (args.annotators or "").split(",") if name.strip()]
    with open_project(args) as project:
        if args.article and not project.articles.exists(args.article):
            print(f"annotator agreement: no article with id {args.article!r}", file=sys.stderr)
            return 1
        unknown = [name for name in wanted if name not in project.people.names()]
        if unknown:
            print(f"annotator agreement: nobody called {', '.join(unknown)} in this project", file=sys.stderr)
            return 1
        report = project_agreement(project, annotators=wanted or None, article_id=args.article)
    if len(report.annotators) < 2:
        print("annotator agreement: agreement needs claims by at least two annotators", file=sys.stderr)
        return 1
    rows = report_rows(report)
    print(_formatted(rows, report, args.format_name), end="")
    return 0


def _formatted(rows: list[dict], report, format_name: str) -> str:
    if format_name == "json":
        return (
            json.dumps(
                {"annotators": list(report.annotators), "articles": report.articles, "rows": rows},
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    if format_name == "csv":
        stream = io.StringIO()
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        return stream.getvalue()
    return format_text(report)


def format_text(report) -> str:
    """The report as a short table a person reads in a terminal."""
    lines = [f"{len(report.annotators)} annotators, {report.articles} article(s)", ""]
    header = (
        f"{'pair':<24} {'exact F1':>16} {'overlap F1':>16}  "
        f"{'speaker κ/α':>13}  {'confidence κ/α':>15}  {'figure α':>8}"
    )
    lines += [header, "-" * len(header)]
    pairs = list(report.pairs) + ([report.overall] if report.overall else [])
    for pair in pairs:
        name = "overall" if pair.a == "*" else f"{pair.a} / {pair.b}"
        lines.append(
            f"{name:<24} {_span(pair.span('exact')):>16} {_span(pair.span('overlap')):>16}  "
            f"{_kappa_alpha(pair.field('speaker')):>13}  {_kappa_alpha(pair.field('confidence')):>15}  "
            f"{_number(pair.field('figure').alpha):>8}"
        )
    lines += [
        "",
        "F1 (matched/only A/only B); κ Cohen's kappa (confidence: linear weights, overall: mean",
        "of pairs), α Krippendorff's alpha (speaker nominal, confidence ordinal, figure interval);",
        "fields are compared on claims matched by overlap; – means undefined (no variation or no pairs).",
    ]
    return "\n".join(lines) + "\n"


def _span(span) -> str:
    return f"{_number(span.f1)} ({span.matched}/{span.only_a}/{span.only_b})"


def _kappa_alpha(field) -> str:
    return f"{_number(field.kappa)}/{_number(field.alpha)}"


def _number(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def _cell(value):
    """A CSV cell: numbers as they are, text (annotator names) guarded against formulas."""
    from annotator.core.exporters.csv_export import safe_cell

    if value is None:
        return ""
    return safe_cell(value) if isinstance(value, str) else value
