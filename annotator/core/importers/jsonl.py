"""JSONL articles: one article per line, with its claims and their code point offsets.

Offsets are code points into `text` exactly as it appears in the file; they are mapped
onto the canonical text (only line breaks change) after each quote is checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.importers.plain import _read, first_line
from annotator.core.model import (
    ARTICLE_STATUSES,
    REVIEW_DECISIONS,
    ChangeLogEntry,
    Comment,
    Figure,
    IncomingArticle,
    IncomingClaim,
    Review,
)
from annotator.core.text import MAX_COLLECTION_BYTES, canonical_offset_map, canonical_text, decode_bytes

_ARTICLE_STRINGS = ("title", "outlet", "author", "url", "published", "published_raw", "status")
_CLAIM_STRINGS = (
    "speaker",
    "speaker_type",
    "supersedes",
    "confidence",
    "note",
    "annotator",
    "status",
    "id",
    "created_at",
    "updated_at",
    "kind",
    "outlet",
)
_FIGURE_STRINGS = ("text", "qualifier", "unit", "measure", "period")


def parse_jsonl(path: Path) -> Iterator[IncomingArticle]:
    """Every non-blank line is one article object."""
    yield from each_json_line(
        path, lambda record, number: article_from_json(record, source=path.name, line=number)
    )


def each_json_line(
    path: Path, article_from: Callable[[dict, int], IncomingArticle]
) -> Iterator[IncomingArticle]:
    """Every non-blank line of `path` as a JSON object made into an article by `article_from`
    (given the object and its line number); a rejection names the line it comes from."""
    content, _ = decode_bytes(_read(path), source=path.name, canonical=False, limit=MAX_COLLECTION_BYTES)
    for number, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            try:
                yield article_from(_load(line), number)
            except RejectedInput as error:
                if error.line is None:
                    raise RejectedInput(error.reason, source=path.name, line=number) from None
                raise


def _load(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise RejectedInput(f"malformed JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise RejectedInput("JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise RejectedInput("each line must be a JSON object")
    return record


def article_from_json(record: dict, *, source: str = "", line: int | None = None) -> IncomingArticle:
    """Build an IncomingArticle from one JSON object, checking every field's type."""
    raw_text = record.get("text")
    if not isinstance(raw_text, str) or not raw_text.strip():
        raise RejectedInput("'text' must be a non-empty string", source=source, line=line)
    text = canonical_text(raw_text, source=source)
    mapping = canonical_offset_map(raw_text) if len(text) != len(raw_text) else None
    claims = record.get("claims") or []
    if not isinstance(claims, list):
        raise RejectedInput("'claims' must be a list", source=source, line=line)
    strings = {key: _string(record, key, source, line) for key in _ARTICLE_STRINGS}
    strings["title"] = strings["title"] or first_line(text)
    if strings["status"] and strings["status"] not in ARTICLE_STATUSES:
        raise RejectedInput(f"unknown article status {strings['status']!r}", source=source, line=line)
    has_source = "source_name" in record  # our own export: keep the original file name
    strings["source_name"] = _string(record, "source_name", source, line) if has_source else source
    strings["encoding"] = _string(record, "encoding", source, line) or "utf-8"
    strings["status"] = strings["status"] or "not started"
    return IncomingArticle(
        text=text,
        claims=tuple(_claim(c, raw_text, text, mapping, i, source, line) for i, c in enumerate(claims)),
        events=_events(record, source, line),
        id=_string(record, "id", source, line),
        line=line,
        **strings,
    )


def _claim(data, raw_text, text, mapping, index, source, line) -> IncomingClaim:
    """One claim object as an IncomingClaim, every field's type and the span checked."""
    if type(data) is dict:
        plain = _plain_claim(data, raw_text, text, mapping)
        if plain is not None:
            return plain
    return _checked_claim(data, raw_text, text, mapping, index, source, line)


# What a claim usually carries: when any of these is present, `_checked_claim` reads it.
_RARE_CLAIM_KEYS = frozenset(("fragments", "reviews", "comments", "history"))
_NO_STRINGS = ("",) * len(_CLAIM_STRINGS)
_ONLY_TEXT = frozenset((str,))
# A figure's fields in Figure's order, what each is when missing, and the types they may have.
_FIGURE_FIELDS = ("text", "value", "low", "high", "qualifier", "unit", "measure", "period")
_FIGURE_MISSING = ("", None, None, None, "", "", "", "")
_NUMBER_TYPES = (int, float, type(None))
_USUAL_FIGURE_TYPES = frozenset(
    (str, value, low, high, str, str, str, str)
    for value in _NUMBER_TYPES
    for low in _NUMBER_TYPES
    for high in _NUMBER_TYPES
)


