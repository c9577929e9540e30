"""What a team project's lost connection keeps is drawn where the analyst works, as waiting
(core/waiting_claims in the window), without a server: a project file stands in for the team
project and its writes are made to fail as a lost connection does. Every read of the project is
made to fail too while the actions wait, so what is drawn comes from the outbox and the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core import annotating
from annotator.core.model import Claim, Figure
from annotator.core.store.postgres import ConnectionLost
from annotator.ui.annotate.claims_table import COLUMNS
from annotator.ui.review import commands as review_commands
from tests.ui.test_screenshots import save

ADDRESS = "postgresql://amira@127.0.0.1:1/desk"


@pytest.fixture
def window(make_window, sample_project, monkeypatch):
    built = make_window(sample_project, user="amira")
    built.resize(1600, 900)
    built.open_article(built.article_list.model.ids()[0])
    feature = built.feature("team")
    feature.probe.check = lambda _address, _password: False
    feature._keep_changes_of(ADDRESS, None)
    monkeypatch.setattr(feature, "_may_close", lambda: True)  # what waits stays in its file
    yield built
    feature.stop_following()


@pytest.fixture
def outage(window, monkeypatch):
    """Writes fail as a lost connection makes them fail, and so does every read the window
    could make for drawing; `outage.end()` gives the project back."""
    project = window.project
    undo_all = []
    targets = [
        (annotating, "create_claim"),
        (annotating, "move_span"),
        (project.claims, "edit"),
        (project.claims, "delete"),
        (project.claims, "get"),
        (project.claims, "get_many"),
        (project.claims, "for_article"),
        (project.claims, "count"),
        (project.reviews, "accept"),
        (project.people, "names"),
        (project.articles, "get"),
    ]
    for owner, name in targets:
        undo_all.append((owner, name, getattr(owner, name)))
        monkeypatch.setattr(owner, name, _lost)

    class Outage:
        @staticmethod
        def end():
            for owner, name, real in undo_all:
                monkeypatch.setattr(owner, name, real)

    return Outage()


def _lost(*_args, **_kwargs):
    raise ConnectionLost("the connection to the team project was lost (simulated)")


def row(window, claim_id: str) -> dict[str, str]:
    model = window.claims_model
    at = model.row_of(claim_id)
    assert at >= 0, f"{claim_id} is not in the claims table"
    return {COLUMNS[n]: model.index(at, n).data() for n in range(len(COLUMNS))}


def status_tip(window, claim_id: str) -> str:
    model = window.claims_model
    return model.index(model.row_of(claim_id), COLUMNS.index("Status")).data(Qt.ItemDataRole.ToolTipRole)


def drawn_as_waiting(window, claim_id: str) -> bool:
    """Whether the text draws the claim hatched (the waiting look), wherever it starts."""
    index = window.view.highlighter.index
    claim = next(c for c in window.view.shown_claims() if c.id == claim_id)
    block = index.positions.block_of(claim.start)
    base = index.positions.to_qt(index.positions.block_starts[block])
    at = index.positions.to_qt(claim.start) - base
    formats = [fmt for start, length, fmt in index.segments[block] if start <= at < start + length]
    return claim_id in index.waiting and formats[0].background().style() == Qt.BrushStyle.BDiagPattern


def claim_at(window, words: str) -> Claim:
    start = window.current_article.text.index(words)
    return next(c for c in window.claims_model.claims() if c.start == start)


def test_a_claim_created_during_an_outage_is_drawn_listed_and_selected_as_waiting(window, outage):
    text = window.current_article.text
    start = text.index("burst its banks")
    window.annotation.create_claim(start, start + len("burst its banks"))
    (created,) = [c for c in window.claims_model.claims() if c.start == start]
    assert row(window, created.id)["Status"] == "waiting"
    assert status_tip(window, created.id) == "waiting to be sent"
    assert window.annotation.current_claim_id == created.id  # selected: the form is for it
    assert "waiting to be sent" in window.form.title.text()
    assert drawn_as_waiting(window, created.id)
    window.edit_claim(created.id, "speaker", {"speaker": "Regional Emergency Agency"})
    (kept_create, kept_edit) = window.feature("team").outbox.commands()
    assert kept_edit.claim_id == created.id  # sent after the creation, in order
    assert row(window, created.id)["Speaker"] == "Regional Emergency Agency"
    assert row(window, created.id)["Status"] == "waiting"
    window.select_claim(None)
    window.select_claim(created.id)  # chosen again: the form shows what was typed
    assert window.form.speaker.currentText() == "Regional Emergency Agency"
    save(window, "team_waiting_claim")


def test_two_nudges_during_an_outage_move_two_steps(window, outage):
    claim = claim_at(window, "about 4,200 residents")
    window.select_claim(claim.id)
    window.annotation.nudge_claim_edge("end", 1)
    window.annotation.nudge_claim_edge("end", 1)
    spans = [(c.start, c.end) for c in window.feature("team").outbox.commands()]
    assert spans == [(claim.start, claim.end + 1), (claim.start, claim.end + 2)]
    moved = window.annotation.current_claim()
    assert (moved.start, moved.end) == (claim.start, claim.end + 2)
    assert moved.quote == window.current_article.text[claim.start : claim.end + 2]
    assert row(window, claim.id)["Status"] == "submitted — waiting"


def test_a_waiting_delete_hides_the_claim_and_a_waiting_review_shows_as_waiting(window, outage):
    mine, theirs = claim_at(window, "12 people"), claim_at(window, "some 3,000 hectares")
    window.select_claim(mine.id)
    window.annotation.delete_current_claim()
    assert window.claims_model.row_of(mine.id) < 0
    assert mine.id not in [c.id for c in window.view.shown_claims()]
    assert window.annotation.current_claim_id is None
    save(window, "team_waiting_delete")
    review_commands.review(window.workspace, "accept", theirs.id)
    assert row(window, theirs.id)["Status"] == "accepted — waiting"
    assert status_tip(window, theirs.id) == "accepted — waiting to be sent"
    assert drawn_as_waiting(window, theirs.id)
    window.select_claim(theirs.id)
    assert "accepted — waiting to be sent" in window.form.title.text()
    assert "accepted — waiting to be sent" in window.view.tooltip_at(theirs.start)
    save(window, "team_waiting_review_selected")
    window.select_claim(claim_at(window, "about 4,200").id)
    save(window, "team_waiting_review")  # its waiting look, not under the selected claim's frame


def test_once_sent_the_stored_claims_are_shown_and_a_refused_action_is_gone(window, outage, qtbot):
    reported: list[str] = []
    window.show_error = reported.append
    text = window.current_article.text
    start = text.index("burst its banks")
    window.annotation.create_claim(start, start + len("burst its banks"))
    mine, theirs = claim_at(window, "12 people"), claim_at(window, "some 3,000 hectares")
    window.select_claim(mine.id)
    window.annotation.delete_current_claim()
    review_commands.review(window.workspace, "accept", theirs.id)
    own = claim_at(window, '"between 10,000')
    review_commands.review(window.workspace, "accept", own.id)  # one's own: refused when sent
    assert row(window, own.id)["Status"] == "accepted — waiting"
    outage.end()
    feature = window.feature("team")
    feature.probe.check = lambda _address, _password: True
    feature.send_waiting()
    qtbot.waitUntil(lambda: not len(feature.outbox), timeout=60_000)
    stored = window.project.claims.for_article(window.current_article.id)
    assert sorted(c.id for c in window.claims_model.claims()) == sorted(c.id for c in stored)
    assert window.claims_model.waiting_ids() == frozenset()
    assert window.view.highlighter.index.waiting == frozenset()
    assert row(window, theirs.id)["Status"] == "accepted"
    assert row(window, own.id)["Status"] == "submitted"  # the refused review is not drawn
    assert mine.id not in [c.id for c in stored]
    (message,) = reported
    assert "you cannot review your own claim" in message


def test_the_kinds_the_overlay_draws_are_the_outbox_kinds():
    from annotator.core import waiting_claims as w
    from annotator.ui.team.outbox import kinds

    assert {w.CREATE, w.EDIT, w.DELETE, w.MOVE, w.REVIEW, w.SUBMIT} <= set(kinds())


def test_the_overlay_leaves_the_stored_claims_when_nothing_waits(window):
    model = window.claims_model
    before = model.claims()
    window.show_waiting([])
    assert model.claims() == before and model.waiting_ids() == frozenset()
    assert all(model.status_of(c) == c.status for c in before)
    assert window.view.highlighter.index.waiting == frozenset()


def test_a_crafted_waiting_creation_is_not_drawn(window):
    article_id = window.current_article.id
    crafted = {"article_id": article_id, "start": 1, "end": 3, "figure": "x", "claim_id": "c-x"}
    window.show_waiting([("create claim", crafted)])
    assert window.claims_model.row_of("c-x") < 0
    good = {"article_id": article_id, "start": 1, "end": 3, "figure": Figure("4"), "claim_id": "c-y"}
    window.show_waiting([("create claim", good)])
    assert row(window, "c-y")["Figure"] == "4"
