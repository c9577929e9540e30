"""Create a claim by selection and Enter, edit, undo, redo, delete: the file follows each step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import USER, add_article, saved_claims

TEXT = "Officials said about 4,200 residents had been evacuated by Wednesday."
QUOTE = "about 4,200 residents had been evacuated"


def _open(make_window, file_project):
    file_project.speakers.add("Regional Emergency Agency", by=USER, type="official body", aliases=("REA",))
    article_id = add_article(file_project, TEXT, title="Floods")
    window = make_window(file_project)
    window.open_article(article_id)
    return window


def _select_and_press_enter(qtbot, window, quote: str) -> None:
    found = window.view.document().find(quote)
    window.view.setTextCursor(found)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)


def test_selection_and_enter_create_a_claim_saved_in_the_file(qtbot, make_window, file_project, project_path):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    [claim] = saved_claims(project_path)
    assert (claim.start, claim.end, claim.quote) == (TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE), QUOTE)
    assert claim.annotator == USER
    assert (claim.figure.value, claim.figure.qualifier, claim.figure.text) == (
        4200,
        "approximately",
        "about 4,200",
    )
    assert window.current_claim_id == claim.id
    assert window.focusWidget() in (window.form.speaker, window.form.speaker.lineEdit())


def test_typing_an_alias_saves_the_canonical_speaker(qtbot, make_window, file_project, project_path):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    qtbot.keyClicks(window.form.speaker.lineEdit(), "REA")
    qtbot.keyClick(window.form.speaker.lineEdit(), Qt.Key.Key_Tab)
    [claim] = saved_claims(project_path)
    assert claim.speaker == "Regional Emergency Agency"


def test_edit_undo_redo_and_delete_each_reach_the_file(qtbot, make_window, file_project, project_path):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    measure = window.form.fields["measure"]
    assert saved_claims(project_path)[0].figure.measure == "evacuated"  # prefilled from the span
    measure.setFocus()
    measure.clear()
    qtbot.keyClicks(measure, "residents moved")
    qtbot.keyClick(measure, Qt.Key.Key_Return)
    assert saved_claims(project_path)[0].figure.measure == "residents moved"

    window.actions_by_name["undo"].trigger()
    assert saved_claims(project_path)[0].figure.measure == "evacuated"
    window.actions_by_name["redo"].trigger()
    assert saved_claims(project_path)[0].figure.measure == "residents moved"

    window.view.setFocus()
    window.actions_by_name["delete_claim"].trigger()
    assert saved_claims(project_path) == []
    assert window.claims_model.rowCount() == 0

    window.actions_by_name["undo"].trigger()
    [restored] = saved_claims(project_path)
    assert restored.figure.measure == "residents moved"
    assert window.claims_model.rowCount() == 1

    window.actions_by_name["undo"].trigger()  # the edit
    window.actions_by_name["undo"].trigger()  # the creation
    assert saved_claims(project_path) == []
    window.actions_by_name["redo"].trigger()
    assert [c.quote for c in saved_claims(project_path)] == [QUOTE]


def test_low_above_high_is_refused_inline_and_not_saved(qtbot, make_window, file_project, project_path):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    window.form.fields["low"].setText("5,000")
    window.form.fields["high"].setText("4,000")
    window.form.fields["high"].editingFinished.emit()
    assert "above the high" in window.form.error.text()
    assert not window.form.error.isHidden()
    [claim] = saved_claims(project_path)
    assert (claim.figure.low, claim.figure.high) == (None, None)


def test_unknown_speaker_is_added_to_the_registry_with_its_type(
    qtbot, make_window, file_project, project_path
):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    window.form.speaker.setEditText("Mayor Tessa Grann")
    window.form.speaker.lineEdit().editingFinished.emit()
    assert not window.form.unknown_speaker.isHidden()
    window.form.speaker_type.setCurrentText("official body")
    window.form.add_speaker_button.click()
    [claim] = saved_claims(project_path)
    assert claim.speaker == "Mayor Tessa Grann"
    assert file_project.speakers.get("Mayor Tessa Grann").type == "official body"


def test_others_claims_are_shown_read_only(make_window, sample_project):
    window = make_window(sample_project, user="someone-else")
    claim = window.claims_model.claim(0)
    window.select_claim(claim.id)
    assert not window.form.speaker.isEnabled()
    assert "read-only" in window.form.title.text()


def test_tab_walks_the_form_in_reading_order_and_escape_returns_to_the_text(qtbot, make_window, file_project):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    form = window.form
    expected = [
        form.outlet,
        form.fields["text"],
        form.fields["value"],
        form.fields["low"],
        form.fields["high"],
        form.qualifier,
    ]
    expected += [
        form.fields["unit"],
        form.fields["measure"],
        form.fields["period"],
        form.confidence,
        form.note,
    ]
    visited = []
    for _ in expected:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        visited.append(window.focusWidget())
    assert visited == expected
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert window.focusWidget() is window.view


def test_delete_key_in_the_text_removes_the_selected_claim(qtbot, make_window, file_project, project_path):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert saved_claims(project_path) == []


def test_speaker_completion_offers_aliases_and_fills_the_canonical_name(
    qtbot, make_window, file_project, project_path
):
    window = _open(make_window, file_project)
    _select_and_press_enter(qtbot, window, QUOTE)
    field = window.form.speaker
    qtbot.keyClicks(field.lineEdit(), "re")
    popup = field.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    rows = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert any(row.startswith("REA  →  Regional Emergency Agency") for row in rows)
    alias_row = next(r for r in range(popup.model().rowCount()) if rows[r].startswith("REA"))
    for _ in range(alias_row + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert popup.currentIndex().row() == alias_row
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.currentText() == "Regional Emergency Agency")
    assert saved_claims(project_path)[0].speaker == "Regional Emergency Agency"
