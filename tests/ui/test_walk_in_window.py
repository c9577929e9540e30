"""The two-article walk of issue 14 in the window, driven as the analyst does it, with a
screenshot at each step (tests/screenshots/walk-*.png): import → article details → speakers
(an alias) → claims from the text → review (accept, correct the dropped thousand) → Figures
→ export."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.ui.dialogs import ExportChoice, ExportDialog
from annotator.ui.speakers.dialog import NewSpeakerDialog, TextQuestion
from tests.ui.test_review_ui import shot
from tests.walk import AGENCY, ALIASES, BLOG_TITLE, EVENT, FOLDER, LATEST_TITLE, OFFICIALS, SLIP


def _when_a_dialog_opens(qtbot, act) -> None:
    """Run `act(dialog)` on the next modal dialog, as a user working in it would."""

    def find():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, find)
            return
        act(dialog)

    QTimer.singleShot(0, find)


def _open(window, title: str) -> None:
    article = next(s for s in window.project.articles.summaries() if s.title == title)
    window.open_article(article.id)


def _fill_details(outlet: str, published: str):
    def act(dialog):
        dialog.edits["outlet"].setText(outlet)
        dialog.published.setText(published)
        dialog.new_event.setText(EVENT)
        dialog.add_event()
        shot(dialog, f"walk-2-details-{outlet.split()[0].lower()}")
        dialog.accept()

    return act


def _tag(window, qtbot, quote: str, speaker: str) -> None:
    """Select `quote` in the text, press Enter, type the speaker and press Enter."""
    text = window.current_article.text
    start = text.index(quote)
    window.view.setFocus()
    window.view.select_span(start, start + len(quote))
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() in (window.form.speaker, window.form.speaker.lineEdit())
    window.form.speaker.lineEdit().insert(speaker)
    qtbot.keyClick(window.form.speaker.lineEdit(), Qt.Key.Key_Return)


@pytest.fixture
def window(make_window, file_project):
    built = make_window(file_project, user="amira")
    built.resize(1280, 800)
    return built


def test_the_two_article_walk_in_the_window(window, qtbot, monkeypatch, tmp_path):
    project = window.project
    # 1. capture: the folder of two pasted articles; titles skip the boilerplate lines
    window.files.import_paths([str(FOLDER)])
    assert {s.title for s in project.articles.summaries()} == {BLOG_TITLE, LATEST_TITLE}
    qtbot.wait(20)  # the header's wrapped title is laid out on the next pass
    shot(window, "walk-1-imported")

    # 2. article details from F2, both articles
    _open(window, BLOG_TITLE)
    _when_a_dialog_opens(qtbot, _fill_details("Varda Watch (blog)", "12 June 2026"))
    window.actions_by_name["edit_article"].trigger()
    assert "2026-06-12" in window.header.meta.text() and "Varda Watch" in window.header.meta.text()
    _open(window, LATEST_TITLE)
    _when_a_dialog_opens(qtbot, _fill_details("Frontline Digest", "13 June 2026"))
    window.actions_by_name["edit_article"].trigger()
    assert project.events.names() == [EVENT]

    # 3. speakers: the agency with its acronym and the blog's way of naming it
    speakers = window.feature("speakers")
    window.actions_by_name["speakers"].trigger()
    monkeypatch.setattr(NewSpeakerDialog, "ask", classmethod(lambda cls, *a, **k: (AGENCY, "official body")))
    speakers.dialog.buttons["add"].click()
    speakers.dialog.select(AGENCY)
    for alias in ALIASES:
        monkeypatch.setattr(TextQuestion, "ask", classmethod(lambda cls, *a, alias=alias, **k: alias))
        speakers.dialog.buttons["alias"].click()
    assert set(project.speakers.get(AGENCY).aliases) == set(ALIASES)
    shot(speakers.dialog, "walk-3-speakers")
    speakers.dialog.close()

    # 4. claims, from the text: Enter, the speaker by alias, a new speaker added from the form
    _tag(window, qtbot, "about 300 soldiers have been killed", "NIA")
    assert window.current_claim().speaker == AGENCY and window.current_claim().outlet == "Morning Ledger"
    _tag(window, qtbot, SLIP, "NIA")
    slip = window.current_claim()
    assert (slip.figure.text, slip.figure.value, slip.figure.measure) == ("about 11", 11, "troops deployed")
    shot(window, "walk-4-claim-slip")
    _tag(window, qtbot, "some 11,000 troops had been deployed", "a defence analyst")
    assert window.form.unknown_speaker.isVisible()
    window.form.add_speaker_button.click()
    assert QApplication.focusWidget() is window.form.outlet  # on to the next field
    assert window.current_claim().outlet == "Evening Courier"
    _open(window, BLOG_TITLE)
    _tag(window, qtbot, "some 11,000 troops", OFFICIALS)
    window.form.add_speaker_button.click()
    assert window.form.outlet.text() == "NBS"  # "told the NBS": read from the sentence
    assert window.current_claim().outlet == "NBS" and window.current_claim().speaker == OFFICIALS
    _tag(window, qtbot, "about 300 soldiers have been killed", ALIASES[1])
    assert window.current_claim().speaker == AGENCY
    shot(window, "walk-4-claims-blog")

    # 5. review: amira submits both articles; ben accepts and corrects the dropped thousand
    for title in (BLOG_TITLE, LATEST_TITLE):
        _open(window, title)
        window.actions_by_name["submit_drafts"].trigger()
    project.people.add("ben", by="amira", reviewer=True)
    window.workspace.set_user("ben")
    review = window.feature("review")
    window.actions_by_name["review_mode"].trigger()
    panel = review.panel
    assert panel.model.rowCount() == 5
    while panel.current() is not None and panel.current().id != slip.id:
        qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert panel.current().id == slip.id
    shot(window, "walk-5-review-queue")

    def correct(dialog):
        assert dialog.value.text() == "11"  # a count shows as a count
        dialog.value.setText("11,000")
        dialog.comment.setText("dropped thousand: the Courier says some 11,000")
        shot(dialog, "walk-5-correct-dialog")
        dialog.accept()

    _when_a_dialog_opens(qtbot, correct)
    qtbot.keyClick(panel.table, Qt.Key.Key_C)
    while panel.current() is not None:
        qtbot.keyClick(panel.table, Qt.Key.Key_A)
    correction = next(c for c in project.claims.select() if c.supersedes == slip.id)
    assert correction.figure.text == "about 11,000"
    window.open_article(slip.article_id, slip.id)
    assert window.claims_model.status_of(window.current_claim()) == "corrected"
    assert "corrected" in window.form.title.text()
    shot(window, "walk-5-corrected")

    # 6. compare: the Figures view groups the event's figures; no scale flag is left
    window.actions_by_name["figures_view"].trigger()
    figures = window.feature("figures")
    figures.refresh()
    groups = {group.measure: group for group in figures.view.visible_groups()}
    assert groups["troops deployed"].flags == ()
    assert sorted(row.figure_text for row in groups["troops deployed"].rows) == [
        "about 11,000",
        "some 11,000",
        "some 11,000",
    ]
    shot(figures.dock, "walk-6-figures")
    figures.dock.hide()

    # 7. export from File → Export CSV
    out = tmp_path / "walk.csv"
    choice = ExportChoice("csv", str(out), None, None, None)
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: choice))
    window.actions_by_name["export_csv"].trigger()
    qtbot.waitUntil(out.exists, timeout=10000)
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 6  # five claims and the correction
    assert {r["claim_outlet"] for r in rows} >= {"NBS", "Morning Ledger", "Evening Courier"}
