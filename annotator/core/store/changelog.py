"""The append-only change log, written in the same transaction as each change.

On a project file the store writes each entry. On a team project the server's triggers
write them (a client that skips Annotator cannot skip the log), so `record` only checks
who acts and names the action for the statements that follow: callers record a change
just before they make it. The server's entries hold whole rows, which reading turns
into the shapes a file's entries have (`as_log_entry` for a claim).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import fields
from json.encoder import encode_basestring
from operator import attrgetter
from typing import TYPE_CHECKING

from annotator.core import model
from annotator.core.model import CLAIM_COLUMNS, Claim, Figure
from annotator.core.store.connection import insert_rows

if TYPE_CHECKING:
    from annotator.core.review_records import ChangeLogEntry


class ChangeLog:
    """Who changed what, when, from what to what."""

    def __init__(self, project):
        self._project = project

    def record(
        self,
        *,
        who: str,
        action: str,
        entity: str,
        entity_id: str,
        before: dict | None = None,
        after: dict | None = None,
    ) -> None:
        """Append one entry; callers are already inside the change's transaction, and call it
        just before they make the change (on a team project it names the change to come)."""
        if self._project.dialect.log_by_trigger:
            self._name_action(who, action, entity)
            return
        self._project.db.sql.execute(
            "INSERT INTO change_log (at, who, action, entity, entity_id, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self._project.now(), who, action, entity, entity_id, _dump(before), _dump(after)),
        )

    def record_many(self, entries: Iterable[tuple]) -> None:
        """Append (who, action, entity, entity_id, before, after) tuples, many to a statement;
        a state is a dict, or a claim's already written out by `claim_state`."""
        if self._project.dialect.log_by_trigger:
            named = {(who, action, entity) for who, action, entity, *_ in entries}
            for who, action, entity in named:
                self._name_action(who, action, entity)
            return
        at = self._project.now()
        insert_rows(
            self._project.db.sql,
            "INSERT INTO change_log (at, who, action, entity, entity_id, before, after) VALUES ",
            [
                (at, who, action, entity, eid, _dump(b), _dump(a))
                for who, action, entity, eid, b, a in entries
            ],
            per_statement=400,
        )

    def name_action(self, who: str, action: str, *, entities: tuple[str, ...] = ()) -> None:
        """Name a whole user action on a team project before its first write (a merge: its
        writes are logged as it goes, not at its end); nothing to do on a file."""
        if not self._project.dialect.log_by_trigger:
            return
        for entity in entities:
            self._name_action(who, action, entity)

    def _name_action(self, who: str, action: str, entity: str) -> None:
        """Name the change about to be made to `entity` (and to anything else not named)."""
        self._project.act_as(who)
        self._project.db.sql.execute(
            "SELECT set_config('annotator.action', ?, true), set_config(?, ?, true)",
            (action, f"annotator.action_{entity}", action),
        )

    def history(self, entity: str | None = None, entity_id: str | None = None) -> list[ChangeLogEntry]:
        """Entries oldest first, optionally for one entity."""
        where, params = [], []
        if entity:
            where.append("entity = ?")
            params.append(entity)
        if entity_id:
            where.append("entity_id = ?")
            params.append(entity_id)
        sql = f"SELECT {_ENTRY_COLUMNS} FROM change_log"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._project.db.sql.execute(sql + " ORDER BY seq", params).fetchall()
        return [_entry(row) for row in rows]

    def first_entry(self, entity: str, entity_id: str) -> ChangeLogEntry | None:
        """The oldest entry about one entity (a review's: the one written with it), or None."""
        row = self._project.db.sql.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM change_log WHERE entity = ? AND entity_id = ? "
            "ORDER BY seq LIMIT 1",
            (entity, entity_id),
        ).fetchone()
        return None if row is None else _entry(row)

    def entries_by(self, who: str, *, after_seq: int, limit: int) -> list[ChangeLogEntry]:
        """`who`'s next `limit` entries after `after_seq`, oldest first: what one action of
        theirs wrote (a person's own transactions follow one another)."""
        rows = self._project.db.sql.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM change_log WHERE who = ? AND seq > ? ORDER BY seq LIMIT ?",
            (who, after_seq, limit),
        ).fetchall()
        return [_entry(row) for row in rows]

    def claim_history(self, claim_id: str) -> list[ChangeLogEntry]:
        """Everything that happened to one claim: its edits, reviews and comments, oldest first."""
        return self.claim_histories([claim_id]).get(claim_id, [])

    def claim_histories(self, claim_ids: Iterable[str] | None = None) -> dict[str, list[ChangeLogEntry]]:
        """Histories of many claims at once (all claims when `claim_ids` is None), in time order:
        entries carried in by a merge or an import fall in place among ours."""
        wanted = None if claim_ids is None else set(claim_ids)
        rows = self._project.db.sql.execute(
            f"SELECT {_ENTRY_COLUMNS}, "
            "CASE WHEN entity = 'claim' THEN entity_id "
            "ELSE json_extract(coalesce(after, before), '$.claim_id') END AS claim_id "
            "FROM change_log WHERE entity IN ('claim', 'review', 'comment') ORDER BY at, seq"
        )
        histories: dict[str, list[ChangeLogEntry]] = {}
        for *row, claim_id in rows:
            if wanted is None or claim_id in wanted:
                histories.setdefault(claim_id, []).append(_entry(row))
        return histories

    def claim_states(self, claim_ids: Iterable[str]) -> dict[str, list[dict]]:
        """Every state the log saw each claim in (befores and afters), for merges' ancestry."""
        states: dict[str, list[dict]] = {}
        ids = list(claim_ids)
        for index in range(0, len(ids), 500):
            chunk = ids[index : index + 500]
            rows = self._project.db.sql.execute(
                "SELECT entity_id, before, after FROM change_log WHERE entity = 'claim' "
                f"AND entity_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for claim_id, before, after in rows:
                found = states.setdefault(claim_id, [])
                found += [_claim_as_logged(json.loads(state)) for state in (before, after) if state]
        return states

    def append_entries(self, entries: Iterable[ChangeLogEntry], *, source: str) -> int:
        """Append entries carried in from the file `source` as written (times and people kept),
        marked as imported from it: they are that file's account, not this project's.
        Entries already in the log are skipped. Return how many were appended."""
        conn = self._project.db.sql
        appended = 0
        for e in entries:
            row = (e.at, e.who, e.action, e.entity, e.entity_id, _dump(e.before), _dump(e.after))
            duplicate = conn.execute(
                "SELECT 1 FROM change_log WHERE at = ? AND who = ? AND action = ? AND entity = ? "
                "AND entity_id = ? AND before IS ? AND after IS ?",
                row,
            ).fetchone()
            if duplicate is None:
                conn.execute(
                    "INSERT INTO change_log (at, who, action, entity, entity_id, before, after, "
                    "imported_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (*row, e.imported_from or source or "another file"),
                )
                appended += 1
        return appended

    def count(self) -> int:
        """Number of entries."""
        return self._project.db.sql.execute("SELECT count(*) FROM change_log").fetchone()[0]


_ENTRY_COLUMNS = "seq, at, who, action, entity, entity_id, before, after, imported_from"

# json.dumps with these options builds a new encoder each call: a tenth of a large import's time.
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _dump(value: dict | str | None) -> str | None:
    if value is None or type(value) is str:  # a str is a state claim_state wrote already
        return value
    return _ENCODE(value)


def claim_state(claim: Claim) -> str:
    """`_dump(claim.as_log_entry())`, the same text, written through a template: the general
    encoder (a dict per claim, its keys sorted) took a tenth of a 100,000-claim import."""
    try:
        return _usual_claim_state(claim)
    except TypeError:  # a field of another type than usual (a number as text...)
        return _any_claim_state(claim)


def _usual_claim_state(claim: Claim) -> str:
    """`claim_state` of a claim whose text fields are text and offsets integers, each value
    written by a C call (a TypeError otherwise); the keys in _CLAIM_KEYS' order."""
    values = _CLAIM_VALUES_SORTED(claim)
    (
        annotator,
        article_id,
        confidence,
        confidence_scale,
        created_at,
        end,
        figure,
        fragments,
        id_,
        kind,
        note,
        outlet,
        quote,
        speaker,
        start,
        status,
        supersedes,
        updated_at,
    ) = values
    if type(start) is not int or type(end) is not int:
        raise TypeError("offsets that are not integers")
    escaped = encode_basestring
    return _CLAIM_TEMPLATE % (
        escaped(annotator),
        escaped(article_id),
        escaped(confidence),
        escaped(confidence_scale),
        escaped(created_at),
        int.__repr__(end),
        _usual_figure_state(figure),
        _ENCODE([list(pair) for pair in fragments]) if fragments else "[]",
        escaped(id_),
        escaped(kind),
        escaped(note),
        escaped(outlet),
        escaped(quote),
        "null" if speaker is None else escaped(speaker),
        int.__repr__(start),
        escaped(status),
        "null" if supersedes is None else escaped(supersedes),
        escaped(updated_at),
    )


def _usual_figure_state(figure: Figure) -> str:
    high, low, measure, period, qualifier, text, unit, value = _FIGURE_VALUES(figure)
    escaped = encode_basestring
    return _FIGURE_TEMPLATE % (
        "null" if high is None else _json_value(high),
        "null" if low is None else _json_value(low),
        escaped(measure),
        escaped(period),
        escaped(qualifier),
        escaped(text),
        escaped(unit),
        "null" if value is None else _json_value(value),
    )


def _any_claim_state(claim: Claim) -> str:
    """`claim_state` for a claim of any field types: each value as the encoder writes it."""
    values = [_json_value(value) for value in _CLAIM_SCALARS(claim)]
    figure = _FIGURE_TEMPLATE % tuple(_json_value(value) for value in _FIGURE_VALUES(claim.figure))
    fragments = _ENCODE([list(pair) for pair in claim.fragments]) if claim.fragments else "[]"
    values[_FIGURE_AT:_FIGURE_AT] = (figure, fragments)
    return _CLAIM_TEMPLATE % tuple(values)


def _json_value(value) -> str:
    """One value as json.dumps writes it (strings unescaped beyond JSON's need, as _ENCODE)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return _ENCODE(value)  # anything rarer (NaN, a bool, a subclass): the encoder itself


# as_log_entry's keys in sorted order; "figure" and then "fragments" are the nested ones.
_CLAIM_KEYS = sorted(f.name for f in fields(Claim))
_FIGURE_KEYS = sorted(f.name for f in fields(Figure))
_FIGURE_AT = _CLAIM_KEYS.index("figure")
assert _CLAIM_KEYS[_FIGURE_AT + 1] == "fragments"
_CLAIM_SCALARS = attrgetter(*(key for key in _CLAIM_KEYS if key not in ("figure", "fragments")))
_FIGURE_VALUES = attrgetter(*_FIGURE_KEYS)
_CLAIM_TEMPLATE = "{" + ", ".join(f"{encode_basestring(key)}: %s" for key in _CLAIM_KEYS) + "}"
_FIGURE_TEMPLATE = "{" + ", ".join(f"{encode_basestring(key)}: %s" for key in _FIGURE_KEYS) + "}"

# _usual_claim_state and _usual_figure_state name the keys in this order.
assert _CLAIM_KEYS == [
    *("annotator", "article_id", "confidence", "confidence_scale", "created_at", "end", "figure"),
    *("fragments", "id", "kind", "note", "outlet", "quote", "speaker", "start", "status"),
    *("supersedes", "updated_at"),
], _CLAIM_KEYS
assert _FIGURE_KEYS == ["high", "low", "measure", "period", "qualifier", "text", "unit", "value"]
_CLAIM_VALUES_SORTED = attrgetter(*_CLAIM_KEYS)


def _entry(row) -> ChangeLogEntry:
    seq, at, who, action, entity, entity_id, before, after, imported_from = row
    shape = _claim_as_logged if entity == "claim" else _as_is
    return model.ChangeLogEntry(  # made when history is first read (core.review_records)
        seq=seq,
        at=at,
        who=who,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=shape(json.loads(before)) if before else None,
        after=shape(json.loads(after)) if after else None,
        imported_from=imported_from,
    )


def _as_is(state: dict) -> dict:
    return state


def _claim_as_logged(state: dict) -> dict:
    """A claim as the log keeps it: a server's whole row (its columns) in `as_log_entry`'s shape."""
    if "figure_text" not in state:
        return state
    return Claim.from_row([state.get(column) for column in CLAIM_COLUMNS]).as_log_entry()


def claim_from_log(state: dict) -> Claim:
    """The claim a log entry's state holds (`as_log_entry`'s shape, as `_entry` reads it)."""
    values = dict(state)
    values["figure"] = Figure(**values["figure"])
    values["fragments"] = tuple(tuple(pair) for pair in values["fragments"])
    return Claim(**values)
