"""An undo the team project's server refuses, in ann's window on the throwaway server: she moves
the span of her reviewed claim (which reopens it), a reviewer reviews it again from their own
connection, and her Undo reaches `annotator_undo_span_move` (db/postgres/007), which refuses.
The window says why in words, shows the claim as stored, and the undo history goes on working."""

from __future__ import annotations

import psycopg
import pytest

from annotator.core.store import Project
from annotator.ui import undo
from tests.team.test_team_window import _status, desk, window  # noqa: F401  (fixtures)
from tests.team.test_team_window_faults import WAIT_MS, errors_shown, press_enter_on, shown_ids

# ruff: noqa: F811  (the fixtures imported above are parameters below)
from tests.ui.test_screenshots import SHOTS


def stored(team, claim_id: str) -> tuple[int, int, str]:
    with psycopg.connect(team.admin_url) as admin:
        return admin.execute('SELECT start, "end", status FROM claims WHERE id = %s', (claim_id,)).fetchone()


def shown(window, claim_id: str):
    return next(c for c in window.claims_model.claims() if c.id == claim_id)


@pytest.mark.parametrize(
    "decision, refused_by",
    [("accept", "the server"), ("reject", "the core, before the server")],
)
def test_an_undo_the_server_refuses_is_said_in_words_and_the_history_goes_on(
    window, desk, qtbot, monkeypatch, decision, refused_by
):
    """Accepted again, the status is the one the move took away: only the server's function
    sees the review since. Rejected, the core refuses first (the status is not the move's)."""
    team, article_id, mine = desk
    messages = errors_shown(window, monkeypatch)
    with Project.open(team.url("rita")) as rita:
        rita.reviews.accept(mine, by="rita")
    qtbot.waitUntil(lambda: _status(window, mine) == "accepted", timeout=WAIT_MS)
    press_enter_on(qtbot, window, 18, 27)  # an earlier step of ann's, still to be undone after
    (created,) = [claim_id for claim_id in shown_ids(window) if claim_id != mine]
    moved = undo.move_span(window.workspace, mine, 0, 10)
    assert moved.status == "submitted"
    with Project.open(team.url("rita")) as rita:
        review = getattr(rita.reviews, decision)
        review(mine, by="rita", **({"reason": "the figure is elsewhere"} if decision == "reject" else {}))
    status = f"{decision}ed"
    qtbot.waitUntil(lambda: _status(window, mine) == status, timeout=WAIT_MS)

    window.actions_by_name["undo"].trigger()

    (message,) = messages
    assert message.startswith("Move the span of “The ministr")
    print(f"\n{refused_by}: {message}")
    assert "cannot be undone" in message
    assert stored(team, mine) == (0, 10, status)
    claim = shown(window, mine)
    assert (claim.start, claim.end, claim.status) == (0, 10, status)
    stack = window.workspace.undo_stack
    assert stack.count() == 1 and stack.undoText().startswith("Create claim")
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / f"team_undo_refused_{decision}.png"))
    window.actions_by_name["undo"].trigger()  # the step before the move is undone as usual
    qtbot.waitUntil(lambda: created not in shown_ids(window), timeout=WAIT_MS)
    assert len(messages) == 1 and not stack.canUndo()
    window.actions_by_name["redo"].trigger()
    assert created in shown_ids(window) and not stack.canRedo()
    assert stored(team, mine) == (0, 10, status)
