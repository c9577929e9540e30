"""Suggested claims: stored with status 'suggested', accepted into an analyst's claim or rejected.

A rejected suggestion is remembered by its span in dismissed_suggestions, so suggesting
again never brings it back; a span an existing claim already covers is never suggested.

A speaker the registry lacks travels in the note as a line "proposed speaker: NAME": the
analyst confirms it when accepting (the speaker is added and the claim tagged). A figure the
article states without attributing it is the narrator's: its speaker is the article's outlet
and its note says "narrator: the outlet states this figure itself".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from annotator.core.errors import InvalidClaim
from annotator.core.model import Claim, Speaker
from annotator.core.store.connection import Repository

if TYPE_CHECKING:  # the rules compile many patterns: imported when first used, not at start
    from annotator.core.figures.suggest import SpeakerMatcher, Suggestion

SUGGESTER = "suggester"
PROPOSED_SPEAKER = "proposed speaker: "
WRITTEN_SPEAKER = "speaker as written: "  # what suggestions stored before proposals carried
_PROPOSALS = (PROPOSED_SPEAKER, WRITTEN_SPEAKER)
NARRATOR = "narrator: the outlet states this figure itself"


def proposed_speaker(claim: Claim) -> str | None:
    """The speaker a suggestion proposes to add to the registry, if any."""
    return _proposed_in(claim.note)


def _proposed_in(note: str) -> str | None:
    for line in note.splitlines():
        for prefix in _PROPOSALS:
            if line.startswith(prefix):
                return line[len(prefix) :].strip() or None
    return None


def is_narrators(claim: Claim) -> bool:
    """Whether a claim is a figure the outlet states itself, attributed to nobody else."""
    return NARRATOR in claim.note.splitlines()


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
            outlet = self._outlet(article_id, matcher) if any(s.narrator for s in fresh) else (None, "")
            now = self._project.now()
            claims = [self._claim(article_id, suggestion, scale, outlet, now) for suggestion in fresh]
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

    def accept(self, claim_id: str, *, by: str, new_speaker: Speaker | None = None) -> Claim:
        """Make a suggestion the analyst's own draft claim, its fields as suggested.

        A proposed speaker already in the registry tags the claim. One the registry lacks is
        added when the analyst confirms it as `new_speaker` (its name as they corrected it,
        its type) and tags the claim; without it the proposal stays in the note.
        """
        with self._project.transaction():
            suggestion = self._suggested(claim_id)
            self._project.people.ensure(by)
            claim = suggestion.with_changes(annotator=by, status="draft")
            speaker = self._confirmed_speaker(suggestion, new_speaker, by=by)
            if speaker is not None:
                claim = claim.with_changes(speaker=speaker, note=_without_proposal(claim.note))
            return self._project.claims.put(claim, by=by, action="accept suggestion")

    def _confirmed_speaker(self, suggestion: Claim, new_speaker: Speaker | None, *, by: str) -> str | None:
        proposed = proposed_speaker(suggestion)
        if proposed is None or suggestion.speaker:
            return None
        speakers = self._project.speakers
        known = speakers.resolve(new_speaker.name if new_speaker else proposed)
        if known or new_speaker is None:
            return known
        return speakers.add(new_speaker.name, by=by, type=new_speaker.type, aliases=new_speaker.aliases).name

    def proposed_speakers(self) -> dict[str, int]:
        """Speakers suggestions propose that the registry still lacks, with how many suggestions each."""
        rows = self._conn.execute(
            "SELECT note FROM claims WHERE status = 'suggested' AND speaker IS NULL"
            " AND (note LIKE ? OR note LIKE ?)",
            tuple(f"%{prefix}%" for prefix in _PROPOSALS),
        )
        counts: dict[str, int] = {}
        for (note,) in rows:
            name = _proposed_in(note)
            if name and self._project.speakers.resolve(name) is None:
                counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold())))

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

    def _outlet(self, article_id: str, matcher: SpeakerMatcher) -> tuple[str | None, str]:
        """The article's outlet: (its registry name or None, its name as the article gives it)."""
        from annotator.core.figures.suggest import matcher_name

        written = self._project.articles.get(article_id).outlet
        return (matcher_name(matcher, written) if written else None), written

    def _claim(self, article_id: str, suggestion: Suggestion, scale: str, outlet: tuple, now: str) -> Claim:
        speaker, written, notes = suggestion.speaker, suggestion.speaker_text, []
        if suggestion.narrator:
            speaker, written = outlet
            notes.append(NARRATOR)
        if speaker is None and written:
            notes.insert(0, PROPOSED_SPEAKER + written)
        if not suggestion.conversion_matches:
            notes.append(f"conversion does not match: {suggestion.conversion_note}")
        return Claim(
            id=str(uuid.uuid4()),
            article_id=article_id,
            start=suggestion.start,
            end=suggestion.end,
            quote=suggestion.quote,
            speaker=speaker,
            figure=suggestion.figure,
            confidence_scale=scale,
            note="\n".join(notes),
            annotator=SUGGESTER,
            status="suggested",
            outlet=suggestion.outlet,
            created_at=now,
            updated_at=now,
        )


def _without_proposal(note: str) -> str:
    """The note without its "proposed speaker" line, once the speaker is confirmed."""
    return "\n".join(line for line in note.splitlines() if not line.startswith(_PROPOSALS))
