"""The Speakers window: the registry with types, aliases and claim counts, and what can be done
to it. It emits intents and shows refusals inline; the feature turns intents into commands.

The small questions it asks (a name, which speaker to keep, which alias) each have `ask`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.core.model import SPEAKER_TYPES, Speaker
from annotator.core.speaker_types import guess_speaker_type

COLUMNS = ("Speaker", "Type", "Aliases", "Claims")
ERROR_STYLE = "color: #b3261e;"


class NewSpeakerDialog(QDialog):
    """A name and a type; the type follows the guess from the name until the analyst picks one."""

    def __init__(self, parent, registry: list[Speaker]):
        super().__init__(parent)
        self.setWindowTitle("Add speaker")
        self.registry = registry
        self.name = QLineEdit(
            objectName="newSpeakerName", placeholderText="e.g. National Intelligence Service"
        )
        self.type = QComboBox(objectName="newSpeakerType")
        self.type.addItems(SPEAKER_TYPES)
        self._picked = False
        self.type.activated.connect(lambda _row: setattr(self, "_picked", True))
        self.name.textChanged.connect(self._guess)
        self._guess("")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Type", self.type)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def _guess(self, name: str) -> None:
        if not self._picked:
            self.type.setCurrentText(guess_speaker_type(name, self.registry))

    def answer(self) -> tuple[str, str] | None:
        name = " ".join(self.name.text().split())
        return (name, self.type.currentText()) if name else None

    @classmethod
    def ask(cls, parent, registry: list[Speaker]) -> tuple[str, str] | None:
        """(name, type), or None when cancelled or left empty."""
        dialog = cls(parent, registry)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TextQuestion:
    """One line of text (a new name, an alias)."""

    @classmethod
    def ask(cls, parent, title: str, label: str, text: str = "") -> str | None:
        answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        answer = " ".join(answer.split())
        return answer if ok and answer else None


class ChoiceQuestion:
    """One of a list (the speaker to keep, the alias to remove)."""

    @classmethod
    def ask(cls, parent, title: str, label: str, choices: list[str]) -> str | None:
        answer, ok = QInputDialog.getItem(parent, title, label, choices, 0, False)
        return answer if ok and answer else None


class SpeakersDialog(QDialog):
    """Edit → Speakers…: every speaker, and buttons for what can be done to the selected one."""

    add_requested = Signal(str, str)  # name, type
    rename_requested = Signal(str, str)  # old, new
    merge_requested = Signal(str, str)  # the one that goes, the one kept
    type_requested = Signal(str, str)  # name, type
    alias_add_requested = Signal(str, str)  # name, alias
    alias_remove_requested = Signal(str)  # alias

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Speakers")
        self.resize(760, 480)
        self.speakers: list[Speaker] = []
        self.table = self._build_table()
        self.type = QComboBox(objectName="speakerTypeChoice")
        self.type.addItems(SPEAKER_TYPES)
        self.type.activated.connect(lambda _row: self._ask_type())
        self.error = QLabel(objectName="speakersError", textFormat=Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._selection_changed)

    def _build_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS), objectName="speakersTable")
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _build_buttons(self) -> QGridLayout:
        grid = QGridLayout()
        for index, (key, text, slot) in enumerate(
            (
                ("add", "&Add speaker…", self._ask_add),
                ("rename", "Re&name…", self._ask_rename),
                ("merge", "&Merge into…", self._ask_merge),
                ("alias", "Add a&lias…", self._ask_alias),
                ("unalias", "Remo&ve alias…", self._ask_unalias),
            )
        ):
            button = QPushButton(text, objectName=f"speakers_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            grid.addWidget(button, 0, index)
        type_label = QLabel("&Type of the selected speaker:")
        type_label.setBuddy(self.type)
        row = QHBoxLayout()
        row.addWidget(type_label)
        row.addWidget(self.type)
        row.addStretch(1)
        grid.addLayout(row, 1, 0, 1, 5)
        return grid

    # -- what the feature feeds in --------------------------------------------------------

    def show_speakers(self, speakers: list[Speaker], counts: dict[str, int]) -> None:
        """Fill the table, keeping the selected speaker selected (under its new name, if renamed)."""
        keep = self.selected()
        self.speakers = list(speakers)
        self.table.setRowCount(len(speakers))
        for row, speaker in enumerate(speakers):
            values = (
                speaker.name,
                speaker.type,
                ", ".join(speaker.aliases),
                str(counts.get(speaker.name, 0)),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.select(keep.name if keep else None)
        self._selection_changed()

    def select(self, name: str | None) -> None:
        """Select a speaker by name or alias (None or unknown: the first row)."""
        folded = (name or "").casefold()
        row = next(
            (
                r
                for r, s in enumerate(self.speakers)
                if folded in {n.casefold() for n in (s.name, *s.aliases)}
            ),
            0,
        )
        if self.speakers:
            self.table.selectRow(row)

    def selected(self) -> Speaker | None:
        rows = self.table.selectionModel().selectedRows()
        return self.speakers[rows[0].row()] if rows and rows[0].row() < len(self.speakers) else None

    def show_error(self, message: str) -> None:
        """A refusal under the table ('' hides it)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _selection_changed(self) -> None:
        speaker = self.selected()
        for key in ("rename", "merge", "alias", "unalias"):
            self.buttons[key].setEnabled(speaker is not None)
        self.buttons["merge"].setEnabled(speaker is not None and len(self.speakers) > 1)
        self.buttons["unalias"].setEnabled(bool(speaker and speaker.aliases))
        self.type.setEnabled(speaker is not None)
        if speaker is not None:
            self.type.setCurrentText(speaker.type)

    # -- asking, then emitting ---------------------------------------------------------

    def _ask_add(self) -> None:
        answer = NewSpeakerDialog.ask(self, self.speakers)
        if answer:
            self.add_requested.emit(*answer)

    def _ask_rename(self) -> None:
        speaker = self.selected()
        new = TextQuestion.ask(
            self,
            "Rename speaker",
            f"New name for “{speaker.name}” (the old name stays an alias):",
            speaker.name,
        )
        if new and new != speaker.name:
            self.rename_requested.emit(speaker.name, new)

    def _ask_merge(self) -> None:
        speaker = self.selected()
        others = [s.name for s in self.speakers if s.name != speaker.name]
        kept = ChoiceQuestion.ask(
            self,
            "Merge speakers",
            f"Merge “{speaker.name}” into the speaker to keep\n"
            "(its claims and aliases move there; its name becomes an alias):",
            others,
        )
        if kept:
            self.merge_requested.emit(speaker.name, kept)

    def _ask_alias(self) -> None:
        speaker = self.selected()
        alias = TextQuestion.ask(self, "Add alias", f"Another name for “{speaker.name}” (e.g. an acronym):")
        if alias:
            self.alias_add_requested.emit(speaker.name, alias)

    def _ask_unalias(self) -> None:
        speaker = self.selected()
        alias = ChoiceQuestion.ask(
            self, "Remove alias", f"Which alias of “{speaker.name}”?", list(speaker.aliases)
        )
        if alias:
            self.alias_remove_requested.emit(alias)

    def _ask_type(self) -> None:
        speaker = self.selected()
        if speaker is not None and self.type.currentText() != speaker.type:
            self.type_requested.emit(speaker.name, self.type.currentText())
