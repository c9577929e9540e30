"""Grips at the selected claim's two ends in the text: drag one to move that end.

The view asks where the grips are (to draw them and to know whether a press caught one) and
what span a drag gives; the span follows the core's `drag_edge`, so the dragged end snaps to
a word as a mouse selection does (exact characters with Alt). The view emits the span once
the button is let go: one undoable step however long the drag.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.core.selection import drag_edge

GRIP_REACH = 7  # px either side of a grip's line that catch the mouse
KNOB_RADIUS = 3.0


@dataclass(frozen=True)
class Grip:
    """Where one end of the span is drawn, in viewport coordinates."""

    edge: str  # "start" or "end"
    x: float
    top: float
    bottom: float

    def catches(self, point: QPointF) -> bool:
        return (
            abs(point.x() - self.x) <= GRIP_REACH
            and self.top - GRIP_REACH <= point.y() <= self.bottom + GRIP_REACH
        )


class SpanHandles:
    """The grips of the one claim that may be moved, and the drag in progress."""

    def __init__(self, view):
        self.view = view
        self.span: tuple[int, int] | None = None  # the movable claim's span (code points)
        self.dragging: str | None = None  # the edge being dragged
        self.preview: tuple[int, int] | None = None  # the span the drag gives so far

    def show_for(self, span: tuple[int, int] | None) -> None:
        """Grips for this span (None: no movable claim selected)."""
        self.span = span
        self.dragging = self.preview = None

    def shown_span(self) -> tuple[int, int] | None:
        """The span as drawn now: the drag's preview while dragging."""
        return self.preview or self.span

    def grips(self) -> list[Grip]:
        span = self.shown_span()
        if span is None:
            return []
        return [g for g in (self._grip("start", span[0]), self._grip("end", span[1])) if g is not None]

    def grip_at(self, point: QPointF) -> Grip | None:
        caught = [grip for grip in self.grips() if grip.catches(point)]
        return min(caught, key=lambda grip: abs(point.x() - grip.x)) if caught else None

    # -- dragging ------------------------------------------------------------------------

    def press(self, point: QPointF) -> bool:
        """Start a drag if `point` is on a grip; say whether it was."""
        grip = self.grip_at(point)
        if grip is None or self.span is None:
            return False
        self.dragging, self.preview = grip.edge, self.span
        return True

    def drag_to(self, point: QPointF, *, exact: bool) -> None:
        view = self.view
        offset = view.positions.to_code_point(view.cursorForPosition(point.toPoint()).position())
        start, end = self.span
        self.preview = drag_edge(view.positions.text, start, end, edge=self.dragging, to=offset, exact=exact)

    def release(self) -> tuple[int, int] | None:
        """End the drag: the new span, or None when it did not change."""
        moved = self.preview if self.preview != self.span else None
        self.dragging = self.preview = None
        return moved

    # -- geometry and painting ----------------------------------------------------------

    def _grip(self, edge: str, offset: int) -> Grip | None:
        view = self.view
        position = view.positions.to_qt(offset)
        # The end belongs to the line of the character before it (a wrapped line's last word).
        block = view.document().findBlock(position if edge == "start" else max(0, position - 1))
        if not block.isValid() or not block.isVisible():
            return None
        inside = position - block.position()
        layout = block.layout()
        line = layout.lineForTextPosition(inside if edge == "start" else max(0, inside - 1))
        if not line.isValid():
            return None
        geometry = view.blockBoundingGeometry(block).translated(view.contentOffset())
        x = geometry.left() + line.cursorToX(inside)[0]
        top = geometry.top() + line.y()
        return Grip(edge, x, top, top + line.height())

    def paint(self, painter: QPainter, colour: QColor) -> None:
        painter.setPen(QPen(colour, 2))
        for grip in self.grips():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawLine(QPointF(grip.x, grip.top), QPointF(grip.x, grip.bottom))
            # Knobs sit on the line's edge, into the gap between lines rather than over their text.
            knob_y = grip.top + 1 if grip.edge == "start" else grip.bottom - 1
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(grip.x, knob_y), KNOB_RADIUS, KNOB_RADIUS)
