"""Shared by the span formats (brat, Label Studio, doccano): offsets onto the canonical text."""

from __future__ import annotations

import uuid
from bisect import bisect_right
from functools import lru_cache

import regex

from annotator.core.errors import RejectedInput
from annotator.core.text import Utf16Index, canonical_offset_map, canonical_text

# How a peer tool counts offsets: UTF-16 units (JavaScript strings), code points (Python
# strings), or grapheme clusters (what a reader sees as one character; doccano's grapheme mode).
OFFSET_UNITS = {"utf16": "UTF-16 units", "codepoints": "code points", "graphemes": "graphemes"}
_GRAPHEME = regex.compile(r"\X")
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


@lru_cache(maxsize=8)  # every span of one article asks of the same text
def grapheme_bounds(text: str) -> tuple[int, ...]:
    """The code point offset of every grapheme cluster boundary, 0 and len(text) included."""
    return (*(match.start() for match in _GRAPHEME.finditer(text)), len(text))


def span_to_code_points(text: str, start: int, end: int, unit: str) -> tuple[int, int] | None:
    """Code point offsets of a span counted in `unit` (a key of OFFSET_UNITS), or None when
    it does not fit the text counted so: outside it, or an end inside a character."""
    if not 0 <= start < end:
        return None
    if unit == "utf16":
        return utf16_span_to_code_points(text, start, end)
    if unit == "graphemes":
        bounds = grapheme_bounds(text)
        return (bounds[start], bounds[end]) if end < len(bounds) else None
    return (start, end) if end <= len(text) else None


def cut_cluster(text: str, start: int, end: int) -> str | None:
    """The grapheme cluster a code point span cuts in two (an emoji sequence, a flag, a
    letter with its marks), or None when both ends fall between clusters."""
    bounds = grapheme_bounds(text)
    for offset in (start, end):
        index = bisect_right(bounds, offset)
        if bounds[index - 1] != offset:
            return text[bounds[index - 1] : bounds[index]]
    return None


def units_that_fit(text: str, start: int, end: int) -> list[str]:
    """The offset units under which a span lands on whole characters of the text."""
    fits = []
    for unit in OFFSET_UNITS:
        points = span_to_code_points(text, start, end, unit)
        if points is not None and cut_cluster(text, *points) is None:
            fits.append(unit)
    return fits
