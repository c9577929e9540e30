"""A title for an article that names none: the first headline-like line, not the page furniture.

Text pasted from news pages starts with section labels ("News", "LATEST NEWS:"), share and
subscribe prompts, bylines and dates; the headline is the first line that reads like one.
"""

from __future__ import annotations

import re

LOOKED_AT = 12  # non-empty lines searched for a headline before settling for the first one
MAX_TITLE = 300
_FURNITURE = re.compile(
    r"^(?:news|latest(?: news)?|breaking(?: news)?|live|updated?|home|menu|advertisement|"
    r"skip to (?:main )?content|sign in|log in|subscribe.*|share(?: this)?(?: story| article| on .*)?|"
    r"kindly share.*|please share.*|follow us.*|read more|related(?: stories| articles)?|"
    r"image (?:source|caption).*|photo:.*|listen to this article.*|\d+ min(?:ute)?s? read|"
    r"by [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}|published:? .*|posted:? .*|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day.*\d{4}.*|\d{1,2} \w+ \d{4}.*)$",
    re.IGNORECASE,
)


def infer_title(text: str) -> str:
    """The first headline-like line among the first few, else the first non-furniture line."""
    lines = [_clean(line) for line in text.split("\n") if line.strip()][:LOOKED_AT]
    content = [line for line in lines if line and not _is_furniture(line)]
    headline = next((line for line in content if _reads_like_headline(line)), None)
    return (headline or (content[0] if content else lines[0] if lines else ""))[:MAX_TITLE]


def _clean(line: str) -> str:
    return line.strip().lstrip("#").strip()


def _is_furniture(line: str) -> bool:
    return bool(_FURNITURE.match(line)) or line.endswith(":") or len(line) < 3


def _reads_like_headline(line: str) -> bool:
    """A headline has a few words and is not a long paragraph."""
    words = line.split()
    return 3 <= len(words) <= 30 and len(line) <= 200
