"""Words for what the window could not read because the team project is out of reach.

While the window knows the server does not answer (the team listener lost it, or a probe
found no answer), the project's connection sends nothing (`ServerOutOfReach`, at once): a
read asked for meanwhile is refused in these words where it was asked, and what is on
screen stays as it was.
"""

from __future__ import annotations

SHOWN_FOR_MS = 10_000  # how long the status bar keeps the words


def cannot_read(what: str) -> str:
    """`what` says what cannot be done: "this article cannot be opened"."""
    return (
        f"The team project is out of reach — {what} until the connection is back; "
        "your waiting changes are kept"
    )


def say_in_windows(text: str) -> bool:
    """Show `text` in the status bar of each open main window; False when none is open (the
    error hook's net for a read refused where no screen says it in its own words)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    shown = app.topLevelWidgets() if app else []
    windows = [w for w in shown if hasattr(w, "show_message") and w.isVisible()]
    for window in windows:
        window.show_message(text, SHOWN_FOR_MS)
    return bool(windows)
