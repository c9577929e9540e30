"""Reads in the window while it knows the team project is out of reach, on the throwaway server
with the real listener: once the listener has lost the server, opening another article, searching
the list or reading the review queue is refused at once and in words where it was asked (the
project's connection sends nothing, `known_unreachable`), what is shown stays readable, nothing
raises in the event loop, and everything reads again once the listener is back."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.errors import ServerOutOfReach
from annotator.core.store import Project
from annotator.core.store.team_listener import CONNECTED, LOST, RECONNECTING
from annotator.core.store.team_project import TeamProject
from tests.conftest import add_article
from tests.team.frozen_server import postmaster_stopped
from tests.team.test_team_faults import stop_server
from tests.team.test_team_window import TEXT
from tests.team.test_team_window_faults import WAIT_MS
from tests.ui.test_screenshots import SHOTS

OTHER = "The agency counted 7 shelters and 300 beds on Monday. " * 20


@pytest.fixture
def articles(team):
    """Two articles imported by ann, a submitted claim of ann's and one of ben's in the first."""
    with Project.open(team.url("ann")) as ann:
        first = add_article(ann, TEXT, by="ann", title="Storm")
        second = add_article(ann, OTHER, by="ann", title="Shelters")
        mine = ann.claims.create(first, 0, 12, by="ann", status="submitted")
    with Project.open(team.url("ben")) as ben:
        theirs = ben.claims.create(first, 18, 27, by="ben", status="submitted")
    return team, first, second, mine.id, theirs.id


def out_of_reach(window) -> bool:
    return window.feature("team").mark.state in (LOST, RECONNECTING)


def status_text(window) -> str:
    return window.statusBar().currentMessage()


def selected_article(window) -> str:
    table = window.article_list.table
    proxy, model = table.model(), window.article_list.model
    return model.summary(proxy.mapToSource(table.currentIndex()).row()).id


def test_an_article_asked_for_during_an_outage_is_refused_at_once_in_words(
    open_window, articles, qtbot, pg_server
):
    team, first, second, mine, _ = articles
    window, shown = open_window(team, "ann", first)
    stop_server(pg_server)
    try:
        qtbot.waitUntil(lambda: out_of_reach(window), timeout=WAIT_MS)
        assert window.project.db.known_unreachable
        started = time.perf_counter()
        window.article_list.select(second)  # as a click on its row does
        took_ms = (time.perf_counter() - started) * 1000
        print(f"\nopening an article with the listener {window.feature('team').mark.state}: {took_ms:.1f} ms")
        assert window.current_article.id == first and selected_article(window) == first
        assert "this article cannot be opened until the connection is back" in status_text(window)
        assert "your waiting changes are kept" in status_text(window)
        assert shown == []  # no dialog
        window.annotation.edit_article_details()  # no dialog to fill that could not be saved
        assert "the article's details cannot be edited" in status_text(window)
        window.select_claim(mine)  # the article open stays readable
        assert window.form.isEnabled() and window.current_claim_id == mine
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / "team_article_out_of_reach.png"))
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: window.feature("team").mark.state == CONNECTED, timeout=WAIT_MS)
    assert not window.project.db.known_unreachable
    window.article_list.select(second)
    assert window.current_article.id == second and shown == []


def test_searching_and_the_review_queue_during_an_outage_say_why_and_keep_what_is_shown(
    open_window, articles, qtbot, pg_server
):
    team, first, _, _, theirs = articles
    window, shown = open_window(team, "rita", first)
    window.actions_by_name["review_mode"].trigger()
    panel = window.feature("review").panel
    qtbot.waitUntil(lambda: len(panel.claims) == 2, timeout=WAIT_MS)
    listed = window.article_list.visible_ids()
    stop_server(pg_server)
    try:
        qtbot.waitUntil(lambda: out_of_reach(window), timeout=WAIT_MS)
        qtbot.keyClicks(window.article_list.search, "shel")
        qtbot.waitUntil(lambda: "the article list cannot be searched" in status_text(window), timeout=WAIT_MS)
        assert window.article_list.visible_ids() == listed
        panel.refresh()
        assert "the review queue cannot be read again" in panel.title.text()
        assert len(panel.claims) == 2  # the queue read before stays
        panel.select_row(1)  # its claims were read with the queue: the text follows
        QApplication.processEvents()
        assert window.current_claim_id == panel.current().id
        assert shown == []
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / "team_review_queue_out_of_reach.png"))
    finally:
        pg_server.start()
    qtbot.waitUntil(lambda: window.feature("team").mark.state == CONNECTED, timeout=WAIT_MS)
    panel.refresh()
    assert "await" in panel.title.text() and theirs in panel.claims.ids


def test_the_gate_sends_nothing_and_a_probe_that_answers_lifts_it(articles, qtbot):
    team, first, *_ = articles
    with TeamProject.connect(team.url("ann")) as ann:
        ann.db.known_unreachable = True
        with pytest.raises(ServerOutOfReach, match="out of reach"):
            ann.articles.get(first)
        ann.db.known_unreachable = False
        assert ann.articles.get(first).title == "Storm"


def end_backends_of(admin, name: str) -> None:
    admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (name,))


def open_timed(window, article_id: str) -> float:
    """Milliseconds the window takes to answer a click on `article_id`'s row."""
    started = time.perf_counter()
    window.article_list.select(article_id)
    return (time.perf_counter() - started) * 1000


