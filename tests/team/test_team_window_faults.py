"""The window on a team project through faults, on the throwaway server with the real listener:
a claim created while the server is down is kept (no dialog), said to be waiting in the banner,
and sent once the server is back — once, with the id it was first sent with, even when the
first attempt committed and only its answer was lost."""

from __future__ import annotations

import psycopg
from PySide6.QtCore import Qt

from annotator.core import annotating
from annotator.core.store.postgres import ConnectionLost
from tests.team.test_team_faults import stop_server
from tests.team.test_team_window import desk, window  # noqa: F401  (fixtures)

# ruff: noqa: F811  (the fixtures imported above are parameters below)
from tests.ui.test_screenshots import SHOTS

WAIT_MS = 60_000  # what normally takes a second; never the measure of anything


def server_claims(team, article_id: str) -> list[tuple[str, int, int]]:
    with psycopg.connect(team.admin_url) as admin:
        return admin.execute(
            'SELECT id, start, "end" FROM claims WHERE article_id = %s ORDER BY id', (article_id,)
        ).fetchall()


def press_enter_on(qtbot, window, start: int, end: int) -> None:
    cursor = window.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)


def errors_shown(window, monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    return shown


def shown_ids(window) -> list[str]:
    return [c.id for c in window.claims_model.claims()]


def test_a_claim_made_while_the_server_is_down_waits_and_arrives_once(
    window, desk, qtbot, pg_server, monkeypatch
):
    team, article_id, mine = desk
    shown = errors_shown(window, monkeypatch)
    feature = window.feature("team")
    before = server_claims(team, article_id)
    stop_server(pg_server)
    try:
        press_enter_on(qtbot, window, 18, 27)
        assert shown == []  # no dialog
        assert feature.banner_bar.isVisible()
        assert "1 change waiting to be sent" in feature.banner.label.text()
        (kept,) = feature.outbox.commands()
        tried = kept.fields["claim_id"]
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / "team_change_waiting.png"))
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: not len(feature.outbox), timeout=WAIT_MS)  # drawn as waiting before
    assert tried in shown_ids(window)
    assert server_claims(team, article_id) == sorted([*before, (tried, 18, 27)])
    qtbot.waitUntil(lambda: not feature.banner_bar.isVisible(), timeout=WAIT_MS)
    assert len(feature.outbox) == 0 and shown == []


def test_a_lost_answer_to_a_commit_that_went_through_makes_one_claim(
    window, desk, qtbot, monkeypatch
):
    team, article_id, _ = desk
    shown = errors_shown(window, monkeypatch)
    real, attempts = annotating.create_claim, []

    def answer_lost_the_first_time(*args, **fields):
        made = real(*args, **fields)
        attempts.append(fields["claim_id"])
        if len(attempts) == 1:
            raise ConnectionLost("the connection to the team project was lost (simulated after the commit)")
        return made

    monkeypatch.setattr(annotating, "create_claim", answer_lost_the_first_time)
    before = server_claims(team, article_id)
    press_enter_on(qtbot, window, 18, 27)
    assert "1 change waiting to be sent" in window.feature("team").banner.label.text()
    outbox = window.feature("team").outbox
    qtbot.waitUntil(lambda: len(attempts) == 2 and not len(outbox), timeout=WAIT_MS)
    assert attempts[0] == attempts[1]
    assert server_claims(team, article_id) == sorted([*before, (attempts[0], 18, 27)])
    assert shown_ids(window).count(attempts[0]) == 1 and shown == []


def test_a_note_typed_while_the_server_is_down_is_saved_once_it_is_back(window, desk, qtbot, pg_server):
    """The outbox keeps the edit; on reconnecting it goes through the project's connection,
    which is opened again (before, that connection stayed closed and the re-send failed too)."""
    team, _, mine = desk
    stop_server(pg_server)
    try:
        window.form.note.setFocus()
        qtbot.waitUntil(window.form.note.hasFocus, timeout=WAIT_MS)
        window.form.note.selectAll()
        qtbot.keyClicks(window.form.note, "typed during the outage")
        window.form.outlet.setFocus()  # leaving the note tries to save it
        qtbot.waitUntil(window.form.outlet.hasFocus, timeout=WAIT_MS)
        assert window.form.error.text() == ""  # kept, not refused
        assert "1 change waiting to be sent" in window.feature("team").banner.label.text()
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: note_on_server(team, mine) == "typed during the outage", timeout=WAIT_MS)
    assert window.form.unsaved_changes() == {}


def note_on_server(team, claim_id: str) -> str:
    with psycopg.connect(team.admin_url) as admin:
        return admin.execute("SELECT note FROM claims WHERE id = %s", (claim_id,)).fetchone()[0]
