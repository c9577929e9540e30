"""Small dialogs; each has a classmethod `ask(...)` returning plain values or None."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from annotator.core.formatting import clip
from annotator.ui.plain import message_box


class NameDialog(QDialog):
    """Who is annotating: asked on the first run, changeable in Preferences."""

    def __init__(self, parent, name: str, *, first_run: bool):
        super().__init__(parent)
        self.setWindowTitle("Welcome to Annotator" if first_run else "Preferences")
        intro = (
            "Your name is recorded on every claim you make and every review you write."
            if first_run
            else "Annotator name (recorded on the claims you make from now on):"
        )
        self.name = QLineEdit(name, objectName="annotatorName")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.setPlaceholderText("Your name or initials, e.g. Amira Haddad")
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(name.strip()))
        form = QFormLayout()
        form.addRow("Your &name", self.name)
        layout = QVBoxLayout(self)
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent, name: str, *, first_run: bool = False) -> str | None:
        dialog = cls(parent, name, first_run=first_run)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return " ".join(dialog.name.text().split()) or None


@dataclass(frozen=True)
class ExportChoice:
    format_name: str
    path: str
    annotator: str | None
    status: str | None
    article_id: str | None


class ExportDialog(QDialog):
    """Format, file and the same filters as `annotator export`."""

    def __init__(self, parent, *, formats, annotators, statuses, article_id, article_title, format_name):
        super().__init__(parent)
        self.setWindowTitle("Export claims")
        self._article_id = article_id
        from annotator.core.exporters import export_target

        self.format = QComboBox(objectName="exportFormat")
        for name in formats:
            self.format.addItem(export_target(name).label, name)
        self.format.setCurrentIndex(max(self.format.findData(format_name), 0))
        self.annotator = QComboBox(objectName="exportAnnotator")
        self.annotator.addItem("Everyone", None)
        for name in annotators:
            self.annotator.addItem(name, name)
        self.status = QComboBox(objectName="exportStatus")
        self.status.addItem("Any status except suggested", None)
        for status in statuses:
            self.status.addItem(status, status)
        self.only_article = QCheckBox(f"Only “{article_title}”" if article_id else "Only the open article")
        self.only_article.setEnabled(bool(article_id))
        self.path = QLineEdit(objectName="exportPath")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Format", self.format)
        form.addRow("&Annotator", self.annotator)
        form.addRow("&Status", self.status)
        form.addRow("", self.only_article)
        self.path_label = QLabel("File")
        form.addRow(self.path_label, row)
        self.format.currentIndexChanged.connect(self._show_target)
        self._show_target()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_named)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _show_target(self) -> None:
        from annotator.core.exporters import export_target

        self.path_label.setText("Folder" if export_target(self.format.currentData()).folder else "File")

    def _browse(self) -> None:
        from annotator.core.exporters import export_target

        name = self.format.currentData()
        target = export_target(name)
        if target.folder:
            path = QFileDialog.getExistingDirectory(self, f"Export claims ({name}) into a folder")
        else:
            path, _ = QFileDialog.getSaveFileName(
                self,
                "Export claims",
                f"claims{target.suffix}",
                f"{name} files (*{target.suffix});;All files (*)",
            )
        if path:
            self.path.setText(path)

    def _accept_if_named(self) -> None:
        if self.path.text().strip():
            self.accept()
        else:
            self._browse()
            if self.path.text().strip():
                self.accept()

    def choice(self) -> ExportChoice:
        return ExportChoice(
            format_name=self.format.currentData(),
            path=self.path.text().strip(),
            annotator=self.annotator.currentData(),
            status=self.status.currentData(),
            article_id=self._article_id if self.only_article.isChecked() else None,
        )

    @classmethod
    def ask(cls, parent, **options) -> ExportChoice | None:
        dialog = cls(parent, **options)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class MetadataUpdateQuestion:
    """After an import: articles already in the project came with other metadata; update them?"""

    @classmethod
    def ask(cls, parent, changes) -> bool:
        box = message_box(parent, "Import", metadata_question(changes), icon=QMessageBox.Icon.Question)
        box.setDetailedText("\n".join(f"{Path(c.source).name}: {c.describe()}" for c in changes))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("Update them")
        box.button(QMessageBox.StandardButton.No).setText("Keep them as they are")
        return box.exec() == QMessageBox.StandardButton.Yes


def metadata_question(changes, *, shown: int = 3) -> str:
    """The question, naming what the files would change: 'N articles … came with other metadata: …'."""
    count = len(changes)
    parts = [
        f"{name} “{_clipped(new)}”"
        for change in changes[:shown]
        for name, (_old, new) in change.changes.items()
    ]
    more = f" and {count - shown} more" if count > shown else ""
    subject = "1 article already in the project" if count == 1 else f"{count} articles already in the project"
    return f"{subject} came with other metadata: {', '.join(parts)}{more}. Update them?"


def _clipped(value) -> str:
    return clip(", ".join(value) if isinstance(value, list | tuple) else str(value), 60)


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every action with a shortcut, from the window's own actions."""

    def __init__(self, parent, rows: list[tuple[str, str, str]]):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 620)
        browser = QTextBrowser(objectName="shortcutsText")
        browser.setHtml(shortcuts_html(rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent, rows: list[tuple[str, str, str]]) -> None:
        cls(parent, rows).exec()


def shortcuts_html(rows: list[tuple[str, str, str]]) -> str:
    """(menu, action, keys) rows as an HTML table grouped by menu."""
    parts = ["<table cellpadding='4'>"]
    menu_shown = None
    for menu, action, keys in rows:
        if menu != menu_shown:
            parts.append(f"<tr><td colspan='2'><b>{escape(menu)}</b></td></tr>")
            menu_shown = menu
        parts.append(f"<tr><td><code>{escape(keys)}</code></td><td>{escape(action)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)
