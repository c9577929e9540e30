"""Lossless JSONL: the import format, with canonical text and offsets, ids and hashes."""

from __future__ import annotations

import json
from dataclasses import asdict
from itertools import groupby
from pathlib import Path

from annotator.core.exporters import atomic_output, register
from annotator.core.model import FIGURE_FIELDS, Article, ChangeLogEntry, Claim, Comment, Review


def claim_to_json(
    claim: Claim,
    *,
    reviews: list[Review] = (),
    comments: list[Comment] = (),
    history: list[ChangeLogEntry] = (),
) -> dict:
    """The JSONL form of a claim (the import format's field names), with its reviews,
    comment thread and change history when it has them."""
    figure = claim.figure
    record = {
        "id": claim.id,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "speaker": claim.speaker,
        "figure": {name: getattr(figure, name) for name in FIGURE_FIELDS},
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
    if reviews:
        record["reviews"] = [_without(asdict(r), "claim_id") for r in reviews]
    if comments:
        record["comments"] = [_without(asdict(c), "claim_id") for c in comments]
    history = [entry for entry in history if _carried(entry)]
    if history:
        record["history"] = [history_to_json(entry, origin=False) for entry in history]
    return record


def history_to_json(entry: ChangeLogEntry, *, origin: bool = True) -> dict:
    """One change log entry as JSON; its sequence number is local to the project and left out.
    `imported_from` is written for entries another file carried in, unless `origin` is off."""
    record = _without(asdict(entry), "seq")
    if record["imported_from"] is None or not origin:
        del record["imported_from"]
    return record


def _carried(entry: ChangeLogEntry) -> bool:
    """Whether an export carries the entry: the claim's own history, not this project's note
    that it imported the claim (that stays in its log), so export → import → export is stable."""
    return not (entry.action == "import" and entry.entity == "claim" and entry.imported_from is None)


def _without(record: dict, key: str) -> dict:
    record.pop(key, None)
    return record


def article_to_json(article: Article, claims: list[Claim], extras=None) -> dict:
    """The JSONL line of an article and its (filtered) claims.

    :param extras: a ClaimExtras giving each claim's reviews, comments and history
    """
    return {
        "id": article.id,
        "sha256": article.sha256,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "url": article.url,
        "published": article.published,
        "published_raw": article.published_raw,
        "source_name": article.source_name,
        "encoding": article.encoding,
        "status": article.status,
        "events": list(article.events),
        "text": article.text,
        "claims": [claim_to_json(claim, **(extras.of(claim.id) if extras else {})) for claim in claims],
    }


def json_line(record: dict) -> str:
    """One JSONL line; U+2028, U+2029 and U+0085 escaped so no tool splits the line there."""
    line = json.dumps(record, ensure_ascii=False)
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085") + "\n"


class ClaimExtras:
    """Reviews, comments and history of a project's claims, read once for a whole export."""

    def __init__(self, project):
        self.reviews = _grouped(project.reviews.all_reviews())
        self.comments = _grouped(project.reviews.all_comments())
        self.history = project.log.claim_histories()

    def of(self, claim_id: str) -> dict:
        """Keyword arguments for `claim_to_json`."""
        return {
            "reviews": self.reviews.get(claim_id, []),
            "comments": self.comments.get(claim_id, []),
            "history": self.history.get(claim_id, []),
        }


def _grouped(items) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.claim_id, []).append(item)
    return grouped


def write_jsonl(project, out: Path | None, *, annotator=None, status=None, article_id=None) -> int:
    """Write every article (or the one asked for) with its matching claims; return articles."""
    claims = project.claims.select(annotator=annotator, status=status, article_id=article_id)
    by_article = {key: list(group) for key, group in groupby(claims, key=lambda c: c.article_id)}
    ids = [article_id] if article_id else project.articles.ids()
    if annotator or status:
        ids = [i for i in ids if i in by_article]
    extras = ClaimExtras(project)
    with atomic_output(out, newline="\n") as stream:
        for current in ids:
            record = article_to_json(project.articles.get(current), by_article.get(current, []), extras)
            stream.write(json_line(record))
    return len(ids)


register("jsonl", write_jsonl, label="Annotator JSONL (lossless)")
