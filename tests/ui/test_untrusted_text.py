"""Imported strings are shown as text in the window: no rich text, no links but http(s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import Qt, QTextDocument

from annotator.ui.plain import link_html, message_box, plain_tooltip
from tests.ui.conftest import add_article

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
BANNER = '<span style="font-size:40pt;color:red">VERIFIED BY REUTERS</span>'
HOSTILE_TITLES = [
    BANNER,
    '<img src="file:///etc/passwd"> Losses',
    '<a href="file://host/share/x">Read the report</a>',
    "<b>bold</b> &amp; entities &lt;",
]
HOSTILE_URLS = [
    "file://host/share/x",
    "file:///C:/Users/x",
    "javascript:alert(1)",
    "smb://host/share",
    "\\\\host\\share",
    '"><img src=x>',
]
QUOTE = "<b>27</b> soldiers"
TEXT = f"The ministry said {QUOTE} were killed."


def shown(tip: str) -> str:
    """The text a tooltip displays, decided as Qt decides it."""
    document = QTextDocument()
    if Qt.mightBeRichText(tip):
        document.setHtml(tip)
    else:
        document.setPlainText(tip)
    return document.toPlainText()


def rendered(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


@pytest.fixture
def hostile_window(make_window, project):
    """The window on an article whose title, link and quoted text were crafted."""
    article_id = add_article(project, TEXT, title=BANNER, url="file://host/share/x", outlet="<i>Courier</i>")
    start = TEXT.index(QUOTE)
    claim = project.claims.create(article_id, start, start + len(QUOTE), by="tester")
    window = make_window(project)
    window.open_article(article_id)
    return window, article_id, claim


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_article_title_is_shown_as_plain_text(make_window, project, title):
    window = make_window(project)
    window.open_article(add_article(project, TEXT, title=title))
    assert window.header.title.textFormat() == Qt.TextFormat.PlainText
    assert window.header.title.text() == title


def test_crafted_title_screenshot_shows_the_markup(hostile_window):
    window, _, _ = hostile_window
    SHOTS.mkdir(exist_ok=True)
    window.resize(1400, 800)
    assert window.header.grab().save(str(SHOTS / "untrusted-article-header.png"))
    assert window.header.title.text() == BANNER


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_other_schemes_are_not_links(url):
    assert "<a" not in link_html(url) and "href" not in link_html(url)
    assert rendered(link_html(url)) == url


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2", "http://example.org/x"])
def test_web_links_show_the_full_address(url):
    html = link_html(url)
    assert html.startswith("<a href=") and rendered(html) == url


def test_header_does_not_link_a_file_url(hostile_window):
    window, _, _ = hostile_window
    meta = window.header.meta
    assert "<a" not in meta.text()
    assert rendered(meta.text()).startswith("<i>Courier</i> · file://host/share/x")


def test_header_links_an_https_url_in_full(make_window, project):
    url = "https://example.org/very/long/path/to/the/article?id=1"
    window = make_window(project)
    window.open_article(add_article(project, TEXT, title="T", url=url))
    assert f'<a href="{url}">{url}</a>' in window.header.meta.text()


def test_article_list_tooltip_shows_the_raw_title(hostile_window):
    window, _, _ = hostile_window
    model = window.article_list.model
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert shown(tip).splitlines()[0] == BANNER


def test_claims_table_tooltip_shows_the_raw_quote(hostile_window):
    window, _, claim = hostile_window
    model = window.claims_model
    assert shown(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)) == claim.quote == QUOTE


def test_highlight_tooltip_shows_the_raw_quote(hostile_window):
    window, _, claim = hostile_window
    assert f"“{QUOTE}”" in shown(window.view.tooltip_at(claim.start + 1))


@pytest.mark.parametrize("text", [*HOSTILE_TITLES, "plain words", "two\nlines  spaced"])
def test_plain_tooltip_shows_exactly_the_text(text):
    assert shown(plain_tooltip(text)) == text


def test_message_boxes_are_plain_text(qtbot):
    box = message_box(None, "Import", f"{BANNER}: not kept")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == f"{BANNER}: not kept"


def test_review_thread_shows_the_raw_quote_and_names(project):
    from annotator.ui.review.panel import thread_html

    article_id = add_article(project, TEXT)
    start = TEXT.index(QUOTE)
    claim = project.claims.create(article_id, start, start + len(QUOTE), by="<b>eve</b>", status="submitted")
    assert rendered(thread_html(project, claim)).startswith(f"“{QUOTE}”\n<b>eve</b> · ")


def test_history_dialog_tooltips_are_plain(qtbot, project):
    from annotator.ui.review.dialogs import HistoryDialog

    article_id = add_article(project, TEXT)
    claim = project.claims.create(article_id, 0, 3, by="<b>eve</b>")
    dialog = HistoryDialog(None, project.log.claim_history(claim.id), title="History")
    qtbot.addWidget(dialog)
    assert shown(dialog.table.item(0, 1).toolTip()) == dialog.table.item(0, 1).text() == "<b>eve</b>"


def test_chart_tooltip_escapes_imported_names():
    from types import SimpleNamespace

    from annotator.ui.figures.chart import FiguresChart

    row = SimpleNamespace(shown="<b>27</b>", who="<img src=x>", outlet="", published="", status="")
    group = SimpleNamespace(flags_for=lambda _claim_id: [])
    tip = FiguresChart.explain(None, SimpleNamespace(**vars(row), claim_id=""), group)
    assert rendered(tip).splitlines()[0] == "<b>27</b> — <img src=x>"
