"""Span rules for selections: snapping a rough mouse selection to whole words, trimming the
punctuation around them, and stepping a span's edge by one character (a grapheme cluster)."""

from __future__ import annotations

import unicodedata

_WORD_JOINERS = "'’-‐\u00ad.,"
# Closing punctuation and the opening mark that lets a span keep it.
_CLOSERS = {"”": "“", '"': '"', "'": "'", "’": "‘", ")": "(", "]": "[", "»": "«", "›": "‹"}
_OPENERS = {opening: closing for closing, opening in _CLOSERS.items()}
_DASHES = "-‐‑‒–—―"
_TRAILING = ",;:.!?…" + "".join(_CLOSERS) + _DASHES
_LEADING = "".join(_OPENERS) + _DASHES
_ZWJ = "\u200d"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words, drop surrounding spaces and stray punctuation.

    Trailing punctuation ("killed,") and leading opening marks go, unless they belong to the
    quote's own pair (a closing quote whose opening one is in the span) or to an abbreviation
    ("U.S."). A selection of only spaces gives an empty span; one of only punctuation is kept.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    start, end = _strip_spaces(text, start, end)
    if start == end:
        return start, end
    while start > 0 and _inside_word(text, start - 1):
        start -= 1
    while end < len(text) and _inside_word(text, end):
        end += 1
    trimmed = trim_punctuation(text, start, end)
    return trimmed if trimmed[0] < trimmed[1] else (start, end)


def trim_punctuation(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, trailing punctuation and unpaired opening marks from the span's edges."""
    while True:
        before = (start, end)
        start, end = _strip_spaces(text, start, end)
        if start < end and text[start] in _LEADING and not _closed_inside(text, start, end):
            start += 1
        if start < end and text[end - 1] in _TRAILING and not _kept_at_end(text, start, end):
            end -= 1
        if (start, end) == before:
            return start, end


def _strip_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _closed_inside(text: str, start: int, end: int) -> bool:
    """Whether the opening mark at `start` has its closing one later in the span."""
    closing = _OPENERS.get(text[start])
    return closing is not None and closing in text[start + 1 : end]


def _kept_at_end(text: str, start: int, end: int) -> bool:
    """A closing mark whose opening one is in the span, or an abbreviation's full stop."""
    last = text[end - 1]
    if last in _CLOSERS:
        opening, inside = _CLOSERS[last], text[start : end - 1]
        return inside.count(opening) % 2 == 1 if opening == last else opening in inside
    return last == "." and _ends_an_abbreviation(text, start, end)


def _ends_an_abbreviation(text: str, start: int, end: int) -> bool:
    """ "U.S." and "e.g.": single letters each followed by a full stop."""
    return end - start >= 4 and text[end - 2].isalpha() and text[end - 3] == "."


def _inside_word(text: str, index: int) -> bool:
    """Letters and digits, plus joiners between two of them ("don't", "4,200", "co-op")."""
    char = text[index]
    if char.isalnum() or _is_mark(char):
        return True
    if char in _WORD_JOINERS and 0 < index < len(text) - 1:
        return text[index - 1].isalnum() and text[index + 1].isalnum()
    return False


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


# -- stepping by characters as the reader sees them ---------------------------------------


def nudge_span(text: str, start: int, end: int, *, edge: str, step: int) -> tuple[int, int]:
    """The span with its `edge` ("start" or "end") moved by one character left (-1) or right (+1).

    A character is what the reader sees as one: an emoji with its skin tone, a ZWJ family, a
    flag (two regional indicators) or a letter with its accents moves as a whole. A span is
    never emptied nor taken past the text: such a step leaves it as it is.
    """
    if edge not in ("start", "end") or step not in (-1, 1):
        raise ValueError(f"edge must be 'start' or 'end' and step -1 or 1, not {edge!r}, {step!r}")
    position = start if edge == "start" else end
    moved = next_boundary(text, position) if step > 0 else previous_boundary(text, position)
    new = (moved, end) if edge == "start" else (start, moved)
    return new if new[0] < new[1] else (start, end)


def drag_edge(text: str, start: int, end: int, *, edge: str, to: int, exact: bool = False) -> tuple[int, int]:
    """The span [start, end) with its `edge` dragged to offset `to`; the other edge stays.

    The dragged edge lands where a mouse selection would snap: the end after a whole word with
    trailing punctuation dropped ("killed," ends at "killed"), the start at a word's start;
    `exact` (Alt held) keeps the character it was dropped on. An edge dragged past the other
    one stops a character short of it: a span is never emptied.
    """
    if edge not in ("start", "end"):
        raise ValueError(f"edge must be 'start' or 'end', not {edge!r}")
    to = max(0, min(len(text), to))
    if edge == "end":
        to = max(to, next_boundary(text, start))
        moved = to if exact else snap_to_words(text, start, to)[1]
        return (start, moved) if moved > start else (start, end)
    to = min(to, previous_boundary(text, end))
    moved = to if exact else snap_to_words(text, to, end)[0]
    return (moved, end) if moved < end else (start, end)


def next_boundary(text: str, position: int) -> int:
    """The first character boundary after `position` (the text's length at its end)."""
    for boundary in _boundaries_from_line_start(text, position):
        if boundary > position:
            return boundary
    return len(text)


def previous_boundary(text: str, position: int) -> int:
    """The last character boundary before `position` (0 at the text's start)."""
    if position <= 0:
        return 0
    line_start = text.rfind("\n", 0, position - 1) + 1
    previous = line_start
    for boundary in _boundaries_from_line_start(text, line_start):
        if boundary >= position:
            break
        previous = boundary
    return previous


def _boundaries_from_line_start(text: str, position: int):
    """Character boundaries from the start of the line holding `position` (a line starts a cluster)."""
    index = text.rfind("\n", 0, position) + 1 if position > 0 else 0
    while index < len(text):
        index = _cluster_end(text, index)
        yield index


def _cluster_end(text: str, index: int) -> int:
    """Where the character cluster starting at `index` ends."""
    pair = text[index : index + 2]
    index += 2 if len(pair) == 2 and all(map(_is_regional_indicator, pair)) else 1
    while index < len(text):
        if _extends(text[index]):
            index += 1
        elif text[index - 1] == _ZWJ:
            index += 1  # the next emoji of a ZWJ sequence
        else:
            break
    return index


def _extends(char: str) -> bool:
    """Code points that belong to the character before them."""
    code = ord(char)
    return (
        char == _ZWJ
        or _is_mark(char)
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
        or 0xE0100 <= code <= 0xE01EF
    )


def _is_regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF
