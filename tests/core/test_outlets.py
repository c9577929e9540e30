"""The outlet around a claim's span, read from sentences written like real news."""

from __future__ import annotations

import pytest

from annotator.core.model import Speaker
from annotator.core.outlets import outlet_near, sentence_bounds


def _outlet(sentence: str, figure: str, known=(), speakers=()) -> str:
    start = sentence.index(figure)
    return outlet_near(sentence, start, start + len(figure), known=known, speakers=speakers)


@pytest.mark.parametrize(
    ("sentence", "figure", "outlet"),
    [
        (
            "Western officials told the BBC that, out of some 11,000 troops sent, 1,000 had been killed.",
            "some 11,000",
            "BBC",
        ),
        ("About 2,700 soldiers have been wounded, writes the Guardian.", "About 2,700", "Guardian"),
        ("At least 40 homes were destroyed, according to Reuters.", "At least 40", "Reuters"),
        # A newspaper's own word says it is one: the Ledger, the Chronicle, a Digest...
        ("About 300 soldiers have been killed, the Morning Ledger reports.", "About 300", "Morning Ledger"),
        ("Some 40 boats sank, according to the Harbour Chronicle.", "Some 40", "Harbour Chronicle"),
        # A cue at the start of the sentence, capitalised.
        ("Writing in the Evening Courier, she said some 11,000 went.", "some 11,000", "Evening Courier"),
        ("According to Reuters, at least 40 homes were destroyed.", "at least 40", "Reuters"),
        (
            "The governor said in an interview with CNN that 300 families had left the valley.",
            "300 families",
            "CNN",
        ),
        ("The Daily Telegraph reported that 12 ships were turned away.", "12 ships", "Daily Telegraph"),
        ("The minister, speaking to Al Jazeera, put the toll at 85.", "85", "Al Jazeera"),
        (
            "Some 1,200 people were evacuated, an official told the Kyiv Independent.",
            "Some 1,200",
            "Kyiv Independent",
        ),
    ],
)
def test_the_outlet_is_read_from_the_sentence(sentence, figure, outlet):
    known = ["Kyiv Independent"]
    assert _outlet(sentence, figure, known) == outlet


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The NIS told lawmakers that 2,700 had been wounded.", "2,700"),
        ("About 300 soldiers were killed, according to the defence ministry.", "About 300"),
        ("The Regional Emergency Agency said 4,200 residents were moved.", "4,200"),
        ("More than 60 schools were closed on Monday.", "More than 60"),
    ],
)
def test_speakers_and_audiences_are_not_outlets(sentence, figure):
    assert _outlet(sentence, figure) == ""


def test_only_the_sentence_of_the_span_counts():
    text = "Officials told the BBC the bridge was shut. Later, 300 trucks were counted at the border."
    assert _outlet(text, "300 trucks") == ""


def test_the_outlet_nearest_the_span_wins():
    text = "Citing the BBC, which had 500, the minister told Reuters that 700 had fled."
    assert _outlet(text, "700") == "Reuters"


def test_a_sentence_ends_before_a_capital_not_inside_a_number():
    text = "Costs rose 3.5 percent. The Guardian says 40 died.\nNext line."
    start = text.index("40")
    assert text[slice(*sentence_bounds(text, start, start + 2))].strip() == "The Guardian says 40 died."


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor told the NBS that some 300 families had left the valley.",
        "Speaking to the NBS, the mayor said some 300 families had left the valley.",
        "The mayor told NBS that some 300 families had left the valley.",
    ],
)
def test_an_unknown_acronym_a_speaker_talks_to_is_the_outlet(sentence):
    assert _outlet(sentence, "some 300") == "NBS"


@pytest.mark.parametrize(
    "sentence",
    [
        "The defector told the FBI that some 300 agents had been recruited.",
        "The envoy told the UN that some 300 families had left the valley.",
        "The envoy told the IAEA that some 300 kilograms were missing.",
        "A soldier told the IDF that some 300 shells had landed.",
        "The envoy told the US that some 300 families had left the valley.",
        "Farmers told the NGO that some 300 families had left the valley.",
        "Doctors told the MSF that some 300 families had left the valley.",
        # The acronym cues that do not say "made to": a source of information, not an outlet.
        "The valley has lost some 300 families, according to the NBS.",
        "The NBS says some 300 families have left the valley.",
        # Strong cues too: being interviewed by an agency is not speaking to a medium.
        "The defector said in an interview with the FBI that some 300 agents had been recruited.",
        "He was interviewed by the UN, and put the toll at some 300.",
    ],
)
def test_an_agency_is_never_the_outlet(sentence):
    assert _outlet(sentence, "some 300") == ""


def test_an_acronym_registered_as_a_speaker_is_not_the_outlet():
    speakers = [Speaker("Northern Border Service", "official body", aliases=("NBS",))]
    sentence = "The mayor told the NBS that some 300 families had left the valley."
    assert _outlet(sentence, "some 300", speakers=speakers) == ""


def test_an_acronym_registered_as_a_media_speaker_is_the_outlet():
    speakers = [Speaker("NBS", "media")]
    sentence = "The valley has lost some 300 families, according to the NBS."
    assert _outlet(sentence, "some 300", speakers=speakers) == "NBS"


def test_an_outlet_the_project_already_names_is_recognised_after_any_cue():
    sentence = "The valley has lost some 300 families, according to the NBS."
    assert _outlet(sentence, "some 300", known=["NBS"]) == "NBS"
