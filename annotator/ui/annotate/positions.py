"""The one place where code point offsets (the project's) meet Qt's UTF-16 positions."""

from __future__ import annotations

from bisect import bisect_right

from annotator.core.text import Utf16Index


class TextPositions:
    """Offsets of one article text: code points ↔ Qt positions, and text blocks (lines)."""

    def __init__(self, text: str):
        self.text = text
        self._utf16 = Utf16Index(text)
        # Most articles have no characters outside the BMP: then both counts agree.
        self._same = text.isascii() or not self._utf16._astral
        starts = [0]
        find = text.find
        index = find("\n")
        while index != -1:
            starts.append(index + 1)
            index = find("\n", index + 1)
        self.block_starts = starts

    def to_qt(self, offset: int) -> int:
        """Qt document position of a code point offset."""
        return offset if self._same else self._utf16.to_utf16(offset)

    def to_code_point(self, position: int) -> int:
        """Code point offset of a Qt document position."""
        return position if self._same else self._utf16.to_code_point(position)

    def block_of(self, offset: int) -> int:
        """Number of the text block (line) holding code point `offset`."""
        return bisect_right(self.block_starts, offset) - 1

    def block_end(self, block: int) -> int:
        """Code point offset where `block`'s text ends (before its line break)."""
        if block + 1 < len(self.block_starts):
            return self.block_starts[block + 1] - 1
        return len(self.text)

    def in_block(self, block: int, offset: int) -> int:
        """Qt position of `offset` relative to the start of `block`."""
        if self._same:
            return offset - self.block_starts[block]
        return self.to_qt(offset) - self.to_qt(self.block_starts[block])
