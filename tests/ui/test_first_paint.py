"""The first frame shows the project as it stays; the rest of the article list follows it.

Before its first paint the window reads only what is on screen: the article open last, the
list's length and the rows around that article. Once it has painted, the rest of the list is
filled in where it stands (nothing moves), then the features are installed.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from annotator.app import build_window, paint_first
from annotator.ui import preferences
from annotator.ui.annotate.controller import FIRST_ROWS_EACH_SIDE

ARTICLES = 2 * FIRST_ROWS_EACH_SIDE + 60  # more than the first frame reads
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture
def many_articles(file_project):
    """More articles than the first frame reads, a claim on every other one; the one open last
    (with a claim) is near the end."""
    from annotator.core.model import IncomingArticle, IncomingClaim

    text = "The ministry said 40 people were moved."
    claim = IncomingClaim(start=0, end=len(text), quote=text, annotator="amira")
    incoming = [
        IncomingArticle(
            text=f"{text} Report {n}.",
            title=f"Report {n:03d}",
            claims=(claim,) if n % 2 == 0 else (),
        )
        for n in range(ARTICLES)
    ]
    file_project.articles.add_many(incoming, by="amira")
    ids = file_project.articles.ids()
    preferences.remember_last_article(file_project.path, ids[-20])
    return file_project, ids


def first_frame(project, qtbot):
    window = build_window(project, user="tester", load=False, features=False)
    qtbot.addWidget(window)
    window.show_first_screen()
    return window


def test_the_first_frame_shows_the_last_article_and_the_whole_lists_length(many_articles, qtbot):
    project, ids = many_articles
    window = first_frame(project, qtbot)
    model = window.article_list.model
    assert window.current_article.id == ids[-20]
    assert [claim.article_id for claim in window.shown_claims()] == [ids[-20]]  # its claims drawn
    assert model.rowCount() == ARTICLES
    assert 0 < model.unread < ARTICLES  # only the rows around it were read
    row = model.row_of(ids[-20])
    assert row == ARTICLES - 20
    around = range(row - FIRST_ROWS_EACH_SIDE, ARTICLES)
    assert [model.summary(r).id for r in around] == ids[row - FIRST_ROWS_EACH_SIDE :]
    assert (model.summary(row).claim_count, model.summary(row - 1).claim_count) == (1, 0)
    assert window.statusBar().currentMessage() == f"{ARTICLES} article(s)"


def test_the_rest_of_the_list_is_filled_in_where_it_stands(many_articles, qtbot):
    project, ids = many_articles
    window = first_frame(project, qtbot)
    window.show()
    qtbot.waitExposed(window)
    table = window.article_list.table
    scrolled, selected = table.verticalScrollBar().value(), table.currentIndex().row()
    assert scrolled > 0 and selected == ARTICLES - 20
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "first_frame_many_articles.png"))
    window.finish_showing()
    model = window.article_list.model
    assert model.unread == 0
    assert [model.summary(row).id for row in range(model.rowCount())] == ids
    assert (table.verticalScrollBar().value(), table.currentIndex().row()) == (scrolled, selected)
    assert window.current_article.id == ids[-20]


def test_an_empty_project_opens_with_no_article(project, qtbot):
    window = first_frame(project, qtbot)
    assert window.current_article is None
    assert window.article_list.model.rowCount() == 0
    window.finish_showing()
    assert window.article_list.model.rowCount() == 0


def test_the_app_adds_the_rest_after_the_first_paint(sample_project, qtbot):
    window = build_window(sample_project, user="tester", load=False, features=False)
    qtbot.addWidget(window)
    last = sample_project.articles.ids()[-1]
    paint_first(window, SimpleNamespace(article=last, db=sample_project.path))
    assert window.current_article.id == last  # in the first frame already
    assert "review" not in window._features  # the features' code follows the paint
    qtbot.waitUntil(lambda: "review" in window._features)
    assert window.article_list.model.rowCount() == sample_project.articles.count()
    assert window.current_article.id == last


def test_the_article_remembered_by_earlier_versions_opens_first(many_articles, qtbot):
    """Settings files written before keep working: the key is still the path's SHA-1."""
    import hashlib

    project, ids = many_articles
    key = hashlib.sha1(project.path.encode("utf-8")).hexdigest()[:16]
    preferences.ui_settings().setValue(f"last-article/{key}", ids[3])
    assert first_frame(project, qtbot).current_article.id == ids[3]


def test_reopening_the_last_project_at_its_article_writes_no_settings(many_articles, qtbot):
    project, ids = many_articles
    preferences.remember_project(project.path)
    settings = Path(preferences.ui_settings().fileName())
    written = settings.stat().st_mtime_ns
    preferences.remember_project(project.path)
    first_frame(project, qtbot)  # opens ids[-20], the article remembered
    assert settings.stat().st_mtime_ns == written
    first_frame(project, qtbot).open_article(ids[0])
    assert preferences.last_article(project.path) == ids[0]
