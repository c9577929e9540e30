"""The claim form keeps its shape when the new-speaker row comes and goes (issue 14): no blank
band under it, no rows spread apart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from tests.ui.test_focus_after_dialogs import _type_new_speaker, open_floods
from tests.ui.test_review_ui import shot


@pytest.fixture
def window(make_window, project):
    return open_floods(make_window, project)


def _top(window, widget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def _band_under_the_form(window) -> int:
    """Pixels between the note box's bottom and the claims filter's top."""
    note = window.form.note
    return _top(window, window.claims_table.filter) - (_top(window, note) + note.height())


def test_adding_a_speaker_leaves_the_form_as_it_was(window, qtbot):
    window.resize(1280, 760)
    qtbot.wait(10)
    before = {name: _top(window, getattr(window.form, name)) for name in ("outlet", "note")}
    band = _band_under_the_form(window)
    assert band < 24
    shot(window, "form-before-new-speaker")
    _type_new_speaker(window, qtbot)
    qtbot.wait(10)
    assert _band_under_the_form(window) < 24  # the row pushed the table down, not the form's rows
    shot(window, "form-offering-new-speaker")
    window.form.add_speaker_button.click()
    qtbot.wait(10)
    after = {name: _top(window, getattr(window.form, name)) for name in ("outlet", "note")}
    assert after == before
    assert _band_under_the_form(window) == band
    shot(window, "form-after-new-speaker")


def test_the_form_rows_keep_their_spacing_in_a_tall_window(window, qtbot):
    window.resize(1280, 1000)
    qtbot.wait(10)
    form = window.form
    spacing = _top(window, form.fields["text"]) - _top(window, form.outlet)
    assert spacing < 2 * form.outlet.height()


def test_a_form_height_the_analyst_chose_survives_a_window_resize(window, qtbot):
    window.resize(1280, 900)
    qtbot.wait(10)
    form, _table = window.right_splitter.sizes()
    window.right_splitter.moveSplitter(form + 120, 1)  # what dragging the line does
    chosen = window.right_splitter.sizes()[0]
    assert chosen > form + 100
    window.resize(1300, 920)
    qtbot.wait(10)
    assert window.right_splitter.sizes()[0] == chosen
