"""Closing a window whose team project has changes waiting to be sent: close or wait."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def question_text(count: int, *, on_disk: bool, user: str) -> tuple[str, str]:
    """(the question, what closing does), in words that say where the changes go."""
    changes = "1 change has" if count == 1 else f"{count} changes have"
    text = f"{changes} not reached the team project yet."
    if on_disk:
        return text, (
            f"They are kept on this computer and sent the next time you open this team project "
            f"as {user}. Close now, or wait for the connection to come back?"
        )
    return text, "They could not be kept on this computer: closing now loses them."


class CloseQuestion(QMessageBox):
    """Close anyway, or wait for the connection (the window stays open)."""

    def __init__(self, parent, count: int, *, on_disk: bool, user: str):
        super().__init__(parent)
        self.setWindowTitle("Annotator")
        self.setIcon(QMessageBox.Icon.Warning)
        text, informative = question_text(count, on_disk=on_disk, user=user)
        self.setText(text)
        self.setInformativeText(informative)
        close = "Close (send them next time)" if on_disk else "Close anyway (they are lost)"
        self.close_button = self.addButton(close, QMessageBox.ButtonRole.DestructiveRole)
        self.wait_button = self.addButton("Wait", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.wait_button)
        self.setEscapeButton(self.wait_button)

    @classmethod
    def ask(cls, parent, count: int, *, on_disk: bool, user: str) -> bool:
        """True: close the window now."""
        box = cls(parent, count, on_disk=on_disk, user=user)
        box.exec()
        return box.clickedButton() is box.close_button
