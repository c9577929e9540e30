"""The article metadata dialog: title, outlet, author, url, published date and events.

It reads the date as the core will (and refuses what the core refuses, in the core's words)
and returns only the fields the analyst changed; the caller makes the undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates import UnreadableDate, iso_date
from annotator.core.model import Article

TEXT_FIELDS = ("title", "outlet", "author", "url")
ERROR_STYLE = "color: #b3261e;"
HINT_STYLE = "color: #5f6368;"


def read_date(raw: str) -> tuple[str, str]:
    """(what the date is read as, '') or ('', why it cannot be read), as the core reads it."""
    try:
        return iso_date(raw), ""
    except UnreadableDate as error:
        return "", f"published: {error}"


def _completing(edit: QLineEdit, words: list[str]) -> QLineEdit:
    completer = QCompleter(words, edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


class ArticleDialog(QDialog):
    """Edit one article's metadata; never its text."""

    def __init__(self, parent, article: Article, *, outlets: list[str], events: list[str]):
        super().__init__(parent)
        self.setWindowTitle("Article details")
        self.setMinimumWidth(560)
        self.article = article
        self.edits = {
            name: QLineEdit(getattr(article, name), objectName=f"article_{name}") for name in TEXT_FIELDS
        }
        _completing(self.edits["outlet"], outlets)
        self.edits["url"].setPlaceholderText("https://…")
        self.published = QLineEdit(article.published_raw or article.published, objectName="article_published")
        self.published.setPlaceholderText("as written, e.g. 9 May 2026 or 2026-05-09")
        self.read_as = QLabel(objectName="publishedReadAs", textFormat=Qt.TextFormat.PlainText)
        self.read_as.setWordWrap(True)
        self.events = QListWidget(objectName="articleEvents")
        self.events.addItems(list(article.events))
        self.events.setMaximumHeight(self.fontMetrics().height() * 6)
        self.new_event = _completing(
            QLineEdit(objectName="newEvent", placeholderText="an event, e.g. Kursk 2024"), events
        )
        self.error = QLabel(objectName="articleError", textFormat=Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        for edit in (self.edits["title"], self.published):
            edit.textChanged.connect(lambda _text: self._check())
        self._check()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label in zip(TEXT_FIELDS, ("&Title", "&Outlet", "&Author", "&URL"), strict=True):
            form.addRow(label, self.edits[name])
        form.addRow("&Published", self.published)
        form.addRow("", self.read_as)
        form.addRow("&Events", self._events_box())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _events_box(self) -> QWidget:
        box = QWidget()
        add = QPushButton("A&dd", objectName="addEvent")
        add.clicked.connect(self.add_event)
        self.new_event.returnPressed.connect(self.add_event)
        remove = QPushButton("&Remove", objectName="removeEvent")
        remove.clicked.connect(self.remove_event)
        row = QHBoxLayout()
        row.addWidget(self.new_event, 1)
        row.addWidget(add)
        row.addWidget(remove)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.events)
        column.addLayout(row)
        return box

    # -- events ----------------------------------------------------------------------------

    def add_event(self) -> None:
        name = " ".join(self.new_event.text().split())
        if name and name.casefold() not in {e.casefold() for e in self.event_names()}:
            self.events.addItem(name)
        self.new_event.clear()

    def remove_event(self) -> None:
        row = self.events.currentRow()
        if row >= 0:
            self.events.takeItem(row)

    def event_names(self) -> list[str]:
        return [self.events.item(row).text() for row in range(self.events.count())]

    # -- checking and the answer ---------------------------------------------------------

    def _check(self) -> bool:
        """Show under the date what it is read as, or why it cannot be; refuse an empty title."""
        read, date_problem = read_date(self.published.text())
        if date_problem:
            self.read_as.setText(date_problem)
        elif read:
            self.read_as.setText(f"Read as {read}")
        else:
            self.read_as.setText("No date: the article shows as undated.")
        self.read_as.setStyleSheet(ERROR_STYLE if date_problem else HINT_STYLE)
        title_problem = "" if self.edits["title"].text().strip() else "An article needs a title."
        self.error.setText(title_problem)
        self.error.setVisible(bool(title_problem))
        valid = not (date_problem or title_problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid)
        return valid

    def _accept_if_valid(self) -> None:
        if self._check():
            self.accept()

    def changes(self) -> dict:
        """The fields that differ from the article, as the core's `articles.edit` takes them."""
        article, found = self.article, {}
        for name, edit in self.edits.items():
            if " ".join(edit.text().split()) != getattr(article, name):
                found[name] = edit.text()
        if " ".join(self.published.text().split()) != (article.published_raw or article.published):
            found["published"] = self.published.text()
        if sorted(self.event_names()) != sorted(article.events):
            found["events"] = self.event_names()
        return found

    @classmethod
    def ask(cls, parent, article: Article, *, outlets: list[str], events: list[str]) -> dict | None:
        """The changed fields (maybe none), or None when cancelled."""
        dialog = cls(parent, article, outlets=outlets, events=events)
        return dialog.changes() if dialog.exec() == QDialog.DialogCode.Accepted else None
