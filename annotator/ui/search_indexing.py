"""The articles an import left out of the search indexes, indexed in the window's idle time.

An import commits its articles without indexing them for search (core/store/search_index.py);
the window indexes them a slice at a time while nothing else is happening, each slice one
short transaction, so the window stays responsive and a search typed meanwhile (which would
index what is left before it reads) seldom finds anything still to do.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from annotator.core.errors import AnnotatorError

SLICE = 500  # articles per turn of the event loop: a few tens of milliseconds
PAUSE_MS = 10  # between slices, so input and painting come first


class PendingSearchIndex(QObject):
    """Indexes the window's project's pending articles, a slice per timer tick, then stops."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._timer = QTimer(self, interval=PAUSE_MS)
        self._timer.timeout.connect(self._index_slice)

    def start(self) -> None:
        """Index what the project has pending (nothing happens when it has none)."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def _index_slice(self) -> None:
        project = self._window.project
        if project.in_transaction:  # an import processing events (its Cancel button): later
            return
        try:
            articles = project.articles
            done = project.read_only or not articles.has_pending() or articles.index_pending(limit=SLICE)
        except AnnotatorError:  # the file cannot be written now: a search indexes (or copies) it
            done = True
        if done:
            self._timer.stop()
