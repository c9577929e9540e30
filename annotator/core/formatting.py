"""Values as people and files should see them: shortened text, plain and displayed numbers."""

from __future__ import annotations


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, the last an ellipsis when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_text(text: str, limit: int = 40) -> str:
    """One line for a label or a table cell: runs of whitespace as one space, control
    characters shown as escapes (an imported title cannot drive the terminal), then `clip`ped."""
    return clip(inert(" ".join(text.split())), limit)


# Control characters (C0, DEL, C1) -> a visible escape, e.g. ESC -> "\x1b".
_CONTROLS = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}


def inert(text: str) -> str:
    """`text` with its control characters written out as escapes, so printing it is harmless."""
    return text.translate(_CONTROLS)


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
