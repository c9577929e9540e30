"""What the article search looks for, as one rule for the store's query and the text's highlights.

Each word of three characters or more is found anywhere, inside longer tokens too
("Guardian" in "theguardian"), ignoring case; a shorter word (too short for the trigram
index) is found at the start of a word. An article matches when every word occurs in its
title or its text.
"""

from __future__ import annotations

import re

TRIGRAM = 3  # the trigram index finds any substring this long or longer


def search_words(search: str) -> tuple[list[str], list[str]]:
    """The search's words found anywhere, and the short ones found at a word's start."""
    words = search.split()
    return [w for w in words if len(w) >= TRIGRAM], [w for w in words if len(w) < TRIGRAM]


def word_pattern(word: str) -> re.Pattern:
    """Where one word of the search occurs in a text."""
    anchor = "" if len(word) >= TRIGRAM else r"(?<!\w)"
    return re.compile(anchor + re.escape(word), re.IGNORECASE)


def hit_pattern(search: str) -> re.Pattern | None:
    """Every occurrence of any word of the search (what the open article highlights)."""
    words = search.split()
    if not words:
        return None
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile("|".join(word_pattern(w).pattern for w in longest_first), re.IGNORECASE)


def matches(search: str, *texts: str) -> bool:
    """Whether every word of the search occurs in one of the texts (an article's title, text)."""
    return all(any(word_pattern(w).search(t) for t in texts) for w in search.split())
