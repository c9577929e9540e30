"""Suggested claims in the window: run the suggester, accept (A) or reject (X) the selected one.

Each action is an undo command made of core calls; the window redraws from the workspace's
signals like for any other claim change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QProgressDialog

from annotator.core.model import Claim
from annotator.ui.undo import Change, ProjectCommand, perform, short

ACCEPT_KEY, REJECT_KEY, SUGGEST_KEY = "A", "X", "Ctrl+Shift+G"


class SuggestClaims(ProjectCommand):
    """Undo removes the suggestions the run added; redo puts them back.

    :param progress: called with the number of articles done; returning False stops early
        (what was suggested so far stays, and undo removes it)
    """

    def __init__(self, workspace, article_ids: list[str], *, progress=None):
        super().__init__(workspace)
        self.article_ids, self.progress = article_ids, progress
        self.claims: list[Claim] = []

    def first_run(self) -> Change | None:
        from annotator.core.figures.suggest import SpeakerMatcher  # its rules compile on import: not at start

        matcher = SpeakerMatcher(self.project.speakers.all())
        for done, article_id in enumerate(self.article_ids, start=1):
            self.claims += self.project.suggestions.suggest(article_id, by=self.by, matcher=matcher)
            if self.progress is not None and done % 20 == 0 and self.progress(done) is False:
                break
        self.setText(f"Suggest {len(self.claims)} claim(s)")
        return Change(added=tuple(self.claims)) if self.claims else None

    def do(self) -> Change:
        self.project.claims.add_suggestions(self.claims)
        return Change(added=tuple(self.claims))

    def undo_change(self) -> Change:
        with self.project.transaction():
            for claim in self.claims:
                self.project.claims.delete(claim.id, by=self.by)
        return Change(removed=tuple(self.claims))


class AcceptSuggestion(ProjectCommand):
    """The suggestion becomes the user's draft claim; undo makes it a suggestion again."""

    def __init__(self, workspace, claim_id: str):
        super().__init__(workspace)
        self.claim_id = claim_id
        self.before = self.after = None

    def first_run(self) -> Change:
        self.before = self.project.claims.get(self.claim_id)
        self.setText(f"Accept suggestion “{short(self.before.quote)}”")
        return self.do()

    def do(self) -> Change:
        self.after = self.project.suggestions.accept(self.claim_id, by=self.by)
        return Change(edited=(self.after,))

    def undo_change(self) -> Change:
        self.before = self.project.claims.put(self.before, by=self.by, action="undo accept suggestion")
        return Change(edited=(self.before,))


class RejectSuggestion(ProjectCommand):
    """The suggestion disappears and is not suggested again; undo brings it back and forgets the dismissal."""

    def __init__(self, workspace, claim_id: str):
        super().__init__(workspace)
        self.claim_id = claim_id
        self.suggestion: Claim | None = None

    def first_run(self) -> Change:
        change = self.do()
        self.setText(f"Reject suggestion “{short(self.suggestion.quote)}”")
        return change

    def do(self) -> Change:
        self.suggestion = self.project.suggestions.reject(self.claim_id, by=self.by)
        return Change(removed=(self.suggestion,))

    def undo_change(self) -> Change:
        self.project.suggestions.unreject(self.suggestion, by=self.by)
        return Change(added=(self.suggestion,))


# -- the actions the window calls ---------------------------------------------------------


def suggest_claims(workspace, article_ids: list[str], *, progress=None) -> list[Claim]:
    """Suggest claims in these articles and record the run for undo (one step); see SuggestClaims."""
    command = SuggestClaims(workspace, article_ids, progress=progress)
    perform(workspace, command)
    return command.claims


def accept_suggestion(workspace, claim_id: str) -> Claim:
    """The suggestion becomes the user's draft claim."""
    return perform(workspace, AcceptSuggestion(workspace, claim_id)).after


def reject_suggestion(workspace, claim_id: str) -> Claim:
    """The suggestion disappears and is not suggested again."""
    return perform(workspace, RejectSuggestion(workspace, claim_id)).suggestion


