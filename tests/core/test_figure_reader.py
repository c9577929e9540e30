"""One figure reader: `annotator figure`, the form's prefill and a suggestion read a figure alike."""

import argparse
import json

import pytest

from annotator.cli import figure as figure_command
from annotator.core.figures.prefill import prefill_figure
from annotator.core.figures.suggest import SpeakerMatcher, suggest_claims

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
    return _fields(prefill_figure(span))


@pytest.mark.xfail(strict=True, reason="issue 12: three readers give three answers today")
@pytest.mark.parametrize(("sentence", "figure_text", "spans"), AGREEMENT_CASES)
def test_command_prefill_and_suggestion_read_a_figure_alike(sentence, figure_text, spans, capsys):
    suggested = _from_suggestion(sentence, figure_text)
    assert _from_command(sentence, figure_text, capsys) == suggested
    assert [_from_prefill(sentence, span) for span in spans] == [suggested] * len(spans)
