"""The review screens: review mode from the keyboard, layers, comparison, agreement, history,
File → Merge project; with screenshots of review mode, the comparison and the agreement report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog

from annotator.core.model import Claim
from annotator.core.store import Project
from annotator.ui.review.adjudicate import DIFFERENT, CompareDialog
from annotator.ui.review.agreement import AgreementDialog
from annotator.ui.review.dialogs import HistoryDialog, ReasonDialog, write_history
from annotator.ui.review.panel import QueuedClaims

SHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture
def team(sample_project):
    """The sample project, with ben also tagging amira's first three claims, a little differently."""
    project = sample_project
    article = project.articles.ids()[0]
    amiras = [c for c in project.claims.for_article(article) if c.annotator == "amira"][:3]
    changes = ({"confidence": "high"}, {}, {"speaker": "Regional Emergency Agency"})
    for claim, change in zip(amiras, changes, strict=True):
        fields = {"speaker": claim.speaker, "figure": claim.figure, "confidence": claim.confidence, **change}
        project.claims.create(article, claim.start, claim.end, by="ben", status="submitted", **fields)
    return project, article


@pytest.fixture
def window(make_window, team):
    project, article = team
    built = make_window(project, user="amira")
    built.open_article(article)
    return built


def shot(widget, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def test_review_mode_accepts_from_the_keyboard_and_undo_takes_it_back(window, qtbot):
    review = window.feature("review")
    review.start_review()
    panel = review.panel
    queue = window.project.reviews.queue(reviewer="amira")
    assert panel.model.rowCount() == len(queue) > 0
    first = panel.current()
    assert window.current_claim_id == first.id  # the text follows the queue
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert window.project.claims.get(first.id).status == "accepted"
    assert panel.model.rowCount() == len(queue) - 1
    window.workspace.undo_stack.undo()
    assert window.project.claims.get(first.id).status == "submitted"
    assert panel.model.rowCount() == len(queue)


def test_rejecting_needs_a_reason_and_cancel_changes_nothing(window, qtbot, monkeypatch):
    panel = window.feature("review").panel
    window.feature("review").start_review()
    claim = panel.current()
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: None))
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    assert window.project.claims.get(claim.id).status == "submitted"
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "no source given"))
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    assert window.project.reviews.latest(claim.id).comment == "no source given"
    assert window.project.claims.get(claim.id).status == "rejected"


