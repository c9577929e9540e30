"""Merging a colleague's project into ours: nothing guessed, nothing dropped, undoable.

- Articles match by text hash; speakers by canonical name or alias. A speaker whose names
  point at two different speakers here is a clash: listed, never resolved by guessing.
- Claims, reviews and comments match by UUID. A claim that differs is resolved with both
  projects' change logs: if our version is one they had before, theirs is newer and
  replaces ours; if theirs is one we had, ours stays; otherwise both sides edited it, and
  their version is kept beside ours as a claim of its own, flagged as a conflict.
- A claim either side deleted stays deleted unless the other side edited it since; then
  it is kept and flagged. A claim whose quote no longer matches is re-anchored on the
  nearest occurrence of its quote, or left out and listed.
- Every incoming change obeys the rules local actions obey (see merge_rules): only a claim's
  owner changes it, and only before review; only reviewers review, never their own claims;
  a status moves past submitted only through a review record. A change the rules refuse is
  never applied: it is kept as a conflict of kind `refused`, named with its reason.
- Everything runs in one transaction; merging the same project again changes nothing;
  `undo_merge` takes the whole merge back as one step.
- Into a team project, the person merging publishes only their own work: claims, reviews,
  comments and deletions by anyone else are refused (only they can publish them, logged in
  as themselves), and a claim arrives at most submitted: a status past it comes from a
  review made on the server. The server's policies would refuse the same; the merge names
  each refusal instead of failing whole.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field, replace

from annotator.core.errors import ProjectUnreadable
from annotator.core.model import CLAIM_SCALAR_FIELDS, FIGURE_FIELDS, Claim, IncomingArticle, Review
from annotator.core.review import merge_rules
from annotator.core.store.conflicts import Conflict

_NAMESPACE = uuid.UUID("5f0c1f7e-3c55-4a55-9d0e-6d6572676521")
_VOLATILE = ("id", "article_id", "created_at", "updated_at")


@dataclass
class MergeResult:
    """What a merge did, enough to report it and to undo it."""

    source: str = ""
    new_articles: list[str] = field(default_factory=list)
    new_claims: list[str] = field(default_factory=list)
    updated_claims: list[Claim] = field(default_factory=list)  # our versions before theirs replaced them
    deleted_claims: list[tuple] = field(default_factory=list)  # (claim, reviews, comments) they deleted
    new_reviews: list[str] = field(default_factory=list)
    new_comments: list[str] = field(default_factory=list)
    new_conflicts: list[Conflict] = field(default_factory=list)
    new_tombstones: list[str] = field(default_factory=list)
    new_speakers: list[str] = field(default_factory=list)
    new_aliases: list[str] = field(default_factory=list)
    speaker_clashes: list[str] = field(default_factory=list)
    unanchored: list[str] = field(default_factory=list)
    reanchored: list[str] = field(default_factory=list)

    @property
    def refused(self) -> list[Conflict]:
        """The incoming changes the project's rules refused (kept as conflicts, never applied)."""
        return [c for c in self.new_conflicts if c.kind == "refused"]

    @property
    def changed(self) -> bool:
        """Whether the merge changed anything at all."""
        return any(
            (
                self.new_articles,
                self.new_claims,
                self.updated_claims,
                self.deleted_claims,
                self.new_reviews,
                self.new_comments,
                self.new_conflicts,
                self.new_tombstones,
                self.new_speakers,
                self.new_aliases,
            )
        )

    def summary(self) -> dict:
        """Counts for the report and the change log."""
        return {
            "source": self.source,
            "articles": len(self.new_articles),
            "claims": len(self.new_claims),
            "updated": len(self.updated_claims),
            "deleted": len(self.deleted_claims),
            "reviews": len(self.new_reviews),
            "comments": len(self.new_comments),
            "conflicts": len(self.new_conflicts) - len(self.refused),
            "refused": [f"{c.claim_id}: {c.reason}" for c in self.refused],
            "speakers": len(self.new_speakers),
            "speaker_clashes": list(self.speaker_clashes),
            "reanchored": len(self.reanchored),
            "unanchored": list(self.unanchored),
        }

    def describe(self) -> str:
        """A few lines for the terminal or the summary dialog."""
        if not self.changed and not self.speaker_clashes and not self.unanchored:
            return f"{self.source}: nothing new"
        lines = [
            f"{self.source}: {len(self.new_articles)} new article(s), {len(self.new_claims)} new claim(s), "
            f"{len(self.updated_claims)} updated, {len(self.deleted_claims)} deleted, "
            f"{len(self.new_reviews)} review(s), {len(self.new_comments)} comment(s), "
            f"{len(self.new_speakers)} new speaker(s)",
        ]
        kept = len(self.new_conflicts) - len(self.refused)
        if kept:
            lines.append(f"  {kept} conflict(s): both versions kept, flagged for review")
        if self.refused:
            lines.append(f"  {len(self.refused)} change(s) refused by the project's rules, not applied:")
            lines += [f"    claim {c.claim_id}: {c.reason}" for c in self.refused]
        lines += [f"  speaker clash: {clash}" for clash in self.speaker_clashes]
        if self.reanchored:
            lines.append(f"  {len(self.reanchored)} claim(s) re-anchored on their quote")
        lines += [f"  left out, quote not found: {item}" for item in self.unanchored]
        return "\n".join(lines)