def _plain_claim(data: dict, raw_text, text, mapping) -> IncomingClaim | None:
    """The usual claim (integer offsets inside the text, its quote, string fields, a plain
    figure, no fragments or review trail) read in one pass, the same IncomingClaim as
    `_checked_claim` makes; None for anything else (a null field too), which
    `_checked_claim` then reads or refuses with its message."""
    start, end = data.get("start"), data.get("end")
    if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(raw_text):
        return None
    quote = raw_text[start:end]
    if data.get("quote", quote) != quote or not _RARE_CLAIM_KEYS.isdisjoint(data):
        return None
    strings = tuple(map(data.get, _CLAIM_STRINGS, _NO_STRINGS))
    if set(map(type, strings)) != _ONLY_TEXT:
        return None
    figure = data.get("figure")
    if figure is not None:
        figure = _plain_figure(figure)
        if figure is None:
            return None
    if mapping is not None:
        start, end = mapping[start], mapping[end]
    (speaker, speaker_type, supersedes, confidence, note, annotator, status) = strings[:7]
    (claim_id, created_at, updated_at, kind, outlet) = strings[7:]
    return IncomingClaim(
        start,
        end,
        text[start:end],
        speaker or None,
        figure or _NO_FIGURE,
        confidence,
        note,
        annotator,
        status or "draft",
        claim_id,
        created_at,
        updated_at,
        kind,
        outlet,
        (),
        supersedes or None,
        speaker_type,
    )


def _plain_figure(data) -> Figure | None:
    """A figure object of string and number fields as `_figure` reads it; None for anything
    else (`_figure` then names it)."""
    if type(data) is not dict:
        return None
    values = tuple(map(data.get, _FIGURE_FIELDS, _FIGURE_MISSING))
    if tuple(map(type, values)) not in _USUAL_FIGURE_TYPES:
        return None
    return Figure(*values)


def _checked_claim(data, raw_text, text, mapping, index, source, line) -> IncomingClaim:
    where = f"claim {index + 1}"
    if not isinstance(data, dict):
        raise RejectedInput(f"{where} must be a JSON object", source=source, line=line)
    start, end = _offset(data, "start", where, source, line), _offset(data, "end", where, source, line)
    if not 0 <= start < end <= len(raw_text):
        raise RejectedInput(
            f"{where}: offsets {start}-{end} are outside the text ({len(raw_text)} code points)",
            source=source,
            line=line,
        )
    quote = data.get("quote", raw_text[start:end])
    if quote != raw_text[start:end]:
        raise RejectedInput(
            f"{where}: quote {quote!r} differs from the text at {start}-{end} ({raw_text[start:end]!r})",
            source=source,
            line=line,
        )
    if mapping is not None:
        start, end = mapping[start], mapping[end]
    strings = _strings(data, _CLAIM_STRINGS, source, line, where)
    return IncomingClaim(
        start=start,
        end=end,
        quote=text[start:end],
        speaker=strings.pop("speaker") or None,
        figure=_figure(data.get("figure"), where, source, line),
        fragments=_fragments(data.get("fragments"), mapping, len(raw_text), where, source, line),
        supersedes=strings.pop("supersedes") or None,
        **_review_trail(data, where, source, line),
        **{**strings, "status": strings["status"] or "draft"},
    )


def _review_trail(data, where, source, line) -> dict[str, tuple]:
    """A claim's reviews, comments and history, when it carries any (most claims do not)."""
    if not (data.get("reviews") or data.get("comments") or data.get("history")):
        return {}
    return {
        "reviews": tuple(
            _review(r, f"{where}, review {i + 1}", source, line) for i, r in _items(data, "reviews")
        ),
        "comments": tuple(
            _comment(c, f"{where}, comment {i + 1}", source, line) for i, c in _items(data, "comments")
        ),
        "history": tuple(
            _history(h, f"{where}, history {i + 1}", source, line) for i, h in _items(data, "history")
        ),
    }


