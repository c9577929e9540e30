"""One measure's figures as a chart: a row per claim by date, values on a log scale.

Exact figures are dots, ranges bars with end caps, "about" a translucent band around its
dot, open intervals ("at least", "less than") arrows running off the scale. Rows with a
flag are tinted and tagged on the right; hovering explains, clicking opens the claim.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from annotator.core.figures.compare import FigureRow, MeasureGroup
from annotator.ui.colours import NO_SPEAKER, speaker_colours

ROW_HEIGHT = 36
LABEL_WIDTH = 330
TAG_WIDTH = 170
TITLE_HEIGHT, AXIS_HEIGHT, PANEL_GAP = 42, 26, 22
FLAG_COLOURS = {
    "conflict": "#c0392b",
    "likely scale error": "#8e44ad",
    "changed over time": "#d68910",
    "conversion does not match": "#1f618d",
}
FLAG_TAGS = {
    "conflict": "conflict",
    "likely scale error": "scale error?",
    "changed over time": "changed",
    "conversion does not match": "conversion?",
}


class FiguresChart(QWidget):
    """Draws measure groups one under another, each on its own log scale; emits
    figure_chosen(article_id, claim_id) when a figure is clicked, group_chosen(index) for a title."""

    figure_chosen = Signal(str, str)
    group_chosen = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("figuresChart")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.groups: list[MeasureGroup] = []
        self.selected = -1
        self.margin = 0.10
        self._colours: dict[str, str] = {}
        self._panels: list[_Panel] = []

    @property
    def group(self) -> MeasureGroup | None:
        return self.groups[self.selected] if 0 <= self.selected < len(self.groups) else None

    def show_groups(self, groups: list[MeasureGroup], *, selected: int = 0, margin: float = 0.10) -> None:
        """Draw these groups; the selected one is outlined."""
        self.groups, self.selected, self.margin = list(groups), selected, margin
        # The text's rule (ui/colours.py): each speaker its own colour, clashes settled by name.
        speakers = sorted({r.speaker for g in groups for r in g.rows if r.speaker}, key=str.casefold)
        self._colours = speaker_colours(speakers)
        self._panels = []
        top = 8
        for group in groups:
            panel = _Panel(group, top, _value_span(group, margin))
            self._panels.append(panel)
            top = panel.bottom + PANEL_GAP
        self.setMinimumHeight(max(120, top))
        self.updateGeometry()
        self.update()

    def show_group(self, group: MeasureGroup | None, *, margin: float = 0.10) -> None:
        """Draw a single group (or nothing)."""
        self.show_groups([group] if group else [], selected=0, margin=margin)

    def select(self, index: int) -> None:
        self.selected = index
        self.update()

    def panel_top(self, index: int) -> int:
        return self._panels[index].top if 0 <= index < len(self._panels) else 0

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(900, self.minimumHeight())

    # -- geometry --------------------------------------------------------------------------

    def _plot(self, panel: _Panel) -> QRectF:
        width = max(50, self.width() - LABEL_WIDTH - TAG_WIDTH)
        return QRectF(LABEL_WIDTH, panel.rows_top, width, len(panel.group.rows) * ROW_HEIGHT)

    def _x(self, panel: _Panel, value: float) -> float:
        plot = self._plot(panel)
        low, high = (math.log10(v) for v in panel.span)
        share = (math.log10(max(value, panel.span[0])) - low) / (high - low)
        return plot.left() + max(0.0, min(1.0, share)) * plot.width()

    def hit(self, y: float) -> tuple[int, FigureRow | None]:
        """(group index, figure row or None for the title) under a height; (-1, None) for none."""
        for index, panel in enumerate(self._panels):
            if panel.top <= y < panel.rows_top:
                return index, None
            if panel.rows_top <= y < panel.rows_top + len(panel.group.rows) * ROW_HEIGHT:
                return index, panel.group.rows[int((y - panel.rows_top) // ROW_HEIGHT)]
        return -1, None

    def row_at(self, y: float) -> FigureRow | None:
        return self.hit(y)[1]

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self._panels:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No claimed figures to compare yet")
            return
        for index, panel in enumerate(self._panels):
            self._paint_panel(painter, panel, selected=index == self.selected)
        painter.end()

    def _paint_panel(self, painter: QPainter, panel: _Panel, *, selected: bool) -> None:
        if selected:
            painter.setPen(QPen(QColor("#4e79a7"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                QRectF(3, panel.top - 4, self.width() - 6, panel.bottom - panel.top + 8), 6, 6
            )
        self._paint_title(painter, panel)
        self._paint_axis(painter, panel)
        for index, row in enumerate(panel.group.rows):
            self._paint_row(painter, panel, index, row)

    def _paint_title(self, painter: QPainter, panel: _Panel) -> None:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        painter.setFont(font)
        painter.setPen(QColor("#222222"))
        group = panel.group
        unit = f" [{group.unit}]" if group.unit else ""
        title = f"{group.measure or '(no measure)'}{unit}  ·  {group.event or 'no event'}"
        painter.drawText(QRectF(12, panel.top, self.width() - 24, 22), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(self.font())
        kinds = list(dict.fromkeys(f.kind for f in group.flags))
        summary = f"{len(group.rows)} figure(s)" + (f" — {', '.join(kinds)}" if kinds else " — consistent")
        painter.setPen(QColor(FLAG_COLOURS[kinds[0]]) if kinds else QColor("#2e7d32"))
        painter.drawText(
            QRectF(12, panel.top + 20, self.width() - 24, 18), Qt.AlignmentFlag.AlignLeft, summary
        )

    def _paint_axis(self, painter: QPainter, panel: _Panel) -> None:
        plot = self._plot(panel)
        bottom = plot.bottom()
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        painter.drawLine(QPointF(plot.left(), bottom), QPointF(plot.right(), bottom))
        for value, major in _ticks(*panel.span):
            x = self._x(panel, value)
            painter.setPen(QPen(QColor("#cfcfcf" if major else "#e8e8e8"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, bottom))
            if major or panel.span[1] / panel.span[0] < 1000:
                painter.setPen(QColor("#555555"))
                painter.drawText(
                    QRectF(x - 40, bottom + 3, 80, 16), Qt.AlignmentFlag.AlignHCenter, _short(value)
                )

    def _paint_row(self, painter: QPainter, panel: _Panel, index: int, row: FigureRow) -> None:
        top = panel.rows_top + index * ROW_HEIGHT
        flags = panel.group.flags_for(row.claim_id)
        if flags:
            tint = QColor(FLAG_COLOURS[flags[0].kind])
            tint.setAlpha(20)
            painter.fillRect(QRectF(6, top, self.width() - 12, ROW_HEIGHT), tint)
        elif index % 2:
            painter.fillRect(QRectF(6, top, self.width() - 12, ROW_HEIGHT), QColor("#f6f6f6"))
        self._paint_label(painter, row, top)
        self._paint_figure(painter, panel, row, top + ROW_HEIGHT / 2)
        self._paint_tags(painter, flags, top)

    def _paint_label(self, painter: QPainter, row: FigureRow, top: float) -> None:
        metrics = QFontMetrics(self.font())
        painter.setPen(QColor("#777777"))
        painter.drawText(
            QRectF(14, top, 84, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, row.published or "undated"
        )
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(self._colour(row)).darker(135))
        who = QFontMetrics(bold).elidedText(row.who, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 112)
        painter.drawText(QRectF(100, top + 2, LABEL_WIDTH - 104, 16), Qt.AlignmentFlag.AlignLeft, who)
        painter.setFont(self.font())
        painter.setPen(QColor("#666666"))
        detail = metrics.elidedText(
            f"{row.shown} · {row.outlet}", Qt.TextElideMode.ElideRight, LABEL_WIDTH - 112
        )
        painter.drawText(QRectF(100, top + 17, LABEL_WIDTH - 104, 16), Qt.AlignmentFlag.AlignLeft, detail)

    def _paint_figure(self, painter: QPainter, panel: _Panel, row: FigureRow, y: float) -> None:
        interval = panel.group.interval_of(row, margin=self.margin)  # in the group's unit
        if interval is None:
            return
        colour = QColor(self._colour(row))
        plot = self._plot(panel)
        low = plot.left() if interval.low == -math.inf else self._x(panel, interval.low)
        high = plot.right() if interval.high == math.inf else self._x(panel, interval.high)
        band = QColor(colour)
        band.setAlpha(170 if row.qualifier == "range" else 80)
        if high - low > 1:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band)
            painter.drawRoundedRect(QRectF(low, y - 5, high - low, 10), 4, 4)
        if row.qualifier == "range":
            painter.setPen(QPen(colour.darker(130), 2))
            for x in (low, high):
                painter.drawLine(QPointF(x, y - 9), QPointF(x, y + 9))
        if interval.high == math.inf:
            _arrow(painter, QPointF(high + 6, y), 1, colour)
        if interval.low == -math.inf:
            _arrow(painter, QPointF(low - 6, y), -1, colour)
        if row.value is not None:
            hollow = row.qualifier in ("more than", "less than")
            self._dot(painter, self._x(panel, panel.group.value_of(row)), y, colour, hollow=hollow)

    def _dot(self, painter: QPainter, x: float, y: float, colour: QColor, *, hollow: bool) -> None:
        painter.setPen(QPen(colour.darker(140), 2))
        painter.setBrush(QColor("#ffffff") if hollow else colour)
        painter.drawEllipse(QPointF(x, y), 6, 6)

    def _paint_tags(self, painter: QPainter, flags, top: float) -> None:
        x = self.width() - TAG_WIDTH + 8
        for kind in dict.fromkeys(f.kind for f in flags):
            label = FLAG_TAGS[kind]
            width = QFontMetrics(self.font()).horizontalAdvance(label) + 14
            rect = QRectF(x, top + 6, width, ROW_HEIGHT - 12)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(FLAG_COLOURS[kind]))
            painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4

    def _colour(self, row: FigureRow) -> str:
        return self._colours.get(row.speaker, NO_SPEAKER) if row.speaker else NO_SPEAKER

    # -- mouse -----------------------------------------------------------------------------

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        index, row = self.hit(event.position().y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor)
        if row is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.explain(row, self.groups[index]), self)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        index, row = self.hit(event.position().y())
        if index < 0 or event.button() != Qt.MouseButton.LeftButton:
            return
        if index != self.selected:
            self.select(index)
            self.group_chosen.emit(index)
        if row is not None:
            self.figure_chosen.emit(row.article_id, row.claim_id)

    def explain(self, row: FigureRow, group: MeasureGroup) -> str:
        """The tooltip: the figure, its source and every flag on it in words."""
        lines = [
            f"<b>{escape(row.shown)}</b> — {escape(row.who)}",
            escape(f"{row.outlet} · {row.published} · {row.status}"),
        ]
        lines += [f"<b>{escape(f.kind)}</b>: {escape(f.explanation)}" for f in group.flags_for(row.claim_id)]
        lines.append("<i>Click to open the article with this claim selected.</i>")
        return "<br>".join(lines)


@dataclass(frozen=True)
class _Panel:
    """Where one group is drawn."""

    group: MeasureGroup
    top: int
    span: tuple[float, float]

    @property
    def rows_top(self) -> int:
        return self.top + TITLE_HEIGHT

    @property
    def bottom(self) -> int:
        return self.rows_top + len(self.group.rows) * ROW_HEIGHT + AXIS_HEIGHT


def _value_span(group: MeasureGroup, margin: float) -> tuple[float, float]:
    values = []
    for row in group.rows:
        interval = group.interval_of(row, margin=margin)
        if interval is None:
            continue
        value = group.value_of(row)
        values += [v for v in (interval.low, interval.high, value) if v is not None and 0 < v < math.inf]
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
