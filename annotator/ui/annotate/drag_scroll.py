"""Scrolling the text while a grip is dragged past its top or bottom, as text editors do.

A timer steps one line at a time while the pointer is outside the viewport (or within a few
pixels of its top or bottom), faster the further out it is — the pace of Qt's own scrolling of a
mouse selection — and after each step the drag is redone at the pointer, so the dragged end
follows the text coming into view.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QTimer
from PySide6.QtWidgets import QAbstractSlider

EDGE_MARGIN = 6  # px inside the viewport's top and bottom that already scroll
SLOWEST_MS, FASTEST_MS = 100, 10
_LINE_DOWN = QAbstractSlider.SliderAction.SliderSingleStepAdd
_LINE_UP = QAbstractSlider.SliderAction.SliderSingleStepSub


def scroll_step(y: float, height: int) -> tuple[int, int] | None:
    """(direction, milliseconds per line) for a pointer at `y` in a viewport `height` px high:
    -1 up, +1 down, quicker the further past the edge zone; None when no scrolling is due."""
    above, below = EDGE_MARGIN - y, y - (height - 1 - EDGE_MARGIN)
    if above <= 0 and below <= 0:
        return None
    distance = max(above, below)
    pace = round(4900 / max(distance, 7) ** 2)  # Qt's QPlainTextEdit autoscroll pace
    return (-1 if above > 0 else 1), max(FASTEST_MS, min(SLOWEST_MS, pace))


class DragScroller(QObject):
    """The timer that scrolls `view` while a drag holds the pointer at or past an edge."""

    def __init__(self, view, follow: Callable[[QPointF], None]):
        """:param follow: redoes the drag at a point of the viewport once the text has moved"""
        super().__init__(view)
        self.view = view
        self.follow = follow
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.step)
        self._point = QPointF()
        self._direction = 0

    def pointer_at(self, point: QPointF) -> None:
        """The pointer moved while dragging: start, re-pace or stop the scrolling."""
        self._point = QPointF(point)
        step = scroll_step(point.y(), self.view.viewport().height())
        if step is None:
            self.stop()
            return
        self._direction, interval = step
        if not self.timer.isActive() or self.timer.interval() != interval:
            self.timer.start(interval)

    def stop(self) -> None:
        self.timer.stop()
        self._direction = 0

    def step(self) -> None:
        """Scroll one line toward the pointer and drag on to the text now under it."""
        bar = self.view.verticalScrollBar()
        before = bar.value()
        bar.triggerAction(_LINE_DOWN if self._direction > 0 else _LINE_UP)
        if bar.value() == before:
            self.stop()  # the text's first or last line is in view: nothing left to scroll
        self.follow(self._point)
