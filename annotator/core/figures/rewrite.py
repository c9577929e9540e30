"""A figure's own words after its numbers changed: a correction of "about 11" to 11,000 reads
"about 11,000", not the words that were corrected."""

from __future__ import annotations

from dataclasses import replace

from annotator.core.figures.reader import number_spans
from annotator.core.formatting import display_number
from annotator.core.model import Figure


def numbers_of(figure: Figure) -> tuple:
    return (figure.value, figure.low, figure.high)


def follow_numbers(before: Figure, after: Figure) -> Figure:
    """`after` with its text rewritten from its numbers, when they changed and the text did not."""
    if after.text != before.text or numbers_of(after) == numbers_of(before):
        return after
    return replace(after, text=text_for_numbers(after.text, after))


def text_for_numbers(text: str, figure: Figure) -> str:
    """`text` with each number written in it replaced by the figure's number in its place.

    The words around the numbers (hedges, units) are kept; when the text does not hold one
    written number per number of the figure, it becomes the numbers alone.
    """
    numbers = [figure.value] if figure.value is not None else [figure.low, figure.high]
    numbers = [number for number in numbers if number is not None]
    if not numbers:
        return text
    spans = number_spans(text)
    if len(spans) != len(numbers):
        return "–".join(display_number(number) for number in numbers)
    for (start, end), number in reversed(list(zip(spans, numbers, strict=True))):
        text = text[:start] + display_number(number) + text[end:]
    return text
