"""Hooks the review screens into the main window: the Review menu, the review-mode dock,
the layers, File → Merge project, and the comparison, agreement and history dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.ui.review import commands as review_commands
from annotator.ui.review.layers import Layers
from annotator.ui.review.panel import ReviewPanel


class ReviewScreens:
    """Everything review adds to one window."""

    def __init__(self, window):
        self.window = window
        self.workspace = window.workspace
        self.panel = ReviewPanel(self.workspace)
        self.panel.claim_chosen.connect(self._show_claim)
        self.dock = window.add_dock(self.panel, "Review queue", Qt.DockWidgetArea.BottomDockWidgetArea)
        self.dock.hide()
        self.layers = Layers(window)
        self._add("Review", "Review &mode (queue)", "Ctrl+R", self.start_review)
        self._add("Review", "&Compare annotators on this article…", "Ctrl+Shift+C", self.compare)
        self._add("Review", "&Agreement report…", "Ctrl+Shift+A", self.agreement)
        self._add("Review", "Claim &history…", "Ctrl+H", self.history)
        self._add("Review", "&Submit my drafts in this article", "Ctrl+Shift+S", self.submit_drafts)
        self._add("Review", "&People and reviewers…", "", self.edit_people)
        self._add("File", "&Merge project…", "Ctrl+Shift+M", self.merge_project)

    def _add(self, menu: str, text: str, keys: str, slot) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        return self.window.add_action(menu, action)

    # -- review mode -----------------------------------------------------------------------

    def start_review(self) -> None:
        """Show the queue and put the keyboard on it."""
        self.dock.show()
        self.dock.raise_()
        if self.layers.layer == "everyone" and self.window.colour_mode != "annotator":
            self.layers.show("everyone")  # colour by annotator: whose claim is whose
        self.panel.refresh_if_stale()  # showing it may have just read the queue
        self.panel.table.setFocus()

    def _show_claim(self, article_id: str, claim_id: str) -> None:
        window = self.window
        if window.claim_filter is not None and not window.claim_filter(window.project.claims.get(claim_id)):
            self.layers.show("everyone")
        window.open_article(article_id, claim_id)
        self.panel.table.setFocus()

    # -- dialogs ---------------------------------------------------------------------------

    def compare(self) -> None:
        article = self.window.current_article
        if article is None:
            return
        from annotator.ui.review.adjudicate import CompareDialog  # imported when first used: a faster start

        CompareDialog.ask(self.window, self.workspace, article.id)
        self.window.reload_article()

    def agreement(self) -> None:
        article = self.window.current_article
        from annotator.ui.review.agreement import AgreementDialog

        AgreementDialog.ask(self.window, self.window.project, article_id=article.id if article else None)

    def history(self) -> None:
        claim = self.window.current_claim() or self.panel.current()
        if claim is None:
            self.window.statusBar().showMessage("Select a claim to see its history.", 4000)
            return
        entries = self.window.project.log.claim_history(claim.id)
        from annotator.ui.review.dialogs import HistoryDialog

        HistoryDialog.ask(self.window, entries, title=f"History of “{claim.quote[:50]}”")

    def submit_drafts(self) -> None:
        article = self.window.current_article
        if article is None:
            return
        try:
            count = review_commands.submit_drafts(self.workspace, article.id)
        except AnnotatorError as error:
            self.window.show_error(str(error))
            return
        self.window.statusBar().showMessage(f"Submitted {count} claim(s) for review", 5000)

    def edit_people(self) -> None:
        project = self.window.project
        reviewers = set(project.people.reviewers())
        from annotator.ui.review.dialogs import PeopleDialog

        changes = PeopleDialog.ask(self.window, [(n, n in reviewers) for n in project.people.names()])
        try:
            review_commands.edit_people(self.workspace, changes or [])
        except AnnotatorError as error:
            self.window.show_error(str(error))

    def merge_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Merge a colleague's project", "", "Annotator projects (*.annotator);;All files (*)"
        )
        if path:
            self.merge_path(path)

    def merge_path(self, path: str):
        """Merge one file and show its summary; undo takes the whole merge back."""
        try:
            result = review_commands.merge(self.workspace, path)
        except AnnotatorError as error:
            self.window.show_error(f"Cannot merge {path}:\n\n{error}")
            return None
        MergeSummary.show(self.window, result)
        return result


class MergeSummary:
    """The message after a merge (a plain message box; kept apart so tests can read the text)."""

    @staticmethod
    def text(result) -> str:
        lines = result.describe().splitlines()
        body = "\n".join(line.strip() for line in lines[1:])
        if result.changed:
            body += "\n\nEdit → Undo takes the whole merge back."
        return lines[0] + ("\n\n" + body if body.strip() else "")

    @classmethod
    def show(cls, parent, result) -> QMessageBox:
        """Open the summary without blocking (the merge is already saved)."""
        parent.statusBar().showMessage(result.describe().splitlines()[0], 10000)
        box = QMessageBox(QMessageBox.Icon.Information, "Merge project", cls.text(result), parent=parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("mergeSummary")
        box.open()
        return box


def install_review(window) -> ReviewScreens:
    """Add the review screens to a main window (called by the app's composition root)."""
    screens = ReviewScreens(window)
    window.review = screens
    return screens
