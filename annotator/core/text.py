"""Canonical article text: decoded once, line breaks unified, nothing else touched.

Offsets everywhere in the project are code points into this text. Qt counts UTF-16 code
units; the two conversion helpers at the bottom are used only at the view boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from annotator.core.errors import RejectedInput

MAX_ARTICLE_BYTES = 20 * 1024 * 1024  # one article (.txt, .md, .html)
MAX_COLLECTION_BYTES = 1024 * 1024 * 1024  # a file of many articles (.jsonl and peer formats)
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\u0085]")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# The control characters refused (all but tab, newline, carriage return and escape), as UTF-8
# bytes: in UTF-8 these bytes stand only for themselves, so deleting them from the encoded
# text finds any in one C pass (a regular expression took ten times as long: 0.25 s for a
# 40 MB JSONL file). Encoding to UTF-8 fails on lone surrogates, which are refused too.
_REFUSED_CONTROLS = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_VARIANT_BREAKS = ("\r", "\u2028", "\u2029", "\u0085")  # what _LINE_BREAKS replaces
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters other than tab, newline and carriage return mark a binary file.
_BINARY_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]")


def decode_bytes(
    data: bytes, *, source: str = "", canonical: bool = True, limit: int | None = None
) -> tuple[str, str]:
    """Decode a file's bytes to (canonical text, encoding name), or refuse them clearly.

    With canonical=False line breaks are left as they are (for JSONL, whose lines are
    split on \n only and whose strings may hold U+2028).
    """
    finish = canonical_text if canonical else checked_text
    limit = MAX_ARTICLE_BYTES if limit is None else limit
    if len(data) > limit:
        raise RejectedInput(f"file is larger than the {limit // (1024 * 1024)} MB limit", source=source)
    if not data.strip():
        raise RejectedInput("file is empty", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return finish(_decode(data, encoding, source), source=source), encoding
    if b"\x00" in data:
        raise RejectedInput("file contains NUL bytes (binary file?)", source=source)
    try:
        return finish(data.decode("utf-8"), source=source), "utf-8"
    except UnicodeDecodeError as error:
        _refuse_damaged_utf8(data, error, source)
    text, encoding = _detect(data, source)
    return finish(text, source=source), encoding


def _refuse_damaged_utf8(data: bytes, error: UnicodeDecodeError, source: str) -> None:
    """Text that is almost all valid UTF-8 is UTF-8 with damage, not a legacy encoding: guessing
    one would turn every accent into mojibake for good (the text is immutable)."""
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for char in decoded if char > "\x7f" and char != "\ufffd")
    if good and bad * 10 <= good:
        raise RejectedInput(
            f"not valid UTF-8 at byte {error.start} (0x{data[error.start]:02x}), though the rest is "
            "UTF-8; no other encoding was guessed: repair the file or save it again as UTF-8",
            source=source,
        )


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise RejectedInput(f"not valid {encoding}: {error.reason}", source=source) from None


def _detect(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise RejectedInput("cannot detect the text encoding (binary file?)", source=source)
    return str(best), best.encoding


def canonical_text(text: str, *, source: str = "") -> str:
    """Unify line breaks to \\n; refuse NUL, lone surrogates and binary control characters."""
    checked_text(text, source=source)
    return _LINE_BREAKS.sub("\n", text) if has_line_break_variants(text) else text


def checked_text(text: str, *, source: str = "") -> str:
    """The text unchanged, or RejectedInput when it holds NUL, lone surrogates or binary controls."""
    if _nothing_refused(text):
        return text
    if "\x00" in text:
        raise RejectedInput("text contains NUL characters", source=source)
    if _LONE_SURROGATE.search(text):
        raise RejectedInput("text contains lone surrogate code points", source=source)
    if _BINARY_CONTROL.search(text):
        raise RejectedInput("text contains control characters (binary file?)", source=source)
    return text


def _nothing_refused(text: str) -> bool:
    """Whether the text holds no NUL, lone surrogate or binary control (the usual case)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return len(data.translate(None, _REFUSED_CONTROLS)) == len(data)


def canonical_offset_map(original: str) -> list[int]:
    """Map each code point offset in `original` to its offset after `canonical_text`.

    Only line breaks change length (\\r\\n becomes one \\n), so offsets shift left by one
    after every \\r\\n pair. The list has len(original) + 1 entries.
    """
    mapping = []
    shift = 0
    previous_cr = False
    for char in original:
        if previous_cr and char == "\n":
            shift += 1
            mapping.append(len(mapping) - shift + 1)
        else:
            mapping.append(len(mapping) - shift)
        previous_cr = char == "\r"
    mapping.append(len(original) - shift)
    return mapping


def has_line_break_variants(text: str) -> bool:
    """True when `canonical_text` would change the text's length or break characters."""
    return any(variant in text for variant in _VARIANT_BREAKS)  # str.find: faster than a pattern


def text_sha256(text: str) -> str:
    """The identity of an article across projects: SHA-256 of its canonical UTF-8 text."""
    import hashlib  # only when importing: the window opening does not hash

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units, as Qt counts it."""
    return len(text.encode("utf-16-le")) // 2


def code_point_to_utf16(text: str, offset: int) -> int:
    """Qt position of a code point offset."""
    return utf16_length(text[:offset])


def utf16_to_code_point(text: str, position: int) -> int:
    """Code point offset of a Qt position; a position inside a surrogate pair rounds down."""
    units = 0
    for index, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > position:
            return index
        units += width
    return len(text)


# Characters outside the Basic Multilingual Plane: two UTF-16 units each.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Fast conversion between code point offsets and Qt's UTF-16 positions for one text.

    Only characters outside the Basic Multilingual Plane take two UTF-16 units, so the
    index keeps their code point offsets and converts with a binary search.
    """

    def __init__(self, text: str):
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._length = len(text)
        # UTF-16 position at which each astral character starts.
        self._astral_utf16 = [offset + n for n, offset in enumerate(self._astral)]

    def to_utf16(self, offset: int) -> int:
        """Qt position of code point offset `offset`."""
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, position: int) -> int:
        """Code point offset of Qt position `position` (inside a surrogate pair rounds down)."""
        # Astral characters starting before `position`; one that `position` splits in
        # half counts too, which rounds the result down to that character's start.
        before = bisect_right(self._astral_utf16, position - 1)
        return min(position - before, self._length)
