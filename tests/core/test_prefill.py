"""The figure prefill: the first figure a span touches, read with what it counts in its sentence."""

import pytest

from annotator.core.figures.prefill import prefill_figure
from annotator.core.model import Figure

A = "approximately"


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("12 people were still missing", Figure("12", 12, None, None, "exact", "people", "missing")),
        ("about 4,200 residents", Figure("about 4,200", 4200, None, None, A, "residents", "residents")),
        ("some 11,000 troops", Figure("some 11,000", 11000, None, None, A, "troops", "troops deployed")),
        (
            "more than 1,500 people",
            Figure("more than 1,500", 1500, None, None, "more than", "people", "people"),
        ),
        ("at least 300 killed", Figure("at least 300", 300, None, None, "at least", "", "killed")),
        ("up to 40 mm of rain", Figure("up to 40 mm", 40, None, None, "at most", "mm", "")),
        ("$2.5bn in aid", Figure("$2.5bn", 2.5e9, None, None, "exact", "USD", "")),
        ("1.2 million displaced", Figure("1.2 million", 1.2e6, None, None, "exact", "", "displaced")),
        (
            "between 10,000 and 12,000 homes",
            Figure("between 10,000 and 12,000", None, 10000, 12000, "range", "homes", "homes"),
        ),
        ("10-12 million people", Figure("10-12 million", None, 10e6, 12e6, "range", "people", "people")),
        ("1,000 killed and 300 wounded", Figure("1,000", 1000, None, None, "exact", "", "killed")),
        (
            "three hundred homes were destroyed",
            Figure("three hundred", 300, None, None, "exact", "homes", "homes destroyed"),
        ),
        ("no number here", Figure()),
    ],
)
def test_prefill_reads_the_first_figure(span, expected):
    assert prefill_figure(span, 0, len(span)) == expected


ARTICLE = (
    "Fighting went on. The ministry said about 11 soldiers had been sent north since January, "
    "and 300 had been killed."
)


@pytest.mark.parametrize("span", ["about 11", "11 soldiers", "about 11 soldiers had been sent north"])
def test_prefill_reads_measure_and_period_from_the_sentence_not_the_span(span):
    start = ARTICLE.index(span)
    figure = prefill_figure(ARTICLE, start, start + len(span))
    assert (figure.text, figure.measure, figure.unit, figure.period) == (
        "about 11",
        "troops deployed",
        "soldiers",
        "since January",
    )


def test_prefill_does_not_borrow_the_next_figures_measure():
    start = ARTICLE.index("300")
    assert prefill_figure(ARTICLE, start, start + 3).measure == "killed"
    assert prefill_figure(ARTICLE, 0, ARTICLE.index("about")) == Figure()
