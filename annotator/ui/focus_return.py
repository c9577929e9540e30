"""After a dialog closes, the keyboard is back on the widget that had it before it opened.

Qt leaves that to the platform, and some (offscreen, some window managers) keep the hidden
dialog as the active window: the window's shortcuts then wait for a click, and keys go
nowhere. One application-wide filter watches dialogs show and hide and gives the focus back.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

_WATCHED = (QEvent.Type.Show, QEvent.Type.Hide)


class FocusReturn(QObject):
    """Remembers the focus when a dialog shows; restores it (and its window) when it hides."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._before: dict[int, QWidget] = {}  # by dialog: the widget that had the keyboard

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _WATCHED and isinstance(watched, QDialog) and watched.isWindow():
            if event.type() == QEvent.Type.Show:
                self._remember(watched)
            else:
                self._give_back(watched)
        return False

    def _remember(self, dialog: QDialog) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and focus.window() is not dialog:
            self._before[id(dialog)] = focus

    def _give_back(self, dialog: QDialog) -> None:
        widget = self._before.pop(id(dialog), None)
        if widget is None or not shiboken6.isValid(widget) or not widget.isVisible():
            parent = dialog.parentWidget()
            widget = parent.window() if parent is not None else None
        if widget is not None and widget.isVisible():
            widget.window().activateWindow()
            widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def keep_focus_across_dialogs() -> None:
    """Install the filter once for the application (idempotent)."""
    app = QApplication.instance()
    if app is None or app.property("annotatorFocusReturn"):
        return
    keeper = FocusReturn(app)
    app.installEventFilter(keeper)
    app.setProperty("annotatorFocusReturn", True)
