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
        ("about 4,200 residents,", "about 4,200 residents,"),
    ],
)
def test_selection_snaps_to_whole_words(rough, snapped):
    start = TEXT.index(rough)
    start, end = snap_to_words(TEXT, start, start + len(rough))
    assert TEXT[start:end] == snapped


def test_a_selection_of_spaces_stays_empty():
    start = TEXT.index("  ") if "  " in TEXT else TEXT.index(" ")
    assert snap_to_words(TEXT, start, start + 1) == (start + 1, start + 1)