def test_a_server_that_accepts_and_never_answers_refuses_an_article_at_once(
    open_window, articles, qtbot, pg_server
):
    """The postmaster stopped (new connections hang until connect_timeout) and ann's backends
    ended: her listener and her project's connection are both lost, and the window knows it."""
    import psycopg

    team, first, second, *_ = articles
    window, shown = open_window(team, "ann", first)
    with psycopg.connect(team.admin_url, autocommit=True) as admin, postmaster_stopped(pg_server):
        end_backends_of(admin, "ann")
        qtbot.waitUntil(lambda: out_of_reach(window), timeout=WAIT_MS)
        took_ms = open_timed(window, second)
        print(f"\nopening an article, the postmaster stopped, the window knowing it: {took_ms:.1f} ms")
        assert window.current_article.id == first and shown == []
        assert "this article cannot be opened" in status_text(window)
    qtbot.waitUntil(lambda: window.feature("team").mark.state == CONNECTED, timeout=WAIT_MS)
    window.article_list.select(second)
    assert window.current_article.id == second and shown == []


@pytest.mark.slow
def test_without_the_gate_the_same_click_waits_for_the_connect_timeout(
    open_window, articles, qtbot, pg_server, monkeypatch
):
    """The figure before `known_unreachable`: the read tries to connect again on the GUI thread."""
    import psycopg

    team, first, second, *_ = articles
    window, shown = open_window(team, "ann", first)
    monkeypatch.setattr(window.feature("team"), "_know_reachable", lambda _reachable: None)
    with psycopg.connect(team.admin_url, autocommit=True) as admin, postmaster_stopped(pg_server):
        end_backends_of(admin, "ann")
        qtbot.waitUntil(lambda: out_of_reach(window), timeout=WAIT_MS)
        took_ms = open_timed(window, second)
        print(f"\nopening an article, the postmaster stopped, without the gate: {took_ms:.1f} ms")
        assert window.current_article.id == first


