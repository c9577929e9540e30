"""A correction in the window: its figure text follows the new value, the Correct dialog writes
numbers as people do, and the superseded original reads "corrected" (issue 14)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Figure
from annotator.ui.annotate.claims_table import COLUMNS
from annotator.ui.review.dialogs import CorrectionDialog
from tests.ui.conftest import add_article
from tests.ui.test_review_ui import shot

TEXT = "The agency says about 11 soldiers were sent north, and about 2.5 tonnes of food."


@pytest.fixture
def slip(make_window, project):
    """ben's submitted "about 11" (a dropped thousand) in a window where amira reviews."""
    article = add_article(project, TEXT, title="Dropped thousand")
    project.people.add("amira", by="amira", reviewer=True)
    start = TEXT.index("about 11")
    claim = project.claims.create(
        article, start, start + 17, by="ben", status="submitted",
        figure=Figure("about 11", 11, qualifier="approximately", unit="soldiers"),
    )
    window = make_window(project, user="amira")
    window.open_article(article, claim.id)
    return window, claim


@pytest.mark.parametrize(("value", "shown"), [(11, "11"), (11000, "11,000"), (2.5, "2.5"), (None, "")])
def test_the_correct_dialog_writes_counts_as_integers_and_keeps_decimals(qtbot, value, shown):
    claim = _claim(Figure("x", value))
    dialog = CorrectionDialog(None, claim, speakers=[], scale=_scale())
    qtbot.addWidget(dialog)
    assert dialog.value.text() == shown
    assert dialog.changes() == {}


def test_the_correct_dialog_reads_a_typed_number_and_refuses_words(qtbot):
    dialog = CorrectionDialog(None, _claim(Figure("about 11", 11)), speakers=[], scale=_scale())
    qtbot.addWidget(dialog)
    dialog.value.setText("11,000")
    assert dialog.changes() == {"value": 11000}
    dialog.value.setText("eleven thousand")
    assert not dialog.ok.isEnabled() and dialog.value_error.isVisibleTo(dialog)
    dialog.value.setText("")
    assert dialog.ok.isEnabled() and dialog.changes() == {"value": None}


def test_a_correction_reads_about_11000_and_the_original_reads_corrected(slip, monkeypatch):
    window, claim = slip
    review = window.feature("review")
    review.start_review()
    monkeypatch.setattr(CorrectionDialog, "ask", classmethod(lambda cls, *a, **k: ({"value": 11000}, "")))
    review.panel.act("correct")
    correction = next(c for c in window.shown_claims() if c.supersedes == claim.id)
    assert correction.figure.text == "about 11,000"
    status = COLUMNS.index("Status")
    model = window.claims_model
    assert model.data(model.index(model.row_of(claim.id), status)) == "corrected"
    assert model.data(model.index(model.row_of(correction.id), status)) == "accepted"
    window.select_claim(claim.id)
    assert "corrected" in window.form.title.text() and "rejected" not in window.form.title.text()
    assert "corrected by ben" in window.view.tooltip_at(claim.start + 1)
    window.resize(1280, 760)
    shot(window, "correction-reads-corrected")


def test_a_plain_rejection_still_reads_rejected(slip, monkeypatch):
    window, claim = slip
    review = window.feature("review")
    review.start_review()
    from annotator.ui.review.dialogs import ReasonDialog

    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "no source"))
    review.panel.act("reject")
    model = window.claims_model
    status = COLUMNS.index("Status")
    assert model.data(model.index(model.row_of(claim.id), status), Qt.ItemDataRole.DisplayRole) == "rejected"


def _claim(figure):
    from annotator.core.model import Claim

    return Claim("c1", "a1", 0, 5, "about", figure=figure, annotator="ben", status="submitted")


def _scale():
    from annotator.core.confidence import load_scale

    return load_scale("icd203")
