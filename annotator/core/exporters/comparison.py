"""The figure comparison as text for a terminal, JSON, and CSV for a spreadsheet.

Not a claim exporter: it writes measure groups (see core/figures/compare.py), one CSV row
per claimed figure with its group's flags explained beside it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from annotator.core.exporters import atomic_output
from annotator.core.exporters.csv_export import safe_cell
from annotator.core.figures.compare import MeasureGroup
from annotator.core.formatting import plain_number

CSV_HEADER = (
    "event",
    "measure",
    "claim_id",
    "article_id",
    "article_title",
    "published",
    "speaker",
    "outlet",
    "figure_text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "confidence",
    "status",
    "flags",
    "explanations",
)
_NUMBERS = {"value", "low", "high"}


def write_comparison_csv(groups: list[MeasureGroup], out: Path | None) -> int:
    """One row per figure (UTF-8 with BOM, CRLF, formula-safe); return the number of rows."""
    count = 0
    with atomic_output(out, encoding="utf-8-sig" if out is not None else "utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for group in groups:
            for row in group.rows:
                writer.writerow(_csv_row(group, row))
                count += 1
    return count


def _csv_row(group: MeasureGroup, row) -> list:
    flags = group.flags_for(row.claim_id)
    cells = {
        **asdict(row),
        "event": group.event,
        "measure": group.measure,
        "flags": "; ".join(sorted({flag.kind for flag in flags})),
        "explanations": " ".join(dict.fromkeys(flag.explanation for flag in flags)),
    }
    return [plain_number(cells[h]) if h in _NUMBERS else safe_cell(str(cells[h] or "")) for h in CSV_HEADER]


def comparison_json(groups: list[MeasureGroup]) -> str:
    """Groups with their figures and flags, as JSON."""
    return json.dumps(
        [
            {
                "event": g.event,
                "measure": g.measure,
                "unit": g.unit,
                "note": g.note,
                "figures": [asdict(row) for row in g.rows],
                "flags": [
                    {"kind": f.kind, "claim_ids": list(f.claim_ids), "explanation": f.explanation}
                    for f in g.flags
                ],
            }
            for g in groups
        ],
        ensure_ascii=False,
        indent=2,
    )


def comparison_text(groups: list[MeasureGroup]) -> str:
    """A reading of the comparison: each group's figures by date, then its flags in words."""
    if not groups:
        return "(no claimed figures to compare)"
    blocks = []
    for group in groups:
        unit = f" [{group.unit}]" if group.unit else ""
        lines = [f"{group.event or '(no event)'} — {group.measure or '(no measure)'}{unit}"]
        for row in group.rows:
            source = row.who + (f" ({row.outlet})" if row.outlet else "")
            extra = ", ".join(x for x in (row.qualifier, row.confidence, row.status) if x)
            lines.append(f"  {row.published or '----------':10}  {row.shown:28}  {source}  [{extra}]")
        for explanation in dict.fromkeys(f"{f.kind}: {f.explanation}" for f in group.flags):
            lines.append(f"  ! {explanation}")
        if group.note:
            lines.append(f"  ({group.note})")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
