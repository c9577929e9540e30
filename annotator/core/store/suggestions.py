"""Suggested claims: stored with status 'suggested', accepted into an analyst's claim or rejected.

A rejected suggestion is remembered by its span in dismissed_suggestions, so suggesting
again never brings it back; a span an existing claim already covers is never suggested.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from annotator.core.errors import InvalidClaim
from annotator.core.model import Claim
from annotator.core.store.connection import Repository

if TYPE_CHECKING:  # the rules compile many patterns: imported when first used, not at start
    from annotator.core.figures.suggest import SpeakerMatcher, Suggestion

SUGGESTER = "suggester"
WRITTEN_SPEAKER = "speaker as written: "


class SuggestionStore(Repository):
    """Running the suggester over articles, and the analyst's accept and reject."""

    def suggest(
        self, article_id: str, *, by: str, matcher: SpeakerMatcher | None = None, scale: str = ""
    ) -> list[Claim]:
        """Suggest claims in one article; return the new suggestions (none already known)."""
        from annotator.core.figures.suggest import SpeakerMatcher, suggest_claims

        matcher = matcher or SpeakerMatcher(self._project.speakers.all())
        with self._project.transaction():
            text = self._project.articles.text(article_id)
            fresh = self._fresh(article_id, suggest_claims(text, matcher=matcher))
            if not fresh:
                return []
            scale = scale or self._project.settings.confidence_scale().id
            claims = [self._claim(article_id, suggestion, scale) for suggestion in fresh]
            self._project.log.record(
                who=by,
                action="suggest",
                entity="article",
                entity_id=article_id,
                after={"suggested": [claim.id for claim in claims]},
            )
            self._project.claims.add_suggestions(claims)
        return claims

    def suggest_all(self, *, by: str, article_ids: Iterable[str] | None = None) -> int:
        """Suggest claims in every article (or those given); return how many were new."""
        from annotator.core.figures.suggest import SpeakerMatcher

        matcher = SpeakerMatcher(self._project.speakers.all())
        scale = self._project.settings.confidence_scale().id
        ids = list(article_ids) if article_ids is not None else self._project.articles.ids()
        with self._project.transaction():
            return sum(len(self.suggest(a, by=by, matcher=matcher, scale=scale)) for a in ids)

    def accept(self, claim_id: str, *, by: str) -> Claim:
        """Make a suggestion the analyst's own draft claim, its fields as suggested."""
        with self._project.transaction():
            suggestion = self._suggested(claim_id)
            self._project.people.ensure(by)
            claim = suggestion.with_changes(annotator=by, status="draft")
            return self._project.claims.put(claim, by=by, action="accept suggestion")

    def reject(self, claim_id: str, *, by: str) -> Claim:
        """Remove a suggestion and remember its span; return it so undo can bring it back."""
        with self._project.transaction():
            suggestion = self._suggested(claim_id)
            self._project.log.record(
                who=by,
                action="reject suggestion",
                entity="claim",
                entity_id=claim_id,
                before=suggestion.as_log_entry(),
            )
            self._conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
            self._conn.execute(
                'INSERT OR REPLACE INTO dismissed_suggestions (article_id, start, "end", dismissed_by, '
                "dismissed_at) VALUES (?, ?, ?, ?, ?)",
                (suggestion.article_id, suggestion.start, suggestion.end, by, self._project.now()),
            )
        return suggestion

    def unreject(self, suggestion: Claim, *, by: str) -> Claim:
        """Undo a reject: the suggestion is back and its span no longer dismissed."""
        with self._project.transaction():
            self._project.log.record(
                who=by,
                action="unreject suggestion",
                entity="claim",
                entity_id=suggestion.id,
                after=suggestion.as_log_entry(),
            )
            self._conn.execute(
                'DELETE FROM dismissed_suggestions WHERE article_id = ? AND start = ? AND "end" = ?',
                (suggestion.article_id, suggestion.start, suggestion.end),
            )
            self._project.claims.add_suggestions([suggestion])
        return suggestion

    def dismissed(self, article_id: str) -> set[tuple[int, int]]:
        """Spans of an article whose suggestions were rejected."""
        rows = self._conn.execute(
            'SELECT start, "end" FROM dismissed_suggestions WHERE article_id = ?', (article_id,)
        )
        return {(start, end) for start, end in rows}

    def _suggested(self, claim_id: str) -> Claim:
        claim = self._project.claims.get(claim_id)
        if claim.status != "suggested":
            raise InvalidClaim("this claim is not a suggestion (it was already accepted or written by hand)")
        return claim

    def _fresh(self, article_id: str, suggestions: list[Suggestion]) -> list[Suggestion]:
        dismissed = self.dismissed(article_id)
        taken = [(c.start, c.end) for c in self._project.claims.for_article(article_id)]
        fresh = []
        for suggestion in suggestions:
            span = (suggestion.start, suggestion.end)
            if span in dismissed or any(s < span[1] and span[0] < e for s, e in taken):
                continue
            fresh.append(suggestion)
            taken.append(span)
        return fresh

    def _claim(self, article_id: str, suggestion: Suggestion, scale: str) -> Claim:
        now = self._project.now()
        written = suggestion.speaker_text if suggestion.speaker is None and suggestion.speaker_text else ""
        return Claim(
            id=str(uuid.uuid4()),
            article_id=article_id,
            start=suggestion.start,
            end=suggestion.end,
            quote=suggestion.quote,
            speaker=suggestion.speaker,
            figure=suggestion.figure,
            confidence_scale=scale,
            note=WRITTEN_SPEAKER + written if written else "",
            annotator=SUGGESTER,
            status="suggested",
            outlet=suggestion.outlet,
            created_at=now,
            updated_at=now,
        )