def _items(data: dict, key: str):
    items = data.get(key)
    if not items:
        return ()
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise RejectedInput(f"'{key}' must be a list of objects")
    return enumerate(items)


def _required(data, key, where, source, line) -> str:
    value = _string(data, key, source, line, where)
    if not value:
        raise RejectedInput(f"{where}: '{key}' is required", source=source, line=line)
    return value


def _review(data, where, source, line) -> Review:
    decision = _required(data, "decision", where, source, line)
    if decision not in REVIEW_DECISIONS:
        raise RejectedInput(f"{where}: unknown decision {decision!r}", source=source, line=line)
    return Review(
        id=_required(data, "id", where, source, line),
        claim_id="",
        reviewer=_required(data, "reviewer", where, source, line),
        decision=decision,
        comment=_string(data, "comment", source, line, where),
        corrected_claim_id=_string(data, "corrected_claim_id", source, line, where) or None,
        created_at=_required(data, "created_at", where, source, line),
    )


def _comment(data, where, source, line) -> Comment:
    return Comment(
        id=_required(data, "id", where, source, line),
        claim_id="",
        author=_required(data, "author", where, source, line),
        body=_required(data, "body", where, source, line),
        created_at=_required(data, "created_at", where, source, line),
    )


def _history(data, where, source, line) -> ChangeLogEntry:
    states = {}
    for key in ("before", "after"):
        value = data.get(key)
        if value is not None and not isinstance(value, dict):
            raise RejectedInput(f"{where}: '{key}' must be an object or null", source=source, line=line)
        states[key] = value
    return ChangeLogEntry(
        seq=0,
        at=_required(data, "at", where, source, line),
        who=_string(data, "who", source, line, where),
        action=_required(data, "action", where, source, line),
        entity=_required(data, "entity", where, source, line),
        entity_id=_required(data, "entity_id", where, source, line),
        **states,
    )


def _figure(data, where, source, line) -> Figure:
    if data is None:
        return _NO_FIGURE
    if not isinstance(data, dict):
        raise RejectedInput(f"{where}: 'figure' must be an object", source=source, line=line)
    strings = _strings(data, _FIGURE_STRINGS, source, line, where)
    return Figure(
        strings["text"],
        _number(data, "value", where, source, line),
        _number(data, "low", where, source, line),
        _number(data, "high", where, source, line),
        strings["qualifier"],
        strings["unit"],
        strings["measure"],
        strings["period"],
    )


_NO_FIGURE = Figure()


def _fragments(data, mapping, length, where, source, line) -> tuple[tuple[int, int], ...]:
    if not data:
        return ()
    try:
        pairs = tuple((int(a), int(b)) for a, b in data)
    except (TypeError, ValueError):
        raise RejectedInput(
            f"{where}: 'fragments' must be [start, end] pairs", source=source, line=line
        ) from None
    for a, b in pairs:
        if not 0 <= a < b <= length:
            raise RejectedInput(
                f"{where}: fragment {a}-{b} is outside the text ({length} code points)",
                source=source,
                line=line,
            )
    if mapping is not None:
        pairs = tuple((mapping[a], mapping[b]) for a, b in pairs)
    return pairs


def _events(record, source, line) -> tuple[str, ...]:
    events = record.get("events") or []
    if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
        raise RejectedInput("'events' must be a list of names", source=source, line=line)
    return tuple(events)


def _offset(data, key, where, source, line) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RejectedInput(
            f"{where}: '{key}' must be an integer offset, not {value!r}", source=source, line=line
        )
    return value


def _number(data, key, where, source, line) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RejectedInput(
            f"{where}: figure '{key}' must be a number, not {value!r}", source=source, line=line
        )
    return value


def _strings(data: dict, keys: tuple[str, ...], source, line, where: str) -> dict[str, str]:
    """The string fields `keys` of `data` ("" when missing); a non-string is an error."""
    values = {}
    for key in keys:
        value = data.get(key)
        if type(value) is str:
            values[key] = value
        elif value is None:
            values[key] = ""
        else:
            return {key: _string(data, key, source, line, where) for key in keys}  # names the culprit
    return values


def _string(data, key, source, line, where: str = "") -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        prefix = f"{where}: " if where else ""
        raise RejectedInput(f"{prefix}'{key}' must be a string, not {value!r}", source=source, line=line)
    return value


register(parse_jsonl, suffixes=(".jsonl", ".ndjson"), name="jsonl")
