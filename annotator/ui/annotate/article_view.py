"""The read-only article text with its claims highlighted; selections become claims."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QPainter, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from annotator.core.annotating import corrected_ids, shown_status
from annotator.core.model import Claim
from annotator.core.search import hit_pattern
from annotator.core.selection import snap_to_words
from annotator.ui.annotate.drag_scroll import DragScroller
from annotator.ui.annotate.highlight import ClaimHighlighter, SpanIndex
from annotator.ui.annotate.positions import TextPositions
from annotator.ui.annotate.span_handles import SpanHandles
from annotator.ui.plain import plain_tooltip

READING_WIDTH_EM = 42  # about 75 characters a line
SEARCH_HIT = "#ffd54f"
GRIP_TIP = "Drag to move the claim's {edge} (it snaps to words; hold Alt for exact characters)"
SNAP_PREVIEW_ALPHA = 70  # the words a keyboard selection will widen to: a pale selection colour
# Keys that extend a selection (Shift+arrows, Ctrl+Shift+arrows, Shift+Home/End/PageUp/PageDown).
_SELECTING_KEYS = tuple(
    getattr(QKeySequence.StandardKey, name)
    for name in (
        "SelectNextChar",
        "SelectPreviousChar",
        "SelectNextWord",
        "SelectPreviousWord",
        "SelectNextLine",
        "SelectPreviousLine",
        "SelectStartOfLine",
        "SelectEndOfLine",
        "SelectStartOfBlock",
        "SelectEndOfBlock",
        "SelectStartOfDocument",
        "SelectEndOfDocument",
        "SelectNextPage",
        "SelectPreviousPage",
    )
)


class ArticleView(QPlainTextEdit):
    """Shows one article; emits intent (a chosen span, a clicked claim) and decides nothing."""

    span_chosen = Signal(int, int)  # code point offsets: Enter pressed on a selection
    claim_clicked = Signal(str)
    edge_nudged = Signal(str, int)  # ("start" or "end", -1 or +1): move the selected claim's edge
    span_dragged = Signal(int, int)  # the selected claim's new span, its grip let go

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._follow_each_paragraphs_direction()
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() * 1.15))
        self.setFont(font)
        self.document().setDocumentMargin(14)
        self.highlighter = ClaimHighlighter(self.document())
        self.positions = TextPositions("")
        self._claims: list[Claim] = []
        self._starts: list[int] = []
        self._colour_of = None
        self.status_of = None  # a claim's status in words, as the claims table says it (else its own)
        self._outlined: str | None = None
        self._press_had_selection = False
        self._keyboard_selecting = False  # Shift+arrows made the selection: it snaps on Enter
        self._keyboard_exact = False  # Alt+Shift+arrows made the last change: keep exact characters
        self._search_hits: list = []
        self._snap_preview: list = []
        self.handles = SpanHandles(self)
        self.drag_scroll = DragScroller(self, self._drag_grip_to)
        self._drag_exact = False  # Alt held at the drag's last move: exact characters
        self.viewport().setMouseTracking(True)  # the pointer changes over a grip
        self.setPlaceholderText(
            "Choose an article on the left, or import articles with File → Import (Ctrl+I) "
            "or by dropping files on this window."
        )

    def _follow_each_paragraphs_direction(self) -> None:
        """Right-to-left paragraphs (Arabic, Hebrew, Persian) run from the right edge, others from the left.

        QPlainTextEdit lays out every paragraph with the document's one text option, and its
        left alignment would put right-to-left paragraphs against the left edge. Qt aligns a
        right-to-left line of justified text to the right and a left-to-right one to the left;
        AlignAbsolute keeps it from stretching lines to the full width (QTextEngine::justify
        only justifies when the alignment is exactly AlignJustify). Each paragraph's direction
        comes from its first strong character (LayoutDirectionAuto).
        """
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        option.setAlignment(Qt.AlignmentFlag.AlignJustify | Qt.AlignmentFlag.AlignAbsolute)
        self.document().setDefaultTextOption(option)

    # -- content -------------------------------------------------------------------------

    def show_article(self, text: str, claims: list[Claim], colour_of, waiting=frozenset()) -> None:
        """Show a new text with its claims (`waiting`: the ids of those drawn as waiting to be
        sent); the highlighter draws in the same pass as the layout."""
        self._outlined = None
        self.handles.show_for(None)
        self._keyboard_selecting = self._keyboard_exact = False
        self._snap_preview = []
        self.positions = TextPositions(text)
        self._set_claims(claims, colour_of)
        index = SpanIndex(self.positions, self._claims, colour_of, waiting)
        self.highlighter.set_index(index, rehighlight=False)
        self.setPlainText(text)

    def clear_article(self) -> None:
        self.show_article("", [], lambda _claim: "#000000")

    def update_claims(self, claims: list[Claim], colour_of, waiting=frozenset()) -> None:
        """Redraw highlights after claims changed; only the blocks that changed are redrawn."""
        self._set_claims(claims, colour_of)
        self.highlighter.set_index(SpanIndex(self.positions, self._claims, colour_of, waiting))
        self.viewport().update()

    def shown_claims(self) -> list[Claim]:
        """The claims highlighted in the text, in reading order."""
        return list(self._claims)

    def _set_claims(self, claims: list[Claim], colour_of) -> None:
        self._claims = sorted(claims, key=lambda claim: (claim.start, claim.end))
        self._starts = [claim.start for claim in self._claims]
        self._colour_of = colour_of

    def show_search_hits(self, search: str, *, limit: int = 2000) -> int:
        """Mark where the words of the article search occur (transient extra selections)."""
        pattern = hit_pattern(search)
        selections = []
        if pattern is not None:
            for match in pattern.finditer(self.positions.text):
                if len(selections) >= limit:
                    break
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(self.document())
                selection.cursor.setPosition(self.positions.to_qt(match.start()))
                selection.cursor.setPosition(
                    self.positions.to_qt(match.end()), QTextCursor.MoveMode.KeepAnchor
                )
                selection.format.setBackground(QColor(SEARCH_HIT))
                selections.append(selection)
        self._search_hits = selections
        self._show_extra_selections()
        return len(selections)

    def _show_extra_selections(self) -> None:
        self.setExtraSelections(self._search_hits + self._snap_preview)

    # -- selections in code points ---------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The current selection as code point offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.positions.to_code_point(cursor.selectionStart())
        end = self.positions.to_code_point(cursor.selectionEnd())
        return (start, end) if start < end else None

    def setTextCursor(self, cursor: QTextCursor) -> None:  # noqa: N802 (Qt name)
        """A selection set by the program (a claim chosen, a search) is taken as it is."""
        self._forget_keyboard_selection()
        super().setTextCursor(cursor)

    def select_span(self, start: int, end: int, *, backwards: bool = False) -> None:
        """Select code points [start, end) and scroll to them (backwards: the cursor at start)."""
        anchor, position = (end, start) if backwards else (start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(anchor))
        cursor.setPosition(self.positions.to_qt(position), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def snap_selection(self) -> None:
        """Widen the selection to whole words, keeping the end the cursor is at."""
        span = self.selected_span()
        if span is None:
            return
        start, end = snap_to_words(self.positions.text, *span)
        if (start, end) != span and start < end:
            cursor = self.textCursor()
            self.select_span(start, end, backwards=cursor.position() < cursor.anchor())

    def claims_at(self, offset: int) -> list[Claim]:
        """Claims covering code point `offset`, innermost (shortest) first."""
        last = bisect_right(self._starts, offset)
        covering = [claim for claim in self._claims[:last] if claim.end > offset]
        return sorted(covering, key=lambda claim: claim.end - claim.start)

    def outline_claim(self, claim_id: str | None, *, scroll: bool = True, movable: bool = False) -> None:
        """Draw a frame around a claim's span (the selected claim) and bring it into view;
        `movable`: with grips at its ends to drag them."""
        self._outlined = claim_id
        claim = self._claim(claim_id)
        self.handles.show_for((claim.start, claim.end) if claim is not None and movable else None)
        if claim is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.positions.to_qt(claim.end))
            self.setTextCursor(cursor)
            cursor.setPosition(self.positions.to_qt(claim.start))
            self.setTextCursor(cursor)
            self.centerCursor() if not self._visible(claim) else self.ensureCursorVisible()
        self.viewport().update()

    def _claim(self, claim_id: str | None) -> Claim | None:
        return next((claim for claim in self._claims if claim.id == claim_id), None) if claim_id else None

    def _visible(self, claim: Claim) -> bool:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(claim.start))
        rect = self.cursorRect(cursor)
        return self.viewport().rect().contains(rect)

    # -- input ---------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_span():
            self.finish_keyboard_selection()
            self.span_chosen.emit(*self.selected_span())
            event.accept()
            return
        nudge = self._nudge_of(event)
        if nudge is not None:
            self.edge_nudged.emit(*nudge)
            event.accept()
            return
        selecting = _selecting_key(event)
        if selecting is None:
            if event.key() not in _MODIFIER_KEYS:
                self._forget_keyboard_selection()
            super().keyPressEvent(event)
            return
        # The selection grows by exact steps (snapping each step would stop it at every
        # word's end); the words it will snap to show in a paler colour until Enter.
        super().keyPressEvent(selecting)
        self._keyboard_selecting = True
        self._keyboard_exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._show_snap_preview()

    def _nudge_of(self, event: QKeyEvent) -> tuple[str, int] | None:
        """Alt+Shift+Left/Right moves the selected claim's end, with Ctrl its start.

        Only while a claim is selected and no text is: with a selection, Alt+Shift+arrows
        extend it by exact characters as before.
        """
        if self._outlined is None or self.textCursor().hasSelection():
            return None
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        if event.key() not in steps or modifiers not in (alt_shift, alt_shift | ctrl):
            return None
        edge = "start" if modifiers & ctrl else "end"
        return edge, steps[event.key()]

    def finish_keyboard_selection(self) -> None:
        """Snap a selection made with Shift+arrows to whole words (not after Alt+Shift+arrows)."""
        if self._keyboard_selecting and not self._keyboard_exact:
            self.snap_selection()
        self._forget_keyboard_selection()

    def _forget_keyboard_selection(self) -> None:
        self._keyboard_selecting = self._keyboard_exact = False
        if self._snap_preview:
            self._snap_preview = []
            self._show_extra_selections()

    def snap_preview(self) -> tuple[int, int] | None:
        """Code points a keyboard selection will cover once Enter snaps it, or None."""
        span = self.selected_span()
        if span is None or not self._keyboard_selecting or self._keyboard_exact:
            return None
        start, end = snap_to_words(self.positions.text, *span)
        return (start, end) if start < end else None

    def _show_snap_preview(self) -> None:
        span = self.snap_preview()
        self._snap_preview = []
        if span is not None and span != self.selected_span():
            preview = QTextEdit.ExtraSelection()
            preview.cursor = QTextCursor(self.document())
            preview.cursor.setPosition(self.positions.to_qt(span[0]))
            preview.cursor.setPosition(self.positions.to_qt(span[1]), QTextCursor.MoveMode.KeepAnchor)
            colour = QColor(self.palette().highlight().color())
            colour.setAlpha(SNAP_PREVIEW_ALPHA)
            preview.format.setBackground(colour)
            self._snap_preview = [preview]
        self._show_extra_selections()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton and self.handles.press(event.position()):
            event.accept()  # a grip: the drag moves the claim's end, it selects nothing
            self.viewport().update()
            return
        self._press_had_selection = self.textCursor().hasSelection()
        self._forget_keyboard_selection()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.handles.dragging:
            self._drag_exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            self._drag_grip_to(event.position())
            self.drag_scroll.pointer_at(event.position())  # past the top or bottom: scroll on
            event.accept()
            return
        on_grip = self.handles.grip_at(event.position()) is not None
        self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if on_grip else Qt.CursorShape.IBeamCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.handles.dragging and event.button() == Qt.MouseButton.LeftButton:
            self.drag_scroll.stop()
            moved = self.handles.release()
            self.viewport().update()
            event.accept()
            if moved is not None:
                self.span_dragged.emit(*moved)
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self.snap_selection()
            return
        offset = self.positions.to_code_point(self.cursorForPosition(event.position().toPoint()).position())
        hits = self.claims_at(offset)
        if hits:
            self.claim_clicked.emit(hits[0].id)

    def _drag_grip_to(self, point: QPointF) -> None:
        """Move the dragged end to the text at `point`; past an edge, to the edge's line."""
        if not self.handles.dragging:
            self.drag_scroll.stop()  # the claim was redrawn or another article opened
            return
        viewport = self.viewport()
        x = min(max(point.x(), 0.0), viewport.width() - 1.0)
        y = min(max(point.y(), 0.0), viewport.height() - 1.0)
        self.handles.drag_to(QPointF(x, y), exact=self._drag_exact)
        viewport.update()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = self.viewport().mapFrom(self, event.pos())
            offset = self.positions.to_code_point(self.cursorForPosition(position).position())
            grip = self.handles.grip_at(QPointF(position))
            tip = GRIP_TIP.format(edge=grip.edge) if grip else self.tooltip_at(offset)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, offset: int) -> str:
        """What hovering code point `offset` tells: each claim there, innermost first."""
        corrected = corrected_ids(self._claims)
        status_of = self.status_of or (lambda claim: shown_status(claim, corrected))
        return plain_tooltip("\n".join(_describe(c, status_of(c)) for c in self.claims_at(offset)[:3]))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        reading_width = self.fontMetrics().horizontalAdvance("m") * READING_WIDTH_EM
        side = max(0, (self.width() - reading_width) // 2)
        if side != self.viewportMargins().left():
            self.setViewportMargins(side, 0, side, 0)
            # The text layout follows the widget's size, not the margins: lay it out again.
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    # -- painting: claim brackets and the selected claim's frame ---------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        index = self.highlighter.index
        if index is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_brackets(painter, index)
        self._paint_waiting(painter, index)
        outlined = self._claim(self._outlined)
        if outlined is not None:
            frame_colour = self.palette().highlight().color().darker(110)
            self._paint_frame(painter, *(self.handles.shown_span() or (outlined.start, outlined.end)))
            self.handles.paint(painter, frame_colour)
        painter.end()

    def _visible_blocks(self):
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().rect().bottom()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if block.isVisible():
                yield block, geometry
            block = block.next()

    def _paint_brackets(self, painter: QPainter, index: SpanIndex) -> None:
        for block, geometry in self._visible_blocks():
            marks = index.boundaries.get(block.blockNumber())
            if not marks:
                continue
            layout = block.layout()
            right_to_left = block.textDirection() == Qt.LayoutDirection.RightToLeft
            for mark in marks:
                line = layout.lineForTextPosition(
                    mark.position if mark.is_start else max(0, mark.position - 1)
                )
                if not line.isValid():
                    continue
                x = geometry.left() + line.cursorToX(mark.position)[0]
                top = geometry.top() + line.y() + 1
                bottom = top + line.height() - 2
                tick = 3 if mark.is_start != right_to_left else -3
                painter.setPen(QPen(QColor(mark.colour).darker(140), 1.4))
                painter.drawPolyline(
                    [QPointF(x + tick, top), QPointF(x, top), QPointF(x, bottom), QPointF(x + tick, bottom)]
                )

    def _paint_waiting(self, painter: QPainter, index: SpanIndex) -> None:
        """A dashed frame in its colour around each claim drawn as waiting to be sent (over its
        hatching): unlike the selected claim's solid frame in the selection colour."""
        for claim in self._claims:
            if claim.id in index.waiting:
                pen = QPen(QColor(self._colour_of(claim)).darker(130), 1.2, Qt.PenStyle.DashLine)
                self._paint_frame(painter, claim.start, claim.end, pen)

    def _paint_frame(self, painter: QPainter, start: int, end: int, pen: QPen | None = None) -> None:
        """A frame around code points [start, end): the selected claim, or where a drag moves it
        (`pen`: another frame's)."""
        painter.setPen(pen or QPen(self.palette().highlight().color().darker(110), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        start, end = self.positions.to_qt(start), self.positions.to_qt(end)
        for block, geometry in self._visible_blocks():
            block_start = block.position()
            if block_start + block.length() <= start or block_start >= end:
                continue
            layout = block.layout()
            for number in range(layout.lineCount()):
                line = layout.lineAt(number)
                left = max(start - block_start, line.textStart())
                right = min(end - block_start, line.textStart() + line.textLength())
                if left >= right:
                    continue
                # Right-to-left text runs from right to left: order the two edges.
                x1, x2 = sorted((line.cursorToX(left)[0], line.cursorToX(right)[0]))
                x1, x2 = geometry.left() + x1, geometry.left() + x2
                rect = QRectF(x1 - 2, geometry.top() + line.y(), x2 - x1 + 4, line.height())
                painter.drawRoundedRect(rect, 3, 3)


def _describe(claim: Claim, status: str) -> str:
    """One line for a claim's tooltip: speaker, figure, confidence, status, who tagged it."""
    parts = [claim.speaker or "no speaker", f"“{_short(claim.quote)}”"]
    if claim.figure.text:
        parts.append(" ".join(filter(None, (claim.figure.text, claim.figure.measure))))
    if claim.confidence:
        parts.append(f"confidence {claim.confidence}")
    parts.append(status + (f" by {claim.annotator}" if claim.annotator else ""))
    return " · ".join(parts)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Control, Qt.Key.Key_Meta, Qt.Key.Key_AltGr)


def _selecting_key(event: QKeyEvent) -> QKeyEvent | None:
    """The event as the text edit should see it when it extends the selection, else None.

    Alt+Shift+arrow (exact characters) is not a standard key on most systems: it is passed
    on without Alt.
    """
    if any(event.matches(key) for key in _SELECTING_KEYS):
        return event
    if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
        return None
    plain = QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers() & ~Qt.KeyboardModifier.AltModifier,
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )
    return plain if any(plain.matches(key) for key in _SELECTING_KEYS) else None
