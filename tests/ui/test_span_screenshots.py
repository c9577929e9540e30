"""Pictures of this branch's changes for a human to look at (tests/screenshots/, not committed):
a moved span, stable speaker colours, substring search hits, and the window at 1024×680."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Figure
from tests.ui.conftest import USER, add_article

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
TEXT = (
    "LATEST NEWS: Source: theguardian.com\n\n"
    "Western officials told the BBC that, out of some 11,000 troops sent, 1,000 had been killed "
    "in just three months. South Korea's intelligence service says about 300 soldiers have been "
    "killed, while about 2,700 have been wounded 🇰🇷. The Kremlin said 👨‍👩‍👧 nothing."
)


@pytest.fixture
def window(make_window, file_project):
    for name in ("Western officials", "National Intelligence Service", "Kremlin"):
        file_project.speakers.add(name, by=USER, type="government")
    article = add_article(file_project, TEXT, title="Latest news")
    for words, speaker, value in (
        ("1,000 had been killed", "Western officials", 1000),
        ("about 300 soldiers have been killed", "National Intelligence Service", 300),
        ("The Kremlin said", "Kremlin", None),
    ):
        start = TEXT.index(words)
        file_project.claims.create(
            article, start, start + len(words), by=USER, speaker=speaker, figure=Figure(value=value)
        )
    built = make_window(file_project)
    built.resize(1440, 900)
    built.open_article(article)
    return built


def _save(widget, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / name
    assert widget.grab().save(str(path))
    return path


def test_screenshot_a_moved_span_and_the_search_for_a_word_inside_a_token(qtbot, window):
    claim = next(c for c in window.claims_model.claims() if c.speaker == "Western officials")
    window.select_claim(claim.id)
    window.view.setFocus()
    alt_shift = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(len(" in just three months")):
        qtbot.keyClick(window.view, Qt.Key.Key_Right, alt_shift)
    window.article_list.search.setText("Guardian")
    qtbot.waitUntil(lambda: "match" in window.statusBar().currentMessage(), timeout=3000)
    assert window.view.show_search_hits("Guardian") == 1  # "theguardian" in the text
    assert window.current_claim().quote.endswith("three months")
    assert _save(window, "spans-moved-and-search.png").exists()


def test_screenshot_at_1024_by_680(qtbot, window):
    window.resize(1024, 680)
    qtbot.wait(50)
    assert _save(window, "window-1024x680.png").exists()
    assert window.view.width() > 0