def content_key(state: dict) -> str:
    """A claim state's identity for merging: its content without ids and times."""
    content = {k: v for k, v in state.items() if k not in _VOLATILE}
    figure = dict(content.get("figure") or {})
    for name in ("value", "low", "high"):
        if figure.get(name) is not None:
            figure[name] = float(figure[name])
    content["figure"] = figure
    content["fragments"] = [list(f) for f in content.get("fragments") or []]
    if content.get("speaker"):
        content["speaker"] = content["speaker"].casefold()
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


def copy_id(claim_id: str, key: str) -> str:
    """The id under which another project's version of a claim is kept beside ours."""
    return str(uuid.uuid5(_NAMESPACE, f"{claim_id}\n{key}"))


def conflict_id(claim_id: str, other: str | None, kind: str) -> str:
    """A conflict's id, the same in every merge that finds it."""
    return str(uuid.uuid5(_NAMESPACE, f"conflict\n{kind}\n{claim_id}\n{other or ''}"))


def merge_project(ours, theirs, *, by: str, source: str = "") -> MergeResult:
    """Merge the project `theirs` into `ours` in one transaction; see the module docstring."""
    result = MergeResult(source=source or str(theirs.path))
    if not ours.in_transaction and not ours.is_team:  # a copy to go back to, in the backups folder
        ours.backup(suffix="before-merge")
    with ours.transaction():
        ours.log.name_action(by, "merge", entities=("claim", "review", "comment", "conflict"))
        _run_checked(_Merge(ours, theirs, by, result), result.source)
        if result.changed:
            ours.log.record(
                who=by, action="merge", entity="project", entity_id=result.source, after=result.summary()
            )
    return result


# What a damaged or crafted file makes the merge's reading code raise (not our project's errors).
_DAMAGE = (TypeError, KeyError, ValueError, IndexError, AttributeError)


def _run_checked(merge: _Merge, source: str) -> None:
    """Run a merge; a file whose contents are not what Annotator writes is refused by name."""
    try:
        merge.run()
    except _DAMAGE as error:
        raise ProjectUnreadable(
            f"{source} is damaged or was not written by Annotator ({type(error).__name__}: {error}); "
            "nothing was merged"
        ) from error


def merge_file(ours, path, *, by: str) -> MergeResult:
    """Merge another project file (or a team project's URL), read from a private in-memory copy
    (their file or server is not touched)."""
    from annotator.core.store import Project

    with Project.snapshot(path) as theirs:
        return merge_project(ours, theirs, by=by, source=str(theirs.path))


