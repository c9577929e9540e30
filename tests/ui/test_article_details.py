"""Article details: the dialog reads dates as the core does, refuses what it refuses, and the
edit is one undoable step that the list, the header and the change log follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from annotator.core.importers.runner import MetadataChange, import_paths
from annotator.ui import undo
from annotator.ui.annotate.article_dialog import ArticleDialog
from annotator.ui.dialogs import MetadataUpdateQuestion, metadata_question
from tests.ui.conftest import add_article
from tests.ui.test_screenshots import SHOTS

TEXT = "News\nSouth Korea's intelligence service says about 300 soldiers have been killed."


@pytest.fixture
def window(make_window, project):
    article_id = add_article(project, TEXT, title="News")
    built = make_window(project)
    built.open_article(article_id)
    return built


def _dialog(qtbot, window) -> ArticleDialog:
    dialog = ArticleDialog(window, window.current_article, outlets=["BBC News"], events=["Kursk 2024"])
    qtbot.addWidget(dialog)
    return dialog


def _ok(dialog) -> QDialogButtonBox:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _answer(monkeypatch, changes) -> None:
    monkeypatch.setattr(ArticleDialog, "ask", classmethod(lambda cls, *a, **k: changes))


def test_the_dialog_shows_what_the_date_is_read_as(qtbot, window):
    dialog = _dialog(qtbot, window)
    dialog.published.setText("9 May 2026")
    assert dialog.read_as.text() == "Read as 2026-05-09"
    assert _ok(dialog).isEnabled()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("published", "05/06/2026", "could be day/month or month/day"),
        ("published", "yesterday-ish", "cannot read the date"),
        ("title", "   ", "An article needs a title."),
    ],
)
def test_the_dialog_refuses_bad_input_inline(qtbot, window, field, text, message):
    dialog = _dialog(qtbot, window)
    (dialog.published if field == "published" else dialog.edits["title"]).setText(text)
    shown = dialog.read_as if field == "published" else dialog.error
    assert message in shown.text() and not shown.isHidden()
    assert not _ok(dialog).isEnabled()
    _ok(dialog).click()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_the_dialog_returns_only_what_changed(qtbot, window):
    dialog = _dialog(qtbot, window)
    dialog.edits["title"].setText("Western officials: 1,000 killed in three months")
    dialog.edits["outlet"].setText("BBC News")
    dialog.new_event.setText("Kursk 2024")
    dialog.add_event()
    dialog.new_event.setText("kursk 2024")  # the same event again, in other case
    dialog.add_event()
    assert dialog.changes() == {
        "title": "Western officials: 1,000 killed in three months",
        "outlet": "BBC News",
        "events": ["Kursk 2024"],
    }


def test_removing_an_event(qtbot, window):
    window.project.articles.edit(window.current_article.id, by="tester", events=["Kursk 2024", "Donbas"])
    window.open_article(window.current_article.id)
    dialog = ArticleDialog(
        window, window.project.articles.get(window.current_article.id), outlets=[], events=[]
    )
    qtbot.addWidget(dialog)
    dialog.events.setCurrentRow(0)
    dialog.remove_event()
    assert dialog.changes() == {"events": ["Kursk 2024"]}


def test_editing_from_the_menu_is_undoable_and_shown_everywhere(window, monkeypatch):
    article_id = window.current_article.id
    _answer(monkeypatch, {"title": "Seoul: 300 killed", "outlet": "BBC News", "published": "9 May 2026"})
    window.actions_by_name["edit_article"].trigger()
    assert window.header.title.text() == "Seoul: 300 killed"
    assert window.article_list.model.summary(0).outlet == "BBC News"
    assert window.project.articles.get(article_id).published == "2026-05-09"
    window.actions_by_name["undo"].trigger()
    assert window.header.title.text() == "News"
    assert window.project.articles.get(article_id).outlet == ""
    window.actions_by_name["redo"].trigger()
    assert window.article_list.model.summary(0).title == "Seoul: 300 killed"


def test_the_edit_is_in_the_change_log(window, monkeypatch):
    _answer(monkeypatch, {"author": "Jean Mackenzie"})
    window.annotation.edit_article_details()
    entries = [e for e in window.project.log.history("article") if e.action == "edit"]
    assert entries[-1].after == {"author": "Jean Mackenzie"}


def test_cancelling_or_changing_nothing_leaves_no_history(window, monkeypatch):
    for answer in (None, {}):
        _answer(monkeypatch, answer)
        window.annotation.edit_article_details()
    assert window.workspace.undo_stack.count() == 0


def test_enter_in_the_article_list_opens_the_dialog(window, monkeypatch, qtbot):
    asked = []
    monkeypatch.setattr(
        ArticleDialog, "ask", classmethod(lambda cls, parent, article, **k: asked.append(article.id))
    )
    window.article_list.table.setFocus()
    qtbot.keyClick(window.article_list.table, Qt.Key.Key_Return)
    assert asked == [window.current_article.id]


def test_the_header_link_opens_the_dialog(window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        ArticleDialog, "ask", classmethod(lambda cls, parent, article, **k: asked.append(article.id))
    )
    window.header.edit.click()
    assert asked == [window.current_article.id]


def test_screenshot_article_dialog(qtbot, window):
    dialog = _dialog(qtbot, window)
    dialog.edits["outlet"].setText("BBC News")
    dialog.published.setText("Saturday 9 May 2026 14.30 BST")
    dialog.events.addItems(["Kursk 2024", "North Korean troops in Russia"])
    dialog.show()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "20-article-dialog.png"))
    dialog.published.setText("05/06/2026")
    dialog.grab().save(str(SHOTS / "21-article-dialog-bad-date.png"))


# -- re-importing with other metadata ------------------------------------------------------


def _reimport(window, tmp_path):
    path = tmp_path / "bbc.txt"
    path.write_text(
        f"---\ntitle: Seoul says 300 killed\npublished: 9 May 2026\n---\n{TEXT}", encoding="utf-8"
    )
    return import_paths(window.project, [path], by="tester")


def test_the_question_names_what_would_change(window, tmp_path):
    summary = _reimport(window, tmp_path)
    assert metadata_question(summary.metadata_changes) == (
        "1 article already in the project came with other metadata: title “Seoul says 300 killed”, "
        "published “9 May 2026”. Update them?"
    )


@pytest.mark.parametrize("yes", [True, False])
def test_a_reimport_offers_to_update_the_metadata(window, tmp_path, monkeypatch, yes):
    asked = []
    monkeypatch.setattr(MetadataUpdateQuestion, "ask", classmethod(lambda cls, p, c: asked.append(c) or yes))
    path = tmp_path / "bbc.txt"
    path.write_text(f"---\ntitle: Seoul says 300 killed\n---\n{TEXT}", encoding="utf-8")
    window.files.import_paths([str(path)])
    assert len(asked) == 1
    assert window.header.title.text() == ("Seoul says 300 killed" if yes else "News")
    if yes:
        window.actions_by_name["undo"].trigger()
        assert window.header.title.text() == "News"


def test_an_import_with_the_same_metadata_asks_nothing(window, tmp_path, monkeypatch):
    monkeypatch.setattr(MetadataUpdateQuestion, "ask", classmethod(lambda cls, p, c: pytest.fail("asked")))
    path = tmp_path / "same.txt"
    path.write_text(TEXT, encoding="utf-8")
    window.files.import_paths([str(path)])


def test_updating_metadata_undoes_every_article(window):
    article_id = window.current_article.id
    change = MetadataChange(
        "x.txt", article_id, {"title": ("News", "Seoul"), "published": ("", "2026-05-09")}
    )
    undo.update_article_metadata(window.workspace, [change])
    assert window.project.articles.get(article_id).published == "2026-05-09"
    window.actions_by_name["undo"].trigger()
    article = window.project.articles.get(article_id)
    assert (article.title, article.published) == ("News", "")


def test_the_help_lists_the_new_shortcuts(window):
    keys = {(menu, action): k for menu, action, k in window.shortcut_rows()}
    assert keys[("Edit", "Article details…")] == "F2"
    assert keys[("Edit", "Speakers…")] == "Ctrl+Shift+K"
    assert keys[("Article list", "Edit the chosen article's details (also its right-click menu)")] == "Enter"
