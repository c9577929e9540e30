"""What waits to be sent is drawn where the analyst works, on the throwaway server with the real
listener: with the server stopped, a claim created is drawn and listed as waiting, two nudges
move two steps, a delete hides the claim, an accept shows as waiting; once the server is back
and the outbox has sent it all, the window shows the stored claims, and a refusal is gone."""

from __future__ import annotations

import psycopg
from PySide6.QtCore import Qt

from annotator.core.store import Project
from annotator.ui.annotate.claims_table import COLUMNS
from annotator.ui.review import commands as review_commands
from tests.team.test_team_faults import stop_server
from tests.team.test_team_window import desk  # noqa: F401  (fixture)
from tests.team.test_team_window_faults import WAIT_MS, press_enter_on
from tests.team.test_team_window_outbox import hold_sending

# ruff: noqa: F811  (the fixtures imported above are parameters below)
from tests.ui.test_screenshots import SHOTS


def table(window) -> dict[str, tuple[int, int, str]]:
    """Each claim listed: its span and its status as the table says it."""
    model, status = window.claims_model, COLUMNS.index("Status")
    rows = {}
    for row in range(model.rowCount()):
        claim = model.claim(row)
        rows[claim.id] = (claim.start, claim.end, model.index(row, status).data())
    return rows


def drawn(window) -> dict[str, tuple[int, int]]:
    return {claim.id: (claim.start, claim.end) for claim in window.view.shown_claims()}


def hatched(window) -> frozenset[str]:
    return window.view.highlighter.index.waiting


def stored(team, article_id: str) -> dict[str, tuple[int, int, str]]:
    with psycopg.connect(team.admin_url) as admin:
        rows = admin.execute(
            'SELECT id, start, "end", status FROM claims WHERE article_id = %s', (article_id,)
        ).fetchall()
    return {claim_id: (start, end, status) for claim_id, start, end, status in rows}


def test_an_analysts_waiting_changes_are_drawn_as_waiting_then_as_stored(open_window, desk, qtbot, pg_server):
    team, article_id, mine = desk
    with Project.open(team.url("ann")) as ann:
        other = ann.claims.create(article_id, 40, 50, by="ann").id
    window, shown = open_window(team, "ann", article_id, mine)
    outbox = window.feature("team").outbox
    release = hold_sending(window)
    stop_server(pg_server)
    try:
        press_enter_on(qtbot, window, 18, 27)
        created = outbox.commands()[0].fields["claim_id"]
        assert table(window)[created] == (18, 27, "waiting")
        assert drawn(window)[created] == (18, 27) and created in hatched(window)
        assert window.current_claim_id == created  # selected: the form is the new claim's
        window.annotation.edit_claim(created, "note", {"note": "typed while it waits"})
        window.select_claim(mine)
        window.annotation.nudge_claim_edge("end", 1)
        window.annotation.nudge_claim_edge("end", 1)
        assert table(window)[mine] == (0, 14, "submitted — waiting")
        assert drawn(window)[mine] == (0, 14)
        window.select_claim(other)
        window.annotation.delete_current_claim()
        assert other not in table(window) and other not in drawn(window)
        window.select_claim(created)
        assert window.form.note.toPlainText() == "typed while it waits"
        assert shown == []
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / "team_waiting_drawn.png"))
    finally:
        pg_server.start()
    release.append(True)
    qtbot.waitUntil(lambda: not len(outbox), timeout=WAIT_MS)
    assert shown == []
    on_server = stored(team, article_id)
    assert {claim_id: span[:2] for claim_id, span in on_server.items()} == {created: (18, 27), mine: (0, 14)}
    assert {claim_id: row[2] for claim_id, row in table(window).items()} == {
        claim_id: row[2] for claim_id, row in on_server.items()
    }
    assert drawn(window) == {claim_id: row[:2] for claim_id, row in on_server.items()}
    assert hatched(window) == frozenset() and window.claims_model.waiting_ids() == frozenset()


def test_a_reviewers_waiting_accept_shows_as_waiting_and_a_refused_one_goes(
    open_window, desk, qtbot, pg_server
):
    team, article_id, mine = desk
    with Project.open(team.url("ann")) as ann:
        gone = ann.claims.create(article_id, 40, 50, by="ann", status="submitted").id
    window, shown = open_window(team, "rita", article_id, mine)
    outbox = window.feature("team").outbox
    release = hold_sending(window)
    stop_server(pg_server)
    try:
        review_commands.review(window.workspace, "accept", mine)
        review_commands.review(window.workspace, "accept", gone)
        assert table(window)[mine][2] == table(window)[gone][2] == "accepted — waiting"
        assert {mine, gone} <= hatched(window)
        tip = window.claims_model.index(window.claims_model.row_of(mine), COLUMNS.index("Status"))
        assert tip.data(Qt.ItemDataRole.ToolTipRole) == "accepted — waiting to be sent"
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / "team_waiting_accept.png"))
    finally:
        pg_server.start()
    with Project.open(team.url("ann")) as ann:
        ann.claims.delete(gone, by="ann")  # meanwhile: one of the claims rita accepted is gone
    release.append(True)
    qtbot.waitUntil(lambda: not len(outbox), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: gone not in table(window), timeout=WAIT_MS)  # the colleague's delete, live
    (message,) = shown
    assert "refused" in message
    assert table(window)[mine][2] == "accepted" and hatched(window) == frozenset()
