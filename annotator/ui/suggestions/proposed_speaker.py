"""Accepting a suggestion whose speaker the registry lacks: add it (name and guessed type) or not."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from annotator.core.model import Speaker
from annotator.ui.plain import plain_label
from annotator.ui.speakers.dialog import NewSpeakerDialog

WITHOUT = "Accept without speaker"


class ProposedSpeakerDialog(NewSpeakerDialog):
    """The speaker the suggestion names, its type guessed from the name; both can be corrected."""

    def __init__(self, parent, name: str, registry: list[Speaker]):
        super().__init__(parent, registry)
        self.setWindowTitle("New speaker")
        self.name.setText(name)
        self.skipped = False
        buttons = self.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add speaker and accept")
        without = buttons.addButton(WITHOUT, QDialogButtonBox.ButtonRole.AcceptRole)
        without.setObjectName("acceptWithoutSpeaker")
        without.clicked.connect(lambda: setattr(self, "skipped", True))
        intro = plain_label(
            f"The suggestion attributes this figure to “{name}”, who is not in the speakers yet. "
            "Add them so the claim is tagged with them (and compare tells them apart)?"
        )
        intro.setWordWrap(True)
        self.layout().insertRow(0, intro)
        self.layout().insertRow(1, QLabel(""))

    def proposed(self) -> Speaker | None:
        answer = None if self.skipped else self.answer()
        return Speaker(answer[0], answer[1]) if answer else None

    @classmethod
    def ask(cls, parent, name: str, registry: list[Speaker]) -> Speaker | None | bool:
        """The speaker to add; False to accept without one; None when cancelled."""
        dialog = cls(parent, name, registry)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.proposed() or False
