"""The rest of the window: search, navigation, article status, required speakers, preferences,
shortcuts, import by drag and drop (with Cancel), export, remembered layout and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from annotator.ui import preferences
from annotator.ui.dialogs import ExportChoice, ExportDialog, NameDialog, ShortcutsDialog
from tests.ui.conftest import USER, add_article, saved_claims


def test_search_narrows_the_article_list_with_full_text(qtbot, make_window, sample_project):
    window = make_window(sample_project)
    total = window.article_list.model.rowCount()
    window.article_list.search.setText("ferry")
    qtbot.waitUntil(lambda: window.article_list.model.rowCount() < total)
    titles = [window.article_list.model.summary(r).title for r in range(window.article_list.model.rowCount())]
    assert titles and all("ferry" in title.casefold() or "Ferry" in title for title in titles)
    window.article_list.search.setText("")
    qtbot.waitUntil(lambda: window.article_list.model.rowCount() == total)


def _selected_article_rows(window) -> list[int]:
    return sorted(index.row() for index in window.article_list.table.selectionModel().selectedRows())


def test_next_article_leaves_exactly_one_row_selected_the_open_one(make_window, sample_project):
    window = make_window(sample_project)
    ids = window.article_list.visible_ids()
    window.open_article(ids[0])
    told = []  # the view repaints the rows it is told about; a muted model left the old row drawn
    window.article_list.table.selectionModel().selectionChanged.connect(
        lambda selected, deselected: told.append((selected.indexes(), deselected.indexes()))
    )
    window.actions_by_name["next_article"].trigger()
    window.actions_by_name["next_article"].trigger()
    window.actions_by_name["previous_article"].trigger()
    assert window.current_article.id == ids[1]
    assert _selected_article_rows(window) == [1]
    assert len(told) == 3 and all(deselected for _, deselected in told)


def test_next_and_previous_article_and_claim(make_window, sample_project):
    window = make_window(sample_project)
    ids = window.article_list.visible_ids()
    window.open_article(ids[0])
    window.actions_by_name["next_article"].trigger()
    assert window.current_article.id == ids[1]
    window.actions_by_name["previous_article"].trigger()
    assert window.current_article.id == ids[0]
    in_text_order = sorted(window.claims_model.claims(), key=lambda c: (c.start, c.end))
    window.actions_by_name["next_claim"].trigger()
    assert window.current_claim_id == in_text_order[0].id
    window.actions_by_name["next_claim"].trigger()
    assert window.current_claim_id == in_text_order[1].id
    window.actions_by_name["previous_claim"].trigger()
    assert window.current_claim_id == in_text_order[0].id


def test_cycle_confidence_saves_the_next_level(make_window, project):
    article_id = add_article(project, "They said 40 boats sank.")
    claim = project.claims.create(article_id, 10, 18, by=USER)
    window = make_window(project)
    window.open_article(article_id, claim.id)
    window.actions_by_name["cycle_confidence"].trigger()
    window.actions_by_name["cycle_confidence"].trigger()
    assert project.claims.get(claim.id).confidence == "low"


def test_marking_an_article_done_shows_in_the_list_and_undoes(make_window, sample_project):
    window = make_window(sample_project)
    article_id = window.current_article.id
    window.actions_by_name["mark_done"].trigger()
    row = window.article_list.model.row_of(article_id)
    assert window.article_list.model.summary(row).status == "done"
    assert sample_project.articles.get(article_id).status == "done"
    window.actions_by_name["undo"].trigger()
    assert sample_project.articles.get(article_id).status == "not started"
    assert window.article_list.model.summary(row).status == "not started"


def test_claim_counts_in_the_list_follow_create_and_undo(qtbot, make_window, project):
    article_id = add_article(project, "They said 40 boats sank.")
    window = make_window(project)
    window.view.select_span(10, 18)
    window.create_claim_from_selection()
    assert window.article_list.model.summary(0).claim_count == 1
    window.actions_by_name["undo"].trigger()
    assert window.article_list.model.summary(0).claim_count == 0
    assert article_id == window.current_article.id


def test_a_project_requiring_speakers_saves_the_claim_once_it_has_one(
    qtbot, make_window, file_project, project_path
):
    file_project.settings.set("speaker_required", "1")
    file_project.speakers.add("Coast Guard", by=USER, type="official body")
    add_article(file_project, "The coast guard said 40 boats sank.")
    window = make_window(file_project)
    window.view.select_span(21, 35)
    window.create_claim_from_selection()
    assert saved_claims(project_path) == []
    assert "speaker" in window.form.error.text()
    window.form.fields["measure"].setText("boats sunk")
    window.form.fields["measure"].editingFinished.emit()
    assert saved_claims(project_path) == []
    window.form.speaker.setEditText("coast guard")
    window.form.speaker.lineEdit().editingFinished.emit()
    [claim] = saved_claims(project_path)
    assert (claim.quote, claim.speaker, claim.figure.measure, claim.figure.value) == (
        "40 boats sank.",
        "Coast Guard",
        "boats sunk",
        40,
    )
    assert window.current_claim_id == claim.id


def test_preferences_change_the_annotator_name(monkeypatch, make_window, project):
    window = make_window(project)
    monkeypatch.setattr(NameDialog, "ask", classmethod(lambda cls, parent, name, **kw: "Rosa Diaz"))
    window.actions_by_name["preferences"].trigger()
    assert window.workspace.user == "Rosa Diaz"
    assert preferences.annotator_name() == "Rosa Diaz"
    assert "Rosa Diaz" in window.user_label.text()


def test_help_lists_every_menu_shortcut(monkeypatch, make_window, project):
    window = make_window(project)
    shown = []
    monkeypatch.setattr(ShortcutsDialog, "ask", classmethod(lambda cls, parent, rows: shown.extend(rows)))
    window.actions_by_name["shortcuts"].trigger()
    listed = {action for _menu, action, _keys in shown}
    for name in (
        "undo",
        "redo",
        "delete_claim",
        "next_article",
        "next_claim",
        "focus_search",
        "cycle_confidence",
    ):
        assert window.actions_by_name[name].text().replace("&", "") in listed


def test_dropping_files_imports_them(qtbot, make_window, project, tmp_path):
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text(
            f"Title {name}\n\nOfficials said {name} hundred left.\n", encoding="utf-8"
        )
    window = make_window(project)
    data = QMimeData()
    data.setUrls(
        [QUrl.fromLocalFile(str(tmp_path / "one.txt")), QUrl.fromLocalFile(str(tmp_path / "two.txt"))]
    )
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert project.articles.count() == 2
    assert window.article_list.model.rowCount() == 2
    assert window.current_article is not None


def test_cancelled_import_keeps_whole_files_only(monkeypatch, make_window, project, tmp_path):
    from PySide6.QtWidgets import QProgressDialog

    for index in range(5):
        (tmp_path / f"a{index}.txt").write_text(f"Title {index}\n\nText number {index}.\n", encoding="utf-8")
    window = make_window(project)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: project.articles.count() >= 2)
    summary = window.files.import_paths([str(tmp_path)])
    assert summary.cancelled
    assert project.articles.count() == 2
    assert all(project.articles.text(i).startswith("Title") for i in project.articles.ids())


def test_export_writes_the_chosen_format_and_filters(monkeypatch, make_window, sample_project, tmp_path):
    window = make_window(sample_project)
    out = tmp_path / "claims.csv"
    article_id = window.current_article.id
    choice = ExportChoice("csv", str(out), annotator=None, status=None, article_id=article_id)
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, parent, **options: choice))
    window.actions_by_name["export_csv"].trigger()
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("claim_id,article_id")
    assert len(lines) - 1 == sample_project.claims.count(article_id=article_id)


def test_layout_colour_mode_and_last_article_are_remembered(make_window, sample_project):
    window = make_window(sample_project)
    last = window.article_list.visible_ids()[-1]
    window.open_article(last)
    window.set_colour_mode("confidence")
    window.resize(780, 560)  # fits the offscreen screen, so geometry comes back unchanged
    window.splitter.setSizes([150, 400, 230])
    sizes = window.splitter.sizes()
    window.close()
    again = make_window(sample_project)
    assert again.current_article.id == last
    assert again.colour_mode == "confidence"
    assert (again.width(), again.height()) == (780, 560)
    assert again.splitter.sizes() == sizes


def test_refusals_become_messages_not_tracebacks(monkeypatch, make_window, sample_project):
    window = make_window(sample_project, user="someone-else")
    shown = []
    monkeypatch.setattr(type(window), "show_error", lambda self, message: shown.append(message))
    claim = window.claims_model.claim(0)
    window.select_claim(claim.id)
    window.actions_by_name["delete_claim"].trigger()
    assert shown and "belongs to" in shown[0]
    assert sample_project.claims.exists(claim.id)


@pytest.mark.parametrize("path_kind", ["folder", "not a project"])
def test_opening_a_bad_project_file_explains_and_keeps_the_current_one(
    monkeypatch, make_window, project, tmp_path, path_kind
):
    window = make_window(project)
    shown = []
    monkeypatch.setattr(type(window), "show_error", lambda self, message: shown.append(message))
    bad = tmp_path / "bad.annotator"
    if path_kind == "folder":
        bad.mkdir()
    else:
        bad.write_text("hello", encoding="utf-8")
    assert not window.files.open_project_file(str(bad))
    assert shown and str(bad) in shown[0]
    assert window.project is project


def test_opening_another_project_replaces_the_articles_and_history(make_window, project, tmp_path):
    add_article(project, "They said 40 boats sank.")
    window = make_window(project)
    window.view.select_span(10, 18)
    window.create_claim_from_selection()
    other = tmp_path / "other.annotator"
    assert window.files.open_project_file(str(other))
    assert window.article_list.model.rowCount() == 0
    assert window.workspace.undo_stack.count() == 0
    assert preferences.recent_projects()[0] == str(Path(other).resolve())


def test_the_first_claim_marks_the_article_in_progress_and_undo_unmarks_it(make_window, project):
    article_id = add_article(project, "They said 40 boats sank.")
    window = make_window(project)
    window.view.select_span(10, 18)
    window.create_claim_from_selection()
    assert project.articles.get(article_id).status == "in progress"
    assert window.article_list.model.summary(0).status == "in progress"
    window.actions_by_name["undo"].trigger()
    assert project.articles.get(article_id).status == "not started"
    assert project.claims.count(article_id=article_id) == 0
    window.actions_by_name["redo"].trigger()
    assert project.articles.get(article_id).status == "in progress"
    assert project.claims.count(article_id=article_id) == 1


def test_article_search_words_are_marked_in_the_open_text(qtbot, make_window, project):
    add_article(project, "Ferry fire: the ferry crew and FERRY passengers were rescued.")
    window = make_window(project)
    window.article_list.search.setText("ferry")
    qtbot.waitUntil(lambda: len(window.view.extraSelections()) == 3)
    marked = [s.cursor.selectedText() for s in window.view.extraSelections()]
    assert marked == ["Ferry", "ferry", "FERRY"]
