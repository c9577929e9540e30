"""brat standoff: a folder with NAME.txt + NAME.ann per article and brat's annotation.conf.

Each claim is a T line typed by its kind (`Claim` when it has none); the speaker,
confidence and the figure's qualifier are brat attributes (declared in annotation.conf with
the values used, so brat offers and accepts them); every other field, and the speaker's exact
name, travel in one AnnotatorNotes line as JSON. Spans are split at line breaks, since a
brat line cannot hold one (the canonical text has no other line break brat reads as one).
"""

from __future__ import annotations

import json
import os
import re
from itertools import groupby
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.exporters import FOLDER_MODE, ExportNeedsPath, parts, register
from annotator.core.formatting import plain_number
from annotator.core.ids import short_id
from annotator.core.importers.brat import DEFAULT_TYPE, DISCONTINUOUS_SEPARATOR, brat_value
from annotator.core.model import QUALIFIERS, Article, Claim

CONFIG_NAME = "annotation.conf"
_CONFIG_MARK = "# Written by Annotator"  # the first line of our annotation.conf
# Line breaks for brat's reader (str.splitlines) that json.dumps(ensure_ascii=False) keeps.
_JSON_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_brat(project, out: Path | None, *, annotator=None, status=None, article_id=None) -> int:
    """Write one NAME.txt/NAME.ann pair per article (with matching claims); return documents.

    The folder is written whole beside `out` and renamed into place, replacing an earlier
    export there: a reader sees the old folder or the new one, never half of either.
    """
    if out is None:
        raise ExportNeedsPath("brat export writes a folder: give --out FOLDER")
    out = Path(out)
    _refuse_other_contents(out)
    parts.sweep(out)
    claims = project.claims.select(annotator=annotator, status=status, article_id=article_id)
    by_article = {key: list(group) for key, group in groupby(claims, key=lambda c: c.article_id)}
    ids = [article_id] if article_id else project.articles.ids()
    if annotator or status:
        ids = [i for i in ids if i in by_article]
    with parts.atomic_folder(out, mode=FOLDER_MODE) as folder:
        _write_documents(project, folder, ids, by_article)
    return len(ids)


def _write_documents(project, folder: Path, ids: list[str], by_article: dict[str, list[Claim]]) -> None:
    taken: set[str] = set()
    exported: list[Claim] = []
    for current in ids:
        article = project.articles.get(current)
        stem = document_stem(article, taken)
        _write(folder / f"{stem}.txt", article.text)
        _write(folder / f"{stem}.ann", ann_text(by_article.get(current, []), article.text))
        exported += by_article.get(current, [])
    _write(folder / CONFIG_NAME, annotation_conf(exported, project.settings.confidence_scale()))


def _refuse_other_contents(out: Path) -> None:
    """The export replaces the folder: refuse one that is not empty or an earlier export (its
    annotation.conf written by Annotator, nothing but .txt and .ann files beside it)."""
    if out.exists() and not out.is_dir():
        raise AnnotatorError(f"{out} is a file; brat export writes a folder")
    if not out.is_dir():
        return
    entries = list(out.iterdir())
    others = sorted(
        entry.name
        for entry in entries
        if not (entry.is_file() and (entry.suffix in (".txt", ".ann") or entry.name == CONFIG_NAME))
    )
    if not others and entries and not _written_by_us(out / CONFIG_NAME):
        others = [CONFIG_NAME if (out / CONFIG_NAME).exists() else "no annotation.conf of ours"]
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        raise AnnotatorError(
            f"{out} is not an earlier brat export of Annotator ({shown}); the export replaces the "
            "folder, so choose a new or empty folder (nothing was written)"
        )


def _written_by_us(config: Path) -> bool:
    try:
        with open(config, encoding="utf-8") as stream:
            return stream.readline().startswith(_CONFIG_MARK)
    except (OSError, UnicodeDecodeError):
        return False


def _write(path: Path, content: str) -> None:
    """One file of a folder that is not in place yet: written and synced, no rename needed."""
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())


def document_stem(article: Article, taken: set[str]) -> str:
    """A readable, unique file name: the title's words and the start of the article id."""
    words = re.sub(r"[^\w-]+", "-", article.title, flags=re.UNICODE).strip("-_")[:48].strip("-_")
    stem = f"{words or 'article'}-{short_id(article.id)}"
    while stem.casefold() in taken:
        stem += "-"
    taken.add(stem.casefold())
    return stem


