"""One measure's figures as a chart: a row per claim by date, values on a log scale.

Exact figures are dots, ranges bars with end caps, "about" a translucent band around its
dot, open intervals ("at least", "less than") arrows running off the scale. Rows with a
flag are tinted and tagged on the right; hovering explains, clicking opens the claim.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from annotator.core.figure_compare import FigureRow, MeasureGroup, interval_of
from annotator.ui.colours import NO_SPEAKER, SPEAKER_PALETTE

ROW_HEIGHT = 34
LABEL_WIDTH = 270
TAG_WIDTH = 150
TOP, BOTTOM = 44, 40
FLAG_COLOURS = {"conflict": "#c0392b", "likely scale error": "#8e44ad", "changed over time": "#d68910"}
FLAG_TAGS = {"conflict": "conflict", "likely scale error": "scale ×100?", "changed over time": "changed"}


class FiguresChart(QWidget):
    """Draws one MeasureGroup; emits figure_chosen(article_id, claim_id) on a click."""

    figure_chosen = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("figuresChart")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.group: MeasureGroup | None = None
        self.margin = 0.10
        self._colours: dict[str, str] = {}
        self._span = (1.0, 10.0)

    def show_group(self, group: MeasureGroup | None, *, margin: float = 0.10) -> None:
        self.group, self.margin = group, margin
        speakers = sorted({r.who for r in group.rows}, key=str.casefold) if group else []
        self._colours = {s: SPEAKER_PALETTE[i % len(SPEAKER_PALETTE)] for i, s in enumerate(speakers)}
        self._span = _value_span(group.rows, margin) if group else (1.0, 10.0)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        rows = len(self.group.rows) if self.group else 3
        return QSize(900, TOP + BOTTOM + rows * ROW_HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(600, self.sizeHint().height())

    # -- geometry --------------------------------------------------------------------------

    def _plot(self) -> QRectF:
        return QRectF(LABEL_WIDTH, TOP, max(50, self.width() - LABEL_WIDTH - TAG_WIDTH), self._rows_height())

    def _rows_height(self) -> int:
        return (len(self.group.rows) if self.group else 0) * ROW_HEIGHT

    def _x(self, value: float) -> float:
        plot = self._plot()
        low, high = (math.log10(v) for v in self._span)
        share = (math.log10(max(value, self._span[0])) - low) / (high - low)
        return plot.left() + max(0.0, min(1.0, share)) * plot.width()

    def row_at(self, y: float) -> FigureRow | None:
        if not self.group or y < TOP:
            return None
        index = int((y - TOP) // ROW_HEIGHT)
        return self.group.rows[index] if index < len(self.group.rows) else None

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.group:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Choose a measure to see its figures")
            return
        self._paint_title(painter)
        self._paint_axis(painter)
        for index, row in enumerate(self.group.rows):
            self._paint_row(painter, index, row)
        painter.end()

    def _paint_title(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.setPen(QColor("#222222"))
        group = self.group
        flags = len({(f.kind, f.explanation) for f in group.flags})
        title = f"{group.measure or '(no measure)'} — {group.event or 'no event'}"
        painter.drawText(QRectF(12, 6, self.width() - 24, 22), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(self.font())
        painter.setPen(QColor("#666666"))
        summary = (
            f"{len(group.rows)} figure(s), {flags} flag(s) · log scale · “about” read as ±{self.margin:.0%}"
        )
        painter.drawText(QRectF(12, 24, self.width() - 24, 18), Qt.AlignmentFlag.AlignLeft, summary)

    def _paint_axis(self, painter: QPainter) -> None:
        plot = self._plot()
        bottom = plot.bottom()
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        painter.drawLine(QPointF(plot.left(), bottom), QPointF(plot.right(), bottom))
        for value, major in _ticks(*self._span):
            x = self._x(value)
            painter.setPen(QPen(QColor("#e4e4e4" if not major else "#cfcfcf"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, bottom))
            if major or self._span[1] / self._span[0] < 1000:
                painter.setPen(QColor("#555555"))
                painter.drawText(
                    QRectF(x - 40, bottom + 4, 80, 16), Qt.AlignmentFlag.AlignHCenter, _short(value)
                )

    def _paint_row(self, painter: QPainter, index: int, row: FigureRow) -> None:
        top = TOP + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2
        flags = self.group.flags_for(row.claim_id)
        if flags:
            tint = QColor(FLAG_COLOURS[flags[0].kind])
            tint.setAlpha(22)
            painter.fillRect(QRectF(0, top, self.width(), ROW_HEIGHT), tint)
        elif index % 2:
            painter.fillRect(QRectF(0, top, self.width(), ROW_HEIGHT), QColor("#f7f7f7"))
        self._paint_label(painter, row, top)
        self._paint_figure(painter, row, middle)
        self._paint_tags(painter, flags, top)

    def _paint_label(self, painter: QPainter, row: FigureRow, top: float) -> None:
        metrics = QFontMetrics(self.font())
        painter.setPen(QColor("#777777"))
        painter.drawText(
            QRectF(12, top, 84, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, row.published or "undated"
        )
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(self._colour(row)).darker(130))
        who = QFontMetrics(bold).elidedText(row.who, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 110)
        painter.drawText(QRectF(96, top + 2, LABEL_WIDTH - 100, 16), Qt.AlignmentFlag.AlignLeft, who)
        painter.setFont(self.font())
        painter.setPen(QColor("#888888"))
        detail = metrics.elidedText(
            f"{row.shown} · {row.outlet}", Qt.TextElideMode.ElideRight, LABEL_WIDTH - 110
        )
        painter.drawText(QRectF(96, top + 17, LABEL_WIDTH - 100, 16), Qt.AlignmentFlag.AlignLeft, detail)

    def _paint_figure(self, painter: QPainter, row: FigureRow, y: float) -> None:
        interval = interval_of(row, margin=self.margin)
        colour = QColor(self._colour(row))
        plot = self._plot()
        if interval is None:
            return
        low = plot.left() - 6 if interval.low == -math.inf else self._x(interval.low)
        high = plot.right() + 6 if interval.high == math.inf else self._x(interval.high)
        band = QColor(colour)
        band.setAlpha(90 if row.qualifier != "range" else 170)
        if high - low > 1:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band)
            painter.drawRoundedRect(QRectF(low, y - 5, high - low, 10), 4, 4)
        if row.qualifier == "range":
            painter.setPen(QPen(colour.darker(120), 2))
            for x in (low, high):
                painter.drawLine(QPointF(x, y - 9), QPointF(x, y + 9))
        if interval.high == math.inf:
            _arrow(painter, QPointF(high, y), 1, colour)
        if interval.low == -math.inf:
            _arrow(painter, QPointF(low, y), -1, colour)
        if row.value is not None:
            self._dot(
                painter, self._x(row.value), y, colour, hollow=row.qualifier in ("more than", "less than")
            )

    def _dot(self, painter: QPainter, x: float, y: float, colour: QColor, *, hollow: bool) -> None:
        painter.setPen(QPen(colour.darker(140), 2))
        painter.setBrush(QColor("#ffffff") if hollow else colour)
        painter.drawEllipse(QPointF(x, y), 6, 6)

    def _paint_tags(self, painter: QPainter, flags, top: float) -> None:
        x = self.width() - TAG_WIDTH + 10
        for kind in dict.fromkeys(f.kind for f in flags):
            label = FLAG_TAGS[kind]
            width = QFontMetrics(self.font()).horizontalAdvance(label) + 14
            rect = QRectF(x, top + 7, width, ROW_HEIGHT - 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(FLAG_COLOURS[kind]))
            painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4

    def _colour(self, row: FigureRow) -> str:
        return self._colours.get(row.who, NO_SPEAKER)

    # -- mouse -----------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        row = self.row_at(event.position().y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if row else Qt.CursorShape.ArrowCursor)
        if row is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.explain(row), self)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        row = self.row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self.figure_chosen.emit(row.article_id, row.claim_id)

    def explain(self, row: FigureRow) -> str:
        """The tooltip: the figure, its source and every flag on it in words."""
        lines = [f"<b>{row.shown}</b> — {row.who}", f"{row.outlet} · {row.published} · {row.status}"]
        lines += [f"<b>{f.kind}</b>: {f.explanation}" for f in self.group.flags_for(row.claim_id)]
        lines.append("<i>Click to open the article with this claim selected.</i>")
        return "<br>".join(lines)


def _value_span(rows, margin: float) -> tuple[float, float]:
    values = []
    for row in rows:
        interval = interval_of(row, margin=margin)
        if interval is None:
            continue
        values += [v for v in (interval.low, interval.high, row.value) if v is not None and 0 < v < math.inf]
    if not values:
        return 1.0, 10.0
    low, high = min(values) / 1.8, max(values) * 1.8
    if high / low < 10:
        middle = math.sqrt(low * high)
        low, high = middle / math.sqrt(10), middle * math.sqrt(10)
    return low, high


def _ticks(low: float, high: float) -> list[tuple[float, bool]]:
    ticks = []
    for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for step in (1, 2, 5):
            value = step * 10**power
            if low <= value <= high:
                ticks.append((value, step == 1))
    return ticks


def _short(value: float) -> str:
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def _arrow(painter: QPainter, tip: QPointF, direction: int, colour: QColor) -> None:
    path = QPainterPath(tip)
    path.lineTo(tip.x() - 10 * direction, tip.y() - 7)
    path.lineTo(tip.x() - 10 * direction, tip.y() + 7)
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)
