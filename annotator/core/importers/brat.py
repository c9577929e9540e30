"""brat standoff: NAME.ann beside NAME.txt; each text-bound annotation (T line) becomes a claim.

Offsets are code points into NAME.txt as it is on disk (brat 1.3 counts a CRLF as two);
they are mapped onto the canonical text. A file written by a brat that read the text with
universal newlines (CRLF counted once) is recognised when, and only when, every T line's
text matches under that reading. Attributes named speaker, confidence, measure or
qualifier fill those fields; other attributes, notes, normalisations and relations go into
the claim's note; events and equivalences are reported as not kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import RejectedInput
from annotator.core.importers import register, register_companion_rule
from annotator.core.importers.plain import _read, first_line
from annotator.core.importers.spans import canonical_with_map, stable_id
from annotator.core.model import FIGURE_FIELDS, QUALIFIERS, Figure, IncomingArticle, IncomingClaim
from annotator.core.text import MAX_ARTICLE_BYTES, text_sha256

DEFAULT_TYPE = "Claim"
DISCONTINUOUS_SEPARATOR = " "  # brat joins the texts of a discontinuous span with one space
CONFIG_FILES = ("annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf")
# The structured AnnotatorNotes our export writes: claim fields brat has no place for.
NOTE_KEYS = (
    "id",
    "speaker",
    "figure",
    "value",
    "low",
    "high",
    "unit",
    "measure",
    "period",
    "outlet",
    "status",
    "annotator",
    "note",
    "created_at",
    "updated_at",
)
_NUMBER_KEYS = ("value", "low", "high")
# What an attribute value cannot hold: the .ann line's separators and annotation.conf's.
_NOT_IN_A_VALUE = re.compile(r"[\s,|<>]+")


def brat_value(text: str) -> str:
    """An attribute value brat can store and declare: separators become `_` ("at least" → "at_least")."""
    return _NOT_IN_A_VALUE.sub("_", text.strip())


@dataclass
class _TextBound:
    id: str
    type: str
    spans: list[tuple[int, int]]
    text: str
    line: int
    fields: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    speaker_attribute: str = ""


@dataclass
class _Document:
    textbounds: dict[str, _TextBound] = field(default_factory=dict)
    others: dict[str, str] = field(default_factory=dict)  # id -> kind of annotation
    links: list[tuple[int, str, str, list[str]]] = field(default_factory=list)  # line, prefix, body, refs
    skipped: list[str] = field(default_factory=list)


def parse_brat(path: Path) -> Iterator[IncomingArticle]:
    """Read NAME.ann and the NAME.txt beside it as one article with its claims."""
    if path.suffix.lower() != ".ann":
        raise RejectedInput(
            "brat annotations are read from NAME.ann (with NAME.txt beside it)", source=path.name
        )
    text_path = path.with_suffix(".txt")
    raw = _read_utf8(text_path)
    document = _read_document(_read_utf8(path), source=path.name)
    text, mapping = _reading_for(raw, document, source=path.name, text_name=text_path.name)
    _attach(document, source=path.name)
    digest = text_sha256(text)
    claims = tuple(_claim(tb, text, mapping, digest) for tb in document.textbounds.values())
    yield IncomingArticle(
        text=text,
        title=first_line(text),
        source_name=text_path.name,
        claims=claims,
        skipped=tuple(document.skipped),
    )


def _read_utf8(path: Path) -> str:
    if not path.is_file():
        raise RejectedInput(f"{path.name} is missing (brat keeps NAME.txt beside NAME.ann)", source=path.name)
    data = _read(path)
    if len(data) > MAX_ARTICLE_BYTES:
        raise RejectedInput(
            f"file is larger than the {MAX_ARTICLE_BYTES // 2**20} MB limit", source=path.name
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RejectedInput(f"not UTF-8 (brat files are UTF-8): {error.reason}", source=path.name) from None


# -- reading the .ann lines --------------------------------------------------------------


def _read_document(content: str, *, source: str) -> _Document:
    document = _Document()
    for number, line in enumerate(content.removeprefix("\ufeff").split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            _read_line(document, line, number, source)
    return document


def _read_line(document: _Document, line: str, number: int, source: str) -> None:
    ann_id, tab, rest = line.partition("\t")
    if not tab or not ann_id:
        raise RejectedInput("not a brat annotation line (ID, tab, annotation)", source=source, line=number)
    prefix = ann_id[0]
    if prefix not in "TAMNRE#*":
        raise RejectedInput(f"unknown annotation id {ann_id!r}", source=source, line=number)
    if prefix != "*" and (ann_id in document.textbounds or ann_id in document.others):
        raise RejectedInput(f"annotation id {ann_id} is used twice", source=source, line=number)
    if prefix == "T":
        document.textbounds[ann_id] = _textbound(ann_id, rest, number, source)
        return
    body, _, tail = rest.partition("\t")
    refs = _references(prefix, body, number, source)
    if prefix != "*":
        document.others[ann_id] = prefix
    document.links.append((number, ann_id, body + (f"\t{tail}" if tail else ""), refs))


def _textbound(ann_id: str, rest: str, number: int, source: str) -> _TextBound:
    data, _, text = rest.partition("\t")
    kind, _, offsets = data.partition(" ")
    try:
        spans = [_span(part) for part in offsets.split(";")]
    except ValueError:
        raise RejectedInput(
            f"{ann_id}: offsets must be 'START END' pairs separated by ';', not {offsets!r}",
            source=source,
            line=number,
        ) from None
    if not kind:
        raise RejectedInput(f"{ann_id} has no type", source=source, line=number)
    return _TextBound(ann_id, kind, spans, text, number)


def _span(part: str) -> tuple[int, int]:
    start, end = part.split()
    return int(start), int(end)


def _references(prefix: str, body: str, number: int, source: str) -> list[str]:
    """The ids a non-text-bound line points at."""
    words = body.split()
    if prefix in "AM#N":
        if len(words) < 2:
            raise RejectedInput("expected 'TYPE TARGET ...'", source=source, line=number)
        return [words[1]]
    if prefix == "R":
        args = [word.partition(":")[2] for word in words[1:]]
        if len(args) != 2 or not all(args):
            raise RejectedInput("a relation needs 'TYPE Arg1:ID Arg2:ID'", source=source, line=number)
        return args
    if prefix == "E":
        refs = [word.partition(":")[2] for word in words]
        if not words or not all(refs):
            raise RejectedInput("an event needs 'TYPE:TRIGGER ROLE:ID ...'", source=source, line=number)
        return refs
    return words[1:]  # '*' equivalence: TYPE ID ID ...


# -- offsets: the text as on disk, or as read with universal newlines ---------------------


def _reading_for(raw: str, document: _Document, *, source: str, text_name: str):
    """(canonical text, offset map or None) for the reading under which every T line matches."""
    readings = [raw]
    universal = raw.replace("\r\n", "\n").replace("\r", "\n")
    if universal != raw:
        readings.append(universal)
    first_problem = None
    for reading in readings:
        problem = _first_mismatch(reading, document, source, text_name)
        if problem is None:
            return _canonical(reading, source=text_name)
        first_problem = first_problem or problem
    raise first_problem


def _first_mismatch(reading: str, document: _Document, source: str, text_name: str) -> RejectedInput | None:
    for tb in document.textbounds.values():
        for start, end in tb.spans:
            if not 0 <= start < end <= len(reading):
                return RejectedInput(
                    f"{tb.id}: offsets {start}-{end} are outside {text_name} ({len(reading)} characters)",
                    source=source,
                    line=tb.line,
                )
        expected = DISCONTINUOUS_SEPARATOR.join(reading[start:end] for start, end in tb.spans)
        if tb.text != expected:
            spans = ";".join(f"{start} {end}" for start, end in tb.spans)
            return RejectedInput(
                f"{tb.id}: text {tb.text!r} differs from {text_name} at {spans} ({expected!r})",
                source=source,
                line=tb.line,
            )
    return None


def _canonical(reading: str, *, source: str) -> tuple[str, list[int] | None]:
    return canonical_with_map(reading, source=source)


# -- attributes, notes, normalisations, relations ----------------------------------------


def _attach(document: _Document, *, source: str) -> None:
    for number, ann_id, body, refs in document.links:
        for ref in refs:
            if ref not in document.textbounds and ref not in document.others:
                raise RejectedInput(f"{ann_id} refers to unknown id {ref!r}", source=source, line=number)
        prefix = ann_id[0]
        if prefix in "E*" or not all(ref in document.textbounds for ref in refs):
            document.skipped.append(f"{ann_id} (line {number}): {_describe(prefix)} {body.split()[0]}")
        elif prefix in "AM":
            _attribute(document.textbounds[refs[0]], body.split())
        elif prefix == "#":
            _comment(document.textbounds[refs[0]], body, number, source)
        elif prefix == "N":
            document.textbounds[refs[0]].notes.append(_normalisation(body))
        elif prefix == "R":
            _relation(document, body, refs)


def _describe(prefix: str) -> str:
    return {"E": "event", "*": "equivalence", "R": "relation", "A": "attribute", "M": "attribute"}.get(
        prefix, "annotation"
    )


def _attribute(tb: _TextBound, words: list[str]) -> None:
    name, value = words[0], " ".join(words[2:])
    key = name.casefold()
    if value and key == "speaker":
        tb.speaker_attribute = value
    elif value and key in ("confidence", "measure"):
        tb.fields[key] = value
    elif value and key == "qualifier" and value.replace("_", " ") in QUALIFIERS:
        tb.fields["qualifier"] = value.replace("_", " ")
    else:
        tb.notes.append(f"{name}={value}" if value else name)


def _comment(tb: _TextBound, body: str, number: int, source: str) -> None:
    head, _, text = body.partition("\t")
    kind = head.split()[0]
    structured = _structured_note(text, number, source) if kind == "AnnotatorNotes" else None
    if structured is not None:
        tb.fields.update(structured)
    elif text.strip():
        tb.notes.append(text.strip() if kind == "AnnotatorNotes" else f"{kind}: {text.strip()}")


def _structured_note(text: str, number: int, source: str) -> dict | None:
    """Our export's JSON note, or None when the note is a person's free text."""
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not data or not set(data) <= set(NOTE_KEYS):
        return None
    for key, value in data.items():
        wanted = (int, float) if key in _NUMBER_KEYS else (str,)
        if isinstance(value, bool) or not isinstance(value, wanted):
            raise RejectedInput(
                f"note field {key!r} has the wrong type: {value!r}", source=source, line=number
            )
    return data


def _normalisation(body: str) -> str:
    head, _, text = body.partition("\t")
    words = head.split()
    reference = " ".join(words[:1] + words[2:])
    return f"{reference} ({text.strip()})" if text.strip() else reference


def _relation(document: _Document, body: str, refs: list[str]) -> None:
    kind = body.split()[0]
    first, second = (document.textbounds[ref] for ref in refs)
    first.notes.append(f"{kind} → {second.id} {second.text!r}")
    second.notes.append(f"{kind} ← {first.id} {first.text!r}")


# -- building claims ---------------------------------------------------------------------


def _claim(tb: _TextBound, text: str, mapping: list[int] | None, digest: str) -> IncomingClaim:
    spans = sorted((mapping[s], mapping[e]) if mapping else (s, e) for s, e in tb.spans)
    fragments = merged_fragments(spans, text)
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    fields = tb.fields
    notes = ([fields["note"]] if fields.get("note") else []) + tb.notes
    return IncomingClaim(
        start=start,
        end=end,
        quote=text[start:end],
        speaker=_speaker(tb) or None,
        figure=_figure(fields),
        confidence=fields.get("confidence", ""),
        note="; ".join(notes),
        annotator=fields.get("annotator", ""),
        status=fields.get("status", "") or "draft",
        id=fields.get("id") or _stable_id(digest, tb),
        created_at=fields.get("created_at", ""),
        updated_at=fields.get("updated_at", ""),
        kind="" if tb.type == DEFAULT_TYPE else tb.type,
        outlet=fields.get("outlet", ""),
        fragments=fragments,
    )


def _speaker(tb: _TextBound) -> str:
    """The Speaker attribute; the note's exact name when the attribute is that name's brat form
    (so an attribute changed in brat wins over the note written by our export)."""
    noted = tb.fields.get("speaker", "")
    if not tb.speaker_attribute or brat_value(noted) == tb.speaker_attribute:
        return noted
    return tb.speaker_attribute


def _figure(fields: dict) -> Figure:
    values = {name: fields[name] for name in FIGURE_FIELDS if name != "text" and name in fields}
    return Figure(text=fields.get("figure", ""), **values)


def merged_fragments(spans: list[tuple[int, int]], text: str) -> tuple[tuple[int, int], ...]:
    """The fragments of a span, with pieces split only at line breaks joined back (brat splits
    spans at line breaks); a span that is continuous after joining has no fragments."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start >= merged[-1][1] and set(text[merged[-1][1] : start]) <= {"\n"}:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged) if len(merged) > 1 else ()


def _stable_id(digest: str, tb: _TextBound) -> str:
    return stable_id("brat", digest, tb.type, tb.spans)


def is_brat_companion(path: Path) -> bool:
    """NAME.txt beside NAME.ann, and brat's configuration files, are read with the .ann."""
    if path.name in CONFIG_FILES:
        return True
    return path.suffix.lower() == ".txt" and path.with_suffix(".ann").is_file()


register(parse_brat, suffixes=(".ann",), name="brat")
register_companion_rule(is_brat_companion)
