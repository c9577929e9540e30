"""Front matter: a YAML block between `---` lines (Jekyll, Pandoc, Hugo) or TOML between `+++` (Hugo).

Read with a real parser (PyYAML's safe_load, the standard library's tomllib): lists, quoting,
dates and comments mean what they mean in YAML and TOML. The fields an article has are kept,
with the names other tools use mapped onto ours (`date` -> published); anything else is
reported as not kept.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime

from annotator.core.errors import RejectedInput

KEPT = ("title", "outlet", "author", "url", "published", "events")
ALIASES = {
    "date": "published",
    "publishdate": "published",
    "pubdate": "published",
    "publisher": "outlet",
    "source": "outlet",
    "authors": "author",
    "link": "url",
    "event": "events",
}
_FENCES = {"---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M), "+++": re.compile(r"^\+\+\+[ \t]*$", re.M)}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What a front-matter block said, and the article text after it."""

    fields: dict[str, str]
    events: tuple[str, ...]
    body: str
    not_kept: tuple[str, ...] = ()


def split_front_matter(text: str, *, source: str = "") -> FrontMatter:
    """Split a leading front-matter block from the body; no block gives the text unchanged."""
    fence = text[:3] if text[:4] in ("---\n", "+++\n") else ""
    if not fence:
        return FrontMatter({}, (), text)
    closing = _FENCES[fence].search(text, 4)
    if closing is None:
        raise RejectedInput(f"front matter starts with {fence!r} but never ends", source=source, line=1)
    block = text[4 : closing.start()]
    data = _parsed(block, fence, source)
    after = text.find("\n", closing.end())
    body = "" if after == -1 else text[after + 1 :].lstrip("\n")
    return _read_fields(data, body, source)


def _parsed(block: str, fence: str, source: str) -> dict:
    data = _toml(block, source) if fence == "+++" else _yaml(block, source)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RejectedInput("front matter is not a set of 'key: value' fields", source=source, line=2)
    return data


def _yaml(block: str, source: str):
    import yaml

    try:
        return yaml.safe_load(block)
    except yaml.YAMLError as error:
        # an unclosed bracket is noticed at the block's end: the line that opened it says more
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2  # the block starts on the file's line 2
        reason = getattr(error, "problem", None) or str(error).split("\n")[0]
        raise RejectedInput(f"front matter is not valid YAML: {reason}", source=source, line=line) from None


def _toml(block: str, source: str) -> dict:
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        line = int(found.group(1)) + 1 if found else 2
        reason = re.sub(r"\s*\(at line.*\)$", "", str(error))
        raise RejectedInput(f"front matter is not valid TOML: {reason}", source=source, line=line) from None


def _read_fields(data: dict, body: str, source: str) -> FrontMatter:
    fields: dict[str, str] = {}
    events: tuple[str, ...] = ()
    not_kept = []
    for key, value in data.items():
        name = ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
        if name == "events":
            events = _events(value, source)
        elif name in KEPT and name not in fields:
            fields[name] = _text(name, value, source)
        else:
            not_kept.append(f"front matter field {key!r}")
    return FrontMatter(fields, events, body, tuple(not_kept))


def _events(value, source: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return tuple(str(item).strip() for item in value if str(item).strip())
    if value is None:
        return ()
    raise RejectedInput("front matter 'events' must be a name or a list of names", source=source)


def _text(name: str, value, source: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip()
    if name == "author" and isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(item.strip() for item in value)
    raise RejectedInput(f"front matter {name!r} must be text, not {type(value).__name__}", source=source)
