"""doccano JSONL: one line per article, `label` spans in UTF-16 units as doccano counts them.

doccano has no place for speakers, figures or confidence: a claim travels as its span and
its kind (the label, `Claim` when it has none); the article's metadata rides along as
extra keys, which doccano keeps as metadata.

Written for what doccano 1.8's import really reads: pure ASCII JSON (its default "Auto"
encoding guesses a Windows code page for UTF-8 with few non-ASCII bytes, and fails), and
every metadata key on every line, empty when unknown (it reads a file as one table, and a
key missing from a line becomes NaN, which its database refuses as metadata).
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from annotator.core.exporters import atomic_output, register
from annotator.core.importers.doccano import DEFAULT_LABEL, META_KEYS
from annotator.core.text import Utf16Index


def write_doccano(project, out: Path | None, *, annotator=None, status=None, article_id=None) -> int:
    """Write every article (or those with matching claims) as a doccano line; return lines."""
    claims = project.claims.select(annotator=annotator, status=status, article_id=article_id)
    by_article = {key: list(group) for key, group in groupby(claims, key=lambda c: c.article_id)}
    ids = [article_id] if article_id else project.articles.ids()
    if annotator or status:
        ids = [i for i in ids if i in by_article]
    with atomic_output(out, newline="\n") as stream:
        for number, current in enumerate(ids, start=1):
            record = doccano_record(project.articles.get(current), by_article.get(current, []), number)
            stream.write(json.dumps(record, ensure_ascii=True) + "\n")
    return len(ids)


def doccano_record(article, claims, number: int) -> dict:
    """One doccano line: text, spans as [start, end, label] in UTF-16 units, metadata."""
    index = Utf16Index(article.text)
    record = {"id": number, "text": article.text}
    record["label"] = [
        [index.to_utf16(claim.start), index.to_utf16(claim.end), claim.kind or DEFAULT_LABEL]
        for claim in claims
    ]
    record.update({key: getattr(article, key) or "" for key in META_KEYS})
    return record


register("doccano", write_doccano, suffix=".jsonl", label="doccano JSONL")
