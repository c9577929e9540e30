"""The claim form: speaker, figure, confidence and note of the selected claim.

It emits edits as the analyst makes them (one field at a time) and shows refusals inline;
it validates what it can see (numbers, low above high) before emitting anything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.formatting import display_number, parse_number, short_text
from annotator.core.model import QUALIFIERS, SPEAKER_TYPES, Claim, Figure
from annotator.core.speaker_types import guess_speaker_type
from annotator.ui.annotate.speaker_field import SpeakerField

NUMBER_FIELDS = ("value", "low", "high")
TEXT_FIELDS = ("text", "unit", "measure", "period")


class _NoteEdit(QPlainTextEdit):
    """A note box that reports when the analyst leaves it."""

    left = Signal()

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.left.emit()


class ClaimForm(QWidget):
    """Edits one claim; emits intent, never touches the project."""

    edit_requested = Signal(str, str, dict)  # claim id, field name, changes
    done_editing = Signal()  # Escape: back to the text
    create_requested = Signal(object)  # a pending Claim (id '') that is now complete
    speaker_add_requested = Signal(str, str)  # name, speaker type
    rows_changed = Signal()  # the form needs another height: a row shown or gone, a hint wrapping

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("claimForm")
        self.claim: Claim | None = None
        self.registry: list = []  # the speakers, for guessing a new one's type
        self._build()
        self.show_claim(None)

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(objectName="formTitle")
        self.title.setWordWrap(True)
        self.quote = QLabel(objectName="formQuote", textFormat=Qt.TextFormat.RichText)  # quote escaped
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.speaker = SpeakerField()
        self.speaker.speaker_committed.connect(self._speaker_committed)
        self.unknown_speaker = self._build_unknown_speaker()
        self.outlet = QLineEdit(
            objectName="claimOutlet", placeholderText="told the BBC, writes the Guardian…"
        )
        self.outlet.setToolTip("The outlet the claim was made to or reported by (not the speaker)")
        self.outlet_completer = QCompleter([], self)
        self.outlet_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.outlet_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.outlet.setCompleter(self.outlet_completer)
        self.outlet.editingFinished.connect(self._outlet_done)
        self.fields: dict[str, QLineEdit] = {}
        for name, hint in (
            ("text", "the figure's own words, e.g. “some 11,000”"),
            ("value", "number"),
            ("low", "low"),
            ("high", "high"),
            ("unit", "people, homes, USD…"),
            ("measure", "what is counted: killed, evacuated…"),
            ("period", "e.g. in three months"),
        ):
            edit = QLineEdit(placeholderText=hint, objectName=f"figure_{name}")
            edit.editingFinished.connect(lambda name=name: self._figure_field_done(name))
            self.fields[name] = edit
        self.measure_completer = QCompleter([], self)
        self.measure_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.measure_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.fields["measure"].setCompleter(self.measure_completer)
        self.qualifier = QComboBox(objectName="qualifier")
        self.qualifier.addItems(["", *QUALIFIERS])
        self.qualifier.activated.connect(lambda _row: self._emit_figure("qualifier"))
        self.confidence = QComboBox(objectName="confidence")
        self.confidence.activated.connect(lambda _row: self._confidence_chosen())
        self.note = _NoteEdit(objectName="note")
        self.note.setPlaceholderText("Note (saved when you leave the box)")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.note.left.connect(self._note_done)
        self.error = QLabel(objectName="formError", textFormat=Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self._lay_out()

    def _build_unknown_speaker(self) -> QWidget:
        box = QWidget(objectName="unknownSpeaker")
        self.unknown_label = QLabel(textFormat=Qt.TextFormat.RichText)  # the name in it is escaped
        self.unknown_label.setWordWrap(True)
        self.speaker_type = QComboBox(objectName="speakerType")
        self.speaker_type.addItems(SPEAKER_TYPES)
        self.add_speaker_button = QPushButton("Add to registry", objectName="addSpeaker")
        self.add_speaker_button.clicked.connect(self._add_speaker)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.unknown_label, 1)
        row.addWidget(self.speaker_type)
        row.addWidget(self.add_speaker_button)
        return box

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("&Speaker", self.speaker)
        form.addRow("", self.unknown_speaker)
        form.addRow("&Outlet", self.outlet)
        form.addRow("&Figure", self.fields["text"])
        numbers = QHBoxLayout()
        numbers.addWidget(self.fields["value"], 2)
        numbers.addWidget(QLabel("or"))
        numbers.addWidget(self.fields["low"], 1)
        numbers.addWidget(QLabel("–"))
        numbers.addWidget(self.fields["high"], 1)
        value_label = QLabel("&Value")
        value_label.setBuddy(self.fields["value"])
        form.addRow(value_label, numbers)
        form.addRow("&Qualifier", self.qualifier)
        form.addRow("&Unit", self.fields["unit"])
        form.addRow("&Measure", self.fields["measure"])
        form.addRow("&Period", self.fields["period"])
        form.addRow("&Confidence", self.confidence)
        form.addRow("&Note", self.note)
        self._rows = form
        form.setRowVisible(self.unknown_speaker, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)  # room to spare goes below the form: its rows never spread apart
        self._inputs = [
            self.speaker,
            self.outlet,
            self.qualifier,
            self.confidence,
            self.note,
            *self.fields.values(),
        ]
        order = [
            self.speaker,
            self.outlet,
            *(self.fields[n] for n in ("text", "value", "low", "high")),
            self.qualifier,
        ]
        order += [*(self.fields[n] for n in ("unit", "measure", "period")), self.confidence, self.note]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        back = QShortcut(
            QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        back.activated.connect(self.done_editing.emit)

    def _show_unknown_speaker(self, visible: bool) -> None:
        """Show or take away the row offering to add a typed speaker, its spacing with it."""
        if self._rows.isRowVisible(self.unknown_speaker) == visible:
            return
        self._rows.setRowVisible(self.unknown_speaker, visible)
        self._announce_height()

    def _announce_height(self) -> None:
        """Say when the form needs another height (a row shown or gone, a hint wrapping)."""
        self.layout().activate()
        height = self.sizeHint().height()
        if height != getattr(self, "_height", None):
            self._height = height
            self.rows_changed.emit()

    # -- what the window feeds in --------------------------------------------------------

    def set_vocabularies(self, *, speakers, measures: list[str], scale, outlets: list[str] = ()) -> None:
        """Speakers (with aliases), measures and outlets used so far, and the confidence scale."""
        self.speaker.set_speakers(speakers)
        self.outlet_completer.model().setStringList(list(outlets))
        self.registry = list(speakers)
        self.measure_completer.model().setStringList(measures)
        self.scale = scale
        self.confidence.clear()
        self.confidence.addItem("", "")
        for level in scale.levels:
            self.confidence.addItem(level.label, level.code)
            self.confidence.setItemData(
                self.confidence.count() - 1, level.definition, Qt.ItemDataRole.ToolTipRole
            )
        self._fill(self.claim)

    def show_claim(self, claim: Claim | None, *, editable: bool = True, status: str = "") -> None:
        """Show a claim (None: empty form with a hint); others' claims are read-only; `status`:
        the status as shown ("corrected" for a superseded original), else the claim's own."""
        self.claim = claim
        self.show_error("")
        self._show_unknown_speaker(False)
        if claim is None:
            self.title.setText("<b>No claim selected</b>")
            self.quote.setText("Select text in the article and press <b>Enter</b> to create a claim.")
        elif not claim.id:
            self.title.setText("<b>New claim</b> · not saved yet: this project requires a speaker")
            self.quote.setText(f"<i>“{_escape(short_text(claim.quote, 180))}”</i>")
        else:
            self._show_title(claim, editable=editable, status=status)
            self.quote.setText(f"<i>“{_escape(short_text(claim.quote, 180))}”</i>")
        for widget in self._inputs:
            widget.setEnabled(claim is not None and editable)
        self._fill(claim)
        self._announce_height()

    def claim_changed_elsewhere(self, claim: Claim, *, editable: bool, status: str = "") -> None:
        """A colleague changed the claim shown: while the analyst is typing in the form, what
        they typed stays (it is saved as they leave the field); otherwise show it anew."""
        if not self._is_typing():
            self.show_claim(claim, editable=editable, status=status)
            return
        self.claim = claim
        self._show_title(claim, editable=editable, status=status)

    def _show_title(self, claim: Claim, *, editable: bool, status: str = "") -> None:
        owner = "your claim" if editable else f"{_escape(claim.annotator)}’s claim (read-only)"
        self.title.setText(f"<b>Claim</b> · {owner} · {status or claim.status}")

    def _is_typing(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and self.isAncestorOf(focused)

    def _fill(self, claim: Claim | None) -> None:
        figure = claim.figure if claim else Figure()
        self.speaker.show_speaker(claim.speaker if claim else "")
        self.outlet.setText(claim.outlet if claim else "")
        for name in TEXT_FIELDS:
            self.fields[name].setText(getattr(figure, name))
        for name in NUMBER_FIELDS:
            self.fields[name].setText(display_number(getattr(figure, name)))
        self.qualifier.setCurrentText(figure.qualifier)
        index = self.confidence.findData(claim.confidence if claim else "")
        self.confidence.setCurrentIndex(max(0, index))
        self.note.setPlainText(claim.note if claim else "")

    def show_error(self, message: str) -> None:
        """Show a refusal inline under the form ('' hides it)."""
        self.error.setText(message)
        if self.error.isVisibleTo(self) != bool(message):
            self.error.setVisible(bool(message))
            self._announce_height()

    def focus_speaker(self) -> None:
        self.speaker.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.speaker.lineEdit().selectAll()

    def cycle_confidence(self) -> None:
        """Move to the next confidence level (wraps around) and save it."""
        if self.claim is None or not self.confidence.isEnabled() or self.confidence.count() < 2:
            return
        next_row = self.confidence.currentIndex() % (self.confidence.count() - 1) + 1
        self.confidence.setCurrentIndex(next_row)
        self._confidence_chosen()

    # -- edits going out -----------------------------------------------------------------

    def show_pending(self, claim: Claim) -> None:
        """A claim that cannot be saved yet (id ''): it is created once it has a speaker."""
        self.show_claim(claim)
        self.show_error("Choose a speaker to save this claim.")

    def _emit(self, field: str, changes: dict) -> None:
        if self.claim is None:
            return
        self.show_error("")
        if self.claim.id:
            self.edit_requested.emit(self.claim.id, field, changes)
            return
        self.claim = self.claim.with_changes(**changes)
        if self.claim.speaker:
            self.create_requested.emit(self.claim)
        else:
            self.show_error("Choose a speaker to save this claim.")

    def _speaker_committed(self, text: str) -> None:
        if self.claim is None:
            return
        if text and self.speaker.canonical(text) is None:
            self.unknown_label.setText(f"“{_escape(text)}” is not in the registry.")
            self.speaker_type.setCurrentText(guess_speaker_type(text, self.registry))
            self._show_unknown_speaker(True)
            return
        self._show_unknown_speaker(False)
        if (text or None) != self.claim.speaker:
            self._emit("speaker", {"speaker": text or None})

    def _add_speaker(self) -> None:
        name = " ".join(self.speaker.currentText().split())
        if name:
            self.speaker_add_requested.emit(name, self.speaker_type.currentText())

    def speaker_added(self, name: str) -> None:
        """The window added `name` to the registry: use it for this claim, and go on to the
        next field (hiding the button that had the keyboard would hand it to the claims filter)."""
        if self.outlet.isEnabled():
            self.outlet.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.done_editing.emit()
        self._show_unknown_speaker(False)
        self.speaker.show_speaker(name)
        if self.claim is not None and self.claim.speaker != name:
            self._emit("speaker", {"speaker": name})

    def _outlet_done(self) -> None:
        outlet = " ".join(self.outlet.text().split())
        if self.claim is None or not self.outlet.isEnabled() or outlet == self.claim.outlet:
            return
        known = self.outlet_completer.model()
        if outlet and outlet not in known.stringList():
            known.setStringList(sorted([*known.stringList(), outlet], key=str.casefold))
        self._emit("outlet", {"outlet": outlet})

    def _figure_field_done(self, name: str) -> None:
        self._emit_figure(name)

    def _emit_figure(self, name: str) -> None:
        if self.claim is None:
            return
        figure = self._figure_from_fields()
        if figure is None:
            return
        if getattr(figure, name) != getattr(self.claim.figure, name):
            self._emit(name, {name: getattr(figure, name)})

    def _figure_from_fields(self) -> Figure | None:
        """The figure as typed, or None after showing what is wrong."""
        numbers = {}
        for name in NUMBER_FIELDS:
            try:
                numbers[name] = parse_number(self.fields[name].text())
            except ValueError:
                self.show_error(f"The {name} “{self.fields[name].text()}” is not a number.")
                return None
        if numbers["low"] is not None and numbers["high"] is not None and numbers["low"] > numbers["high"]:
            low, high = display_number(numbers["low"]), display_number(numbers["high"])
            self.show_error(f"The low ({low}) is above the high ({high}).")
            return None
        texts = {name: self.fields[name].text().strip() for name in TEXT_FIELDS}
        self.show_error("")
        return Figure(qualifier=self.qualifier.currentText(), **numbers, **texts)

    def _confidence_chosen(self) -> None:
        code = self.confidence.currentData() or ""
        if self.claim is not None and code != self.claim.confidence:
            self._emit("confidence", {"confidence": code})

    def save_what_was_typed(self) -> None:
        """Send again, as one edit, every field that differs from the claim shown: what an
        edit refused while a team project's connection was lost left in the form."""
        changes = self.unsaved_changes()
        if changes:
            self._emit("", changes)

    def unsaved_changes(self) -> dict:
        """The fields as typed that differ from the saved claim (none on a read-only form)."""
        if self.claim is None or not self.claim.id or not self.note.isEnabled():
            return {}
        typed = {
            "note": self.note.toPlainText(),
            "outlet": " ".join(self.outlet.text().split()),
            "confidence": self.confidence.currentData() or "",
        }
        saved = {name: getattr(self.claim, name) for name in typed}
        figure = self._figure_from_fields()
        if figure is not None:
            for name in ("qualifier", *NUMBER_FIELDS, *TEXT_FIELDS):
                typed[name], saved[name] = getattr(figure, name), getattr(self.claim.figure, name)
        return {name: value for name, value in typed.items() if value != saved[name]}

    def _note_done(self) -> None:
        note = self.note.toPlainText()
        if self.claim is not None and self.note.isEnabled() and note != self.claim.note:
            self._emit("note", {"note": note})


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
