"""A claim's history in words: what each change log entry changed."""

from __future__ import annotations

import json

from annotator.core.formatting import clip
from annotator.core.model import ChangeLogEntry


def describe_change(entry: ChangeLogEntry) -> str:
    """One line saying what an entry changed, e.g. `status: submitted → accepted`."""
    before, after = entry.before or {}, entry.after or {}
    if entry.entity == "review":
        review = after or before
        return f"review {review.get('decision', '')}: {review.get('comment', '')}".rstrip(": ")
    if entry.entity == "comment":
        return f"comment: {(after or before).get('body', '')}"
    if not before:
        return "created" if entry.action == "create" else entry.action
    if not after:
        return "deleted"
    changed = [key for key in after if key != "updated_at" and before.get(key) != after.get(key)]
    return "; ".join(f"{key}: {_short(before.get(key))} → {_short(after.get(key))}" for key in changed)


def describe_action(entry: ChangeLogEntry) -> str:
    """The entry's action, marked when another file carried it in: that file's account,
    not something this project saw happen."""
    if entry.imported_from is None:
        return entry.action
    return f"{entry.action} [imported from {entry.imported_from}]"


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else str(value)
    return clip(text, 60)
