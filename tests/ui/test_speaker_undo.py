"""Adding a speaker from the claim form is one step of the history: undo takes it out again."""

from __future__ import annotations

import pytest

from tests.ui.conftest import USER, add_article, saved_claims

TEXT = "Mayor Tessa Grann said about 300 homes were flooded, and 40 more on Friday."
QUOTE, OTHER = "about 300 homes", "40 more"
NEW = "Mayor Tessa Grann"


@pytest.fixture
def window(make_window, file_project):
    article_id = add_article(file_project, TEXT, title="Floods")
    window = make_window(file_project)
    window.open_article(article_id)
    claim = window.create_claim(TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE))
    window.select_claim(claim.id)
    return window


def _add_new_speaker_from_the_form(window) -> None:
    form = window.form
    form.speaker.setEditText(NEW)
    form.speaker.lineEdit().editingFinished.emit()
    form.speaker_type.setCurrentText("official body")
    form.add_speaker_button.click()


def _registry(path) -> list[str]:
    from annotator.core.store import Project

    with Project.open(path) as reader:
        return [speaker.name for speaker in reader.speakers.all()]


def _trigger(window, name: str, times: int = 1) -> None:
    for _ in range(times):
        window.actions_by_name[name].trigger()


def test_undo_takes_the_speaker_off_the_claim_then_out_of_the_registry(window, project_path):
    _add_new_speaker_from_the_form(window)
    assert [c.speaker for c in saved_claims(project_path)] == [NEW]
    assert window.actions_by_name["undo"].text() == f"&Undo Edit speaker of “{QUOTE}”"

    _trigger(window, "undo")
    assert [c.speaker for c in saved_claims(project_path)] == [None]
    assert _registry(project_path) == [NEW]
    assert window.actions_by_name["undo"].text() == f"&Undo Add speaker “{NEW}”"

    _trigger(window, "undo")
    assert _registry(project_path) == []
    assert window.form.speaker.canonical(NEW) is None  # no longer offered by the completion
    assert window.form.speaker.findText(NEW) == -1


def test_redo_adds_the_speaker_back_with_its_type_and_gives_it_to_the_claim(
    window, file_project, project_path
):
    _add_new_speaker_from_the_form(window)
    _trigger(window, "undo", 2)
    _trigger(window, "redo")
    assert _registry(project_path) == [NEW]
    assert file_project.speakers.get(NEW).type == "official body"
    assert window.form.speaker.canonical(NEW) == NEW
    _trigger(window, "redo")
    assert [c.speaker for c in saved_claims(project_path)] == [NEW]


def test_add_undo_and_redo_are_each_in_the_change_log(window, file_project):
    _add_new_speaker_from_the_form(window)
    _trigger(window, "undo", 2)
    _trigger(window, "redo")
    entries = file_project.log.history("speaker", NEW)
    assert [(e.action, e.who) for e in entries] == [("create", USER), ("delete", USER), ("create", USER)]
    assert entries[1].before == {"name": NEW, "type": "official body", "aliases": []}


def test_undo_refuses_to_take_out_a_speaker_other_claims_now_use(
    window, file_project, project_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(type(window), "show_error", lambda self, message: shown.append(message))
    _add_new_speaker_from_the_form(window)
    # Another claim gets the new speaker outside this window's history (an import, a merge).
    start = TEXT.index(OTHER)
    file_project.claims.create(window.current_article.id, start, start + len(OTHER), by=USER, speaker=NEW)

    _trigger(window, "undo", 2)
    assert shown == [
        f"Add speaker “{NEW}” cannot be undone: “{NEW}” is the speaker of 1 claim; "
        "give those claims another speaker first"
    ]
    assert _registry(project_path) == [NEW]
    assert window.workspace.undo_stack.undoText() == f"Create claim “{QUOTE}”"  # the refused step is dropped
    assert [e.action for e in file_project.log.history("speaker", NEW)] == ["create"]


def test_where_a_speaker_is_required_undo_removes_the_claim_before_the_new_speaker(
    make_window, file_project, project_path
):
    file_project.settings.set("speaker_required", "1")
    article_id = add_article(file_project, TEXT, title="Floods")
    window = make_window(file_project)
    window.open_article(article_id)
    assert window.create_claim(TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE)) is None  # pending
    _add_new_speaker_from_the_form(window)
    assert [(c.quote, c.speaker) for c in saved_claims(project_path)] == [(QUOTE, NEW)]

    _trigger(window, "undo")
    assert saved_claims(project_path) == []
    assert _registry(project_path) == [NEW]
    _trigger(window, "undo")
    assert _registry(project_path) == []
    _trigger(window, "redo", 2)
    assert [(c.quote, c.speaker) for c in saved_claims(project_path)] == [(QUOTE, NEW)]
