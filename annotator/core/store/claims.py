"""Claims: created, edited, deleted and restored one transaction each, every change logged."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from annotator.core.annotating import OWNER_MOVES, REOPENED_STATUSES, REVIEWED_STATUSES, may_change
from annotator.core.errors import ConflictingChange, InvalidClaim, NotFound, PermissionDenied, RejectedInput
from annotator.core.ids import new_id
from annotator.core.model import (
    CLAIM_COLUMNS,
    CLAIM_STATUSES,
    EXPORT_COLUMNS,
    QUALIFIERS,
    Claim,
    ExportRow,
    Figure,
)
from annotator.core.store.changelog import claim_state
from annotator.core.store.claim_trail import ClaimTrail, log_removal, put_back, read_trail
from annotator.core.store.connection import Repository, chunks, insert_rows

if TYPE_CHECKING:
    from annotator.core.incoming import IncomingArticle, IncomingClaim

_COLUMNS = ", ".join(f'"{name}"' for name in CLAIM_COLUMNS)
_INSERT = f"INSERT INTO claims ({_COLUMNS}) VALUES ({', '.join('?' * len(CLAIM_COLUMNS))})"
_INSERT_ONCE = _INSERT.replace("INSERT", "INSERT OR IGNORE", 1)
_INSERT_MANY = f"INSERT INTO claims ({_COLUMNS}) VALUES "  # rows follow (insert_rows)
# Every column but the id, then the id (Claim.as_row puts the id first).
_ASSIGNMENTS = ", ".join(f'"{name}" = ?' for name in CLAIM_COLUMNS[1:])
_UPDATE = f"UPDATE claims SET {_ASSIGNMENTS} WHERE id = ?"


def _latest_review(attribute: str) -> str:
    return (
        f"(SELECT r.{attribute} FROM reviews r WHERE r.claim_id = c.id "
        "ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)"
    )


_EXPORT_SOURCES = {
    "claim": lambda column: f'c."{column}"',
    "article": lambda attribute: f"a.{attribute}",
    "review": _latest_review,
}
# The query behind export_rows, without its filters (the export benchmark's baseline runs it too).
EXPORT_SELECT = (
    f"SELECT {', '.join(_EXPORT_SOURCES[c.source](c.attribute) for c in EXPORT_COLUMNS)} "
    "FROM claims c JOIN articles a ON a.id = c.article_id"
)
EXPORT_ORDER = 'ORDER BY a.seq, c.start, c."end", c.id'
# ExportRow._make without its length check, a Python call per row (the query has the row's length).
_export_row = partial(tuple.__new__, ExportRow)


class ClaimStore(Repository):
    """The project's claims."""

    def __init__(self, project):
        super().__init__(project)
        self._trails: dict[str, ClaimTrail] = {}  # what each deleted claim took with it, for undo

    # -- reading -------------------------------------------------------------------------

    def get(self, claim_id: str) -> Claim:
        """One claim by id."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM claims WHERE id = ?", (claim_id,)).fetchone()
        if row is None:
            raise NotFound(f"no claim with id {claim_id!r} in this project")
        return _claim(row)

    def get_many(self, claim_ids: Sequence[str]) -> list[Claim]:
        """The claims with these ids, in the order given (ids no longer present are left out)."""
        found: dict[str, Claim] = {}
        for chunk in chunks(list(claim_ids), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._conn.execute(f"SELECT {_COLUMNS} FROM claims WHERE id IN ({marks})", chunk)
            found.update((claim.id, claim) for claim in map(_claim, rows))
        return [found[claim_id] for claim_id in claim_ids if claim_id in found]

    def find_id(self, short: str) -> str:
        """The full id of the one claim whose id starts or ends with `short` (ids are long to type)."""
        return self._full_id("claims", "claim", short)

    def exists(self, claim_id: str) -> bool:
        """Whether the project holds this claim id."""
        return self._conn.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone() is not None

    def for_article(self, article_id: str, *, include_suggested: bool = True) -> list[Claim]:
        """An article's claims in text order."""
        sql = f"SELECT {_COLUMNS} FROM claims WHERE article_id = ?"
        if not include_suggested:
            sql += " AND status != 'suggested'"
        rows = self._conn.execute(sql + ' ORDER BY start, "end", created_at', (article_id,))
        return [_claim(row) for row in rows]

    def select(
        self,
        *,
        annotator: str | None = None,
        status: str | None = None,
        article_id: str | None = None,
    ) -> Iterator[Claim]:
        """Claims matching the filters, by article then position."""
        where, params = _filters(annotator=annotator, status=status, article_id=article_id)
        sql = f'SELECT {_COLUMNS} FROM claims {where} ORDER BY article_id, start, "end", id'
        for row in self._conn.execute(sql, params):
            yield _claim(row)

    def count(self, **filters) -> int:
        """Number of claims matching the filters of `select`."""
        where, params = _filters(**filters)
        return self._conn.execute(f"SELECT count(*) FROM claims {where}", params).fetchone()[0]

    def superseded_ids(self) -> frozenset[str]:
        """The claims a reviewer's correction supersedes, project-wide (see `shown_status`)."""
        rows = self._conn.execute("SELECT DISTINCT supersedes FROM claims WHERE supersedes IS NOT NULL")
        return frozenset(row[0] for row in rows)

    def measures(self) -> list[str]:
        """Measures already used in the project, for completion."""
        rows = self._conn.execute(
            "SELECT measure FROM claims WHERE measure != '' GROUP BY measure ORDER BY measure COLLATE NOCASE"
        )
        return [row[0] for row in rows]

    def outlets(self) -> list[str]:
        """Outlets named so far, by claims and by articles, for completion."""
        rows = self._conn.execute(
            "SELECT outlet FROM (SELECT outlet FROM claims WHERE outlet != '' UNION "
            "SELECT outlet FROM articles WHERE outlet != '') named ORDER BY outlet COLLATE NOCASE"
        )
        return [row[0] for row in rows]

    def export_rows(self, **filters) -> Iterator[ExportRow]:
        """The claims matching the filters of `select` as the exporters' rows, in article order."""
        where, params = _filters(prefix="c.", **filters)
        return map(_export_row, self._conn.execute(f"{EXPORT_SELECT} {where} {EXPORT_ORDER}", params))

    # -- user actions --------------------------------------------------------------------

    def create(
        self,
        article_id: str,
        start: int,
        end: int,
        *,
        by: str,
        speaker: str | None = None,
        figure: Figure | None = None,
        confidence: str = "",
        note: str = "",
        status: str = "draft",
        kind: str = "",
        outlet: str = "",
        claim_id: str | None = None,
        supersedes: str | None = None,
    ) -> Claim:
        """Tag the span [start, end) of an article; the quote is taken from the text.

        :param claim_id: the id the caller made for it: creating it again (a retry after a lost
            commit) returns the stored claim instead of a second one
        """
        with self._project.transaction():
            if claim_id is not None and self.exists(claim_id):
                return self._same_claim_again(claim_id, article_id, start, end, by=by)
            text = self._project.articles.text(article_id)
            now = self._project.now()
            scale = self._project.settings.confidence_scale()
            claim = Claim(
                id=claim_id or new_id(),
                article_id=article_id,
                start=start,
                end=end,
                quote=text[start:end] if 0 <= start <= end <= len(text) else "",
                speaker=self._project.speakers.resolve_or_refuse(speaker),
                figure=figure or Figure(),
                confidence=scale.code_for(confidence),
                confidence_scale=scale.id,
                note=note,
                annotator=by,
                status=status,
                kind=kind,
                outlet=outlet,
                supersedes=supersedes,
                created_at=now,
                updated_at=now,
            )
            self._validate(claim, text)
            self._project.people.ensure(by)
            self._project.log.record(
                who=by, action="create", entity="claim", entity_id=claim.id, after=claim.as_log_entry()
            )
            self._insert_once(claim)
        return claim

    def _same_claim_again(self, claim_id: str, article_id: str, start: int, end: int, *, by: str) -> Claim:
        """The claim a retried create made already; an id taken by another claim is refused."""
        stored = self.get(claim_id)
        if (stored.article_id, stored.start, stored.end, stored.annotator) != (article_id, start, end, by):
            raise InvalidClaim(f"claim id {claim_id} is already another claim's")
        return stored

    def _insert_once(self, claim: Claim) -> None:
        """Insert a new claim; one a concurrent retry stored meanwhile (the same id) stands."""
        before = self._conn.total_changes
        self._conn.execute(_INSERT_ONCE, claim.as_row())
        if self._conn.total_changes == before:
            self._same_claim_again(claim.id, claim.article_id, claim.start, claim.end, by=claim.annotator)

    def edit(
        self, claim_id: str, *, by: str, action: str = "edit", since: str | None = None, **changes
    ) -> Claim:
        """Change fields of one's own claim (figure fields may be given flat); return it.

        :param since: the claim's `updated_at` when the editor opened it: a claim changed since
            is not overwritten (ConflictingChange, naming who changed it and when)
        """
        with self._project.transaction():
            before = self.get(claim_id)
            self._refuse_changed_since(before, since)
            _refuse_others(before, by)
            _refuse_reviewed(before)
            after = self._changed(before, changes)
            self._write(before, after, by=by, action=action)
        return after

    def put(self, claim: Claim, *, by: str, action: str = "edit", since: str | None = None) -> Claim:
        """Store `claim` over the claim with the same id (undo and redo of one's own edit, taking
        a suggestion), checked like an edit: one's own claim, not reviewed, no review's status.

        :param since: as for `edit`, the `updated_at` the caller last saw (undo: its edit's result)
        """
        with self._project.transaction():
            before = self.get(claim.id)
            self._refuse_changed_since(before, since)
            _refuse_others(before, by)
            _refuse_rewrite(before, claim)
            after = claim.with_changes(updated_at=self._project.now_after(before.updated_at))
            self._write(before, after, by=by, action=action)
        return after

    def move_span(self, claim_id: str, start: int, end: int, *, by: str) -> Claim:
        """The owner's new span for their claim. The span is what a review judged, so a reviewed
        claim (accepted, rejected, disputed) goes back to submitted: the edit reopens the review
        instead of leaving a verdict on words it never saw (see docs/review.md)."""
        with self._project.transaction():
            before = self.get(claim_id)
            _refuse_others(before, by)
            reopen = {"status": "submitted"} if before.status in REOPENED_STATUSES else {}
            after = self._changed(before, {"start": start, "end": end, **reopen})
            self._write(before, after, by=by, action="move span")
        return after

    def take_back_span_move(self, before: Claim, *, by: str, moved_at: str | None = None) -> Claim:
        """Undo of `move_span`: the claim's span and status exactly as they were, if it is still
        the moved claim (same owner, submitted or unchanged in status).

        :param moved_at: the claim's `updated_at` the move gave it. On a team project a move
            that reopened a reviewed claim is taken back by the server (only it may give the
            status back), and only while nothing but the owner's own span changes followed it
        """
        with self._project.transaction():
            current = self.get(before.id)
            _refuse_others(current, by)
            if current.status != before.status and current.status != "submitted":
                raise PermissionDenied(
                    f"the claim was {current.status} since; its span move cannot be undone"
                )
            if before.status in REOPENED_STATUSES and self._dialect.status_by_trigger:
                return self._server_takes_back_span_move(current, by=by, moved_at=moved_at)
            after = before.with_changes(updated_at=self._project.now_after(current.updated_at))
            self._write(current, after, by=by, action="undo move span")
        return after

    def _server_takes_back_span_move(self, current: Claim, *, by: str, moved_at: str | None) -> Claim:
        """db/postgres/007_undo_span_move.sql: the server checks that the move was `by`'s own,
        that it reopened the claim and nothing but their span changes followed it, gives back
        span and status, and logs it as theirs."""
        self._project.act_as(by)
        known = self._conn.execute(
            "SELECT to_regprocedure('annotator_undo_span_move(text, text)') IS NOT NULL"
        ).fetchone()[0]
        if not known:
            raise PermissionDenied(
                "this team project's server cannot undo a span move that reopened a review yet: "
                "an administrator runs `annotator team init` again to bring it up to date"
            )
        self._conn.execute(
            "SELECT annotator_undo_span_move(?, ?)", (current.id, moved_at or current.updated_at)
        ).fetchone()
        return self.get(current.id)

    def set_status(self, claim_id: str, status: str, *, by: str, action: str = "status") -> Claim:
        """Move one's own claim through its workflow (submit, take back); reviews move the rest."""
        with self._project.transaction():
            before = self.get(claim_id)
            _refuse_others(before, by)
            _refuse_unreviewed_move(before, status)
            return self._move(before, status, by=by, action=action)

    def _move_by_review(self, claim_id: str, status: str, *, by: str, action: str) -> Claim:
        """The status a review gives (or its undo takes back): for ReviewStore only, which checks
        the reviewer and records the review in the same transaction."""
        with self._project.transaction():
            return self._move(self.get(claim_id), status, by=by, action=action)

    def _move(self, before: Claim, status: str, *, by: str, action: str) -> Claim:
        after = before.with_changes(status=status, updated_at=self._project.now_after(before.updated_at))
        self._write(before, after, by=by, action=action)
        return after

    def delete(self, claim_id: str, *, by: str) -> Claim:
        """Remove one's own claim; return it so undo can restore it.

        Its reviews and comments go with it (logged as removed) and come back with `restore`.
        """
        with self._project.transaction():
            claim = self.get(claim_id)
            _refuse_others(claim, by)
            trail = read_trail(self._project, claim_id)
            log_removal(self._project, trail, by=by)
            self._project.log.record(
                who=by, action="delete", entity="claim", entity_id=claim_id, before=claim.as_log_entry()
            )
            self._delete_own(claim)
            self._conn.execute(
                "INSERT OR REPLACE INTO deleted_claims (id, deleted_at, deleted_by) VALUES (?, ?, ?)",
                (claim_id, self._project.now(), by),
            )
        if trail:
            self._trails[claim_id] = trail
        return claim

    def restore(self, claim: Claim, *, by: str) -> Claim:
        """Put a deleted claim back exactly as it was, reviews and comments included (undo of delete)."""
        trail = self._trails.get(claim.id, ClaimTrail())
        with self._project.transaction():
            self._validate(claim, self._project.articles.text(claim.article_id))
            self._project.log.record(
                who=by, action="restore", entity="claim", entity_id=claim.id, after=claim.as_log_entry()
            )
            self._insert([claim])
            self._conn.execute("DELETE FROM deleted_claims WHERE id = ?", (claim.id,))
            put_back(self._project, claim.id, trail, by=by)
        self._trails.pop(claim.id, None)
        return claim

    def deleted_by(self, claim_id: str) -> str | None:
        """Who deleted this claim id, or None if it was never deleted (a delete sent again after
        its answer was lost finds it already gone, by the sender)."""
        row = self._conn.execute("SELECT deleted_by FROM deleted_claims WHERE id = ?", (claim_id,)).fetchone()
        return row[0] if row else None

    def was_deleted(self, claim_id: str) -> bool:
        """Whether this id was deleted in this project (merges and imports keep it deleted)."""
        row = self._conn.execute("SELECT 1 FROM deleted_claims WHERE id = ?", (claim_id,)).fetchone()
        return row is not None

    def add_suggestions(self, claims: Sequence[Claim]) -> None:
        """Store machine suggestions as they are (the suggestion store logs the run)."""
        texts: dict[str, str] = {}
        with self._project.transaction():
            for claim in claims:
                if claim.article_id not in texts:
                    texts[claim.article_id] = self._project.articles.text(claim.article_id)
                # suggestions never need a speaker, so the project's setting is not read
                self._validate(claim, texts[claim.article_id], speaker_required=False)
            self._insert(claims)

    # -- merge ---------------------------------------------------------------------------

    def all(self) -> list[Claim]:
        """Every claim, suggestions included, in id order (merges)."""
        return [_claim(row) for row in self._conn.execute(f"SELECT {_COLUMNS} FROM claims ORDER BY id")]

    def insert_exact(self, claims: list[Claim]) -> None:
        """Store claims exactly as given, ids and times kept (inside the caller's transaction)."""
        texts: dict[str, str] = {}
        for claim in claims:
            if claim.article_id not in texts:
                texts[claim.article_id] = self._project.articles.text(claim.article_id)
            self._validate(claim, texts[claim.article_id])
        self._project.people.ensure_many({claim.annotator for claim in claims})
        self._insert(self.linkable(claims))

    def replace_exact(self, claim: Claim) -> None:
        """Overwrite a stored claim with `claim` exactly, times kept (a merge's fast-forward)."""
        self._validate(claim, self._project.articles.text(claim.article_id))
        self._update(claim)

    def remove_many(self, claim_ids: Iterable[str]) -> None:
        """Delete claims by id without tombstones (undo of a merge), inside the caller's transaction."""
        self._conn.executemany("DELETE FROM claims WHERE id = ?", [(i,) for i in claim_ids])

    def tombstones(self) -> dict[str, tuple[str, str]]:
        """Deleted claim ids -> (deleted_at, deleted_by)."""
        rows = self._conn.execute("SELECT id, deleted_at, deleted_by FROM deleted_claims")
        return {row[0]: (row[1], row[2]) for row in rows}

    def add_tombstones(self, tombstones: dict[str, tuple[str, str]]) -> None:
        """Remember ids as deleted, so no later import or merge brings them back."""
        self._conn.executemany(
            "INSERT OR IGNORE INTO deleted_claims (id, deleted_at, deleted_by) VALUES (?, ?, ?)",
            [(i, at, who) for i, (at, who) in tombstones.items()],
        )

    def remove_tombstones(self, claim_ids: Iterable[str]) -> None:
        """Forget deletions (undo of a merge)."""
        self._conn.executemany("DELETE FROM deleted_claims WHERE id = ?", [(i,) for i in claim_ids])

    # -- import --------------------------------------------------------------------------

    def add_incoming_many(
        self, items: Sequence[tuple[str, IncomingArticle, bool]], *, by: str, source: str = ""
    ) -> list[tuple[int, int, tuple[str, ...]]]:
        """Add the claims read with a file's articles: (article id, article, was it new).

        Skips ids the project has or deleted, and spans an annotator already tagged on an
        existing article. Each added claim is logged as imported. Returns (added, skipped,
        what was not attached) per article: a file's reviews, comments and history attach
        only to the claims this same import created, never to claims already here.
        """
        if not any(article.claims for _, article, _ in items):  # plain text: nothing to read or write
            return [(0, 0, ())] * len(items)
        known = self._known_ids([c.id for _, article, _ in items for c in article.claims if c.id])
        scale = _ScaleCodes(self._project.settings.confidence_scale())
        speaker_required = self._project.settings.speaker_required()
        speakers = _SpeakerLookups(self._project.speakers, by)
        now = self._project.now()
        spans_of: dict[str, set] = {}
        claims, counts, placed = [], [], []
        for article_id, article, new in items:
            if article_id not in spans_of:
                spans_of[article_id] = set() if new else self._spans_by_annotator(article_id)
            spans = spans_of[article_id]
            before, refused = len(claims), []
            for item in article.claims:
                if item.id and item.id in known:
                    refused += _not_attached(item, item.id)
                    continue
                if spans and (item.start, item.end, item.annotator or by) in spans:
                    continue
                claim = self._resolve(item, article_id, scale, speakers, now, by)
                self._validate(claim, article.text, line=article.line, speaker_required=speaker_required)
                claims.append(claim)
                if item.reviews or item.comments or item.history:  # what _add_incoming_extras adds
                    placed.append((item, claim.id, source or article.source_name or "an imported file"))
                known.add(claim.id)
            added = len(claims) - before
            counts.append((added, len(article.claims) - added, tuple(refused)))
        self._project.people.ensure_many({claim.annotator for claim in claims})
        claims = self.linkable(claims)
        self._project.log.record_many(
            (by, "import", "claim", claim.id, None, claim_state(claim)) for claim in claims
        )
        self._insert(claims)
        self._add_incoming_extras(placed)
        return counts

    def _add_incoming_extras(self, placed: list[tuple[IncomingClaim, str, str]]) -> None:
        """The reviews, comments and history a file carries for the claims this import created
        (those `placed`, which carry some); history only about that claim, marked as imported
        from the file."""
        reviews, comments = [], []
        for item, claim_id, source in placed:
            reviews += [replace(r, claim_id=claim_id) for r in item.reviews]
            comments += [replace(c, claim_id=claim_id) for c in item.comments]
            history = [e for e in item.history if _names_only(e, claim_id)]
            self._project.log.append_entries(history, source=source)
        # A correction outside the file (a filtered export) cannot be linked to.
        reviews = [
            r
            if not r.corrected_claim_id or self.exists(r.corrected_claim_id)
            else replace(r, corrected_claim_id=None)
            for r in reviews
        ]
        self._project.reviews.insert_reviews(reviews)
        self._project.reviews.insert_comments(comments)
        self._project.people.ensure_many({r.reviewer for r in reviews} | {c.author for c in comments})

    @staticmethod
    def _resolve(item: IncomingClaim, article_id: str, scale, speakers, now: str, by: str) -> Claim:
        """The claim an incoming one becomes: its speaker and confidence resolved, its id and
        times filled in."""
        try:
            confidence = scale.code_for(item.confidence)
        except InvalidClaim as error:
            raise InvalidClaim(f"claim at {item.start}-{item.end}: {error}") from None
        created_at = item.created_at or now
        return Claim(  # by position: quicker than by keyword, 100,000 times in a large import
            item.id or new_id(),
            article_id,
            item.start,
            item.end,
            item.quote,
            speakers.resolve(item),
            item.figure,
            confidence,
            scale.id,
            item.note,
            item.annotator or by,
            item.status or "draft",
            item.kind,
            item.outlet,
            item.fragments,
            item.supersedes,
            created_at,
            item.updated_at or created_at,
        )

    def _spans_by_annotator(self, article_id: str) -> set[tuple[int, int, str]]:
        """(start, end, annotator) of the article's claims: a re-imported file without claim
        ids must not add the same claims twice."""
        rows = self._conn.execute(
            'SELECT start, "end", annotator FROM claims WHERE article_id = ?', (article_id,)
        )
        return {tuple(row) for row in rows}

    def _known_ids(self, ids: list[str]) -> set[str]:
        known: set[str] = set()
        for chunk in chunks(ids, 500):
            marks = ", ".join("?" * len(chunk))
            for table in ("claims", "deleted_claims"):
                rows = self._conn.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk)
                known.update(row[0] for row in rows)
        return known

    # -- helpers -------------------------------------------------------------------------

    def _changed(self, before: Claim, changes: dict) -> Claim:
        changes = dict(changes)
        if "speaker" in changes:
            changes["speaker"] = self._project.speakers.resolve_or_refuse(changes["speaker"])
        if "confidence" in changes:
            changes["confidence"] = self._project.settings.confidence_scale().code_for(
                changes["confidence"] or ""
            )
        for frozen in ("id", "article_id", "annotator", "created_at"):
            if frozen in changes and changes[frozen] != getattr(before, frozen):
                raise InvalidClaim(f"a claim's {frozen} cannot be changed")
        if "start" in changes or "end" in changes:
            text = self._project.articles.text(before.article_id)
            start, end = changes.get("start", before.start), changes.get("end", before.end)
            changes["quote"] = text[start:end] if 0 <= start <= end <= len(text) else ""
        return before.with_changes(updated_at=self._project.now_after(before.updated_at), **changes)

    def _write(self, before: Claim, after: Claim, *, by: str, action: str) -> None:
        self._validate(after, self._project.articles.text(after.article_id))
        self._project.log.record(
            who=by,
            action=action,
            entity="claim",
            entity_id=after.id,
            before=before.as_log_entry(),
            after=after.as_log_entry(),
        )
        self._update(after, expected=before.updated_at)

    def linkable(self, claims: list[Claim]) -> list[Claim]:
        """Claims in an order that inserts every corrected original before its correction;
        a `supersedes` link to a claim in neither the batch nor the project is dropped."""
        batch = {claim.id: claim for claim in claims}
        ordered: dict[str, Claim] = {}

        def place(claim: Claim, depth: int = 0) -> None:
            target = claim.supersedes
            if target and target not in batch and not self.exists(target):
                claim = replace(claim, supersedes=None)
            elif target in batch and target not in ordered and depth < len(batch):
                place(batch[target], depth + 1)
            ordered.setdefault(claim.id, claim)

        for claim in claims:
            place(claim)
        return list(ordered.values())

    def _delete_own(self, claim: Claim) -> None:
        """Delete a claim the core allowed to go. A team server's policy may still keep it (the
        DELETE then reaches no row): a reviewed claim stays there, for the review's sake."""
        before = self._conn.total_changes
        self._conn.execute("DELETE FROM claims WHERE id = ?", (claim.id,))
        if self._conn.total_changes > before:
            return
        if claim.status in REVIEWED_STATUSES:
            raise PermissionDenied(
                f"this claim was reviewed ({claim.status}): on a team project it stays; ask a reviewer "
                "to dispute it to reopen it"
            )
        raise PermissionDenied("the team server refused to delete this claim: someone changed it meanwhile")

    def _insert(self, claims: Iterable[Claim]) -> None:
        insert_rows(self._conn, _INSERT_MANY, [claim.as_row() for claim in claims], per_statement=400)

    def _update(self, claim: Claim, *, expected: str | None = None) -> None:
        """Write `claim` over its row; with `expected`, only while the row is still the version
        read (its updated_at): a change committed meanwhile by someone else is not overwritten."""
        row = claim.as_row()
        before = self._conn.total_changes
        if expected is None:
            self._conn.execute(_UPDATE, row[1:] + row[:1])
        else:
            self._conn.execute(_UPDATE + " AND updated_at = ?", [*row[1:], row[0], expected])
        if self._conn.total_changes > before:
            return
        current = self.get(claim.id)
        if expected is not None and current.updated_at != expected:
            raise ConflictingChange(self._changed_message(current))
        raise PermissionDenied("the team server refused to change this claim (its rules)")

    def _refuse_changed_since(self, current: Claim, since: str | None) -> None:
        if since is not None and current.updated_at != since:
            raise ConflictingChange(self._changed_message(current))

    def _changed_message(self, current: Claim) -> str:
        """'ben changed this claim at 12:03 UTC since you opened it', from the change log."""
        row = self._conn.execute(
            "SELECT who, at FROM change_log WHERE entity = 'claim' AND entity_id = ? "
            "ORDER BY seq DESC LIMIT 1",
            (current.id,),
        ).fetchone()
        who, at = row if row else ("someone", current.updated_at)
        return (
            f"{who} changed this claim at {at[11:16]} UTC since you opened it; your change was not "
            "saved. Look at their version, then make yours again."
        )

    def _validate(
        self, claim: Claim, text: str, *, line: int | None = None, speaker_required: bool | None = None
    ) -> None:
        if speaker_required is None:
            speaker_required = self._project.settings.speaker_required()
        try:
            validate_claim(claim, text, speaker_required=speaker_required)
        except InvalidClaim as error:
            if line is None:
                raise
            raise RejectedInput(str(error), line=line) from None


