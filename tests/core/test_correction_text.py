"""A correction's figure text follows its corrected numbers unless the reviewer wrote one."""

from __future__ import annotations

import pytest

from annotator.core.figures.rewrite import text_for_numbers
from annotator.core.model import Figure
from tests.conftest import add_article

TEXT = "The agency said about 11 soldiers were sent and between 10 and 12 died."


@pytest.fixture
def world(project):
    article = add_article(project, TEXT)
    project.people.add("amira", by="amira", reviewer=True)
    start = TEXT.index("about 11")
    slip = project.claims.create(
        article, start, start + 8, by="ben", figure=Figure("about 11", 11, qualifier="approximately"),
        status="submitted",
    )
    start = TEXT.index("between")
    span = project.claims.create(
        article, start, start + 17, by="ben", figure=Figure("between 10 and 12", low=10, high=12),
        status="submitted",
    )
    return project, slip, span


def test_correcting_the_value_rewrites_the_figure_text_keeping_its_hedge(world):
    project, slip, _ = world
    correction = project.reviews.correct(slip.id, by="amira", value=11000).correction
    assert correction.figure.text == "about 11,000"
    assert correction.figure.value == 11000 and correction.figure.qualifier == "approximately"
    assert project.claims.get(slip.id).figure.text == "about 11"  # the original stays


def test_a_figure_text_the_reviewer_typed_is_kept(world):
    project, slip, _ = world
    correction = project.reviews.correct(slip.id, by="amira", value=11000, text="some 11,000").correction
    assert correction.figure.text == "some 11,000"


def test_a_correction_leaving_the_numbers_alone_leaves_the_text(world):
    project, slip, _ = world
    correction = project.reviews.correct(slip.id, by="amira", confidence="high").correction
    assert correction.figure.text == "about 11"


def test_a_range_correction_rewrites_both_ends(world):
    project, _, span = world
    correction = project.reviews.correct(span.id, by="amira", low=1000, high=1200).correction
    assert correction.figure.text == "between 1,000 and 1,200"


def test_a_whole_figure_given_follows_too(world):
    project, slip, _ = world
    figure = Figure("about 11", 11000, qualifier="approximately")
    correction = project.reviews.correct(slip.id, by="amira", figure=figure).correction
    assert correction.figure.text == "about 11,000"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("about 11", Figure(value=11000), "about 11,000"),
        ("nearly two thousand", Figure(value=3000), "nearly 3,000"),
        ("1.5 million", Figure(value=2.5), "2.5"),
        ("", Figure(value=11000), "11,000"),
        ("some troops", Figure(value=300), "300"),  # no number written: the number alone
        ("between 10 and 12", Figure(value=11), "11"),  # two written, one now
        ("about 11", Figure(low=10, high=12), "10–12"),
        ("about 11", Figure(), "about 11"),  # no number: nothing to follow
        ("=cmd 5", Figure(value=6), "=cmd 6"),  # text is data: nothing but the number changes
    ],
)
def test_text_for_numbers(text, figure, expected):
    assert text_for_numbers(text, figure) == expected
