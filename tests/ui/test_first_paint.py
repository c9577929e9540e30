"""Opening a project paints the window first and fills it right after."""

from __future__ import annotations

from annotator.app import build_window, load_after_first_paint


def test_the_window_is_filled_only_after_its_first_paint(sample_project, qtbot):
    window = build_window(sample_project, user="tester", load=False)
    qtbot.addWidget(window)
    load_after_first_paint(window)
    assert window.article_list.model.rowCount() == 0  # nothing read before the window paints
    window.show()
    qtbot.waitUntil(lambda: window.article_list.model.rowCount() == sample_project.articles.count())
    assert window.current_article is not None


def test_the_article_asked_for_is_opened_after_loading(sample_project, qtbot):
    last = sample_project.articles.ids()[-1]
    window = build_window(sample_project, user="tester", load=False)
    qtbot.addWidget(window)
    load_after_first_paint(window, article_id=last)
    window.show()
    qtbot.waitUntil(lambda: window.current_article is not None and window.current_article.id == last)