def test_a_server_taking_no_new_connections_keeps_the_window_free_and_gets_the_change_after(
    open_window, articles, qtbot, pg_server
):
    """The postmaster stopped and only the project's own backend ended: the listener stays
    connected (its backend answers), so only what the project's connection meets tells the
    window. The first read that finds it gone waits for connect_timeout (2 s here, 10 s by
    default); from then on nothing waits: the probes run in their thread, and once the server
    is CONTinued the change kept meanwhile arrives once."""
    import psycopg
    from PySide6.QtCore import QTimer

    from tests.team.test_team_window_faults import press_enter_on, server_claims

    team, first, second, *_ = articles
    window, shown = open_window(team, "ann", first, url=f"{team.url('ann')}?connect_timeout=2")
    feature = window.feature("team")
    qtbot.waitUntil(lambda: feature.mark.state == CONNECTED, timeout=WAIT_MS)
    answers: list[tuple[float, bool]] = []
    feature.probe.answered.connect(lambda answered: answers.append((time.perf_counter(), answered)))
    ticks: list[float] = []
    ticking = QTimer(interval=20)
    ticking.timeout.connect(lambda: ticks.append(time.perf_counter()))
    before = server_claims(team, first)
    backend = window.project.db.conn.info.backend_pid
    with psycopg.connect(team.admin_url, autocommit=True) as admin, postmaster_stopped(pg_server):
        admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
        started = time.perf_counter()
        press_enter_on(qtbot, window, 18, 27)
        held_ms = (time.perf_counter() - started) * 1000
        (kept,) = feature.outbox.commands()
        assert window.project.db.known_unreachable and feature.mark.state == CONNECTED
        refused_ms = open_timed(window, second)
        assert window.current_article.id == first and "cannot be opened" in status_text(window)
        ticking.start()
        qtbot.waitUntil(lambda: [a for _, a in answers].count(False) >= 2, timeout=WAIT_MS)
        ticking.stop()
        continued = time.perf_counter()
    qtbot.waitUntil(lambda: not len(feature.outbox), timeout=WAIT_MS)
    sent_after_ms = (time.perf_counter() - continued) * 1000
    longest_gap_ms = max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000
    print(
        f"\nEnter, the backend ended and the postmaster stopped: {held_ms:.0f} ms (connect_timeout 2 s);"
        f" opening an article after it: {refused_ms:.1f} ms; longest pause of the event loop while"
        f" {len(answers)} probes ran: {longest_gap_ms:.0f} ms; sent {sent_after_ms:.0f} ms after CONT"
    )
    assert server_claims(team, first) == sorted([*before, (kept.fields["claim_id"], 18, 27)])
    assert not window.project.db.known_unreachable and shown == []
    window.article_list.select(second)
    assert window.current_article.id == second


def test_a_read_waiting_on_a_server_that_never_answers_is_cut_off_when_the_listener_loses_it(
    open_window, articles, qtbot, pg_server, monkeypatch
):
    """Every server process SIGSTOPped: a statement already sent is acknowledged by the kernel
    and never answered, so it would wait until the server is CONTinued. The listener's heartbeat
    (1 s here, 5 s + 5 s by default) loses the server and cuts the waiting read off."""
    from functools import partial

    from annotator.core.store.team_listener import TeamListener
    from annotator.ui import team as team_ui
    from tests.team.frozen_server import server_stopped

    monkeypatch.setattr(team_ui, "TeamListener", partial(TeamListener, heartbeat_seconds=1, answer_seconds=1))
    team, first, second, *_ = articles
    window, shown = open_window(team, "ann", first)
    feature = window.feature("team")
    qtbot.waitUntil(lambda: feature.mark.state == CONNECTED, timeout=WAIT_MS)
    with server_stopped(pg_server):
        took_ms = open_timed(window, second)  # sent before the window knows: it waits
        print(f"\na read on a server that never answers, cut off after {took_ms:.0f} ms")
        assert window.current_article.id == first and shown == []
        assert "this article cannot be opened" in status_text(window)
        assert window.project.db.known_unreachable
        assert open_timed(window, second) < took_ms  # known now: refused before anything is sent
    qtbot.waitUntil(lambda: not window.project.db.known_unreachable, timeout=WAIT_MS)  # the listener is back
    window.article_list.select(second)
    assert window.current_article.id == second and shown == []
