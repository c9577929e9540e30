"""The team connection in the window: a status-bar mark, and a banner while it is lost.

The banner is a strip above the panes, never a dialog: typing goes on, and what was typed
in the form stays where it is while the listener reconnects.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from annotator.core.store.team_listener import CONNECTED, LOST, RECONNECTING

LOST_TEXT = "Connection to the team project lost — reconnecting; your changes are kept"
_MARKS = {
    CONNECTED: ("● Team: live", "#2d7d46"),
    LOST: ("● Team: connection lost", "#b3261e"),
    RECONNECTING: ("● Team: reconnecting…", "#a66300"),
}


class ConnectionBanner(QWidget):
    """A non-modal strip saying the team connection is lost; hidden while connected."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="teamBanner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#teamBanner { background: #fff4d6; border-bottom: 1px solid #e0b84c; }"
            "#teamBanner QLabel { color: #5c4400; padding: 6px 10px; }"
        )
        self.label = QLabel(LOST_TEXT, textFormat=Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        self.state, self.waiting = "", 0
        self.hide()

    def show_state(self, state: str) -> None:
        self.state = state
        self._show()

    def show_waiting(self, count: int, labels: list[str] = ()) -> None:
        """How many changes a lost connection kept to send again (0: none); hovering lists them."""
        self.waiting = count
        self.setToolTip("\n".join(["Waiting to be sent:", *labels]) if labels else "")
        self._show()

    @property
    def needed(self) -> bool:
        return self.state in (LOST, RECONNECTING) or self.waiting > 0

    def _show(self) -> None:
        self.label.setText(waiting_text(self.waiting) if self.waiting else LOST_TEXT)
        self.setVisible(self.needed)


def waiting_text(count: int) -> str:
    changes, sent = ("1 change", "it is") if count == 1 else (f"{count} changes", "they are")
    return (
        f"Connection to the team project lost — {changes} waiting to be sent; "
        f"{sent} sent when the connection is back"
    )


class ConnectionMark(QLabel):
    """The lasting status-bar mark of a team project's connection ('' state: not a team project)."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="teamConnection", textFormat=Qt.TextFormat.PlainText)
        self.state = ""
        self.hide()

    def show_state(self, state: str) -> None:
        self.state = state
        text, colour = _MARKS.get(state, ("", "#000"))
        self.setText(text)
        self.setStyleSheet(f"color: {colour}; padding: 0 8px;")
        self.setVisible(bool(text))
