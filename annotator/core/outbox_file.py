"""A team project's waiting changes on disk, so a window closed (or killed) during an outage
sends them the next time the same role opens the same team project.

One small JSON file per address and role in the user's data folder (userdata.outbox_dir),
written whole and atomically (a temporary file, then a rename) on every change to the queue,
deleted once the queue is empty. Each entry is `{"kind", "args", "label"}`: what the window
needs to make the command again, and its name for messages. Never a password: the address is
kept as `postgres.describe` shows it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from annotator.core import userdata
from annotator.core.model import Figure

VERSION = 1
_FIGURE = "$figure"  # a Figure among the arguments, as {"$figure": {its fields}}


@dataclass(frozen=True)
class Loaded:
    """What an outbox file held: the entries that can be read, and what was wrong with the rest."""

    entries: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def path_for(address: str, user: str) -> Path:
    """The outbox file of `user` on the team project at `address` (a name without the address)."""
    from annotator.core.store.postgres import describe

    key = hashlib.sha256(f"{describe(address)}\n{user}".encode()).hexdigest()[:24]
    return userdata.outbox_dir() / f"{key}.json"


def write(path: Path, entries: list[dict], *, address: str, user: str) -> None:
    """Replace the file with `entries` in one rename; no entries: no file."""
    from annotator.core.store.postgres import describe

    if not entries:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"version": VERSION, "project": describe(address), "user": user, "entries": entries}
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def read(path: Path, *, user: str) -> Loaded:
    """The file's entries; a file that cannot be read at all, or entries of the wrong shape,
    are described in `problems` (the caller sets the file aside and says so)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Loaded()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return Loaded(problems=[f"it cannot be read ({error})"])
    if not isinstance(document, dict) or document.get("version") != VERSION:
        return Loaded(problems=["it is not an outbox file of this version of Annotator"])
    if document.get("user") != user or not isinstance(document.get("entries"), list):
        return Loaded(problems=[f"it is not {user}'s list of waiting changes"])
    return _entries(document["entries"])


def _entries(items: list) -> Loaded:
    entries, problems = [], []
    for number, item in enumerate(items, 1):
        if _well_formed(item):
            entries.append(item)
        else:
            problems.append(f"change {number} is not a change Annotator wrote ({short_json(item)})")
    return Loaded(entries, problems)


def _well_formed(item) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("kind"), str)
        and isinstance(item.get("args"), dict)
        and isinstance(item.get("label", ""), str)
    )


def set_aside(path: Path) -> Path:
    """Keep a file that could not be read whole beside the others (never deleted), renamed."""
    for number in range(1, 1000):
        aside = path.with_name(f"{path.stem}.unread-{number}.json")
        if not aside.exists():
            os.replace(path, aside)
            return aside
    raise OSError(f"too many unread outbox files beside {path.name}")


def encoded(value):
    """An argument as JSON: a Figure as {"$figure": ...}, tuples as lists."""
    if isinstance(value, Figure):
        return {_FIGURE: asdict(value)}
    if isinstance(value, dict):
        return {str(key): encoded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encoded(item) for item in value]
    return value


def decoded(value):
    """The argument `encoded` wrote; raises TypeError for a Figure with unknown fields."""
    if isinstance(value, dict):
        if set(value) == {_FIGURE} and isinstance(value[_FIGURE], dict):
            return Figure(**value[_FIGURE])
        return {key: decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decoded(item) for item in value]
    return value


def short_json(item, limit: int = 60) -> str:
    text = json.dumps(item, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
