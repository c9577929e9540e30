"""Claim highlights: an index of styled segments per text block, drawn by a QSyntaxHighlighter.

Overlapping claims are cut into elementary segments; each segment's look depends on how
many claims cover it, so nested and overlapping claims stay visibly distinct. How a claim
of each status is drawn is decided by `STATUS_STYLES` (extend it for new statuses); a claim an
action still waits to be sent for (a team project's lost connection) is hatched in its colour,
whatever its status, and the view frames it with dashes: neither a fill (stored), nor a solid
frame (selected), nor an underline (suggested, rejected).
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QSyntaxHighlighter, QTextCharFormat

from annotator.core.model import Claim
from annotator.ui.annotate.positions import TextPositions

FILL, DASHED, DOTTED, WAITING = "fill", "dashed", "dotted", "waiting"
# status -> how claims with that status are drawn; unknown statuses are filled.
STATUS_STYLES = {"suggested": DASHED, "rejected": DOTTED}
# Fill opacity by how many filled claims cover a segment: overlaps get darker.
FILL_ALPHA = (0, 70, 135, 190)
WAITING_ALPHA = 140  # the hatching of a waiting claim: its colour's lines, the text readable over them


def style_of(claim: Claim) -> str:
    return STATUS_STYLES.get(claim.status, FILL)


class Boundary(NamedTuple):
    """Where a claim starts or ends inside a block, for the bracket marks the view paints."""

    position: int  # Qt position relative to the block start
    is_start: bool
    colour: str
    claim_id: str


class SpanIndex:
    """Styled segments and claim boundaries for each text block of one article."""

    def __init__(self, positions: TextPositions, claims: list[Claim], colour_of, waiting=frozenset()):
        self.positions = positions
        self.waiting = waiting  # ids of the claims drawn as waiting to be sent
        self.segments: dict[int, list[tuple[int, int, QTextCharFormat]]] = {}
        self.boundaries: dict[int, list[Boundary]] = defaultdict(list)
        self._formats: dict[tuple, QTextCharFormat] = {}
        pieces = self._cut_into_blocks(claims, colour_of)
        for block, items in pieces.items():
            self.segments[block] = self._segments(block, items)

    def _cut_into_blocks(self, claims, colour_of) -> dict[int, list]:
        """Each claim's piece in each block it touches: (start, end, length, colour, style)."""
        positions = self.positions
        starts, block_of, block_end, in_block = (
            positions.block_starts,
            positions.block_of,
            positions.block_end,
            positions.in_block,
        )
        pieces: dict[int, list] = defaultdict(list)
        boundaries = self.boundaries
        for claim in claims:
            start, end = claim.start, claim.end
            if end <= start:
                continue
            colour = colour_of(claim)
            style = WAITING if claim.id in self.waiting else STATUS_STYLES.get(claim.status, FILL)
            length = end - start
            first, last = block_of(start), block_of(end - 1)
            if first == last:
                pieces[first].append((start, end, length, colour, style))
            else:
                for block in range(first, last + 1):
                    piece_start, piece_end = max(start, starts[block]), min(end, block_end(block))
                    if piece_start < piece_end:
                        pieces[block].append((piece_start, piece_end, length, colour, style))
            boundaries[first].append(Boundary(in_block(first, start), True, colour, claim.id))
            boundaries[last].append(Boundary(in_block(last, end), False, colour, claim.id))
        return pieces

    def _segments(self, block: int, items: list) -> list[tuple[int, int, QTextCharFormat]]:
        """Cut the block at every claim edge; between two edges the covering claims are fixed."""
        to_qt = self.positions.to_qt
        base = to_qt(self.positions.block_starts[block])
        items.sort()
        if all(items[i][1] <= items[i + 1][0] for i in range(len(items) - 1)):
            # No overlaps (the usual case): one segment per claim.
            segments = []
            for item in items:
                start = to_qt(item[0])
                segments.append((start - base, to_qt(item[1]) - start, self._format([item])))
            return segments
        events = sorted(
            [(item[0], 1, i) for i, item in enumerate(items)]
            + [(item[1], 0, i) for i, item in enumerate(items)]
        )
        segments, active, previous = [], {}, 0
        for position, is_start, i in events:
            if active and position > previous:
                start = to_qt(previous) - base
                segments.append((start, to_qt(position) - base - start, self._format(list(active.values()))))
            if is_start:
                active[i] = items[i]
            else:
                del active[i]
            previous = position
        return segments

    def _format(self, covering: list) -> QTextCharFormat:
        if len(covering) == 1:
            key = covering[0][3:]
            fmt = self._formats.get(key)
            if fmt is None:
                fmt = self._formats[key] = _make_format(*_split(covering))
            return fmt
        fills = sorted((item for item in covering if item[4] == FILL), key=lambda item: item[2])
        lines = [item for item in covering if item[4] != FILL]
        key = (
            tuple(item[3] for item in fills[:2]),
            len(fills),
            tuple((item[3], item[4]) for item in lines[:1]),
        )
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = _make_format(fills, lines)
        return fmt


def _split(covering: list) -> tuple[list, list]:
    fills = sorted((item for item in covering if item[4] == FILL), key=lambda item: item[2])
    return fills, [item for item in covering if item[4] != FILL]


def _make_format(fills: list, lines: list) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if fills:
        fill = QColor(fills[0][3])
        fill.setAlpha(FILL_ALPHA[min(len(fills), len(FILL_ALPHA) - 1)])
        fmt.setBackground(fill)
    if len(fills) >= 2:
        # The outer claim shows as an underline under the inner one's fill.
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(fills[1][3]).darker(130))
    elif lines and lines[0][4] == WAITING:
        hatch = QColor(lines[0][3])
        hatch.setAlpha(WAITING_ALPHA)
        fmt.setBackground(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
    elif lines:
        colour, style = lines[0][3], lines[0][4]
        underline = (
            QTextCharFormat.UnderlineStyle.DashUnderline
            if style == DASHED
            else QTextCharFormat.UnderlineStyle.DotLine
        )
        fmt.setUnderlineStyle(underline)
        fmt.setUnderlineColor(QColor(colour).darker(120))
    return fmt


class ClaimHighlighter(QSyntaxHighlighter):
    """Applies a SpanIndex; knows nothing about claims beyond it."""

    def __init__(self, document):
        super().__init__(document)
        self.index: SpanIndex | None = None

    def set_index(self, index: SpanIndex | None, *, rehighlight: bool = True) -> None:
        """Use `index`; with rehighlight=False the next text change draws it (one pass on open)."""
        old, self.index = self.index, index
        if not rehighlight:
            return
        if old is None or index is None:
            self.rehighlight()
            return
        document = self.document()
        for number in _changed_blocks(old, index):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)

    def highlightBlock(self, _text: str) -> None:  # noqa: N802 (Qt override)
        if self.index is None:
            return
        for start, length, fmt in self.index.segments.get(self.currentBlock().blockNumber(), ()):
            self.setFormat(start, length, fmt)


def _changed_blocks(old: SpanIndex, new: SpanIndex) -> list[int]:
    blocks = set(old.segments) | set(new.segments)
    changed = []
    for number in sorted(blocks):
        a, b = old.segments.get(number, []), new.segments.get(number, [])
        if len(a) != len(b) or any(
            (x[0], x[1], x[2]) != (y[0], y[1], y[2]) for x, y in zip(a, b, strict=True)
        ):
            changed.append(number)
    return changed
