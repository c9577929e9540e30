"""Hooks the review screens into the main window: the Review menu, the review-mode dock,
the layers, File → Merge project, and the comparison, agreement and history dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.core.errors import AnnotatorError, ConnectionLost
from annotator.ui.plain import message_box
from annotator.ui.review import commands as review_commands
from annotator.ui.review.layers import Layers
from annotator.ui.review.panel import KEYS, ReviewPanel


class ReviewScreens:
    """Everything review adds to one window (a `ui.shell.Shell`)."""

    def __init__(self, window):
        self.window = window
        self.workspace = window.workspace
        self.panel = ReviewPanel(self.workspace)
        self.panel.claim_chosen.connect(self._show_claim)
        self.dock = window.add_dock(self.panel, "Review queue", name="review_queue")
        self.dock.hide()
        self.layers = Layers(window)
        add = window.add_action
        add("Review", "review_mode", "Review &mode (queue)", self.start_review, shortcut="Ctrl+R")
        add(
            "Review", "compare", "&Compare annotators on this article…", self.compare, shortcut="Ctrl+Shift+C"
        )
        add("Review", "agreement", "&Agreement report…", self.agreement, shortcut="Ctrl+Shift+A")
        add("Review", "history", "Claim &history…", self.history, shortcut="Ctrl+H")
        add(
            "Review",
            "submit_drafts",
            "&Submit my drafts in this article",
            self.submit_drafts,
            shortcut="Ctrl+Shift+S",
        )
        add("Review", "people", "&People and reviewers…", self.edit_people)
        add("File", "merge_project", "&Merge project…", self.merge_project, shortcut="Ctrl+Shift+M")
        window.describe_keys("Review queue", [(text.replace("&", ""), key) for _name, text, key in KEYS])

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
        try:
            claim = self.workspace.project.claims.get(claim_id)
        except ConnectionLost:  # out of reach: the article open already shows it, else says so
            claim = None
        if claim is not None and not self.window.shows(claim):
            self.layers.show("everyone")
        self.window.open_article(article_id, claim_id)
        self.panel.table.setFocus()

    # -- dialogs ---------------------------------------------------------------------------

    def compare(self) -> None:
        article = self.window.current_article
        if article is None:
            return
        from annotator.ui.review.adjudicate import CompareDialog  # imported when first used: a faster start

        CompareDialog.ask(self.window.dialog_parent(), self.workspace, article.id)

    def agreement(self) -> None:
        article = self.window.current_article
        from annotator.ui.review.agreement import AgreementDialog

        project = self.workspace.project
        AgreementDialog.ask(self.window.dialog_parent(), project, article_id=article.id if article else None)

    def history(self) -> None:
        claim = self.window.current_claim() or self.panel.current()
        if claim is None:
            self.window.show_message("Select a claim to see its history.")
            return
        entries = self.workspace.project.log.claim_history(claim.id)
        from annotator.ui.review.dialogs import HistoryDialog

        HistoryDialog.ask(self.window.dialog_parent(), entries, title=f"History of “{claim.quote[:50]}”")

    def submit_drafts(self) -> None:
        article = self.window.current_article
        if article is None:
            return
        command = review_commands.SubmitDrafts(self.workspace, article.id)
        count = len(command.drafts) if self.window.perform(command) else 0
        if not command.sent_before:  # kept to send when the connection is back: said already
            self.window.show_message(f"Submitted {count} claim(s) for review", 5000)

    def edit_people(self) -> None:
        people = self.workspace.project.people
        reviewers = set(people.reviewers())
        from annotator.ui.review.dialogs import PeopleDialog

        changes = PeopleDialog.ask(self.window.dialog_parent(), [(n, n in reviewers) for n in people.names()])
        self.window.perform(review_commands.EditPeople(self.workspace, changes or []))

    def merge_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window.dialog_parent(),
            "Merge a colleague's project",
            "",
            "Annotator projects (*.annotator);;All files (*)",
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
    def show(cls, window, result) -> QMessageBox:
        """Open the summary without blocking (the merge is already saved)."""
        window.show_message(result.describe().splitlines()[0], 10000)
        box = message_box(
            window.dialog_parent(), "Merge project", cls.text(result), icon=QMessageBox.Icon.Information
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("mergeSummary")
        box.open()
        return box


def install(window) -> ReviewScreens:
    """Add the review screens to a window (a `ui.shell.Shell`); findable as `window.feature("review")`."""
    screens = ReviewScreens(window)
    window.register_feature("review", screens)
    return screens
