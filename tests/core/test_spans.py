"""Mouse selections snap to whole words; spaces around them are dropped."""

import pytest

from annotator.core.selection import snap_to_words

TEXT = "said about 4,200 residents, don't panic 👨‍👩‍👧 now"


@pytest.mark.parametrize(
    ("rough", "snapped"),
    [
        ("bout 4,2", "about 4,200"),
        (" about ", "about"),
        ("esident", "residents"),
        ("on", "don't"),
        ("about 4,200 residents,", "about 4,200 residents"),
    ],
)
def test_selection_snaps_to_whole_words(rough, snapped):
    start = TEXT.index(rough)
    start, end = snap_to_words(TEXT, start, start + len(rough))
    assert TEXT[start:end] == snapped


def test_a_selection_of_spaces_stays_empty():
    start = TEXT.index("  ") if "  " in TEXT else TEXT.index(" ")
    assert snap_to_words(TEXT, start, start + 1) == (start + 1, start + 1)


QUOTED = (
    'Officials said “1,000 have been killed,” adding: (about 3.5 percent) the U.S. and '
    '"11,000 troops" — sent — were "there". Really?! [sic] «non» e.g. \'yes\' end.'
)


@pytest.mark.parametrize(
    ("rough", "snapped"),
    [
        ("have been killed,", "have been killed"),
        ("been killed,” ", "been killed"),
        ("“1,000 have been killed,”", "“1,000 have been killed,”"),
        ("“1,000 have", "1,000 have"),
        ("adding:", "adding"),
        ("(about 3.5", "about 3.5"),
        ("(about 3.5 percent)", "(about 3.5 percent)"),
        ("3.5 percent)", "3.5 percent"),
        ("the U.S.", "the U.S."),
        ('"11,000 troops"', '"11,000 troops"'),
        ('11,000 troops" —', "11,000 troops"),
        ("— sent —", "sent"),
        ('"there".', '"there"'),
        ("Really?!", "Really"),
        ("[sic]", "[sic]"),
        ("sic]", "sic"),
        ("«non»", "«non»"),
        ("e.g.", "e.g."),
        ("'yes'", "'yes'"),
        ("end.", "end"),
    ],
)
def test_snapping_trims_stray_punctuation_but_keeps_the_quotes_own_pair(rough, snapped):
    start = QUOTED.index(rough)
    start, end = snap_to_words(QUOTED, start, start + len(rough))
    assert QUOTED[start:end] == snapped


def test_a_selection_of_only_punctuation_is_kept():
    start = QUOTED.index("—")
    assert snap_to_words(QUOTED, start, start + 1) == (start, start + 1)