def brat_type(kind: str) -> str:
    """A brat type name (no spaces) for a claim kind."""
    return re.sub(r"\s+", "_", kind.strip()) or DEFAULT_TYPE


def ann_text(claims: list[Claim], text: str) -> str:
    """The .ann file for one article's claims."""
    lines: list[str] = []
    counters = {"A": 0, "#": 0}
    for number, claim in enumerate(claims, start=1):
        lines += _claim_lines(claim, f"T{number}", text, counters)
    return "".join(line + "\n" for line in lines)


def _claim_lines(claim: Claim, tid: str, text: str, counters: dict[str, int]) -> list[str]:
    pieces = brat_spans(claim.fragments or ((claim.start, claim.end),), text)
    offsets = ";".join(f"{start} {end}" for start, end in pieces)
    quote = DISCONTINUOUS_SEPARATOR.join(text[start:end] for start, end in pieces)
    lines = [f"{tid}\t{brat_type(claim.kind)} {offsets}\t{quote}"]
    for name, value in _attributes(claim):
        counters["A"] += 1
        lines.append(f"A{counters['A']}\t{name} {tid} {value}")
    note = note_fields(claim)
    if note:
        counters["#"] += 1
        lines.append(f"#{counters['#']}\tAnnotatorNotes {tid}\t{one_line_json(note)}")
    return lines


def one_line_json(data: dict) -> str:
    """JSON on one line as brat reads lines (str.splitlines), non-ASCII kept readable."""
    text = json.dumps(data, ensure_ascii=False)
    for character, escaped in _JSON_LINE_BREAKS.items():
        text = text.replace(character, escaped)
    return text


def brat_spans(spans, text: str) -> list[tuple[int, int]]:
    """Spans cut at line breaks (brat cannot store a line break in a T line), empty pieces dropped."""
    pieces = []
    for start, end in spans:
        position = start
        for line in text[start:end].split("\n"):
            if line:
                pieces.append((position, position + len(line)))
            position += len(line) + 1
    return pieces


def _attributes(claim: Claim) -> list[tuple[str, str]]:
    attributes = []
    if claim.speaker:
        attributes.append(("Speaker", brat_value(claim.speaker)))
    if claim.confidence:
        attributes.append(("Confidence", brat_value(claim.confidence)))
    if claim.figure.qualifier:
        attributes.append(("Qualifier", brat_value(claim.figure.qualifier)))
    return attributes


def note_fields(claim: Claim) -> dict:
    """The claim's fields that brat has no place for, non-empty ones only."""
    figure = claim.figure
    values = {
        "id": claim.id,
        "speaker": claim.speaker,
        "figure": figure.text,
        "value": plain_number(figure.value),
        "low": plain_number(figure.low),
        "high": plain_number(figure.high),
        "unit": figure.unit,
        "measure": figure.measure,
        "period": figure.period,
        "outlet": claim.outlet,
        "status": claim.status,
        "annotator": claim.annotator,
        "note": claim.note,
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
    }
    return {key: value for key, value in values.items() if value not in (None, "")}



def annotation_conf(claims: list[Claim], scale) -> str:
    """brat's configuration for the exported types and attributes; spans may overlap."""
    entities = sorted({brat_type(claim.kind) for claim in claims} | {DEFAULT_TYPE})
    return "\n".join(
        [
            f"{_CONFIG_MARK}: claim kinds are entity types; speaker, confidence, qualifier attributes",
            "[entities]",
            *entities,
            "",
            "[relations]",
            "<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
            "",
            "[events]",
            "",
            "[attributes]",
            *attribute_declarations(claims, scale),
            "",
        ]
    )


def attribute_declarations(claims: list[Claim], scale) -> list[str]:
    """brat attribute lines, each with every value an exported claim uses (brat accepts no other)."""
    values = {
        "Speaker": sorted({brat_value(claim.speaker) for claim in claims if claim.speaker}),
        "Confidence": _unique([level.code for level in scale.levels] + [c.confidence for c in claims]),
        "Qualifier": [brat_value(qualifier) for qualifier in QUALIFIERS],
    }
    # An attribute without values would make brat refuse the whole configuration.
    return [f"{name} Arg:<ENTITY>, Value:{'|'.join(listed)}" for name, listed in values.items() if listed]


def _unique(codes: list[str]) -> list[str]:
    """brat forms of the codes, in order, once each (a claim may use a code the scale lost)."""
    return list(dict.fromkeys(brat_value(code) for code in codes if code))


register("brat", write_brat, folder=True, label="brat standoff (a folder)")
