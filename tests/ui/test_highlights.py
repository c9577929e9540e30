"""Overlapping and nested claims stay visibly distinct; suggested claims have their own style."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from annotator.ui.annotate.highlight import FILL_ALPHA
from tests.ui.conftest import add_article

TEXT = "Officials said that some 11,000 troops were sent and 1,000 had been killed in three months."


def _claim(project, article_id, quote, **fields):
    start = TEXT.index(quote)
    return project.claims.create(article_id, start, start + len(quote), by="tester", **fields)


def _drawn(window) -> list[tuple[str, int, bool, QTextCharFormat.UnderlineStyle]]:
    """(text, fill alpha, underlined, underline style) of each highlighted range of the first line."""
    block = window.view.document().firstBlock()
    drawn = []
    for item in sorted(block.layout().formats(), key=lambda r: r.start):
        fmt = item.format
        alpha = fmt.background().color().alpha() if fmt.background().style() != Qt.BrushStyle.NoBrush else 0
        style = fmt.underlineStyle()
        drawn.append((block.text()[item.start : item.start + item.length], alpha, style))
    return drawn


def test_overlapping_and_nested_claims_get_darker_where_they_overlap(make_window, project):
    article_id = add_article(project, TEXT)
    _claim(project, article_id, "some 11,000 troops were sent")
    _claim(project, article_id, "troops were sent and 1,000 had been killed")
    _claim(project, article_id, "killed")
    window = make_window(project)
    window.open_article(article_id)
    no_line = QTextCharFormat.UnderlineStyle.NoUnderline
    line = QTextCharFormat.UnderlineStyle.SingleUnderline
    assert _drawn(window) == [
        ("some 11,000 ", FILL_ALPHA[1], no_line),
        ("troops were sent", FILL_ALPHA[2], line),
        (" and 1,000 had been ", FILL_ALPHA[1], no_line),
        ("killed", FILL_ALPHA[2], line),
    ]


def test_every_claim_keeps_visible_brackets_at_its_ends(make_window, project):
    article_id = add_article(project, TEXT)
    outer = _claim(project, article_id, "some 11,000 troops were sent")
    inner = _claim(project, article_id, "11,000")
    window = make_window(project)
    window.open_article(article_id)
    marks = window.view.highlighter.index.boundaries[0]
    assert sorted((m.claim_id, m.position, m.is_start) for m in marks) == sorted(
        [
            (outer.id, TEXT.index("some"), True),
            (outer.id, TEXT.index(" and"), False),
            (inner.id, TEXT.index("11,000"), True),
            (inner.id, TEXT.index(" troops"), False),
        ]
    )


def test_suggested_claims_are_dashed_without_fill(make_window, project):
    article_id = add_article(project, TEXT)
    _claim(project, article_id, "in three months", status="suggested")
    window = make_window(project)
    window.open_article(article_id)
    assert _drawn(window) == [("in three months", 0, QTextCharFormat.UnderlineStyle.DashUnderline)]


def test_clicking_a_highlight_selects_its_row_and_fills_the_form(qtbot, make_window, project):
    article_id = add_article(project, TEXT)
    outer = _claim(project, article_id, "some 11,000 troops were sent")
    inner = _claim(project, article_id, "11,000", note="typo?")
    window = make_window(project)
    window.open_article(article_id)
    view = window.view
    for quote, expected in (("11,000", inner), ("troops", outer)):
        view.select_span(TEXT.index(quote) + 2, TEXT.index(quote) + 2)
        point = view.cursorRect().center()
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert window.current_claim_id == expected.id
        assert window.claims_table.current_claim_id() == expected.id
    assert window.form.note.toPlainText() == ""


def test_choosing_a_row_outlines_the_claim_and_announces_it(qtbot, make_window, project):
    article_id = add_article(project, TEXT)
    claim = _claim(project, article_id, "1,000 had been killed")
    window = make_window(project)
    window.open_article(article_id)
    with qtbot.waitSignal(window.claim_selected) as signal:
        window.claims_table.table.selectRow(0)
    assert signal.args == [claim.id]
    assert window.view._outlined == claim.id
    assert window.form.claim == claim


def test_colouring_by_confidence_changes_colours_and_legend(make_window, project):
    article_id = add_article(project, TEXT)
    _claim(project, article_id, "had been killed", confidence="high")
    window = make_window(project)
    window.open_article(article_id)
    window.actions_by_name["colour_confidence"].trigger()
    assert "High" in window.legend.entries.text()
    block = window.view.document().firstBlock()
    [item] = block.layout().formats()
    assert item.format.background().color().name() == "#59a14f"
    window.actions_by_name["colour_speaker"].trigger()
    [item] = window.view.document().firstBlock().layout().formats()
    assert item.format.background().color().name() == "#8c8c8c"  # no speaker


def test_edits_redraw_highlights_only_when_their_look_changes(make_window, project):
    project.speakers.add("Coast Guard", by="tester", type="official body")
    article_id = add_article(project, TEXT)
    claim = _claim(project, article_id, "had been killed")
    window = make_window(project)
    window.open_article(article_id, claim.id)
    index = window.view.highlighter.index
    window.edit_claim(claim.id, "note", {"note": "check the date"})
    assert window.view.highlighter.index is index
    window.edit_claim(claim.id, "speaker", {"speaker": "Coast Guard"})
    assert window.view.highlighter.index is not index
    [item] = window.view.document().firstBlock().layout().formats()
    assert item.format.background().color().name() != "#8c8c8c"
