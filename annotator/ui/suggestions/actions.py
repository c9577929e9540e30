"""Suggested claims in the window: run the suggester, accept (A) or reject (X) the selected one.

Each action is an undo command made of core calls; the window redraws from the workspace's
signals like for any other claim change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QProgressDialog

from annotator.core.formatting import short_text
from annotator.core.model import Claim
from annotator.ui.undo import ProjectCommand

ACCEPT_KEY, REJECT_KEY, SUGGEST_KEY = "A", "X", "Ctrl+Shift+G"


class SuggestClaims(ProjectCommand):
    """Undo removes the suggestions the run added; redo puts them back."""

    def __init__(self, workspace, claims: list[Claim]):
        super().__init__(workspace, f"Suggest {len(claims)} claim(s)")
        self.claims = claims

    def _announce_redo(self) -> None:
        for claim in self.claims:
            self.workspace.claim_added.emit(claim)
        self._articles_changed()

    def _redo(self) -> None:
        self._claims.add_suggestions(self.claims)
        self._announce_redo()

    def _undo(self) -> None:
        with self.workspace.project.transaction():
            for claim in self.claims:
                self._claims.delete(claim.id, by=self._by)
        for claim in self.claims:
            self.workspace.claim_removed.emit(claim)
        self._articles_changed()

    def _articles_changed(self) -> None:
        for article_id in dict.fromkeys(claim.article_id for claim in self.claims):
            self.workspace.article_changed.emit(article_id)


class AcceptSuggestion(ProjectCommand):
    """Undo makes the claim a suggestion again."""

    def __init__(self, workspace, before: Claim, after: Claim):
        super().__init__(workspace, f"Accept suggestion “{short_text(before.quote)}”")
        self.before, self.after = before, after

    def _announce_redo(self) -> None:
        self.workspace.claim_changed.emit(self.after)
        self.workspace.article_changed.emit(self.after.article_id)

    def _redo(self) -> None:
        self.after = self.workspace.project.suggestions.accept(self.before.id, by=self._by)
        self._announce_redo()

    def _undo(self) -> None:
        self.before = self._claims.put(self.before, by=self._by, action="undo accept suggestion")
        self.workspace.claim_changed.emit(self.before)
        self.workspace.article_changed.emit(self.before.article_id)


class RejectSuggestion(ProjectCommand):
    """Undo brings the suggestion back and forgets the dismissal."""

    def __init__(self, workspace, suggestion: Claim):
        super().__init__(workspace, f"Reject suggestion “{short_text(suggestion.quote)}”")
        self.suggestion = suggestion

    def _announce_redo(self) -> None:
        self.workspace.claim_removed.emit(self.suggestion)

    def _redo(self) -> None:
        self.workspace.project.suggestions.reject(self.suggestion.id, by=self._by)
        self._announce_redo()

    def _undo(self) -> None:
        self.workspace.project.suggestions.unreject(self.suggestion, by=self._by)
        self.workspace.claim_added.emit(self.suggestion)


# -- the actions the window calls ---------------------------------------------------------


def suggest_claims(workspace, article_ids: list[str], *, progress=None) -> list[Claim]:
    """Suggest claims in these articles and record the run for undo (one step).

    :param progress: called with the number of articles done; returning False stops early
        (what was suggested so far stays, and undo removes it)
    """
    project = workspace.project
    from annotator.core.figures.suggest import SpeakerMatcher  # its rules compile on import: not at start

    matcher = SpeakerMatcher(project.speakers.all())
    claims: list[Claim] = []
    for done, article_id in enumerate(article_ids, start=1):
        claims += project.suggestions.suggest(article_id, by=workspace.user, matcher=matcher)
        if progress is not None and done % 20 == 0 and progress(done) is False:
            break
    if claims:
        workspace.undo_stack.push(SuggestClaims(workspace, claims))
    return claims


def accept_suggestion(workspace, claim_id: str) -> Claim:
    """The suggestion becomes the user's draft claim."""
    before = workspace.project.claims.get(claim_id)
    after = workspace.project.suggestions.accept(claim_id, by=workspace.user)
    workspace.undo_stack.push(AcceptSuggestion(workspace, before, after))
    return after


def reject_suggestion(workspace, claim_id: str) -> Claim:
    """The suggestion disappears and is not suggested again."""
    suggestion = workspace.project.suggestions.reject(claim_id, by=workspace.user)
    workspace.undo_stack.push(RejectSuggestion(workspace, suggestion))
    return suggestion


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
