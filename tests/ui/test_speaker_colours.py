"""One colour per speaker everywhere: text, legend, claims table and the Figures chart; the same
across articles and after speakers are added; never shared by two speakers of one article."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Figure
from annotator.ui.colours import home_colour, speaker_colours
from tests.ui.conftest import USER, add_article

# "Kremlin" and "Western officials" have the same own colour: the second to arrive steps aside.
CLASH = ("Western officials", "Kremlin")
TEXT = "Western officials said 1,000 were killed. The Kremlin said 300. Reuters counted 700 killed."


def _tag(project, article, words, speaker, value):
    start = TEXT.index(words)
    figure = Figure(value=value, measure="killed")
    return project.claims.create(article, start, start + len(words), by=USER, speaker=speaker, figure=figure)


@pytest.fixture
def world(make_window, file_project):
    for name in (*CLASH, "Reuters"):
        file_project.speakers.add(name, by=USER, type="official body")
    first = add_article(file_project, TEXT, title="First", events=("Kursk",))
    second = add_article(file_project, TEXT + " Again.", title="Second", events=("Kursk",))
    _tag(file_project, first, "1,000", "Western officials", 1000)
    _tag(file_project, first, "300", "Kremlin", 300)
    _tag(file_project, second, "700", "Reuters", 700)
    _tag(file_project, second, "300", "Kremlin", 300)
    return make_window(file_project), first, second


def _colours(window) -> dict[str, str]:
    """Speaker -> the colour its claims are highlighted in, in the open article."""
    return {c.speaker: window.annotation.scheme.colour_name(c) for c in window.view.shown_claims()}


def test_the_two_names_of_the_fixture_really_clash():
    assert home_colour(CLASH[0]) == home_colour(CLASH[1])


def test_two_speakers_of_one_article_never_share_a_colour(world):
    window, first, _ = world
    window.open_article(first)
    colours = _colours(window)
    assert len(set(colours.values())) == len(colours) == 2


def test_a_speaker_keeps_its_colour_across_articles_unless_it_clashes_there(world):
    window, first, second = world
    window.open_article(second)
    in_second = _colours(window)
    assert in_second == {"Reuters": home_colour("Reuters"), "Kremlin": home_colour("Kremlin")}
    window.open_article(first)
    assert _colours(window)["Western officials"] == home_colour("Western officials")


def test_a_speaker_added_to_the_article_does_not_recolour_the_others(world):
    window, _, second = world
    window.open_article(second)
    before = _colours(window)
    window.project.speakers.add("Pentagon", by=USER, type="military")
    window.create_claim(TEXT.index("counted"), TEXT.index("counted") + len("counted"))
    window.edit_claim(window.current_claim_id, "speaker", {"speaker": "Pentagon"})
    after = _colours(window)
    assert {name: after[name] for name in before} == before
    assert len(set(after.values())) == 3


def test_the_legend_and_the_claims_table_show_the_texts_colours(world):
    window, first, _ = world
    window.open_article(first)
    colours = _colours(window)
    legend = {
        entry.label: entry.colour for entry in window.annotation.scheme.legend(window.view.shown_claims())
    }
    assert legend == colours
    model = window.claims_model
    table = {
        model.claim(row).speaker: model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole).name()
        for row in range(model.rowCount())
    }
    assert table == colours


def test_the_figures_chart_uses_each_speakers_own_colour(world):
    window, *_ = world
    figures = window.feature("figures")
    figures.show()
    figures.view.event_choice.setCurrentText("Kursk")
    figures.refresh_if_due()
    chart = figures.view.chart
    rows = [row for group in chart.groups for row in group.rows]
    assert {row.speaker for row in rows} == {*CLASH, "Reuters"}
    shown = {row.speaker: chart._colour(row) for row in rows}
    assert shown == speaker_colours(sorted(shown, key=str.casefold))
    assert shown["Reuters"] == home_colour("Reuters") and shown["Kremlin"] == home_colour("Kremlin")


def test_colours_come_from_the_name_alone_so_they_are_remembered():
    assert speaker_colours(["Reuters", "BBC"]) == speaker_colours(["Reuters", "BBC"])
    assert speaker_colours(["BBC"])["BBC"] == home_colour("BBC") == home_colour("bbc")


def test_no_speakers_colour_is_a_grey_that_reads_as_no_speaker():
    from PySide6.QtGui import QColor

    from annotator.ui.colours import SPEAKER_PALETTE

    assert all(QColor(colour).hsvSaturation() > 40 for colour in SPEAKER_PALETTE)  # greys are below 25