class SuggestionActions:
    """Adds Suggest claims, Accept and Reject to a main window's Edit menu."""

    def __init__(self, window):
        self.window = window
        edit = window.menu("Edit")
        edit.addSeparator()
        self.suggest_article = self._action(
            edit, "suggest_article", "Suggest claims in this &article", SUGGEST_KEY, self.suggest_here
        )
        self.suggest_all = self._action(
            edit, "suggest_all", "Suggest claims in all articles", None, self.suggest_everywhere
        )
        self.accept = self._action(
            edit, "accept_suggestion", "&Accept suggestion", ACCEPT_KEY, self.accept_current
        )
        self.reject = self._action(
            edit, "reject_suggestion", "Re&ject suggestion", REJECT_KEY, self.reject_current
        )
        for action in (self.accept, self.reject):
            # single keys act only in the text and the claims table, never while typing in the form
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.view.addAction(action)
            window.claims_table.table.addAction(action)
        window.claim_selected.connect(self._update_enabled)
        self._update_enabled("")

    def _action(self, menu, name: str, text: str, key, slot) -> QAction:
        action = QAction(text, self.window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.window.actions_by_name[name] = action
        return action

    def _update_enabled(self, _claim_id: str) -> None:
        claim = self.window.current_claim()
        is_suggestion = claim is not None and claim.status == "suggested"
        self.accept.setEnabled(is_suggestion)
        self.reject.setEnabled(is_suggestion)
        if is_suggestion:
            self.window.statusBar().showMessage(
                f"Suggested claim — {ACCEPT_KEY} accepts it as your draft, {REJECT_KEY} rejects it", 6000
            )

    def suggest_here(self) -> None:
        article = self.window.current_article
        if article is not None:
            self._suggest([article.id])

    def suggest_everywhere(self) -> None:
        self._suggest(self.window.project.articles.ids())

    def _suggest(self, article_ids: list[str]) -> None:
        progress = _Progress(self.window, len(article_ids)) if len(article_ids) > 100 else None
        try:
            claims = self.window._run(suggest_claims, self.window.workspace, article_ids, progress=progress)
        finally:
            if progress is not None:
                progress.close()
        if claims is None:
            return
        message = (
            f"{len(claims)} new suggestion(s): A accepts, X rejects the selected one"
            if claims
            else ("No new suggestions (rejected ones are not suggested again)")
        )
        self.window.statusBar().showMessage(message, 8000)
        first = next((c for c in claims if self.window._is_open(c)), None)
        if first is not None:
            self.window.select_claim(first.id)

    def accept_current(self) -> None:
        claim = self.window.current_claim()
        if claim is None or claim.status != "suggested":
            return
        following = self._next_suggestion(claim)
        accepted = self.window._run(accept_suggestion, self.window.workspace, claim.id)
        if accepted is not None:
            self.window.select_claim(following or accepted.id)
            self.window.statusBar().showMessage("Accepted: the claim is now your draft", 4000)

    def reject_current(self) -> None:
        claim = self.window.current_claim()
        if claim is None or claim.status != "suggested":
            return
        following = self._next_suggestion(claim)
        if self.window._run(reject_suggestion, self.window.workspace, claim.id) is not None:
            self.window.select_claim(following)
            self.window.statusBar().showMessage("Rejected: it will not be suggested again", 4000)

    def _next_suggestion(self, claim: Claim) -> str | None:
        later = [c for c in self.window.claims_model.claims() if c.status == "suggested" and c.id != claim.id]
        later.sort(key=lambda c: (c.start < claim.start, c.start))
        return later[0].id if later else None


class _Progress:
    """A progress dialog with Cancel for suggesting over many articles."""

    def __init__(self, parent, total: int):
        self.dialog = QProgressDialog("Suggesting claims…", "Cancel", 0, total, parent)
        self.dialog.setWindowTitle("Suggest claims")
        self.dialog.setMinimumDuration(500)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def __call__(self, done: int) -> bool:
        self.dialog.setValue(done)
        QApplication.processEvents()
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()


def attach_suggestions(window) -> SuggestionActions:
    """Give a main window the suggestion actions (called by the app's composition root)."""
    return SuggestionActions(window)
