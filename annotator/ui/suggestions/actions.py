"""Suggested claims in the window: run the suggester, accept (A) or reject (X) the selected one.

Each action is an undo command made of core calls; the window redraws from the workspace's
signals like for any other claim change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from annotator.core.errors import AnnotatorError
from annotator.core.formatting import short_text
from annotator.core.model import Claim, Speaker
from annotator.ui.undo import Change, ProjectCommand, perform

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
    """The suggestion becomes the user's draft claim, tagged with the new speaker the analyst
    confirmed (added to the registry); undo makes it a suggestion again and removes that speaker."""

    def __init__(self, workspace, claim_id: str, *, new_speaker: Speaker | None = None):
        super().__init__(workspace)
        self.claim_id, self.new_speaker = claim_id, new_speaker
        self.before = self.after = None
        self.added_speaker: str | None = None

    def first_run(self) -> Change:
        self.before = self.project.claims.get(self.claim_id)
        self.setText(f"Accept suggestion “{short_text(self.before.quote)}”")
        return self.do()

    def do(self) -> Change:
        known = self.new_speaker is not None and self.project.speakers.resolve(self.new_speaker.name)
        self.after = self.project.suggestions.accept(self.claim_id, by=self.by, new_speaker=self.new_speaker)
        self.added_speaker = self.after.speaker if self.new_speaker is not None and not known else None
        return Change(edited=(self.after,), speakers=self.added_speaker is not None)

    def undo_change(self) -> Change:
        with self.project.transaction():
            self.before = self.project.claims.put(self.before, by=self.by, action="undo accept suggestion")
            if self.added_speaker:
                self.project.speakers.delete(self.added_speaker, by=self.by)
        return Change(edited=(self.before,), speakers=self.added_speaker is not None)


class RejectSuggestion(ProjectCommand):
    """The suggestion disappears and is not suggested again; undo brings it back and forgets the dismissal."""

    def __init__(self, workspace, claim_id: str):
        super().__init__(workspace)
        self.claim_id = claim_id
        self.suggestion: Claim | None = None

    def first_run(self) -> Change:
        change = self.do()
        self.setText(f"Reject suggestion “{short_text(self.suggestion.quote)}”")
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


def accept_suggestion(workspace, claim_id: str, *, new_speaker: Speaker | None = None) -> Claim:
    """The suggestion becomes the user's draft claim (tagged with `new_speaker`, added, if given)."""
    return perform(workspace, AcceptSuggestion(workspace, claim_id, new_speaker=new_speaker)).after


def reject_suggestion(workspace, claim_id: str) -> Claim:
    """The suggestion disappears and is not suggested again."""
    return perform(workspace, RejectSuggestion(workspace, claim_id)).suggestion


class SuggestionActions:
    """Adds Suggest claims, Accept and Reject to a window's Edit menu (the window: a `ui.shell.Shell`)."""

    def __init__(self, window):
        self.window = window
        add = window.add_action
        window.add_separator("Edit")
        self.suggest_article = add(
            "Edit",
            "suggest_article",
            "Suggest claims in this &article",
            self.suggest_here,
            shortcut=SUGGEST_KEY,
        )
        self.suggest_all = add(
            "Edit", "suggest_all", "Suggest claims in all articles", self.suggest_everywhere
        )
        # single keys act only in the text and the claims table, never while typing in the form
        self.accept = add(
            "Edit",
            "accept_suggestion",
            "&Accept suggestion",
            self.accept_current,
            shortcut=ACCEPT_KEY,
            in_text=True,
        )
        self.reject = add(
            "Edit",
            "reject_suggestion",
            "Re&ject suggestion",
            self.reject_current,
            shortcut=REJECT_KEY,
            in_text=True,
        )
        window.claim_selected.connect(self._update_enabled)
        self._update_enabled("")

    @property
    def workspace(self):
        return self.window.workspace

    def _update_enabled(self, _claim_id: str) -> None:
        claim = self.window.current_claim()
        is_suggestion = claim is not None and claim.status == "suggested"
        self.accept.setEnabled(is_suggestion)
        self.reject.setEnabled(is_suggestion)
        if is_suggestion:
            self.window.show_message(
                f"Suggested claim — {ACCEPT_KEY} accepts it as your draft, {REJECT_KEY} rejects it", 6000
            )

    def suggest_here(self) -> None:
        article = self.window.current_article
        if article is not None:
            self._suggest([article.id])

    def suggest_everywhere(self) -> None:
        self._suggest(self.workspace.project.articles.ids())

    def _suggest(self, article_ids: list[str]) -> None:
        parent = self.window.dialog_parent()
        progress = _Progress(parent, len(article_ids)) if len(article_ids) > 100 else None
        command = SuggestClaims(self.workspace, article_ids, progress=progress)
        try:
            perform(self.workspace, command)
        except AnnotatorError as error:
            self.window.show_error(str(error))
            return
        finally:
            if progress is not None:
                progress.close()
        claims = command.claims
        message = (
            f"{len(claims)} new suggestion(s): A accepts, X rejects the selected one"
            if claims
            else ("No new suggestions (rejected ones are not suggested again)")
        )
        self.window.show_message(message, 8000)
        article = self.window.current_article
        first = next((c for c in claims if article is not None and c.article_id == article.id), None)
        if first is not None:
            self.window.select_claim(first.id)

    def accept_current(self) -> None:
        claim = self.window.current_claim()
        if claim is None or claim.status != "suggested":
            return
        new_speaker = self._confirm_speaker(claim)
        if new_speaker is None:
            return
        following = self._next_suggestion(claim)
        command = self.window.perform(
            AcceptSuggestion(self.workspace, claim.id, new_speaker=new_speaker or None)
        )
        if command is not None:
            self.window.select_claim(following or command.after.id)
            self.window.show_message("Accepted: the claim is now your draft")

    def _confirm_speaker(self, claim: Claim) -> Speaker | bool | None:
        """Ask whether to add the speaker a suggestion proposes: the speaker, False (no), None (cancel)."""
        from annotator.core.store.suggestions import proposed_speaker
        from annotator.ui.suggestions.proposed_speaker import ProposedSpeakerDialog

        name = proposed_speaker(claim)
        speakers = self.workspace.project.speakers
        if name is None or claim.speaker or speakers.resolve(name):
            return False  # nothing to ask: no proposal, or the registry has it now (accept tags it)
        return ProposedSpeakerDialog.ask(self.window.dialog_parent(), name, speakers.all())

    def reject_current(self) -> None:
        claim = self.window.current_claim()
        if claim is None or claim.status != "suggested":
            return
        following = self._next_suggestion(claim)
        if self.window.perform(RejectSuggestion(self.workspace, claim.id)) is not None:
            self.window.select_claim(following)
            self.window.show_message("Rejected: it will not be suggested again")

    def _next_suggestion(self, claim: Claim) -> str | None:
        later = [c for c in self.window.shown_claims() if c.status == "suggested" and c.id != claim.id]
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


def install(window) -> SuggestionActions:
    """Give a window the suggestion actions; findable as `window.feature("suggestions")`."""
    actions = SuggestionActions(window)
    window.register_feature("suggestions", actions)
    return actions
