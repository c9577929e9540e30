"""The speaker field: an editable combo completing over canonical names and aliases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter

if TYPE_CHECKING:
    from annotator.core.speaker_record import Speaker

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
CANONICAL_ROLE = Qt.ItemDataRole.UserRole + 2


class SpeakerField(QComboBox):
    """Typing "NIS" offers "NIS → National Intelligence Service"; picking it fills the canonical name."""

    speaker_committed = Signal(str)  # the text as typed or picked; '' for no speaker

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setObjectName("speakerField")
        self.lineEdit().setPlaceholderText("Who says it? Type a name or alias")
        self._names: dict[str, str] = {}
        self._model = QStandardItemModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionRole(MATCH_ROLE)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.setMaxVisibleItems(10)
        self.setCompleter(self.completer_)
        self.completer_.activated[QModelIndex].connect(self._picked)
        self.lineEdit().editingFinished.connect(self._commit)
        self.activated.connect(lambda _row: self._commit())
        self._last_committed = ""
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old, new) -> None:
        # Tab while the completion popup is open moves focus without a focus-out event
        # or editingFinished; the application still reports the change.
        mine = (self, self.lineEdit(), self.completer_.popup())
        if old in mine and new not in mine and new is not None:
            self._commit()

    def set_speakers(self, speakers: list[Speaker]) -> None:
        """Fill the list with canonical names and the completion with names and aliases."""
        text = self.currentText()
        blocked = self.blockSignals(True)
        self.clear()
        self.addItem("")
        self._names = {}
        self._model.clear()
        for speaker in speakers:
            self.addItem(speaker.name)
            self.setItemData(
                self.count() - 1, f"{speaker.name} ({speaker.type})", Qt.ItemDataRole.ToolTipRole
            )
            self._add_completion(speaker.name, speaker.name, speaker.type)
            for alias in speaker.aliases:
                self._add_completion(alias, speaker.name, speaker.type)
        self.setCompleter(self.completer_)
        self.setEditText(text)
        self.blockSignals(blocked)

    def _add_completion(self, match: str, canonical: str, kind: str) -> None:
        self._names[match.casefold()] = canonical
        shown = match if match == canonical else f"{match}  →  {canonical}"
        item = QStandardItem(f"{shown}   ·  {kind}")
        item.setData(match, MATCH_ROLE)
        item.setData(canonical, CANONICAL_ROLE)
        self._model.appendRow(item)

    def canonical(self, text: str) -> str | None:
        """The registry's name for a typed name or alias, or None when unknown."""
        return self._names.get(" ".join(text.split()).casefold())

    def show_speaker(self, name: str | None) -> None:
        blocked = self.blockSignals(True)
        self.setEditText(name or "")
        self._last_committed = name or ""
        self.blockSignals(blocked)

    def _picked(self, _index: QModelIndex) -> None:
        # The combo writes the picked alias into the field after this signal: replace it then.
        QTimer.singleShot(0, self._commit)

    def _commit(self) -> None:
        text = " ".join(self.currentText().split())
        canonical = self.canonical(text)
        if canonical and canonical != text:
            self.setEditText(canonical)
            text = canonical
        if text == self._last_committed:
            return
        self._last_committed = text
        self.speaker_committed.emit(text)
