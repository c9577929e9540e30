"""Qt counts UTF-16 units, the project code points: a real selection must store exact offsets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import add_article, saved_claims

TEXT = (
    "Families 👨\u200d👩\u200d👧 in Kyiv 🇺🇦 said 😀 about 1,000\u00a0people\tleft.\n"
    "Café owners (cafe\u0301) counted 300 more; שלום 42 עולם said the mayor.\n"
    "Final line with 🏳️\u200d🌈 and 7 boats."
)


@pytest.mark.parametrize(
    "quote",
    [
        "about 1,000\u00a0people",
        "🇺🇦 said 😀",
        "👨\u200d👩\u200d👧",
        "cafe\u0301) counted 300",
        "שלום 42 עולם",
        "🏳️\u200d🌈 and 7",
    ],
)
def test_claim_from_a_keyboard_selection_stores_python_offsets(
    qtbot, make_window, file_project, project_path, quote
):
    article_id = add_article(file_project, TEXT, title="Offsets")
    window = make_window(file_project)
    window.open_article(article_id)
    view = window.view
    # Place the cursor before the quote (counting UTF-16 units independently of the app),
    # then select with Shift+Right as a user does.
    start, end = _utf16(TEXT[: TEXT.index(quote)]), _utf16(TEXT[: TEXT.index(quote) + len(quote)])
    start_cursor = QTextCursor(view.document())
    start_cursor.setPosition(start)
    view.setTextCursor(start_cursor)
    view.setFocus()
    while view.textCursor().position() < end:
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    [claim] = saved_claims(project_path)
    assert (claim.start, claim.end, claim.quote) == (TEXT.index(quote), TEXT.index(quote) + len(quote), quote)


def test_highlight_covers_the_same_characters_as_the_claim(make_window, file_project):
    article_id = add_article(file_project, TEXT, title="Offsets")
    quote = "about 1,000\u00a0people"
    file_project.claims.create(article_id, TEXT.index(quote), TEXT.index(quote) + len(quote), by="tester")
    window = make_window(file_project)
    window.open_article(article_id)
    block = window.view.document().firstBlock()
    ranges = [
        (r.start, r.length)
        for r in block.layout().formats()
        if r.format.background().style() != Qt.BrushStyle.NoBrush
    ]
    assert ranges == [(_utf16(TEXT[: TEXT.index(quote)]), _utf16(quote))]


def test_mouse_selection_snaps_to_words_and_alt_keeps_it_exact(qtbot, make_window, file_project):
    article_id = add_article(file_project, "The agency said about 4,200 residents left.", title="Snap")
    window = make_window(file_project)
    window.open_article(article_id)
    view = window.view
    rough = "bout 4,2"

    def drag(modifiers=Qt.KeyboardModifier.NoModifier):
        view.setTextCursor(QTextCursor(view.document()))  # pressing inside a selection would drag it
        start = view.document().find(rough)
        first, last = QTextCursor(view.document()), QTextCursor(view.document())
        first.setPosition(start.selectionStart())
        last.setPosition(start.selectionEnd())
        a, b = view.cursorRect(first).center(), view.cursorRect(last).center()
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, modifiers, a)
        qtbot.mouseMove(view.viewport(), b)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, modifiers, b)
        text = view.positions.text
        span = view.selected_span()
        return text[span[0] : span[1]] if span else ""

    assert drag() == "about 4,200"
    assert drag(Qt.KeyboardModifier.AltModifier) == rough


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
