"""Label Studio JSON export: a list of tasks, each `data.text` with annotations and predictions.

Every `labels` result is a region and becomes a claim (its first label is the kind, `Claim`
= none). `choices`, `textarea` and `number` results attached to a region by its id fill the
field their control is named after (speaker, confidence, note, figure, value, ...); other
per-region results go into the note. Annotations become the annotator's claims,
predictions become suggestions (by the suggester). Offsets are code points (Label Studio since 1.4); a region
whose `text` matches only when counted in UTF-16 units, as older versions did, is read
that way. `.json` files are read as Label Studio exports unless another format is named.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

from annotator.core.errors import RejectedInput
from annotator.core.importers import register
from annotator.core.importers.plain import _read, first_line
from annotator.core.importers.spans import canonical_with_map, stable_id, utf16_span_to_code_points
from annotator.core.model import Figure, IncomingArticle, IncomingClaim
from annotator.core.store.suggestions import SUGGESTER
from annotator.core.text import MAX_COLLECTION_BYTES, decode_bytes, text_sha256

DEFAULT_LABEL = "Claim"
# Label Studio wants a member's e-mail in `completed_by`; names that are not e-mails get
# one in a reserved domain (RFC 2606) whose local part is the name, percent-encoded.
EMAIL_DOMAIN = "annotator.invalid"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PLAIN = "-_"
META_KEYS = ("title", "outlet", "author", "url", "published")
META_KEY = "annotator"  # task meta written by our export
# Control names (from_name, case-insensitive) that fill a claim field.
FIELD_CONTROLS = {
    "speaker": "speaker",
    "confidence": "confidence",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "figure": "figure",
    "figure_text": "figure",
    "value": "value",
    "low": "low",
    "high": "high",
    "qualifier": "qualifier",
    "unit": "unit",
    "measure": "measure",
    "period": "period",
    "outlet": "outlet",
    "status": "status",
    "fragments": "fragments",
}
_NUMBERS = ("value", "low", "high")


def parse_labelstudio(path: Path) -> Iterator[IncomingArticle]:
    """Every task of a Label Studio JSON export is one article."""
    content, _ = decode_bytes(_read(path), source=path.name, canonical=False, limit=MAX_COLLECTION_BYTES)
    for number, (task, line) in enumerate(located_items(content, source=path.name), start=1):
        try:
            yield article_from_task(task, source=path.name)
        except RejectedInput as error:
            raise RejectedInput(f"task {number}: {error.reason}", source=path.name, line=line) from None


def located_items(content: str, *, source: str) -> Iterator[tuple[object, int]]:
    """The items of a top-level JSON list (or one object), each with the line it starts on."""
    decoder = json.JSONDecoder()
    position = _skip_space(content, 0, source)
    if content.startswith("{", position):
        yield _decode(decoder, content, position, source)[0], _line(content, position)
        return
    if not content.startswith("[", position):
        raise RejectedInput("not a Label Studio export: expected a JSON list of tasks", source=source, line=1)
    position = _skip_space(content, position + 1, source)
    lines = _LineCounter(content)
    while not content.startswith("]", position):
        item, end = _decode(decoder, content, position, source)
        yield item, lines.at(position)
        position = _skip_space(content, end, source)
        if content.startswith(",", position):
            position = _skip_space(content, position + 1, source)
        elif not content.startswith("]", position):
            raise RejectedInput(
                "malformed JSON (expected ',' or ']')", source=source, line=_line(content, position)
            )
    if content[position + 1 :].strip():
        raise RejectedInput(
            "extra data after the list of tasks", source=source, line=_line(content, position)
        )


def _decode(decoder, content: str, position: int, source: str):
    try:
        return decoder.raw_decode(content, position)
    except json.JSONDecodeError as error:
        raise RejectedInput(f"malformed JSON ({error.msg})", source=source, line=error.lineno) from None
    except RecursionError:
        raise RejectedInput("JSON nested too deeply", source=source, line=_line(content, position)) from None


def _skip_space(content: str, position: int, source: str) -> int:
    while position < len(content) and content[position] in " \t\n\r":
        position += 1
    if position >= len(content):
        raise RejectedInput(
            "the JSON ends too early (truncated file?)", source=source, line=_line(content, position)
        )
    return position


def _line(content: str, position: int) -> int:
    return content.count("\n", 0, position) + 1


class _LineCounter:
    """Line numbers of increasing positions, counted once (a large export has many tasks)."""

    def __init__(self, content: str):
        self._content, self._position, self._line = content, 0, 1

    def at(self, position: int) -> int:
        self._line += self._content.count("\n", self._position, position)
        self._position = position
        return self._line


# -- one task ----------------------------------------------------------------------------


def article_from_task(task, *, source: str = "") -> IncomingArticle:
    """One Label Studio task as an article with its claims and suggestions."""
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise RejectedInput("not a Label Studio task (an object with 'data')")
    data = task["data"]
    raw = data.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise RejectedInput("'data.text' must be a non-empty string")
    reader = _TaskReader(raw, source, names=_annotator_names(task))
    for key, status in _PARTS:
        for index, annotation in enumerate(_list(task, key), start=1):
            reader.read_annotation(annotation, status=status, where=f"{key[:-1]} {index}")
    meta = {key: data[key] for key in META_KEYS if isinstance(data.get(key), str) and data[key]}
    return IncomingArticle(
        text=reader.text,
        title=meta.pop("title", "") or first_line(reader.text),
        source_name=source,
        claims=tuple(reader.claims),
        skipped=tuple(reader.skipped),
        events=_events(data),
        id=_article_id(data),
        **meta,
    )


# Label Studio's drafts (unsaved work) and our annotations both become draft claims.
_PARTS = (
    ("annotations", "draft"),
    ("completions", "draft"),
    ("drafts", "draft"),
    ("predictions", "suggested"),
)


def _events(data: dict) -> tuple[str, ...]:
    events = data.get("events") or []
    if isinstance(events, str):
        events = [events]
    if not isinstance(events, list) or not all(isinstance(event, str) for event in events):
        raise RejectedInput("'data.events' must be a list of event names")
    return tuple(events)


def _article_id(data: dict) -> str:
    value = data.get("article_id", "")
    if not isinstance(value, str):
        raise RejectedInput(f"'data.article_id' must be text, not {value!r}")
    return value


def _annotator_names(task: dict) -> dict[str, str]:
    """Our export's record of who made each annotation (task meta), by annotation id."""
    meta = task.get("meta")
    ours = meta.get(META_KEY, {}) if isinstance(meta, dict) else {}
    names = ours.get("annotators", {}) if isinstance(ours, dict) else None
    if not isinstance(names, dict) or not all(isinstance(n, str) for n in names.values()):
        raise RejectedInput(f"'meta.{META_KEY}.annotators' must map annotation ids to names")
    return names


