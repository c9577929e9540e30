"""Values as people and files should see them: shortened text, plain and displayed numbers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, the last an ellipsis when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_text(text: str, limit: int = 40) -> str:
    """One line for a label or a table cell: runs of whitespace as one space, control
    characters shown as escapes (an imported title cannot drive the terminal), then `clip`ped."""
    return clip(for_terminal(" ".join(text.split())), limit)


def plain_number(value: float | int | None) -> float | int | None:
    """The number a file should hold: 11000.0 as 11000, 2.5 as 2.5, None as None.

    Floats of 1e15 and more stay floats: beyond that `float` no longer holds every integer.
    """
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def display_number(value: float | None, *, missing: str = "") -> str:
    """A number for people: 11,000 and 2.5; `missing` when there is none."""
    if value is None:
        return missing
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def parse_number(text: str) -> float | None:
    """'4,200' → 4200.0, '' → None; ValueError for anything else."""
    cleaned = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    number = float(cleaned)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number


# C0 controls (ESC, BEL, ...), DEL, C1 controls (CSI, OSC as single bytes) and the bidi
# embeddings, overrides and isolates that reorder what a terminal shows.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: str) -> str:
    """`text` safe to print: every control character shown as a visible escape such as `\\x1b`.

    Imported titles and names could otherwise clear the screen, retitle the terminal window
    (OSC) or reverse a line (bidi override) when a table is printed.
    """
    return _TERMINAL_UNSAFE.sub(_visible_escape, text)


def _visible_escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


WEB_SCHEMES = ("http", "https")


def is_web_link(url: str) -> bool:
    """Whether `url` may be shown as a clickable link: http or https to a named host, nothing else.

    file://, smb://, javascript:, UNC paths (\\\\host\\share) and the like are shown as text:
    opening them can run code or send the user's credentials to another machine.
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # such as an unclosed IPv6 bracket
        return False
    return url == url.strip() and parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
