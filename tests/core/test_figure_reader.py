"""One figure reader: `annotator figure`, the form's prefill and a suggestion read a figure alike."""

import argparse
import json

import pytest

from annotator.cli import figure as figure_command
from annotator.core.figures.prefill import prefill_figure
from annotator.core.figures.reader import read_all
from annotator.core.figures.suggest import SpeakerMatcher, suggest_claims
from tests import figure_cases

# (sentence, the figure's words, spans an analyst might highlight around it)
AGREEMENT_CASES = [
    (
        "Western diplomats told the Harbour Gazette that, of some 11,000 troops sent to the border, "
        "about 900 had been killed in just three months.",
        "some 11,000",
        ("some 11,000", "some 11,000 troops", "some 11,000 troops sent"),
    ),
    (
        "Western diplomats told the Harbour Gazette that, of some 11,000 troops sent to the border, "
        "about 900 had been killed in just three months.",
        "about 900",
        ("about 900", "about 900 had been killed", "900 had been killed in just three months"),
    ),
    (
        "The intelligence agency said only about 11 soldiers had been sent across the river since January.",
        "about 11",
        ("about 11", "about 11 soldiers", "about 11 soldiers had been sent"),
    ),
    (
        "Rescue teams said 37 people died and 112 were injured after the ferry capsized last week.",
        "112",
        ("112", "112 were injured"),
    ),
    (
        "The interior ministry says more than 2,300 residents were evacuated from the valley overnight.",
        "more than 2,300",
        ("more than 2,300", "more than 2,300 residents", "2,300 residents were evacuated"),
    ),
    (
        "Police confirmed that 48 protesters had been arrested since Friday.",
        "48",
        ("48", "48 protesters", "48 protesters had been arrested since Friday"),
    ),
]
FIELDS = ("text", "value", "low", "high", "qualifier", "unit", "measure", "period")


def _fields(figure) -> tuple:
    get = figure.get if isinstance(figure, dict) else lambda name: getattr(figure, name)
    return tuple(get(name) for name in FIELDS)


def _from_command(sentence: str, figure_text: str, capsys) -> tuple:
    figure_command.run(argparse.Namespace(text=sentence, all=True))
    found = json.loads(capsys.readouterr().out)
    return _fields(next(f for f in found if f["text"] == figure_text))


def _from_suggestion(sentence: str, figure_text: str) -> tuple:
    suggestions = suggest_claims(sentence, matcher=SpeakerMatcher([]))
    return _fields(next(s.figure for s in suggestions if s.figure.text == figure_text))


def _from_prefill(sentence: str, span: str) -> tuple:
    start = sentence.index(span)
    return _fields(prefill_figure(sentence, start, start + len(span)))


@pytest.mark.parametrize(("sentence", "figure_text", "spans"), AGREEMENT_CASES)
def test_command_prefill_and_suggestion_read_a_figure_alike(sentence, figure_text, spans, capsys):
    suggested = _from_suggestion(sentence, figure_text)
    assert _from_command(sentence, figure_text, capsys) == suggested
    assert [_from_prefill(sentence, span) for span in spans] == [suggested] * len(spans)


# -- the categories of issue 15, written the way news is written (tests/figure_cases.py) --------


def _read(sentence: str, start: int, end: int):
    return prefill_figure(sentence, start, end)


def _found(sentence: str) -> list[tuple[int, int]]:
    return [(r.start, r.end) for r in read_all(sentence)]


def _ids(cases) -> list[str]:
    return [f"{c.figure or c.not_figures[0]}: {c.sentence[:40]}" for c in cases]


@pytest.mark.parametrize("case", figure_cases.MEASURES, ids=_ids(figure_cases.MEASURES))
def test_measure_is_the_family_the_sentence_names(case):
    assert figure_cases.read_right(case, _read), _read(case.sentence, *_span(case))


@pytest.mark.parametrize("case", figure_cases.PERIODS, ids=_ids(figure_cases.PERIODS))
def test_period_is_read_from_the_figures_stretch_of_the_sentence(case):
    assert figure_cases.read_right(case, _read), _read(case.sentence, *_span(case))


@pytest.mark.parametrize("case", figure_cases.SIGNS, ids=_ids(figure_cases.SIGNS))
def test_signs_symbols_and_glued_units(case):
    assert figure_cases.read_right(case, _read), _read(case.sentence, *_span(case))


@pytest.mark.parametrize("case", figure_cases.NOT_FIGURES, ids=_ids(figure_cases.NOT_FIGURES))
def test_years_dates_and_names_are_not_figures(case):
    assert figure_cases.not_figure_right(case, _found), _found(case.sentence)