def _list(container: dict, key: str) -> list:
    value = container.get(key) or []
    if not isinstance(value, list):
        raise RejectedInput(f"'{key}' must be a list")
    return value


class _TaskReader:
    """Collects the claims of one task's annotations and predictions."""

    def __init__(self, raw: str, source: str, *, names: dict[str, str]):
        self.raw, self.names = raw, names
        self.text, self.mapping = canonical_with_map(raw, source=source)
        self.digest = text_sha256(self.text)
        self.claims: list[IncomingClaim] = []
        self.skipped: list[str] = []

    def read_annotation(self, annotation, *, status: str, where: str) -> None:
        if isinstance(annotation, int) and not isinstance(annotation, bool):
            self.skipped.append(
                f"{where}: only its id {annotation} (use Label Studio's full export to keep it)"
            )
            return
        if not isinstance(annotation, dict):
            raise RejectedInput(f"{where} must be an object or an id")
        if annotation.get("was_cancelled"):
            self.skipped.append(f"{where}: cancelled (skipped) annotation")
            return
        results = _list(annotation, "result")
        regions = {}
        for index, result in enumerate(results, start=1):
            if not isinstance(result, dict) or not isinstance(result.get("value"), dict):
                raise RejectedInput(f"{where}, result {index}: must be an object with a 'value'")
            if result.get("type") == "labels":
                start, end, labels = self._region(result, f"{where}, result {index}")
                also = [f"also labelled {', '.join(labels[1:])}"] if len(labels) > 1 else []
                regions[result.get("id") or f"#{index}"] = ((start, end, labels[0]), {}, also)
        for index, result in enumerate(results, start=1):
            if result.get("type") != "labels":
                self._attach(result, regions, f"{where}, result {index}")
        context = {
            "status": status,
            "annotator": SUGGESTER if status == "suggested" else self._who(annotation),
            "created_at": _string(annotation.get("created_at")),
            "updated_at": _string(annotation.get("updated_at")),
        }
        self.claims += [
            self._claim(rid, *span, fields, notes, context) for rid, (span, fields, notes) in regions.items()
        ]

    def _who(self, annotation: dict) -> str:
        """Our export's name for this annotation (Label Studio keeps our id as `import_id`), else
        the e-mail or name Label Studio gives; a bare user id means the importing user."""
        ours = annotation.get("import_id", annotation.get("id"))
        if ours is not None and str(ours) in self.names:
            return self.names[str(ours)]
        return _who(annotation)

    def _region(self, result: dict, where: str) -> tuple[int, int, list[str]]:
        value = result["value"]
        start, end = value.get("start"), value.get("end")
        for name, offset in (("start", start), ("end", end)):
            if isinstance(offset, bool) or not isinstance(offset, int):
                raise RejectedInput(f"{where}: '{name}' must be an integer offset, not {offset!r}")
        labels = value.get("labels") or [DEFAULT_LABEL]
        if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
            raise RejectedInput(f"{where}: 'labels' must be a list of names")
        first, last = self._offsets(start, end, value.get("text"), where)
        return first, last, labels

    def _offsets(self, start: int, end: int, quote, where: str) -> tuple[int, int]:
        raw = self.raw
        if not 0 <= start < end:
            raise RejectedInput(f"{where}: offsets {start}-{end} are not a span of the text")
        points = (start, end) if end <= len(raw) else None
        if quote is not None and (points is None or raw[start:end] != quote):
            legacy = utf16_span_to_code_points(raw, start, end)
            points = legacy if legacy and raw[legacy[0] : legacy[1]] == quote else None
            if points is None:
                shown = raw[start:end] if end <= len(raw) else "(outside the text)"
                raise RejectedInput(
                    f"{where}: text {quote!r} differs from the task text at {start}-{end} ({shown!r})"
                )
        if points is None:
            raise RejectedInput(
                f"{where}: offsets {start}-{end} are outside the text ({len(raw)} characters)"
            )
        return (self.mapping[points[0]], self.mapping[points[1]]) if self.mapping else points

    def _attach(self, result: dict, regions: dict, where: str) -> None:
        kind, name = result.get("type", "?"), str(result.get("from_name", "?"))
        if kind == "relation":
            self.skipped.append(f"{where}: relation {result.get('from_id')} → {result.get('to_id')}")
            return
        if result.get("id") not in regions or kind not in ("choices", "textarea", "number"):
            self.skipped.append(f"{where}: {kind} result {name!r} not attached to a region")
            return
        _, fields, notes = regions[result["id"]]
        value = _result_value(result["value"], kind)
        field = FIELD_CONTROLS.get(name.strip().casefold())
        if field is None:
            notes.append(f"{name}: {value}")
        else:
            fields[field] = _field_value(field, value, where)

    def _claim(self, rid, start, end, label, fields, notes, context) -> IncomingClaim:
        note = "; ".join(([fields["note"]] if fields.get("note") else []) + notes)
        fragments = tuple(self._fragment(pair) for pair in fields.get("fragments", ()))
        return IncomingClaim(
            start=start,
            end=end,
            quote=self.text[start:end],
            speaker=fields.get("speaker") or None,
            figure=Figure(text=fields.get("figure", ""), **_figure_fields(fields)),
            confidence=fields.get("confidence", ""),
            note=note,
            annotator=context["annotator"],
            status=fields.get("status") or context["status"],
            id=rid
            if _is_uuid(rid)
            else stable_id("labelstudio", self.digest, start, end, label, context["annotator"]),
            created_at=context["created_at"],
            updated_at=context["updated_at"],
            kind="" if label == DEFAULT_LABEL else label,
            outlet=fields.get("outlet", ""),
            fragments=fragments,
        )

    def _fragment(self, pair: tuple[int, int]) -> tuple[int, int]:
        start, end = pair
        if not 0 <= start < end <= len(self.raw):
            raise RejectedInput(f"fragment {start}-{end} is outside the text")
        return (self.mapping[start], self.mapping[end]) if self.mapping else (start, end)


