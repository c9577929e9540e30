"""Small review dialogs: a required reason, a correction, a claim's history."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.formatting import display_number, parse_number
from annotator.core.history import describe_action, describe_change
from annotator.core.model import Claim
from annotator.ui.plain import plain_label, plain_tooltip


class ReasonDialog(QDialog):
    """Asks for the words a reject, dispute or comment needs; OK stays off until there are some."""

    def __init__(self, parent, *, title: str, prompt: str, required: bool):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(objectName="reasonText")
        self.text.setPlaceholderText(prompt)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if required:
            self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip())))
            self.ok.setEnabled(False)
        self.text.installEventFilter(self)  # Ctrl+Enter in the text box submits
        self.ok.setToolTip("Ctrl+Enter")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(420, 200)

    def eventFilter(self, watched, event) -> bool:
        """Ctrl+Enter accepts from the text box (Enter alone starts a new line), if OK allows."""
        if watched is self.text and event.type() == QEvent.Type.KeyPress and _is_ctrl_enter(event):
            if self.ok.isEnabled():
                self.accept()
            return True
        return super().eventFilter(watched, event)

    @classmethod
    def ask(cls, parent, *, title: str, prompt: str, required: bool = True) -> str | None:
        """The text typed, or None when cancelled."""
        dialog = cls(parent, title=title, prompt=prompt, required=required)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.text.toPlainText().strip()


def _is_ctrl_enter(event) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )


class CorrectionDialog(QDialog):
    """The reviewer's version of a claim: speaker, figure and confidence, prefilled from it."""

    def __init__(self, parent, claim: Claim, *, speakers: list[str], scale):
        super().__init__(parent)
        self.setWindowTitle("Correct claim")
        self.claim = claim
        self.speaker = QComboBox(objectName="correctSpeaker", editable=True)
        self.speaker.addItems([""] + speakers)
        self.speaker.setCurrentText(claim.speaker or "")
        self.figure_text = QLineEdit(claim.figure.text, objectName="correctFigureText")
        # A count reads 11,000 and a rate 2.5, as typed: no spin box padding "11.00".
        self.value = QLineEdit(display_number(claim.figure.value), objectName="correctValue")
        self.value.setPlaceholderText("no number")
        self.value.textChanged.connect(self._check_value)
        self.confidence = QComboBox(objectName="correctConfidence")
        self.confidence.addItem("(not set)", "")
        for level in scale.levels:
            self.confidence.addItem(level.label, level.code)
        self.confidence.setCurrentIndex(max(0, self.confidence.findData(claim.confidence)))
        self.comment = QLineEdit(objectName="correctComment", placeholderText="why (optional)")
        form = QFormLayout()
        quote = plain_label(f"“{claim.quote}” — {claim.annotator}")
        quote.setWordWrap(True)
        form.addRow(quote)
        form.addRow("Speaker", self.speaker)
        form.addRow("Figure text", self.figure_text)
        form.addRow("Value", self.value)
        form.addRow("Confidence", self.confidence)
        form.addRow("Comment", self.comment)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.value_error = QLabel(objectName="correctValueError")
        self.value_error.setStyleSheet("color: #b3261e;")
        self.value_error.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.value_error)
        layout.addWidget(buttons)

    def _check_value(self, text: str) -> None:
        valid = self._value_is_valid()
        self.value_error.setText("" if valid else f"“{text}” is not a number (e.g. 11,000 or 2.5).")
        self.value_error.setVisible(not valid)
        self.ok.setEnabled(valid)

    def _value_is_valid(self) -> bool:
        try:
            parse_number(self.value.text())
        except ValueError:
            return False
        return True

    def changes(self) -> dict:
        """Only the fields the reviewer changed."""
        claim = self.claim
        value = parse_number(self.value.text())
        wanted = {
            "speaker": self.speaker.currentText().strip() or None,
            "text": self.figure_text.text(),
            "value": value,
            "confidence": self.confidence.currentData(),
        }
        current = {
            "speaker": claim.speaker,
            "text": claim.figure.text,
            "value": claim.figure.value,
            "confidence": claim.confidence,
        }
        return {key: v for key, v in wanted.items() if v != current[key]}

    @classmethod
    def ask(cls, parent, claim: Claim, *, speakers: list[str], scale) -> tuple[dict, str] | None:
        """(changes, comment), or None when cancelled."""
        dialog = cls(parent, claim, speakers=speakers, scale=scale)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.changes(), dialog.comment.text().strip()


class HistoryDialog(QDialog):
    """Everything that happened to one claim, oldest first, with an export to JSON."""

    def __init__(self, parent, entries, *, title: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.entries = entries
        self.table = QTableWidget(len(entries), 4, objectName="historyTable")
        self.table.setHorizontalHeaderLabels(["When (UTC)", "Who", "Action", "What changed"])
        for row, entry in enumerate(entries):
            when = entry.at.replace("T", " ").rstrip("Z")
            cells = (when, entry.who, describe_action(entry), describe_change(entry))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        export = QPushButton("Export…", objectName="exportHistory")
        export.clicked.connect(self._export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 360)

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export history", "claim-history.json", "JSON (*.json)")
        if path:
            write_history(self.entries, path)

    @classmethod
    def ask(cls, parent, entries, *, title: str = "Claim history") -> None:
        cls(parent, entries, title=title).exec()


def write_history(entries, path: str) -> None:
    """Save a history as JSON (the same objects the JSONL export carries)."""
    from pathlib import Path

    from annotator.core.exporters import atomic_output
    from annotator.core.exporters.jsonl_export import history_to_json

    with atomic_output(Path(path), newline="\n") as stream:
        json.dump([history_to_json(e) for e in entries], stream, ensure_ascii=False, indent=2)


def fit_columns(table: QTableView) -> None:
    """Columns as wide as their contents, the last one taking the rest."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


class PeopleDialog(QDialog):
    """The project's people and who among them may review others' claims."""

    def __init__(self, parent, people: list[tuple[str, bool]]):
        super().__init__(parent)
        self.setWindowTitle("People and reviewers")
        self.original = dict(people)
        self.table = QTableWidget(0, 2, objectName="peopleTable")
        self.table.setHorizontalHeaderLabels(["Person", "Reviewer"])
        fit_columns(self.table)
        for name, reviewer in people:
            self._add_row(name, reviewer)
        self.new_name = QLineEdit(objectName="newPerson", placeholderText="Add a person…")
        self.new_name.returnPressed.connect(self._add_typed)
        note = QLabel(
            "Reviewers accept, reject, dispute and correct colleagues' claims. "
            "While nobody is marked, everyone may review.",
            wordWrap=True,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.new_name)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(380, 360)

    def _add_row(self, name: str, reviewer: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if reviewer else Qt.CheckState.Unchecked)
        self.table.setItem(row, 1, check)

    def _add_typed(self) -> None:
        name = " ".join(self.new_name.text().split())
        names = [self.table.item(r, 0).text() for r in range(self.table.rowCount())]
        if name and name not in names:
            self._add_row(name, False)
        self.new_name.clear()

    def changes(self) -> list[tuple[str, bool]]:
        """(name, reviewer) for every new person and every changed flag."""
        rows = [
            (self.table.item(r, 0).text(), self.table.item(r, 1).checkState() == Qt.CheckState.Checked)
            for r in range(self.table.rowCount())
        ]
        return [(name, flag) for name, flag in rows if self.original.get(name) != flag]

    @classmethod
    def ask(cls, parent, people: list[tuple[str, bool]]) -> list[tuple[str, bool]] | None:
        dialog = cls(parent, people)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        dialog._add_typed()
        return dialog.changes()
