"""A first guess at the figure in a selected span, for the claim form to prefill.

The one figure reader reads the first figure the span touches in the sentence around it,
so the span's end does not decide the measure; the analyst confirms or corrects it.
"""

from __future__ import annotations

from annotator.core.figures.reader import read_figure
from annotator.core.model import Figure


def prefill_figure(text: str, start: int, end: int) -> Figure:
    """The figure fields for the span text[start:end] of an article (empty Figure if none)."""
    reading = read_figure(text, start, end)
    return reading.figure if reading else Figure()