def _result_value(value: dict, kind: str) -> str | float:
    if kind == "number":
        return value.get("number")
    items = value.get("choices" if kind == "choices" else "text")
    if isinstance(items, str):
        return items
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        return ""
    return ", ".join(items) if kind == "choices" else "\n".join(items)


def _field_value(field: str, value, where: str):
    if field in _NUMBERS:
        return _number(value, field, where)
    if field == "fragments":
        return _fragments(value, where)
    if not isinstance(value, str):
        raise RejectedInput(f"{where}: '{field}' must be text, not {value!r}")
    return value


def _number(value, field: str, where: str) -> float | int | None:
    if isinstance(value, bool):
        raise RejectedInput(f"{where}: '{field}' must be a number, not {value!r}")
    if value is None or isinstance(value, int | float):
        return value
    text = str(value).strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise RejectedInput(f"{where}: '{field}' must be a number, not {value!r}") from None
    return int(number) if number.is_integer() and "." not in text else number


def _fragments(value, where: str) -> tuple[tuple[int, int], ...]:
    try:
        pairs = json.loads(value) if isinstance(value, str) else value
        return tuple((int(a), int(b)) for a, b in pairs)
    except (TypeError, ValueError):
        raise RejectedInput(f"{where}: 'fragments' must be [[start, end], ...]") from None


