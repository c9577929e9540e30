"""Edit → Speakers…: the registry managed from the window, each action undoable, refusals shown
in the dialog with nothing changed; the claim form then resolves aliases and guesses types."""

from __future__ import annotations

import pytest

from annotator.ui.speakers.dialog import ChoiceQuestion, NewSpeakerDialog, TextQuestion
from tests.ui.conftest import add_article
from tests.ui.test_screenshots import SHOTS

TEXT = (
    "South Korea's intelligence service says about 300 soldiers have been killed. "
    "The NIS told lawmakers that 2,700 had been wounded."
)
NIS = "National Intelligence Service"


@pytest.fixture
def window(make_window, project):
    project.speakers.add(NIS, by="tester", type="official body")
    project.speakers.add("Yonhap", by="tester", type="media")
    article_id = add_article(project, TEXT, title="Seoul: 300 killed")
    project.claims.create(article_id, 51, 72, by="tester", speaker="Yonhap")
    built = make_window(project)
    built.open_article(article_id)
    return built


@pytest.fixture
def speakers(window):
    feature = window.feature("speakers")
    window.actions_by_name["speakers"].trigger()
    return feature


def _answer(monkeypatch, question, answer) -> None:
    monkeypatch.setattr(question, "ask", classmethod(lambda cls, *a, **k: answer))


def _row(dialog, name: str) -> list[str]:
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == name)
    return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]


def _undo(window) -> None:
    window.actions_by_name["undo"].trigger()


def test_the_list_shows_type_aliases_and_claim_counts(window, speakers):
    window.project.speakers.add_alias(NIS, "NIS", by="tester")
    speakers.refresh()
    assert _row(speakers.dialog, NIS) == [NIS, "official body", "NIS", "0"]
    assert _row(speakers.dialog, "Yonhap") == ["Yonhap", "media", "", "1"]


def test_an_alias_added_in_the_dialog_resolves_in_the_claim_form(window, speakers, monkeypatch):
    speakers.dialog.select(NIS)
    _answer(monkeypatch, TextQuestion, "NIS")
    speakers.dialog.buttons["alias"].click()
    assert _row(speakers.dialog, NIS)[2] == "NIS"
    claim = window.create_claim(TEXT.index("2,700"), TEXT.index("2,700") + 5)
    window.select_claim(claim.id)
    window.form.speaker.setEditText("NIS")
    window.form.speaker.lineEdit().editingFinished.emit()
    assert window.form.unknown_speaker.isHidden()  # no offer to create a duplicate
    assert window.project.claims.get(claim.id).speaker == NIS
    assert len(window.project.speakers.all()) == 2


def test_an_alias_another_speaker_has_is_refused_in_the_dialog(window, speakers, monkeypatch):
    window.project.speakers.add_alias("Yonhap", "the agency", by="tester")
    speakers.dialog.select(NIS)
    _answer(monkeypatch, TextQuestion, "the agency")
    speakers.dialog.buttons["alias"].click()
    assert "already stands for 'Yonhap'" in speakers.dialog.error.text()
    assert window.project.speakers.resolve("the agency") == "Yonhap"
    assert window.workspace.undo_stack.count() == 0


def test_removing_an_alias_is_undoable(window, speakers, monkeypatch):
    window.project.speakers.add_alias(NIS, "NIS", by="tester")
    speakers.refresh()
    speakers.dialog.select(NIS)
    _answer(monkeypatch, ChoiceQuestion, "NIS")
    speakers.dialog.buttons["unalias"].click()
    assert window.form.speaker.canonical("NIS") is None
    _undo(window)
    assert window.form.speaker.canonical("NIS") == NIS


def test_merging_moves_the_claims_and_undo_brings_them_back(window, speakers, monkeypatch):
    speakers.dialog.select("Yonhap")
    _answer(monkeypatch, ChoiceQuestion, NIS)
    speakers.dialog.buttons["merge"].click()
    assert [c.speaker for c in window.claims_model.claims()] == [NIS]
    assert _row(speakers.dialog, NIS) == [NIS, "official body", "Yonhap", "1"]
    _undo(window)
    assert [c.speaker for c in window.claims_model.claims()] == ["Yonhap"]
    assert _row(speakers.dialog, "Yonhap")[3] == "1"


def test_merging_a_speaker_into_itself_is_refused(window, speakers):
    speakers.dialog.merge_requested.emit("Yonhap", "Yonhap")
    assert "are the same speaker" in speakers.dialog.error.text()
    assert [s.name for s in window.project.speakers.all()] == [NIS, "Yonhap"]
    assert window.workspace.undo_stack.count() == 0


