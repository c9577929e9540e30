"""Accepting a suggestion whose speaker is not in the registry: the window asks to add it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.model import Speaker
from annotator.ui.suggestions.proposed_speaker import ProposedSpeakerDialog
from tests.conftest import add_article

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
TEXT = "Western officials told the BBC that 1,000 soldiers had been killed."


def _window_on_suggestion(make_window, project):
    article_id = add_article(project, TEXT, outlet="Daily Ledger")
    window = make_window(project)
    window.open_article(article_id)
    window.actions_by_name["suggest_article"].trigger()
    [suggestion] = [c for c in window.claims_model.claims() if c.status == "suggested"]
    window.select_claim(suggestion.id)
    window.view.setFocus()
    return window, suggestion


def _answer(monkeypatch, answer):
    asked = []

    def ask(_cls, _parent, name, registry):
        asked.append(name)
        return answer

    monkeypatch.setattr(ProposedSpeakerDialog, "ask", classmethod(ask))
    return asked


def test_accepting_adds_the_confirmed_speaker_and_tags_the_claim(monkeypatch, qtbot, make_window, project):
    window, suggestion = _window_on_suggestion(make_window, project)
    asked = _answer(monkeypatch, Speaker("Western officials", "government"))
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    accepted = project.claims.get(suggestion.id)
    assert asked == ["Western officials"]
    assert (accepted.status, accepted.speaker, accepted.note) == ("draft", "Western officials", "")
    assert project.speakers.get("Western officials").type == "government"
    window.actions_by_name["undo"].trigger()
    assert project.claims.get(suggestion.id).status == "suggested"
    assert project.speakers.resolve("Western officials") is None
    window.actions_by_name["redo"].trigger()
    assert project.claims.get(suggestion.id).speaker == "Western officials"


def test_accepting_without_the_speaker_keeps_the_proposal_in_the_note(
    monkeypatch, qtbot, make_window, project
):
    window, suggestion = _window_on_suggestion(make_window, project)
    _answer(monkeypatch, False)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    accepted = project.claims.get(suggestion.id)
    assert (accepted.status, accepted.speaker) == ("draft", None)
    assert "proposed speaker: Western officials" in accepted.note
    assert project.speakers.resolve("Western officials") is None


def test_cancelling_the_question_accepts_nothing(monkeypatch, qtbot, make_window, project):
    window, suggestion = _window_on_suggestion(make_window, project)
    _answer(monkeypatch, None)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert project.claims.get(suggestion.id).status == "suggested"


def test_a_speaker_registered_since_is_tagged_without_asking(monkeypatch, qtbot, make_window, project):
    window, suggestion = _window_on_suggestion(make_window, project)
    project.speakers.add("Western officials", by="amira", type="government")
    asked = _answer(monkeypatch, None)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    assert asked == []
    assert project.claims.get(suggestion.id).speaker == "Western officials"


def test_the_question_guesses_the_type_and_can_be_read(qtbot, project):
    dialog = ProposedSpeakerDialog(None, "Western officials", project.speakers.all())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.type.currentText() == "government"
    assert dialog.proposed() == Speaker("Western officials", "government")
    dialog.name.setText("Western intelligence officials")
    assert dialog.proposed().name == "Western intelligence officials"
    SHOTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "31-proposed-speaker.png"))
