"""Above the text: the article's title and metadata, and the highlight legend."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from annotator.core.model import Article
from annotator.ui.colours import COLOUR_MODES, LegendEntry
from annotator.ui.plain import link_html, plain_tooltip


class ArticleHeader(QWidget):
    """Title, outlet · author · date · link, and an Edit details link."""

    edit_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(objectName="articleTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles are imported: never rich text
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(objectName="articleMeta")
        self.meta.setTextFormat(Qt.TextFormat.RichText)  # for the link; every part is escaped
        self.meta.setWordWrap(True)
        self.meta.setOpenExternalLinks(True)
        self.edit = QPushButton("Edit details…", objectName="editArticle")
        self.edit.setFlat(True)
        self.edit.setToolTip("Title, outlet, author, link, date and events of this article (F2)")
        self.edit.clicked.connect(self.edit_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.meta)
        self.show_article(None)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            self.title.setText("No article open")
            self.meta.setText("")
            self.edit.hide()
            return
        self.edit.show()
        self.title.setText(article.title or "(untitled)")
        parts = [escape(part) for part in (article.outlet, article.author, article.published) if part]
        if article.url:
            parts.append(link_html(article.url))
        parts.append(escape(article.status))
        self.meta.setText(" · ".join(parts))


class Legend(QWidget):
    """What the highlight colours mean, and the switch between colouring modes."""

    mode_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode = QComboBox(objectName="colourMode")
        for mode in COLOUR_MODES:
            self.mode.addItem(f"Colour by {mode}", mode)
        self.mode.activated.connect(lambda _row: self.mode_changed.emit(self.mode.currentData()))
        self.entries = QLabel(objectName="legendEntries")
        self.entries.setWordWrap(False)  # one line: the text below keeps its height
        self.entries.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._entries: list[LegendEntry] = []
        self._shown: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 4)
        layout.addWidget(self.mode)
        layout.addWidget(self.entries, 1)

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))

    def show_entries(self, entries: list[LegendEntry]) -> None:
        """The colours on one line: as many entries as fit, then "+N more" (all in the tooltip)."""
        self._entries = list(entries)
        tips = [f"{e.label}: {e.tooltip}" for e in entries if e.tooltip]
        tips = tips or [e.label for e in entries]
        tips.append("Darker: claims overlap. Brackets: where each claim starts and ends. Dashed: suggested.")
        self.entries.setToolTip(plain_tooltip("\n".join(tips)))
        self._fit_entries()

    def shown_labels(self) -> list[str]:
        """The entries' labels the legend shows now (the rest are counted in "+N more")."""
        return self._shown

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_entries()

    def _fit_entries(self) -> None:
        entries = self._entries
        room = self.entries.width() if self.isVisible() else 10**6
        count = len(entries)
        while count > 0 and _html_width(self._html(entries, count), self.entries.font()) > room:
            count -= 1
        self._shown = [entry.label for entry in entries[:count]]
        self.entries.setText(self._html(entries, count))

    @staticmethod
    def _html(entries: list[LegendEntry], count: int) -> str:
        chips = [
            f'<span style="background-color:{entry.colour}; color:{entry.colour};">&nbsp;&nbsp;&nbsp;</span>'
            f"&nbsp;{escape(entry.label).replace(' ', '&nbsp;')}"
            for entry in entries[:count]
        ]
        if count < len(entries):
            chips.append(f"+{len(entries) - count}&nbsp;more")
        return "&nbsp;&nbsp; ".join(chips)


def _html_width(html: str, font) -> float:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(html)
    return document.idealWidth()