def test_the_reason_dialog_keeps_ok_off_until_there_are_words(qtbot):
    dialog = ReasonDialog(None, title="Reject", prompt="Why?", required=True)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.text.insertPlainText("  ")
    assert not dialog.ok.isEnabled()
    dialog.text.insertPlainText("wrong speaker")
    assert dialog.ok.isEnabled()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_ctrl_enter_submits_the_reason_once_there_are_words(qtbot, key):
    dialog = ReasonDialog(None, title="Reject", prompt="Why?", required=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.text.setFocus()
    qtbot.keyClick(dialog.text, key, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() != QDialog.DialogCode.Accepted  # no words yet: nothing submitted
    dialog.text.insertPlainText("wrong speaker")
    qtbot.keyClick(dialog.text, key, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_review_mode_screenshot(window):
    window.feature("review").start_review()
    window.resize(1440, 980)
    panel = window.feature("review").panel
    window.workspace.project.reviews.comment(
        panel.current().id, "Is this the agency's own count?", by="amira"
    )
    panel.refresh()
    path = shot(window, "review-mode")
    assert "Is this the agency" in panel.thread.text()
    assert path.exists()


@pytest.mark.parametrize(
    ("layer", "annotators", "mode"),
    [
        ("mine", {"amira"}, "speaker"),
        ("person:ben", {"ben"}, "speaker"),
        ("everyone", {"amira", "ben"}, "annotator"),
    ],
)
def test_layers_choose_whose_claims_are_shown(window, layer, annotators, mode):
    window.feature("review").layers.show(layer)
    assert {c.annotator for c in window.claims_model.claims()} == annotators
    assert window.colour_mode == mode


def test_the_adjudicated_layer_shows_accepted_claims(window):
    claim = window.project.reviews.queue(reviewer="amira")[0]
    window.project.reviews.accept(claim.id, by="amira")
    window.open_article(claim.article_id)
    window.feature("review").layers.show("adjudicated")
    assert [c.id for c in window.claims_model.claims()] == [claim.id]


def test_comparison_highlights_differing_fields(window, qtbot):
    dialog = CompareDialog(window, window.workspace, window.current_article.id, a="amira", b="ben")
    qtbot.addWidget(dialog)
    colours = {
        (row, column)
        for row in range(dialog.table.rowCount())
        for column in range(dialog.table.columnCount())
        if dialog.table.item(row, column).background().color() == QColor(DIFFERENT)
    }
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert {headers[c] for _, c in colours} == {
        "Confidence\namira",
        "Confidence\nben",
        "Speaker\namira",
        "Speaker\nben",
    }
    assert "3 matched (1 agree, 2 differ)" in dialog.summary.text()
    dialog.table.setCurrentCell(0, 0)
    assert dialog.keep_a.isEnabled() and dialog.merge.isEnabled()
    shot(dialog, "compare-view")


def test_adjudicating_in_the_comparison(window, qtbot, monkeypatch):
    dialog = CompareDialog(window, window.workspace, window.current_article.id, a="amira", b="ben")
    qtbot.addWidget(dialog)
    window.project.people.add("carla", by="carla", reviewer=True)
    window.workspace.set_user("carla")
    row = next(i for i, (a, b, d) in enumerate(dialog.rows) if a and b and "confidence" in d)
    a, b, _ = dialog.rows[row]
    dialog.table.setCurrentCell(row, 0)
    dialog.keep_b.click()
    assert window.project.claims.get(b.id).status == "accepted"
    assert window.project.claims.get(a.id).status == "rejected"


def test_agreement_report_in_the_window(window, qtbot):
    dialog = AgreementDialog(window, window.project, article_id=window.current_article.id)
    qtbot.addWidget(dialog)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[0] == "amira / ben" and cells[2] == "3 / 0 / 2"
    assert cells[1] == "0.75"  # exact: 2·3 / (3 + 5)
    dialog.scope.setCurrentIndex(0)
    assert dialog.table.item(0, 2).text() == "3 / 8 / 9"
    dialog.scope.setCurrentIndex(1)
    dialog.resize(1300, 330)
    shot(dialog, "agreement-report")


def test_history_view_and_export(window, qtbot, tmp_path):
    claim = window.project.reviews.queue(reviewer="amira")[0]
    window.project.reviews.comment(claim.id, "source?", by="amira")
    window.project.reviews.dispute(claim.id, by="amira", comment="which agency?")
    entries = window.project.log.claim_history(claim.id)
    dialog = HistoryDialog(window, entries, title="History")
    qtbot.addWidget(dialog)
    texts = [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())]
    assert texts[-3:] == [
        "comment: source?",
        "review disputed: which agency?",
        "status: submitted → disputed",
    ]
    write_history(entries, str(tmp_path / "history.json"))
    saved = json.loads((tmp_path / "history.json").read_text(encoding="utf-8"))
    assert [e["action"] for e in saved][-3:] == ["comment", "review", "disputed"]


def test_merge_project_from_the_file_menu_is_one_undo_step(window, tmp_path):
    other = tmp_path / "ben.annotator"
    with Project.open(other) as theirs:
        window.project.db.conn.backup(theirs.db.conn)
        article = theirs.articles.ids()[1]
        new = theirs.claims.create(article, 0, 5, by="ben")
    result = window.feature("review").merge_path(str(other))
    assert result.new_claims == [new.id] and window.project.claims.exists(new.id)
    window.workspace.undo_stack.undo()
    assert not window.project.claims.exists(new.id)
    window.workspace.undo_stack.redo()
    assert window.project.claims.exists(new.id)


def test_merging_a_broken_file_shows_an_error(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(window, "show_error", shown.append)
    broken = tmp_path / "broken.annotator"
    broken.write_text("not a project", encoding="utf-8")
    assert window.feature("review").merge_path(str(broken)) is None
    assert "Cannot merge" in shown[0]


def test_review_shortcuts_are_listed_in_help(window):
    keys = {(menu, action): k for menu, action, k in window.shortcut_rows()}
    assert keys[("Review", "Review mode (queue)")] == "Ctrl+R"
    assert keys[("File", "Merge project…")] == "Ctrl+Shift+M"


def test_people_dialog_marks_reviewers(window, qtbot, monkeypatch):
    from annotator.ui.review.dialogs import PeopleDialog

    dialog = PeopleDialog(window, [("amira", True), ("ben", False)])
    qtbot.addWidget(dialog)
    dialog.table.item(1, 1).setCheckState(Qt.CheckState.Checked)
    dialog.new_name.setText("carla")
    dialog._add_typed()
    assert dialog.changes() == [("ben", True), ("carla", False)]
    monkeypatch.setattr(PeopleDialog, "ask", classmethod(lambda cls, *a: [("ben", True)]))
    window.feature("review").edit_people()
    assert window.project.people.reviewers() == ["amira", "ben"]


def test_the_thread_warns_of_a_merge_conflict(window, tmp_path):
    claim = window.project.reviews.queue(reviewer="amira")[0]
    other = tmp_path / "ben.annotator"
    with Project.open(other) as theirs:
        window.project.db.conn.backup(theirs.db.conn)
        theirs.claims.edit(claim.id, by="ben", note="ben's later note")
    window.project.claims.edit(claim.id, by="ben", note="edited here too")
    window.feature("review").merge_path(str(other))
    window.feature("review").start_review()
    panel = window.feature("review").panel
    rows = {c.id: i for i, c in enumerate(panel.claims)}
    panel.select_row(rows[claim.id])
    assert "Merge conflict" in panel.thread.text()


def test_the_hidden_queue_is_filled_only_when_shown(window):
    panel = window.feature("review").panel
    assert not panel.isVisible() and panel.model.rowCount() == 0
    window.feature("review").start_review()
    assert panel.model.rowCount() == len(window.project.reviews.queue(reviewer="amira"))


def test_the_queue_shows_each_claims_annotator_quote_speaker_and_figure(window):
    window.feature("review").start_review()
    panel = window.feature("review").panel
    first = panel.claims[0]
    cells = [panel.model.index(0, c).data() for c in range(panel.model.columnCount())]
    assert cells[:3] == [first.annotator, " ".join(first.quote.split()), first.speaker or "—"]
    assert cells[3] and cells[3] != "—" or not (first.figure.text or first.figure.value)
    assert panel.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == first.quote


def test_a_long_queue_reads_its_claims_a_page_at_a_time():
    from annotator.ui.review.panel import QueuedClaims

    class Store:
        def __init__(self):
            self.asked: list[list[str]] = []

        def get_many(self, ids):
            self.asked.append(list(ids))
            return [Claim(i, "article", 0, 1, "x") for i in ids]

    store = Store()
    ids = [f"c{n}" for n in range(1000)]
    queue = QueuedClaims(store, ids)
    assert len(queue) == 1000 and store.asked == []
    assert queue[450].id == "c450" and queue[-1].id == "c999"
    assert queue[401].id == "c401"  # already read with its page
    assert [len(page) for page in store.asked] == [QueuedClaims.PAGE, QueuedClaims.PAGE]


def test_a_claim_deleted_since_the_queue_was_read_shows_as_deleted_and_is_not_acted_on(window):
    window.feature("review").start_review()
    panel = window.feature("review").panel
    first = panel.claims.ids[0]
    fresh = QueuedClaims(window.project.claims, [first])
    # as if another program removed it: no signal reaches this window
    window.project.db.conn.execute("DELETE FROM claims WHERE id = ?", (first,))
    assert fresh.get(0) is None and fresh.get(5) is None
    panel.model.set_queue(fresh, window.project.settings.confidence_scale())
    assert panel.model.index(0, 1).data() == "(deleted)"
    panel.select_row(0)
    assert panel.current() is None
    assert not panel.actions["accept"].isEnabled()


def test_an_empty_queue_offers_no_decision_buttons(make_window, project):
    window = make_window(project, user="amira")
    window.feature("review").start_review()
    panel = window.feature("review").panel
    assert len(panel.claims) == 0
    assert panel.decision_buttons and not any(b.isEnabled() for b in panel.decision_buttons.values())


def test_a_queue_with_a_claim_offers_its_decision_buttons(window):
    window.feature("review").start_review()
    panel = window.feature("review").panel
    assert len(panel.claims) > 0 and all(b.isEnabled() for b in panel.decision_buttons.values())


@pytest.mark.parametrize("layer", ["mine", "person:ben"])
def test_the_layer_chosen_is_the_layer_after_a_restart(make_window, team, qtbot, layer):
    project, article = team
    first = make_window(project, user="amira")
    first.feature("review").layers.show(layer)
    first.close()
    again = make_window(project, user="amira")
    again.open_article(article)
    qtbot.waitUntil(lambda: again.feature("review").layers.layer == layer)
    assert {c.annotator for c in again.claims_model.claims()} == ({"amira"} if layer == "mine" else {"ben"})


def test_a_remembered_colleague_who_left_the_project_is_not_restored(make_window, team, qtbot):
    from annotator.ui import preferences
    from annotator.ui.review.layers import LAYER_SETTING

    project, _ = team
    preferences.ui_settings().setValue(LAYER_SETTING, "person:nobody")
    window = make_window(project, user="amira")
    qtbot.wait(50)
    assert window.feature("review").layers.layer == "everyone"
