"""After a dialog closes, the keyboard is back on the widget of its window that had it last.

Qt leaves that to the platform, and some (offscreen, some window managers) keep the hidden
dialog as the active window: the window's shortcuts then wait for a click, and keys go
nowhere. One application-wide filter sees dialogs hide and gives the focus back; which widget
had it last in each window is followed through `QApplication.focusChanged`.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget


class FocusReturn(QObject):
    """Remembers each window's last focused widget; when a dialog hides, focuses it again."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._last: dict[int, QWidget] = {}  # by window: the widget that had the keyboard last

    def focus_changed(self, _old, new) -> None:
        if new is not None:
            self._last[id(new.window())] = new

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Hide and isinstance(watched, QDialog) and watched.isWindow():
            self._give_back(watched)
        return False

    def _give_back(self, dialog: QDialog) -> None:
        self._last.pop(id(dialog), None)
        parent = dialog.parentWidget()
        if parent is None or not parent.window().isVisible():
            return
        window = parent.window()
        widget = QApplication.focusWidget()  # Qt may have put it back already, in a window left inactive
        if widget is None or widget.window() is not window or not widget.isVisible():
            widget = self._last.get(id(window))
        if not _shown_in(widget, window):
            widget = window
        window.activateWindow()
        widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)


def _shown_in(widget: QWidget | None, window: QWidget) -> bool:
    if widget is None or not shiboken6.isValid(widget):
        return False
    return widget.isVisible() and widget.window() is window


def keep_focus_across_dialogs() -> None:
    """Install the filter once for the application (idempotent)."""
    app = QApplication.instance()
    if app is None or app.property("annotatorFocusReturn"):
        return
    keeper = FocusReturn(app)
    app.installEventFilter(keeper)
    app.focusChanged.connect(keeper.focus_changed)
    app.setProperty("annotatorFocusReturn", True)
