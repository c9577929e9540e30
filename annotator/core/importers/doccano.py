"""doccano JSONL (`annotator import --format doccano`): one text per line with its spans.

Spans are read from `label` (sequence labelling) and `entities` (relation extraction), each
either `[start, end, "LABEL"]` or `{"start_offset", "end_offset", "label"}`. doccano 1.8
counts offsets in UTF-16 units, as its web page does (so a text with emoji has larger offsets
than Python's); a project in grapheme mode counts grapheme clusters instead, and files made
by Python scripts count code points: the format names `doccano-graphemes` and
`doccano-codepoints` (`--offsets`) read those. A span that does not land on whole characters
under the chosen unit refuses the file, naming the units under which it would fit: nothing
is guessed. Offsets are mapped onto the canonical text; each span becomes a claim whose
kind is the label (`Claim` = none).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.importers.jsonl import each_json_line
from annotator.core.importers.plain import first_line
from annotator.core.importers.spans import (
    OFFSET_UNITS,
    canonical_with_map,
    cut_cluster,
    grapheme_bounds,
    span_to_code_points,
    stable_id,
    units_that_fit,
)
from annotator.core.model import IncomingArticle, IncomingClaim
from annotator.core.text import text_sha256

DEFAULT_LABEL = "Claim"
META_KEYS = ("title", "outlet", "author", "url", "published")
DEFAULT_OFFSETS = "utf16"


def format_name(offsets: str = DEFAULT_OFFSETS) -> str:
    """The import format that reads doccano files counting offsets in `offsets`."""
    return "doccano" if offsets == DEFAULT_OFFSETS else f"doccano-{offsets}"


def parse_doccano(path: Path, *, offsets: str = DEFAULT_OFFSETS) -> Iterator[IncomingArticle]:
    """Every non-blank line is one text with its labelled spans, counted in `offsets`."""
    yield from each_json_line(
        path, lambda record, _number: article_from_doccano(record, source=path.name, offsets=offsets)
    )


def article_from_doccano(
    record: dict, *, source: str = "", offsets: str = DEFAULT_OFFSETS
) -> IncomingArticle:
    """One doccano record as an article with its claims."""
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise RejectedInput("'text' must be a non-empty string")
    text, mapping = canonical_with_map(raw, source=source)
    spans, skipped = _spans(record)
    digest = text_sha256(text)
    claims = tuple(_claim(raw, text, mapping, digest, span, offsets) for span in spans)
    meta = _meta(record)
    return IncomingArticle(
        text=text,
        title=meta.pop("title", "") or first_line(text),
        source_name=source,
        claims=claims,
        skipped=tuple(skipped),
        **meta,
    )


def _spans(record: dict) -> tuple[list[tuple], list[str]]:
    spans, skipped = [], []
    for key, name in (("label", "label"), ("entities", "entity")):
        items = record.get(key, [])
        if not isinstance(items, list):
            raise RejectedInput(f"'{key}' must be a list of [start, end, label] or objects")
        for index, item in enumerate(items, start=1):
            if isinstance(item, str) and key == "label":
                skipped.append(f"document label {item!r}")
            else:
                spans.append(_span(item, f"{name} {index}"))
    for key in ("relations", "Comments", "comments", "cats"):
        if record.get(key):
            count = len(record[key]) if isinstance(record[key], list) else 1
            skipped.append(f"{key.lower()}: {count}")
    return spans, skipped


def _span(item, where: str) -> tuple:
    """A span in either of doccano's shapes: [start, end, label] or an object."""
    if isinstance(item, list) and len(item) == 3:
        return _checked(*item, where=where)
    if isinstance(item, dict):
        return _checked(item.get("start_offset"), item.get("end_offset"), item.get("label"), where=where)
    raise RejectedInput(
        f"{where} must be [start, end, label] or {{start_offset, end_offset, label}}, not {item!r}"
    )


def _checked(start, end, label, *, where: str) -> tuple:
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise RejectedInput(f"{where}: {name} must be an integer offset, not {value!r}")
        if value < 0:
            raise RejectedInput(f"{where}: {name} {value} is negative; offsets count from the text's start")
    if not isinstance(label, str) or not label:
        raise RejectedInput(f"{where}: the label must be a non-empty string, not {label!r}")
    return start, end, label, where


def _claim(raw: str, text: str, mapping, digest: str, span: tuple, offsets: str) -> IncomingClaim:
    label = span[2]
    points = _code_points(raw, span, offsets)
    first, last = (mapping[p] for p in points) if mapping else points
    return IncomingClaim(
        start=first,
        end=last,
        quote=text[first:last],
        kind="" if label == DEFAULT_LABEL else label,
        id=stable_id("doccano", digest, first, last, label),
    )


def _code_points(raw: str, span: tuple, offsets: str) -> tuple[int, int]:
    """A span's code point offsets into the raw text, or a refusal saying why they do not fit."""
    start, end, _, where = span
    points = span_to_code_points(raw, start, end, offsets)
    if points is None:
        raise RejectedInput(
            f"{where}: offsets {start}-{end} are not a span of the text "
            f"({_length(raw, offsets)} {OFFSET_UNITS[offsets]}, as counted here){_hint(raw, start, end)}"
        )
    cut = cut_cluster(raw, *points)
    if cut is not None:
        raise RejectedInput(
            f"{where}: offsets {start}-{end} counted in {OFFSET_UNITS[offsets]} cut the character "
            f"{cut!r} in two{_hint(raw, start, end)}"
        )
    return points


def _length(raw: str, offsets: str) -> int:
    if offsets == "utf16":
        return len(raw.encode("utf-16-le")) // 2
    if offsets == "graphemes":
        return len(grapheme_bounds(raw)) - 1
    return len(raw)


def _hint(raw: str, start: int, end: int) -> str:
    fits = units_that_fit(raw, start, end)
    if not fits:
        return ""
    names = " or ".join(f"{OFFSET_UNITS[unit]} (--offsets {unit})" for unit in fits)
    return f"; the file may count offsets in {names}: nothing was guessed"


def _meta(record: dict) -> dict[str, str]:
    nested = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    values = {key: record.get(key, nested.get(key)) for key in META_KEYS}
    return {key: value for key, value in values.items() if isinstance(value, str) and value}


for _unit in OFFSET_UNITS:
    register(partial(parse_doccano, offsets=_unit), name=format_name(_unit), reads=(".jsonl",))
