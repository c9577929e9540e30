"""Shared by the span formats (brat, Label Studio, doccano): offsets onto the canonical text."""

from __future__ import annotations

import uuid

from annotator.core.errors import RejectedInput
from annotator.core.text import Utf16Index, canonical_offset_map, canonical_text

_ID_NAMESPACE = uuid.UUID("6f3d2c1e-8a41-4d0b-9a57-2f1c0e7b9d33")


def canonical_with_map(raw: str, *, source: str = "") -> tuple[str, list[int] | None]:
    """The canonical text of `raw` and a map from offsets in `raw` to offsets in it
    (None when they are the same); a leading byte order mark is dropped."""
    body = raw.removeprefix("\ufeff")
    text = canonical_text(body, source=source)
    if not text.strip():
        raise RejectedInput("the text is empty", source=source)
    if body == raw and len(text) == len(raw):
        return text, None
    return text, [0] * (len(raw) - len(body)) + canonical_offset_map(body)


def stable_id(*parts) -> str:
    """An id that is the same whenever the same annotation of the same text is imported,
    so importing a file twice adds nothing."""
    return str(uuid.uuid5(_ID_NAMESPACE, ":".join(str(part) for part in parts)))


def utf16_span_to_code_points(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Code point offsets of a span counted in UTF-16 units (as JavaScript counts), or None
    when an end falls inside a character or outside the text."""
    index = Utf16Index(text)
    begin, finish = index.to_code_point(start), index.to_code_point(end)
    if index.to_utf16(begin) != start or index.to_utf16(finish) != end or finish > len(text):
        return None
    return begin, finish