def _span(case) -> tuple[int, int]:
    start = case.sentence.index(case.figure)
    return start, start + len(case.figure)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry said some 11,000 troops were sent.",
        "The ministry said about 11 soldiers had been deployed.",
        "The ministry said 11,000 personnel were stationed at the border.",
        "The ministry said it had sent some 11,000.",
    ],
)
def test_synonyms_of_a_deployment_land_in_one_measure(sentence):
    [reading] = read_all(sentence)
    assert reading.figure.measure == "troops deployed"


def test_the_words_the_text_used_are_kept_beside_the_measure():
    [reading] = read_all("Medics said 37 people died in the collapse.")
    assert (reading.figure.measure, reading.measure_written) == ("killed", "people died")


def test_a_duration_is_read_but_marked_as_time():
    [reading] = read_all("The siege lasted 12 days, the ministry said.")
    assert (reading.figure.value, reading.figure.unit, reading.counts_time) == (12, "days", True)


def test_change_between_two_figures_is_read_as_two_figures_not_a_range_of_signs():
    found = [r.figure.value for r in read_all("The toll rose from 40 to 52, and later fell by -3.")]
    assert found[-1] == -3


def test_the_dropped_thousand_is_flagged_from_prefilled_spans_with_no_hand_merge():
    from annotator.core.figures.compare import compare_figures

    one = "Western officials told the BBC that, out of some 11,000 troops sent, 1,000 had been killed."
    other = "The intelligence service says about 11 soldiers were sent, and about 300 have been killed."
    spans = [(one, "some 11,000 troops"), (other, "about 11 soldiers")]
    rows = []
    for number, (text, span) in enumerate(spans):
        start = text.index(span)
        figure = prefill_figure(text, start, start + len(span))
        rows.append(_row(str(number), figure))
    [group] = compare_figures(rows)
    assert (group.measure, [flag.kind for flag in group.flags]) == ("troops deployed", ["likely scale error"])


def _row(claim_id: str, figure):
    from annotator.core.figures.compare import FigureRow

    return FigureRow(
        claim_id=claim_id,
        article_id=claim_id,
        event="War",
        measure=figure.measure,
        speaker=f"Speaker {claim_id}",
        outlet="",
        published="2026-01-0" + str(int(claim_id) + 1),
        figure_text=figure.text,
        value=figure.value,
        low=figure.low,
        high=figure.high,
        qualifier=figure.qualifier,
    )


_NEW = figure_cases.SCALE_WORDS + figure_cases.RANGES + figure_cases.SCIENCE + figure_cases.UNITS


@pytest.mark.parametrize("case", _NEW, ids=_ids(_NEW))
def test_scale_words_ranges_scientific_notation_and_units(case):
    if isinstance(case, figure_cases.NotFigure):
        assert figure_cases.not_figure_right(case, _found), _found(case.sentence)
    else:
        assert figure_cases.read_right(case, _read), _read(case.sentence, *_span(case))


_NEWS = figure_cases.NUMBERS_AND_QUALIFIERS + figure_cases.CONVERSIONS


@pytest.mark.parametrize("case", _NEWS, ids=_ids(_NEWS))
def test_numbers_qualifiers_and_conversions(case):
    if isinstance(case, figure_cases.NotFigure):
        assert figure_cases.not_figure_right(case, _found), _found(case.sentence)
    else:
        assert figure_cases.read_right(case, _read), _read(case.sentence, *_span(case))


@pytest.mark.parametrize("name", sorted(figure_cases.HELDOUT_NEWS))
def test_heldout_news_categories_read_right(name):
    # written before tuning; every case read right when measured; the floor is 90%
    right, total = figure_cases.heldout_accuracy(_read, _found, figure_cases.HELDOUT_NEWS)[name]
    assert right / total >= 0.9


@pytest.mark.parametrize("name", sorted(figure_cases.HELDOUT))
def test_heldout_categories_read_right(name):
    # held-out, never tuned on: all read right when the reader was written; the floor is 90%
    right, total = figure_cases.heldout_accuracy(_read)[name]
    assert right / total >= 0.9


def test_a_change_is_two_figures_not_a_range():
    assert [r.figure.text for r in read_all("The toll rose from 40 to 52 on Tuesday.")] == ["40", "52"]


def test_blood_pressure_is_two_readings_in_mmhg():
    readings = read_all("Her blood pressure was 120/80 mmHg.")
    assert [(r.figure.value, r.figure.unit) for r in readings] == [(120, "mmHg"), (80, "mmHg")]
