"""The figure prefill: the first number in a span, with separators, multipliers and hedges."""

import pytest

from annotator.core.model import Figure
from annotator.core.prefill import prefill_figure


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("12 people were still missing", Figure(text="12", value=12, qualifier="exact")),
        ("about 4,200 residents", Figure(text="about 4,200", value=4200, qualifier="approximately")),
        ("some 11,000 troops", Figure(text="some 11,000", value=11000, qualifier="approximately")),
        ("more than 1,500 people", Figure(text="more than 1,500", value=1500, qualifier="more than")),
        ("at least 300 killed", Figure(text="at least 300", value=300, qualifier="at least")),
        ("up to 40 mm of rain", Figure(text="up to 40", value=40, qualifier="at most")),
        ("$2.5bn in aid", Figure(text="2.5bn", value=2.5e9, qualifier="exact")),
        ("1.2 million displaced", Figure(text="1.2 million", value=1.2e6, qualifier="exact")),
        (
            "between 10,000 and 12,000 homes",
            Figure(text="between 10,000 and 12,000", low=10000, high=12000, qualifier="range"),
        ),
        ("10-12 million people", Figure(text="10-12 million", low=10e6, high=12e6, qualifier="range")),
        ("1,000 killed and 300 wounded", Figure(text="1,000", value=1000, qualifier="exact")),
        ("no number here", Figure()),
    ],
)
def test_prefill_reads_the_first_figure(span, expected):
    assert prefill_figure(span) == expected
