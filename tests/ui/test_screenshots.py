"""Pictures of the main states for a human to look at (tests/screenshots/, not committed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter

from tests.ui.conftest import add_article

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def save(window, name: str, *, popup=None, under=None) -> Path:
    """Grab the window into a PNG, with an open popup drawn under the widget it belongs to.

    (A popup is a window of its own, and the offscreen screen is too small to place it.)
    """
    SHOTS.mkdir(exist_ok=True)
    image = window.grab().toImage()
    if popup is not None and popup.isVisible():
        painter = QPainter(image)
        painter.drawPixmap(under.mapTo(window, under.rect().bottomLeft()), popup.grab())
        painter.end()
    path = SHOTS / f"{name}.png"
    assert image.save(str(path))
    rows = (250, 300, 350)  # some row crosses drawn widgets, wherever the form's fields fall
    assert image.width() >= 1200
    assert max(len({image.pixel(x, y) for x in range(0, image.width(), 7)}) for y in rows) > 3
    return path


def test_screenshot_empty_project(make_window, project):
    window = make_window(project)
    assert window.article_list.model.rowCount() == 0
    assert window.header.title.text() == "No article open"
    save(window, "01-empty-project")


def test_screenshot_article_with_overlapping_claims(make_window, sample_project):
    article_id = sample_project.articles.ids()[0]
    text = sample_project.articles.text(article_id)
    quote = "about 4,200 residents"
    start = text.index(quote)
    sample_project.claims.create(article_id, start + 6, start + 11, by="tester", status="draft")
    sample_project.claims.create(article_id, start - 20, start + 5, by="tester")
    window = make_window(sample_project)
    window.open_article(article_id)
    window.select_claim(window.claims_model.claim(0).id)
    save(window, "02-overlapping-claims")


def test_screenshot_form_filled(qtbot, make_window, sample_project):
    article_id = sample_project.articles.ids()[1]
    window = make_window(sample_project, user="amira")
    window.open_article(article_id)
    claim = max(window.claims_model.claims(), key=lambda c: len(c.figure.measure) + len(c.note))
    window.select_claim(claim.id)
    assert window.form.speaker.isEnabled()
    save(window, "03-form-filled")


def test_screenshot_speaker_completion_open(qtbot, make_window, sample_project):
    article_id = sample_project.articles.ids()[0]
    window = make_window(sample_project)
    window.open_article(article_id)
    text = sample_project.articles.text(article_id)
    start = text.index("40 mm")
    window.create_claim(start, start + len("40 mm of rain"))
    field = window.form.speaker
    field.setFocus()
    qtbot.keyClicks(field.lineEdit(), "min")
    popup = field.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert any("Defence Ministry" in row for row in shown)
    save(window, "04-speaker-completion", popup=popup, under=field)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


def test_screenshot_confidence_colours(make_window, sample_project):
    window = make_window(sample_project)
    window.open_article(sample_project.articles.ids()[2])
    window.set_colour_mode("confidence")
    save(window, "05-colour-by-confidence")


def test_screenshot_long_article_with_many_claims(make_window, project):
    paragraph = "Officials said about 1,200 people left; others put it at more than 3,000. " * 8
    article_id = add_article(project, "\n\n".join([paragraph] * 20), title="A long article")
    text = project.articles.text(article_id)
    for index in range(0, 3000, 37):
        start = text.find("about", index)
        project.claims.create(article_id, start, start + 11, by="tester")
    window = make_window(project)
    window.open_article(article_id)
    save(window, "06-many-claims")


def test_screenshot_mixed_scripts_tabs_and_emoji(make_window, project):
    text = (
        "Mixed scripts\n\n"
        "Column\tValue\tSource\n"
        "killed\t1,000\tWestern officials\n"
        "Families 👨\u200d👩\u200d👧 in Kyiv 🇺🇦 said about 1,000\u00a0people left.\n"
        "המשטרה אמרה כי 42 בני אדם נפגעו בתאונה.\n"
        "Café owners (cafe\u0301) counted 300 more on Friday.\n"
        "قال المتحدث إن نحو 300 شخص غادروا المدينة يوم الجمعة.\n"
        "سخنگوی شهرداری گفت حدود ۲۰۰ خانه آسیب دیدند."
    )
    article_id = add_article(project, text, title="Mixed scripts")
    quotes = ("1,000\tWestern", "about 1,000\u00a0people", "42 בני אדם", "cafe\u0301) counted 300")
    for quote in (*quotes, "نحو 300 شخص", "حدود ۲۰۰ خانه"):
        start = text.index(quote)
        project.claims.create(article_id, start, start + len(quote), by="tester")
    window = make_window(project)
    window.open_article(article_id)
    window.select_claim(window.claims_model.claim(2).id)
    save(window, "07-mixed-scripts")
