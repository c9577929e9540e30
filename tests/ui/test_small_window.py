"""A 1024×680 window (a small laptop) gives the text a usable width and height (issue 14):
columns shared by width with the text taking the most, the article list hidden with Ctrl+B,
a one-line legend, a docked review queue that leaves the text its lines, and an agreement
report whose last column shows whole."""

from __future__ import annotations

import pytest

from annotator.ui.colours import LegendEntry
from annotator.ui.review.agreement import AgreementDialog
from tests.ui.test_review_ui import shot

SMALL = (1024, 680)


@pytest.fixture
def small(make_window, sample_project, qtbot):
    window = make_window(sample_project)
    window.resize(*SMALL)
    qtbot.wait(10)
    return window


def _lines_shown(view) -> float:
    return view.viewport().height() / view.fontMetrics().lineSpacing()


def test_at_1024_the_text_gets_most_of_the_width(small):
    assert small.view.width() >= 480
    article_list, text, form = small.splitter.sizes()
    assert text > max(article_list, form)
    assert form >= 320  # the form's fields stay usable
    shot(small, "small-window")


def test_ctrl_b_hides_the_article_list_and_the_text_takes_its_width(small, qtbot):
    before = small.view.width()
    small.actions_by_name["article_list"].trigger()
    qtbot.wait(10)
    assert small.article_list.isHidden() and small.view.width() > before + 150
    assert not small.actions_by_name["article_list"].isChecked()
    shot(small, "small-window-no-list")
    small.actions_by_name["article_list"].trigger()
    assert not small.article_list.isHidden()


def test_the_legend_keeps_to_one_line_and_counts_what_does_not_fit(small):
    legend = small.legend
    line = legend.height()
    entries = [LegendEntry(f"Speaker number {n} of the article", "#d33") for n in range(12)]
    legend.show_entries(entries)
    assert legend.height() == line
    shown = legend.shown_labels()
    assert 0 < len(shown) < len(entries)
    assert f"+{len(entries) - len(shown)}&nbsp;more" in legend.entries.text()
    assert "Speaker number 11 of the article" in legend.entries.toolTip()  # all of them on hover


def test_the_docked_review_queue_leaves_the_text_its_lines(small, qtbot):
    small.feature("review").start_review()
    qtbot.wait(10)
    assert small.height() == SMALL[1]  # the window does not grow past the screen
    assert _lines_shown(small.view) >= 8
    dock = small.feature("review").dock
    assert dock.height() <= SMALL[1] // 2
    table = small.feature("review").panel.table
    assert table.height() >= 2 * table.verticalHeader().defaultSectionSize()
    shot(small, "small-window-review")


def test_the_agreement_reports_last_header_shows_whole(qtbot, make_window, sample_project):
    dialog = AgreementDialog(None, sample_project)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    header = dialog.table.horizontalHeader()
    last = dialog.table.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= dialog.table.viewport().width()
    shot(dialog, "agreement-default-size")


def test_a_hidden_article_list_stays_hidden_after_a_restart(make_window, sample_project, qtbot):
    first = make_window(sample_project)
    first.actions_by_name["article_list"].trigger()
    first.close()
    again = make_window(sample_project)
    assert again.article_list.isHidden() and not again.actions_by_name["article_list"].isChecked()


def test_after_a_restart_the_form_still_fits_its_rows(make_window, sample_project, qtbot):
    first = make_window(sample_project)
    first.close()
    again = make_window(sample_project)
    again.resize(1280, 800)
    qtbot.wait(10)
    form, _table = again.right_splitter.sizes()
    assert abs(form - again.form.layout().totalHeightForWidth(again.form.width())) <= 2
