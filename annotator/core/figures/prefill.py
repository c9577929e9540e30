"""A first guess at the figure in a selected span, for the claim form to prefill.

The figure parser reads the first figure (hedges, ranges, scales, currency, units,
spelled-out numbers) and the suggester's rules name what it counts. The analyst
confirms or corrects what it finds.
"""

from __future__ import annotations

from annotator.core.model import Figure


def prefill_figure(span_text: str) -> Figure:
    """The figure fields guessed from the first figure in `span_text` (empty Figure if none)."""
    from annotator.core.figures.suggest import figure_in_span

    return figure_in_span(span_text)