class _SpeakerLookups:
    """An import's speakers: each name as given resolved (or registered) once."""

    def __init__(self, speakers, by: str):
        self._speakers = speakers
        self._by = by
        self._canonical: dict[str | None, str | None] = {}

    def resolve(self, item: IncomingClaim) -> str | None:
        name = item.speaker
        try:
            return self._canonical[name]
        except KeyError:
            canonical = self._speakers.resolve_or_add(name, type=item.speaker_type, by=self._by)
            self._canonical[name] = canonical
            return canonical


class _ScaleCodes:
    """A confidence scale whose label -> code lookups are remembered for one import."""

    def __init__(self, scale):
        self.id = scale.id
        self._scale = scale
        self._codes: dict[str, str] = {}

    def code_for(self, code_or_label: str) -> str:
        code = self._codes.get(code_or_label)
        if code is None:
            code = self._codes[code_or_label] = self._scale.code_for(code_or_label)
        return code


def validate_claim(claim: Claim, text: str, *, speaker_required: bool = False) -> None:
    """Refuse a claim that breaks a data rule, with a message naming the rule."""
    where = f"claim at {claim.start}-{claim.end}"
    if not (0 <= claim.start < claim.end <= len(text)):
        raise InvalidClaim(f"{where}: offsets outside the article (text has {len(text)} characters)")
    if text[claim.start : claim.end] != claim.quote:
        raise InvalidClaim(
            f"{where}: quote {claim.quote!r} does not match the text there "
            f"({text[claim.start : claim.end]!r})"
        )
    if claim.status not in CLAIM_STATUSES:
        raise InvalidClaim(f"{where}: unknown status {claim.status!r}")
    _validate_fragments(claim.fragments, len(text), where)
    _validate_figure(claim.figure, where)
    if speaker_required and not claim.speaker and claim.status != "suggested":
        raise InvalidClaim(f"{where}: this project requires a speaker on every claim")


