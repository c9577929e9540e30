"""A JSONL claim of the usual shape is read in one pass: the same claim, or the same refusal,
as the field-by-field reading gives (the one pass hands anything unusual to it)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import RejectedInput
from annotator.core.importers.jsonl import _checked_claim, _claim

TEXT = "The ministry said\r\n27 people were killed in Kharkiv."
odd = st.none() | st.integers(-3, 60) | st.floats() | st.booleans() | st.just([])
strings = st.text(max_size=4) | odd
numbers = st.integers() | st.floats() | odd | st.text(max_size=2)
usual_figure = st.fixed_dictionaries(
    {}, optional={"text": st.text(max_size=4), "measure": st.text(max_size=4), "value": st.integers()}
)
figures = usual_figure | st.fixed_dictionaries(
    {},
    optional={"text": strings, "qualifier": strings, "unit": strings, "value": numbers, "low": numbers},
)
fields = ("speaker", "speaker_type", "confidence", "note", "annotator", "status", "id", "kind")
fields += ("created_at", "updated_at", "outlet", "supersedes")


@st.composite
def claims(draw) -> dict:
    """Mostly usual claims (offsets inside the text, fields of text), some with an odd value."""
    start = draw(st.integers(0, len(TEXT) - 1))
    end = draw(st.integers(start + 1, len(TEXT)))
    data = {"start": start, "end": end}
    if draw(st.booleans()):
        data["quote"] = TEXT[start:end]
    for name in draw(st.lists(st.sampled_from(fields), unique=True)):
        data[name] = draw(st.text(max_size=4))
    if draw(st.booleans()):
        data["figure"] = draw(figures)
    if draw(st.integers(0, 3)) == 0:
        name = draw(st.sampled_from(("start", "end", "quote", "figure", "fragments", *fields)))
        data[name] = draw(odd | st.just([[0, 3]]))
    return data


def _read(read, data):
    mapping = list(range(len(TEXT) + 1))
    try:
        return read(data, TEXT, TEXT, mapping, 0, "a.jsonl", 1)
    except RejectedInput as error:
        return ("refused", error.reason)


@given(claims())
def test_a_claim_is_read_as_the_checked_reading_reads_it(data):
    assert _read(_claim, data) == _read(_checked_claim, data)


@pytest.mark.parametrize("data", [None, [], "claim", {"start": 4, "end": 12}, {"start": 4, "end": 99}])
def test_a_claim_that_is_not_an_object_or_is_plain_reads_the_same(data):
    assert _read(_claim, data) == _read(_checked_claim, data)
