"""A first guess at the figure in a selected span, for the claim form to prefill.

Deliberately small: the first number (digits with thousands separators, decimals,
"million"/"bn" multipliers) and a hedge word just before it. The analyst confirms
or corrects what it finds.
"""

from __future__ import annotations

import re

from annotator.core.model import Figure

_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
}
# Longest first, so "more than" wins over "more".
_HEDGES = (
    ("more than", "more than"),
    ("over", "more than"),
    ("at least", "at least"),
    ("less than", "less than"),
    ("fewer than", "less than"),
    ("under", "less than"),
    ("up to", "at most"),
    ("at most", "at most"),
    ("no more than", "at most"),
    ("about", "approximately"),
    ("around", "approximately"),
    ("approximately", "approximately"),
    ("roughly", "approximately"),
    ("nearly", "approximately"),
    ("almost", "approximately"),
    ("some", "approximately"),
    ("an estimated", "approximately"),
    ("estimated", "approximately"),
    ("between", "approximately"),
)
_HEDGE_PATTERN = "|".join(re.escape(words) for words, _ in sorted(_HEDGES, key=lambda h: -len(h[0])))
_NUMBER = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE_PATTERN})\s+)?"
    r"(?P<number>\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<multiplier>thousand|millions?|billions?|bn|mn|m|k)\b)?",
    re.IGNORECASE,
)
_RANGE_TAIL = re.compile(
    r"\s*(?:-|–|to|and)\s*(?P<number>\d[\d,]*(?:\.\d+)?)"
    r"(?:\s*(?P<multiplier>thousand|millions?|billions?|bn|mn|m|k)\b)?",
    re.IGNORECASE,
)


def prefill_figure(span_text: str) -> Figure:
    """The figure fields guessed from the first number in `span_text` (empty Figure if none)."""
    match = _NUMBER.search(span_text)
    if match is None:
        return Figure()
    multiplier = _MULTIPLIERS.get((match["multiplier"] or "").lower(), 1.0)
    value = _number(match["number"]) * multiplier
    qualifier = dict(_HEDGES).get((match["hedge"] or "").lower(), "exact")
    text = match.group(0)
    tail = _range_after(span_text, match.end(), match["hedge"])
    if tail is not None:
        high_multiplier = _MULTIPLIERS.get((tail["multiplier"] or "").lower(), multiplier)
        if not match["multiplier"]:
            value *= high_multiplier
        return Figure(
            text=span_text[match.start() : tail.end()],
            low=_tidy(value),
            high=_tidy(_number(tail["number"]) * high_multiplier),
            qualifier="range",
        )
    return Figure(text=text, value=_tidy(value), qualifier=qualifier)


def _range_after(span_text: str, position: int, hedge: str | None) -> re.Match | None:
    """'between 10,000 and 12,000', '10-12 million': the range's upper end, if one follows."""
    tail = _RANGE_TAIL.match(span_text, position)
    if tail is None:
        return None
    if tail.group(0).strip().lower().startswith("and") and (hedge or "").lower() != "between":
        return None
    return tail


def _number(digits: str) -> float:
    return float(re.sub(r"[,\u00a0\u202f ]", "", digits))


def _tidy(value: float) -> float:
    return float(int(value)) if value.is_integer() else value