_SQLITE_INTEGERS = range(-(2**63), 2**63)


def _validate_fragments(fragments, length: int, where: str) -> None:
    for start, end in fragments:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
            raise InvalidClaim(f"{where}: fragment {start}-{end} is outside the article ({length} chars)")


def _finite(number) -> bool:
    """A number SQLite can store: a float that is finite, an integer that fits 64 bits."""
    if isinstance(number, int):
        return number in _SQLITE_INTEGERS
    return isinstance(number, float) and math.isfinite(number)


def _validate_figure(figure: Figure, where: str) -> None:
    if figure.qualifier and figure.qualifier not in QUALIFIERS:
        raise InvalidClaim(
            f"{where}: unknown qualifier {figure.qualifier!r} (use one of {', '.join(QUALIFIERS)})"
        )
    for name, number in (("value", figure.value), ("low", figure.low), ("high", figure.high)):
        if number is not None and not _finite(number):
            raise InvalidClaim(f"{where}: figure {name} must be a finite number, not {number!r}")
    if figure.low is not None and figure.high is not None and figure.low > figure.high:
        raise InvalidClaim(f"{where}: the figure's low ({figure.low:g}) is above its high ({figure.high:g})")


def _not_attached(item: IncomingClaim, claim_id: str) -> list[str]:
    """What a file carried for a claim already in the project: named, never attached to it."""
    carried = [f"{len(item.reviews)} review(s)"] * bool(item.reviews)
    carried += [f"{len(item.comments)} comment(s)"] * bool(item.comments)
    carried += [f"{len(item.history)} history entry(ies)"] * bool(item.history)
    if not carried:
        return []
    return [f"claim {claim_id} is already in the project: its {', '.join(carried)} in this file not attached"]


