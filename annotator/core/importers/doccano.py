"""doccano JSONL (`annotator import --format doccano`): one text per line with its spans.

Both of doccano's shapes are read: `"label": [[start, end, "LABEL"], ...]` (sequence
labelling) and `"entities": [{"start_offset", "end_offset", "label"}, ...]` (relation
extraction). doccano counts offsets in UTF-16 units, as its web page does (so a text with
emoji has larger offsets than Python's); they are converted to code points and mapped onto
the canonical text. Each span becomes a claim whose kind is the label (`Claim` = none).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.importers.jsonl import _load
from annotator.core.importers.plain import _read, first_line
from annotator.core.importers.spans import canonical_with_map, stable_id, utf16_span_to_code_points
from annotator.core.model import IncomingArticle, IncomingClaim
from annotator.core.text import MAX_COLLECTION_BYTES, decode_bytes, text_sha256

DEFAULT_LABEL = "Claim"
META_KEYS = ("title", "outlet", "author", "url", "published")


def parse_doccano(path: Path) -> Iterator[IncomingArticle]:
    """Every non-blank line is one text with its labelled spans."""
    content, _ = decode_bytes(_read(path), source=path.name, canonical=False, limit=MAX_COLLECTION_BYTES)
    for number, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            try:
                yield article_from_doccano(_load(line), source=path.name)
            except RejectedInput as error:
                raise RejectedInput(error.reason, source=path.name, line=number) from None


def article_from_doccano(record: dict, *, source: str = "") -> IncomingArticle:
    """One doccano record as an article with its claims."""
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise RejectedInput("'text' must be a non-empty string")
    text, mapping = canonical_with_map(raw, source=source)
    spans, skipped = _spans(record)
    digest = text_sha256(text)
    claims = tuple(_claim(raw, text, mapping, digest, span) for span in spans)
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
    labels = record.get("label", [])
    if not isinstance(labels, list):
        raise RejectedInput("'label' must be a list of [start, end, label]")
    for index, item in enumerate(labels, start=1):
        if isinstance(item, str):
            skipped.append(f"document label {item!r}")
        else:
            spans.append(_listed_span(item, index))
    entities = record.get("entities", [])
    if not isinstance(entities, list):
        raise RejectedInput("'entities' must be a list of objects")
    spans += [_entity_span(item, index) for index, item in enumerate(entities, start=1)]
    for key in ("relations", "Comments", "comments", "cats"):
        if record.get(key):
            count = len(record[key]) if isinstance(record[key], list) else 1
            skipped.append(f"{key.lower()}: {count}")
    return spans, skipped


def _listed_span(item, index: int) -> tuple:
    if not isinstance(item, list) or len(item) != 3:
        raise RejectedInput(f"label {index} must be [start, end, label], not {item!r}")
    return _checked(*item, where=f"label {index}")


def _entity_span(item, index: int) -> tuple:
    if not isinstance(item, dict):
        raise RejectedInput(f"entity {index} must be an object, not {item!r}")
    where = f"entity {index}"
    return _checked(item.get("start_offset"), item.get("end_offset"), item.get("label"), where=where)


def _checked(start, end, label, *, where: str) -> tuple:
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise RejectedInput(f"{where}: {name} must be an integer offset, not {value!r}")
    if not isinstance(label, str) or not label:
        raise RejectedInput(f"{where}: the label must be a non-empty string, not {label!r}")
    return start, end, label, where


def _claim(raw: str, text: str, mapping, digest: str, span: tuple) -> IncomingClaim:
    start, end, label, where = span
    points = utf16_span_to_code_points(raw, start, end) if start < end else None
    if points is None:
        raise RejectedInput(
            f"{where}: offsets {start}-{end} are not a span of the text "
            f"({len(raw.encode('utf-16-le')) // 2} UTF-16 units, as doccano counts)"
        )
    first, last = (mapping[p] for p in points) if mapping else points
    return IncomingClaim(
        start=first,
        end=last,
        quote=text[first:last],
        kind="" if label == DEFAULT_LABEL else label,
        id=stable_id("doccano", digest, first, last, label),
    )


def _meta(record: dict) -> dict[str, str]:
    nested = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    values = {key: record.get(key, nested.get(key)) for key in META_KEYS}
    return {key: value for key, value in values.items() if isinstance(value, str) and value}


register(parse_doccano, name="doccano", reads=(".jsonl",))
