"""Span rules for selections: snapping a rough mouse selection to whole words."""

from __future__ import annotations

_WORD_JOINERS = "'’-‐\u00ad.,"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words and drop surrounding spaces; code point offsets.

    A selection that covers only spaces or punctuation is returned unchanged.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _inside_word(text, start - 1):
        start -= 1
    while end < len(text) and _inside_word(text, end):
        end += 1
    return start, end


def _inside_word(text: str, index: int) -> bool:
    """Letters and digits, plus joiners between two of them ("don't", "4,200", "co-op")."""
    char = text[index]
    if char.isalnum() or _is_mark(char):
        return True
    if char in _WORD_JOINERS and 0 < index < len(text) - 1:
        return text[index - 1].isalnum() and text[index + 1].isalnum()
    return False


def _is_mark(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char).startswith("M")
