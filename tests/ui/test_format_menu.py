"""File → Import and Export offer every registered format (the dialogs read the registries)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from annotator.ui import file_actions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def _export_dialog(qtbot, format_name: str):
    from annotator.ui.dialogs import ExportDialog

    dialog = ExportDialog(
        None,
        formats=["brat", "csv", "xlsx"],
        annotators=[],
        statuses=[],
        article_id=None,
        article_title="",
        format_name=format_name,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_export_to_a_folder_format_asks_for_a_folder(qtbot, monkeypatch, tmp_path):
    dialog = _export_dialog(qtbot, "brat")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(tmp_path))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    dialog._browse()
    assert dialog.choice().path == str(tmp_path)


def test_export_to_a_file_format_suggests_its_suffix(qtbot, monkeypatch):
    dialog = _export_dialog(qtbot, "xlsx")
    asked = []

    def save(parent, title, name, filters):
        asked.append((name, filters))
        return "/somewhere/claims.xlsx", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    dialog._browse()
    assert asked == [("claims.xlsx", "xlsx files (*.xlsx);;All files (*)")]


def test_import_with_a_format_filter_reads_files_as_that_format(make_window, project, monkeypatch):
    window = make_window(project)
    offered, shown = [], []

    def open_files(parent, title, folder, filters):
        offered.extend(filters.split(";;"))
        chosen = next(f for f in offered if f.startswith("doccano "))
        return [str(FIXTURES / "doccano" / "spans.jsonl")], chosen

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_files)
    monkeypatch.setattr(file_actions, "show_plain_message", lambda _p, _t, text, **_: shown.append(text))
    window.files.import_files()
    assert "doccano (*.jsonl)" in offered and "labelstudio (*.json)" in offered and "brat (*.ann)" in offered
    assert project.claims.count() == 3
    assert "Not kept:\nspans.jsonl: document label 'transport'" in shown[0]


def test_formats_are_listed_by_name_and_a_folder_format_asks_for_a_folder(qtbot):
    dialog = _export_dialog(qtbot, "brat")
    assert [dialog.format.itemText(i) for i in range(dialog.format.count())] == [
        "brat standoff (a folder)",
        "CSV (spreadsheets)",
        "Excel workbook (.xlsx)",
    ]
    assert dialog.path_label.text() == "Folder"
    dialog.format.setCurrentIndex(2)
    assert (dialog.path_label.text(), dialog.choice().format_name) == ("File", "xlsx")


def test_a_page_read_as_its_teaser_is_imported_with_a_warning_and_the_other_readings_offered(
    make_window, project, monkeypatch, tmp_path
):
    from tests.core.test_html_extraction import TEASER_PAGE

    page = tmp_path / "teaser.html"
    page.write_text(TEASER_PAGE, encoding="utf-8")
    window = make_window(project)
    offered, warned = [], []

    def open_files(parent, title, folder, filters):
        offered.extend(filters.split(";;"))
        return [str(page)], next(f for f in offered if f.startswith("html "))

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_files)
    monkeypatch.setattr(file_actions, "show_plain_message", lambda _p, _t, text, **_: warned.append(text))
    window.files.import_files()
    assert "html-recall (*.html *.htm)" in offered and "html-whole (*.html *.htm)" in offered
    assert project.articles.count() == 1
    [message] = warned
    assert "Check:\nteaser.html: only" in message
    assert "html-recall or html-whole" in message and "File → Import files" in message


def test_import_opens_in_the_documents_folder_then_where_the_last_import_came_from(
    make_window, project, monkeypatch, tmp_path
):
    import os

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(documents))
    window = make_window(project)
    started, shown = [], []
    page = tmp_path / "inbox" / "story.txt"
    page.parent.mkdir()
    page.write_text("Officials said 40 boats were lost.\n", encoding="utf-8")

    def open_files(parent, title, folder, filters):
        started.append(folder)
        return [str(page)], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_files)
    monkeypatch.setattr("annotator.ui.file_actions.show_plain_message", lambda *a, **k: shown.append(a))
    window.files.import_files()
    window.files.import_files()
    assert started == [str(documents), str(page.parent)]
    assert os.getcwd() not in started
