"""The outlet on the claim form: prefilled from the sentence, else the article; completed from the
project; saved as an undoable edit; never mixed with the speaker."""

from __future__ import annotations

import pytest

from tests.ui.conftest import add_article, saved_claims
from tests.ui.test_screenshots import SHOTS

TEXT = (
    "Western officials told the BBC that, out of some 11,000 troops sent, 1,000 had been killed. "
    "South Korea's intelligence service says about 300 soldiers have been killed."
)


@pytest.fixture
def window(make_window, file_project):
    article_id = add_article(file_project, TEXT, title="News", outlet="The Telegraph")
    built = make_window(file_project)
    built.open_article(article_id)
    return built


def _tag(window, quote: str):
    start = TEXT.index(quote)
    return window.create_claim(start, start + len(quote))


def test_the_outlet_is_prefilled_from_the_sentence(window):
    claim = _tag(window, "some 11,000")
    assert claim.outlet == "BBC" and claim.speaker is None
    assert window.form.outlet.text() == "BBC"


def test_without_a_cue_the_article_outlet_is_used(window):
    assert _tag(window, "about 300").outlet == "The Telegraph"


def test_editing_the_outlet_is_saved_and_undoable(window, project_path):
    claim = _tag(window, "about 300")
    window.form.outlet.setText("Yonhap")
    window.form.outlet.editingFinished.emit()
    assert [c.outlet for c in saved_claims(project_path)] == ["Yonhap"]
    assert window.actions_by_name["undo"].text() == "&Undo Edit outlet of “about 300”"
    window.actions_by_name["undo"].trigger()
    assert window.project.claims.get(claim.id).outlet == "The Telegraph"
    assert window.form.outlet.text() == "The Telegraph"


def test_the_outlet_completes_over_the_project_outlets(window):
    _tag(window, "some 11,000")
    window.annotation.refresh_vocabularies()
    assert window.form.outlet_completer.model().stringList() == ["BBC", "The Telegraph"]


def test_screenshot_claim_form_with_outlet(window):
    claim = _tag(window, "some 11,000")
    window.select_claim(claim.id)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "24-claim-form-outlet.png"))
    window.form.grab().save(str(SHOTS / "25-claim-form-outlet-close.png"))