class _Merge:
    """One merge's working state; `run` does it."""

    def __init__(self, ours, theirs, by: str, result: MergeResult):
        self.ours, self.theirs, self.by, self.result = ours, theirs, by, result
        self.log: list[tuple] = []
        self.refusals: list[Conflict] = []
        self.publisher = ours.user if ours.is_team else None  # a team project: only their own work

    def run(self) -> None:
        speakers = self._merge_speakers()
        articles = self._merge_articles()
        mine = {c.id: c for c in self.ours.claims.all()}
        self.our_keys = {claim_id: _key(claim) for claim_id, claim in mine.items()}
        incoming = [self._mapped(c, articles, speakers) for c in self.theirs.claims.all()]
        self.reviews = self._checked_reviews(mine, incoming)
        self._merge_claims(mine, incoming, speakers)
        self._merge_tombstones(mine, speakers)
        self._merge_reviews_and_comments()
        self._carry_history({c.id for c in incoming})
        self._insert_conflicts(self.refusals)
        self.ours.log.record_many(self.log)

    # -- the rules -----------------------------------------------------------------------

    def _checked_reviews(self, mine: dict[str, Claim], incoming: list[Claim]) -> dict[str, list[Review]]:
        """Their reviews new to us that the rules allow, by claim; the others are refused."""
        owners = {c.id: c.annotator for c in incoming} | {i: c.annotator for i, c in mine.items()}
        known, _ = self.ours.reviews.known_ids()
        allowed: dict[str, list[Review]] = {}
        for review in self.theirs.reviews.all_reviews():
            if review.id in known or review.claim_id not in owners:
                continue  # a review of a claim neither side holds is never brought in
            may = self.ours.people.may_review(review.reviewer)
            reason = self._not_theirs_to_publish(review.reviewer, f"review {review.id}")
            owner = owners.get(review.claim_id, "")
            reason = reason or merge_rules.review_refusal(review, owner, may_review=may)
            if reason:
                self._refuse(review.claim_id, reason, asdict(review), key=review.id)
            else:
                allowed.setdefault(review.claim_id, []).append(review)
        return allowed

    def _reviews_of(self, *claim_ids: str) -> list[Review]:
        """A claim's reviews here and the allowed incoming ones, oldest first."""
        found = [r for i in claim_ids for r in self.ours.reviews.of_claim(i) + self.reviews.get(i, [])]
        return sorted(found, key=lambda r: r.created_at)

    def _refuse(self, claim_id: str, reason: str, theirs: dict, *, key: str = "") -> None:
        """Keep a refused change as a conflict: named, with why and their version, never applied."""
        conflict_key = f"{reason}\n{key or content_key(theirs)}"
        self.refusals.append(
            Conflict(
                conflict_id(claim_id, conflict_key, "refused"),
                claim_id,
                None,
                "refused",
                self.result.source,
                reason=reason,
                theirs=json.dumps(theirs, ensure_ascii=False, sort_keys=True),
            )
        )

    def _admitted(self, claim: Claim, *, original: str | None = None) -> bool:
        """Whether a claim new to us may come in as it is (refused otherwise)."""
        reviews = self._reviews_of(claim.id, *([original] if original else []))
        reason = self._team_claim_refusal(claim) or merge_rules.new_claim_refusal(claim, reviews)
        if reason:
            self._refuse(original or claim.id, reason, claim.as_log_entry())
        return reason is None

    def _not_theirs_to_publish(self, author: str, what: str) -> str | None:
        """On a team project, why `author`'s work cannot come in through someone else's merge."""
        if self.publisher is None or author == self.publisher:
            return None
        return f"{what} is {author}'s: only they can publish it to the team project, logged in as themselves"

    def _team_claim_refusal(self, claim: Claim) -> str | None:
        if self.publisher is None or (claim.annotator == "suggester" and claim.status == "suggested"):
            return None
        refused = self._not_theirs_to_publish(claim.annotator, "the claim")
        if refused is None and claim.status not in ("draft", "submitted"):
            refused = f"arrives {claim.status}: on a team project only a review made there gives that status"
        return refused

    def _carry_history(self, their_ids: set[str]) -> None:
        """Bring the history of claims taken over as they are (new, or their newer version), so
        a claim's history reads the same in both projects. Conflict copies keep none: their
        history is the other claim's."""
        taken = [i for i in self.result.new_claims if i in their_ids]
        taken += [claim.id for claim in self.result.updated_claims]
        histories = self.theirs.log.claim_histories(taken)
        entries = (entry for claim_id in taken for entry in histories.get(claim_id, []))
        self.ours.log.append_entries(entries, source=self.result.source)

    # -- speakers and articles -----------------------------------------------------------

    def _merge_speakers(self) -> dict[str, str]:
        """Their canonical names -> ours, adding unknown speakers and aliases; clashes listed."""
        mapping = {}
        store = self.ours.speakers
        for speaker in self.theirs.speakers.all():
            found = {n: store.resolve(n) for n in (speaker.name, *speaker.aliases)}
            targets = {t for t in found.values() if t}
            if len(targets) > 1:
                self.result.speaker_clashes.append(_clash(speaker.name, found))
            canonical = found[speaker.name] or (next(iter(targets)) if len(targets) == 1 else None)
            free = [n for n, t in found.items() if t is None and n != speaker.name]
            if canonical is None:
                self.ours.speakers.add(speaker.name, by=self.by, type=speaker.type, aliases=tuple(free))
                self.result.new_speakers.append(speaker.name)
                canonical = speaker.name
            else:
                free += [speaker.name] if found[speaker.name] is None else []
                for alias in free:
                    self.ours.speakers.add_alias(canonical, alias, by=self.by)
            self.result.new_aliases += free
            mapping[speaker.name] = canonical
        return mapping

    def _merge_articles(self) -> dict[str, str]:
        """Their article ids -> ours, matched by text hash; new texts are added."""
        known = self.ours.articles.hashes()
        mapping = {}
        for their_id in self.theirs.articles.ids():
            article = self.theirs.articles.get(their_id)
            if article.sha256 in known:
                mapping[their_id] = known[article.sha256]
                continue
            added = self.ours.articles.add(_incoming(article), by=self.by)
            mapping[their_id] = added.article_id
            known[article.sha256] = added.article_id
            self.result.new_articles.append(added.article_id)
        return mapping

    def _mapped(self, claim: Claim, articles: dict, speakers: dict) -> Claim:
        speaker = speakers.get(claim.speaker, claim.speaker) if claim.speaker else None
        return replace(claim, article_id=articles[claim.article_id], speaker=speaker)

    # -- claims --------------------------------------------------------------------------

    def _merge_claims(self, mine: dict[str, Claim], incoming: list[Claim], speakers: dict) -> None:
        copies = self.theirs.conflicts.copies()
        tombstones = self.ours.claims.tombstones()
        their_keys = {c.id: _key(c) for c in incoming}
        differing = [c.id for c in incoming if c.id in mine and self.our_keys[c.id] != their_keys[c.id]]
        differing += [c.id for c in incoming if c.id in tombstones]
        differing += [copies[c.id] for c in incoming if c.id in copies]
        ours_seen = _state_keys(self.ours.log.claim_states(differing), {})
        theirs_seen = _state_keys(self.theirs.log.claim_states(differing), speakers)
        new, conflicts = [], []
        for claim in incoming:
            key = their_keys[claim.id]
            original = copies.get(claim.id)
            if original and (key in ours_seen.get(original, ()) or self.our_keys.get(original) == key):
                continue  # their copy of a version we have or had
            if claim.id in mine:
                self._merge_known(mine[claim.id], claim, key, ours_seen, theirs_seen, new, conflicts)
            elif claim.id in tombstones:
                if key not in ours_seen.get(claim.id, ()):
                    self._keep_beside(claim, key, "deleted", new, conflicts, mine, tombstones)
            elif self._admitted(claim, original=original):
                new.append(claim)
        self._insert(new)
        inserted = set(self.result.new_claims)
        conflicts += [c for c in self.theirs.conflicts.all() if c.other_claim_id in inserted]
        self._insert_conflicts(conflicts)

    def _merge_known(self, our, their, key, ours_seen, theirs_seen, new, conflicts) -> None:
        if self.our_keys[our.id] == key or key in ours_seen.get(our.id, ()):
            return  # same, or theirs is a version we already had
        if self.our_keys[our.id] in theirs_seen.get(our.id, ()):
            reason = self._team_claim_refusal(their) or merge_rules.update_refusal(
                our, their, self._reviews_of(our.id)
            )
            if reason:
                self._refuse(our.id, reason, their.as_log_entry())
                return
            self.ours.claims.replace_exact(their)
            self.result.updated_claims.append(our)
            self.log.append((self.by, "merge", "claim", our.id, our.as_log_entry(), their.as_log_entry()))
            return
        self._keep_beside(their, key, "edited", new, conflicts, {}, {})

    def _keep_beside(self, their: Claim, key: str, kind: str, new, conflicts, mine, tombstones) -> None:
        """Keep their version as a claim of its own, linked to ours by a conflict."""
        kept = replace(their, id=copy_id(their.id, key))
        if kept.id in mine or kept.id in tombstones or self.ours.claims.exists(kept.id):
            return
        if not self._admitted(kept, original=their.id):
            return
        new.append(kept)
        conflicts.append(
            Conflict(conflict_id(their.id, kept.id, kind), their.id, kept.id, kind, self.result.source)
        )

    def _insert(self, claims: list[Claim]) -> None:
        placed = [anchored for anchored in map(self._anchored, claims) if anchored is not None]
        self.ours.claims.insert_exact(placed)
        self.result.new_claims += [c.id for c in placed]
        self.log += [(self.by, "merge", "claim", c.id, None, c.as_log_entry()) for c in placed]

    def _anchored(self, claim: Claim) -> Claim | None:
        text = self._text(claim.article_id)
        if text[claim.start : claim.end] == claim.quote:
            return claim
        start = reanchor(text, claim.quote, claim.start)
        if start is None:
            self.result.unanchored.append(f"{claim.id} {claim.quote!r}")
            return None
        self.result.reanchored.append(claim.id)
        return replace(claim, start=start, end=start + len(claim.quote), fragments=())

    def _text(self, article_id: str) -> str:
        cache = self.__dict__.setdefault("_texts", {})
        if article_id not in cache:
            cache[article_id] = self.ours.articles.text(article_id)
        return cache[article_id]

    def _insert_conflicts(self, conflicts: list[Conflict]) -> None:
        inserted = set(self.result.new_claims)
        known = self.ours.conflicts.ids()
        fresh = [
            c if c.detected_at else replace(c, detected_at=self.ours.now())
            for c in conflicts
            if c.id not in known and (c.other_claim_id is None or c.other_claim_id in inserted)
        ]
        self.ours.conflicts.insert(fresh)
        self.result.new_conflicts += fresh
        self.log += [(self.by, "conflict", "claim", c.claim_id, None, asdict(c)) for c in fresh]

    # -- deletions -----------------------------------------------------------------------

    def _merge_tombstones(self, mine: dict[str, Claim], speakers: dict) -> None:
        theirs = self.theirs.claims.tombstones()
        ours = self.ours.claims.tombstones()
        present = [i for i in theirs if i in mine]
        seen = _state_keys(self.theirs.log.claim_states(present), speakers)
        fresh, conflicts, doomed = {}, [], []
        for claim_id, stone in theirs.items():
            if claim_id in ours:
                continue
            if claim_id not in mine:
                if self._not_theirs_to_publish(stone[1], "the deletion") is None:
                    fresh[claim_id] = stone  # another's tombstone is theirs to publish
            elif self.our_keys[claim_id] in seen.get(claim_id, ()):
                reason = self._not_theirs_to_publish(stone[1], "the deletion")
                reason = reason or merge_rules.deletion_refusal(mine[claim_id], stone[1])
                if reason:
                    self._refuse(claim_id, reason, {"deleted_at": stone[0], "deleted_by": stone[1]})
                    continue
                doomed.append(mine[claim_id])
                fresh[claim_id] = stone
            else:
                conflicts.append(Conflict(conflict_id(claim_id, None, "deleted"), claim_id, None, "deleted"))
        self._delete(doomed)
        self.ours.claims.add_tombstones(fresh)
        self.result.new_tombstones += list(fresh)
        self._insert_conflicts([replace(c, source=self.result.source) for c in conflicts])

    def _delete(self, claims: list[Claim]) -> None:
        """Delete claims they deleted, keeping what undo needs (reviews and comments go with them)."""
        for claim in claims:
            reviews = self.ours.reviews.of_claim(claim.id)
            comments = self.ours.reviews.comments_of(claim.id)
            self.result.deleted_claims.append((claim, reviews, comments))
            self.log.append((self.by, "merge delete", "claim", claim.id, claim.as_log_entry(), None))
        self.ours.claims.remove_many([claim.id for claim in claims])

    # -- reviews and comments ------------------------------------------------------------

    def _merge_reviews_and_comments(self) -> None:
        claims = self.ours.claims
        _, known_comments = self.ours.reviews.known_ids()
        reviews = [
            r
            if not r.corrected_claim_id or claims.exists(r.corrected_claim_id)
            else replace(r, corrected_claim_id=None)
            for allowed in self.reviews.values()
            for r in allowed
            if claims.exists(r.claim_id)
        ]
        comments = [
            c
            for c in self.theirs.reviews.all_comments()
            if c.id not in known_comments and claims.exists(c.claim_id) and self._publishable_comment(c)
        ]
        self.ours.reviews.insert_reviews(reviews)
        self.ours.reviews.insert_comments(comments)
        self.ours.people.ensure_many({r.reviewer for r in reviews} | {c.author for c in comments})
        self.result.new_reviews += [r.id for r in reviews]
        self.result.new_comments += [c.id for c in comments]
        self.log += [(self.by, "merge", "review", r.id, None, asdict(r)) for r in reviews]
        self.log += [(self.by, "merge", "comment", c.id, None, asdict(c)) for c in comments]


    def _publishable_comment(self, comment) -> bool:
        reason = self._not_theirs_to_publish(comment.author, f"comment {comment.id}")
        if reason:
            self._refuse(comment.claim_id, reason, asdict(comment), key=comment.id)
        return reason is None


