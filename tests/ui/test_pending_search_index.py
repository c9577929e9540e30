"""The articles an import leaves out of the search indexes are indexed in the window's idle time."""

from __future__ import annotations

from annotator.core.importers.runner import import_paths

ARTICLES = 12


def _write(folder) -> list:
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"a{n:02}.txt").write_text(f"Article {n}: Mariupol, {n} homes.", encoding="utf-8")
    return [folder]


def test_an_import_in_the_window_is_indexed_in_idle_time(
    qtbot, make_window, file_project, tmp_path, monkeypatch
):
    from annotator.ui import search_indexing

    monkeypatch.setattr(search_indexing, "SLICE", 5)
    window = make_window(file_project)
    window.files.import_paths([str(path) for path in _write(tmp_path / "in")])
    assert window.pending_search_index.active
    qtbot.waitUntil(lambda: not window.pending_search_index.active, timeout=5000)
    assert not file_project.articles.has_pending()
    assert len(file_project.articles.summaries(search="mariupol")) == ARTICLES


def test_a_project_opened_with_articles_pending_is_indexed_in_idle_time(
    qtbot, make_window, file_project, tmp_path
):
    import_paths(file_project, _write(tmp_path / "in"), by="tester")
    assert file_project.articles.has_pending()
    window = make_window(file_project)
    qtbot.waitUntil(lambda: not file_project.articles.has_pending(), timeout=5000)
    assert not window.pending_search_index.active