def _figure_fields(fields: dict) -> dict:
    names = ("value", "low", "high", "qualifier", "unit", "measure", "period")
    return {name: fields[name] for name in names if name in fields}


def _who(annotation: dict) -> str:
    """The annotator: an e-mail or name when the export carries one (a bare user id does not);
    a draft names its user by e-mail in `user`."""
    person = annotation.get("completed_by")
    if isinstance(person, dict):
        name = " ".join(_string(person.get(k)) for k in ("first_name", "last_name")).strip()
        return name_for(_string(person.get("email"))) or name
    return name_for(_string(annotation.get("user")))


def email_for(name: str) -> str:
    """The e-mail written for an annotator: the name itself when it is one, else NAME@annotator.invalid."""
    if _EMAIL.fullmatch(name):
        return name
    return f"{quote(name, safe=_PLAIN).replace('.', '%2E').replace('~', '%7E')}@{EMAIL_DOMAIN}"


def name_for(email: str) -> str:
    """The annotator an e-mail stands for (the inverse of `email_for`)."""
    local, _, domain = email.rpartition("@")
    return unquote(local) if domain.casefold() == EMAIL_DOMAIN and local else email


def _string(value) -> str:
    return value if isinstance(value, str) else ""


def _is_uuid(value) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


register(parse_labelstudio, suffixes=(".json",), name="labelstudio")
