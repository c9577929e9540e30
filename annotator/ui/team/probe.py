"""Whether the team project's server answers, asked off the GUI thread.

On a network that drops packets a statement on the project's own connection can wait for
seconds; the window's resend of waiting changes runs on the GUI thread, so it asks this first:
a short connection of its own (`postgres.answers`: connect_timeout 3 s, `SELECT 1`) in a
Python thread, the answer brought back to the GUI thread by a queued signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal


def _answers(address: str, password: str | None) -> bool:
    from annotator.core.store.postgres import answers

    return answers(address, password=password)


class ReachabilityProbe(QObject):
    """One probe at a time; `answered(bool)` arrives on the GUI thread."""

    answered = Signal(bool)
    _finished = Signal(bool)  # emitted from the probe's thread, queued to the GUI thread

    def __init__(self, parent=None, *, check: Callable[[str, str | None], bool] = _answers):
        super().__init__(parent)
        self.check = check
        self.running = False
        self._finished.connect(self._finish)

    def start(self, address: str, password: str | None) -> bool:
        """Ask whether `address` answers, unless a probe is on its way already."""
        if self.running:
            return False
        self.running = True
        threading.Thread(
            target=self._run, args=(address, password), name="annotator-team-probe", daemon=True
        ).start()
        return True

    def _run(self, address: str, password: str | None) -> None:
        try:
            answered = bool(self.check(address, password))
        except Exception:  # a probe that fails says: not now
            answered = False
        try:
            self._finished.emit(answered)
        except RuntimeError:  # the window closed meanwhile
            pass

    def _finish(self, answered: bool) -> None:
        self.running = False
        self.answered.emit(answered)
