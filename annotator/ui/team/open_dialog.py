"""File → Open team project…: the address of a PostgreSQL team project, and its password
only when the server asks for one (never stored; ~/.pgpass and PGPASSWORD work too)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from annotator.core.errors import AnnotatorError
from annotator.core.team_address import split_password, team_address

_BUTTONS = QDialogButtonBox.StandardButton
_HINT = (
    "A PostgreSQL address — <tt>postgresql://you@server:5432/desk</tt>, "
    "<tt>host=server dbname=desk sslmode=verify-full</tt> — or a service name from your "
    "<tt>pg_service.conf</tt>.<br>Your administrator gives you the address. Annotator never stores "
    "your password: the server asks for it, or it comes from <tt>~/.pgpass</tt> or PGPASSWORD."
)


class OpenTeamDialog(QDialog):
    """Asks for a team project's address; `ask` returns (address, password typed in it) or None."""

    def __init__(self, parent=None, *, address: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Open team project")
        self.setMinimumWidth(560)
        self.address = QLineEdit(address, objectName="teamAddress")
        self.address.setPlaceholderText("postgresql://you@server/desk")
        self.error = QLabel(objectName="teamAddressError", textFormat=Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        hint = QLabel(_HINT, wordWrap=True, textFormat=Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (QLabel("Team project address:"), self.address, self.error, hint, buttons):
            layout.addWidget(widget)
        self.result_value: tuple[str, str | None] | None = None

    def _accept_if_valid(self) -> None:
        try:
            self.result_value = split_password(team_address(self.address.text()))
        except AnnotatorError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent, *, address: str = "") -> tuple[str, str | None] | None:
        dialog = cls(parent, address=address)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class PasswordPrompt(QDialog):
    """The server asks for a password: typed here, kept in memory for this session only."""

    def __init__(self, parent=None, *, where: str, message: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Password")
        self.password = QLineEdit(objectName="teamPassword", echoMode=QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if message:
            shown = QLabel(message, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
            shown.setStyleSheet("color: #b3261e;")
            layout.addWidget(shown)
        layout.addWidget(QLabel(f"Password for {where}:", textFormat=Qt.TextFormat.PlainText))
        layout.addWidget(self.password)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent, *, where: str, message: str = "") -> str | None:
        dialog = cls(parent, where=where, message=message)
        return dialog.password.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