def reanchor(text: str, quote: str, near: int) -> int | None:
    """Where `quote` occurs in `text` closest to `near`; None if nowhere or two are equally close."""
    if not quote:
        return None
    starts, at = [], text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return None
    starts.sort(key=lambda s: abs(s - near))
    if len(starts) > 1 and abs(starts[0] - near) == abs(starts[1] - near):
        return None
    return starts[0]


def undo_merge(project, result: MergeResult, *, by: str) -> None:
    """Take a whole merge back in one transaction."""
    with project.transaction():
        project.conflicts.remove(c.id for c in result.new_conflicts)
        project.reviews.remove(review_ids=result.new_reviews, comment_ids=result.new_comments)
        project.claims.remove_many(reversed(result.new_claims))
        for before in result.updated_claims:
            project.claims.replace_exact(before)
        project.claims.remove_tombstones(result.new_tombstones)
        for claim, reviews, comments in result.deleted_claims:
            project.claims.insert_exact([claim])
            project.reviews.insert_reviews(reviews)
            project.reviews.insert_comments(comments)
        project.speakers.remove(result.new_speakers, result.new_aliases)
        project.articles.remove(result.new_articles)
        project.log.record(
            who=by, action="undo merge", entity="project", entity_id=result.source, before=result.summary()
        )


def _key(claim: Claim) -> str:
    """content_key of a claim, without the cost of dataclasses.asdict."""
    state = {name: getattr(claim, name) for name in CLAIM_SCALAR_FIELDS}
    state["figure"] = {name: getattr(claim.figure, name) for name in FIGURE_FIELDS}
    state["fragments"] = claim.fragments
    return content_key(state)


def _state_keys(states: dict[str, list[dict]], speakers: dict) -> dict[str, set[str]]:
    keyed = {}
    for claim_id, found in states.items():
        keyed[claim_id] = {
            content_key({**s, "speaker": speakers.get(s.get("speaker"), s.get("speaker"))}) for s in found
        }
    return keyed


def _clash(name: str, found: dict) -> str:
    where = ", ".join(f"{n!r} is {t!r} here" for n, t in found.items() if t)
    return f"{name!r}: {where}; the clashing names were not merged, resolve by hand"


def _incoming(article) -> IncomingArticle:
    return IncomingArticle(
        text=article.text,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        url=article.url,
        published=article.published,
        published_raw=article.published_raw,
        source_name=article.source_name,
        encoding=article.encoding,
        events=article.events,
        id=article.id,
        status=article.status,
    )