def _names_only(entry, claim_id: str) -> bool:
    """Whether a history entry is about `claim_id` itself (the claim, or its review or comment)."""
    if entry.entity == "claim":
        return entry.entity_id == claim_id
    if entry.entity in ("review", "comment"):
        return all(
            (state or {}).get("claim_id", claim_id) == claim_id for state in (entry.before, entry.after)
        )
    return False


def _refuse_others(claim: Claim, by: str) -> None:
    if not may_change(claim, by):
        raise PermissionDenied(
            f"this claim belongs to {claim.annotator}; {by} can change it only by reviewing it"
        )


def _refuse_reviewed(claim: Claim) -> None:
    """A reviewed claim is no longer its owner's to change: a reviewer disputes it to reopen it."""
    if claim.status in REVIEWED_STATUSES:
        raise PermissionDenied(
            f"this claim was reviewed ({claim.status}); ask a reviewer to dispute it to reopen it, "
            "or to correct it"
        )


def _refuse_rewrite(before: Claim, after: Claim) -> None:
    """What `put` may not do: change the owner (but of a suggestion), touch a reviewed claim,
    or give a status only a review gives."""
    suggestion = "suggested" in (before.status, after.status)
    if after.annotator != before.annotator and not suggestion:
        raise PermissionDenied(f"a claim's owner ({before.annotator}) cannot be changed")
    if before.status in REVIEWED_STATUSES and after != before:
        _refuse_reviewed(before)
    if after.status != before.status and after.status in (*REVIEWED_STATUSES, "disputed"):
        raise PermissionDenied(f"a claim moves from {before.status} to {after.status} only through a review")


def _refuse_unreviewed_move(claim: Claim, status: str) -> None:
    """Without a review a claim moves only as its owner moves it: submitted, taken back."""
    if status != claim.status and (claim.status, status) not in OWNER_MOVES:
        raise PermissionDenied(f"a claim moves from {claim.status} to {status} only through a review")


def _filters(*, prefix: str = "", annotator=None, status=None, article_id=None) -> tuple[str, list]:
    where, params = [], []
    for column, value in (("annotator", annotator), ("status", status), ("article_id", article_id)):
        if value:
            where.append(f"{prefix}{column} = ?")
            params.append(value)
    if not status:
        where.append(f"{prefix}status != 'suggested'")
    return ("WHERE " + " AND ".join(where)) if where else "", params


def _claim(row) -> Claim:
    return Claim.from_row(row)