def test_the_merge_choice_offers_only_the_other_speakers(window, speakers, monkeypatch):
    offered = []
    monkeypatch.setattr(
        ChoiceQuestion, "ask", classmethod(lambda cls, parent, title, label, choices: offered.append(choices))
    )
    speakers.dialog.select("Yonhap")
    speakers.dialog.buttons["merge"].click()
    assert offered == [[NIS]]


def test_renaming_keeps_the_old_name_as_an_alias_and_undo_restores_it(window, speakers, monkeypatch):
    speakers.dialog.select("Yonhap")
    _answer(monkeypatch, TextQuestion, "Yonhap News Agency")
    speakers.dialog.buttons["rename"].click()
    assert [c.speaker for c in window.claims_model.claims()] == ["Yonhap News Agency"]
    assert window.form.speaker.canonical("Yonhap") == "Yonhap News Agency"
    _undo(window)
    assert [s.name for s in window.project.speakers.all()] == [NIS, "Yonhap"]
    assert window.project.speakers.get("Yonhap").aliases == ()


def test_renaming_onto_another_speaker_is_refused(window, speakers, monkeypatch):
    speakers.dialog.select("Yonhap")
    _answer(monkeypatch, TextQuestion, NIS.upper())
    speakers.dialog.buttons["rename"].click()
    assert "merge the two speakers instead" in speakers.dialog.error.text()
    assert window.workspace.undo_stack.count() == 0


def test_changing_the_type_is_undoable(window, speakers):
    dialog = speakers.dialog
    dialog.select(NIS)
    dialog.type.setCurrentText("government")
    dialog.type.activated.emit(dialog.type.currentIndex())
    assert window.project.speakers.get(NIS).type == "government"
    _undo(window)
    assert _row(dialog, NIS)[1] == "official body"


def test_adding_a_speaker_from_the_dialog(window, speakers, monkeypatch):
    _answer(monkeypatch, NewSpeakerDialog, ("Western officials", "government"))
    speakers.dialog.buttons["add"].click()
    assert window.form.speaker.canonical("western officials") == "Western officials"
    _undo(window)
    assert window.form.speaker.canonical("Western officials") is None


@pytest.mark.parametrize(
    ("name", "guessed"),
    [("BBC", "media"), ("President Yoon Suk Yeol", "government"), ("Kim Young-woo", "unknown")],
)
def test_the_new_speaker_dialog_offers_the_guessed_type(qtbot, name, guessed):
    dialog = NewSpeakerDialog(None, [])
    qtbot.addWidget(dialog)
    dialog.name.setText(name)
    assert dialog.answer() == (name, guessed)


def test_a_type_picked_by_hand_is_not_overwritten_by_the_guess(qtbot):
    dialog = NewSpeakerDialog(None, [])
    qtbot.addWidget(dialog)
    dialog.type.setCurrentText("NGO")
    dialog.type.activated.emit(dialog.type.currentIndex())
    dialog.name.setText("BBC")
    assert dialog.answer() == ("BBC", "NGO")


@pytest.mark.parametrize(("typed", "guessed"), [("BBC", "media"), ("President Yoon", "government")])
def test_the_claim_form_guesses_the_type_of_an_unknown_speaker(window, typed, guessed):
    claim = window.create_claim(TEXT.index("2,700"), TEXT.index("2,700") + 5)
    window.select_claim(claim.id)
    window.form.speaker.setEditText(typed)
    window.form.speaker.lineEdit().editingFinished.emit()
    assert not window.form.unknown_speaker.isHidden()
    assert window.form.speaker_type.currentText() == guessed


def test_screenshot_speakers_dialog(window, speakers):
    window.project.speakers.add_alias(NIS, "NIS", by="tester")
    window.project.speakers.add_alias(NIS, "South Korea's intelligence service", by="tester")
    speakers.refresh()
    speakers.dialog.select(NIS)
    speakers.dialog.show_error("alias 'the agency' already stands for 'Yonhap'")
    SHOTS.mkdir(exist_ok=True)
    speakers.dialog.grab().save(str(SHOTS / "22-speakers-dialog.png"))
    new = NewSpeakerDialog(window, [])
    new.name.setText("Western officials")
    new.show()
    new.grab().save(str(SHOTS / "23-new-speaker.png"))
    new.close()
