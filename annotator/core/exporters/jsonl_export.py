"""Lossless JSONL: the import format, with canonical text and offsets, ids and hashes."""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from annotator.core.exporters import atomic_output, register
from annotator.core.model import Article, Claim


def claim_to_json(claim: Claim) -> dict:
    """The JSONL form of a claim (the import format's field names)."""
    figure = claim.figure
    record = {
        "id": claim.id,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "speaker": claim.speaker,
        "figure": {
            "text": figure.text,
            "value": figure.value,
            "low": figure.low,
            "high": figure.high,
            "qualifier": figure.qualifier,
            "unit": figure.unit,
            "measure": figure.measure,
            "period": figure.period,
        },
        "confidence": claim.confidence,
        "confidence_scale": claim.confidence_scale,
        "note": claim.note,
        "annotator": claim.annotator,
        "status": claim.status,
        "kind": claim.kind,
        "outlet": claim.outlet,
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
    }
    if claim.fragments:
        record["fragments"] = [list(pair) for pair in claim.fragments]
    if claim.supersedes:
        record["supersedes"] = claim.supersedes
    return record


def article_to_json(article: Article, claims: list[Claim]) -> dict:
    """The JSONL line of an article and its (filtered) claims."""
    return {
        "id": article.id,
        "sha256": article.sha256,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "published": article.published,
        "source_name": article.source_name,
        "encoding": article.encoding,
        "status": article.status,
        "events": list(article.events),
        "text": article.text,
        "claims": [claim_to_json(claim) for claim in claims],
    }


def write_jsonl(project, out: Path | None, *, annotator=None, status=None, article_id=None) -> int:
    """Write every article (or the one asked for) with its matching claims; return articles."""
    claims = project.claims.select(annotator=annotator, status=status, article_id=article_id)
    by_article = {key: list(group) for key, group in groupby(claims, key=lambda c: c.article_id)}
    ids = [article_id] if article_id else project.articles.ids()
    if annotator or status:
        ids = [i for i in ids if i in by_article]
    with atomic_output(out, newline="\n") as stream:
        for current in ids:
            record = article_to_json(project.articles.get(current), by_article.get(current, []))
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(ids)


register("jsonl", write_jsonl)
