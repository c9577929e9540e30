"""The team listener against a real server: members' changes, written as raw SQL, arrive
once each; a server killed and started again mid-listen loses none; stopping leaves no thread."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from annotator.core.store.team_listener import CONNECTED, LOST, RECONNECTING, TeamListener
from tests.team.test_server_rules import add_article, add_claim, review

WAIT = 60.0  # seconds a test waits for something that normally takes milliseconds


class Received:
    """What a listener handed on, gathered from its thread."""

    def __init__(self):
        self.events, self.states = [], []
        self._lock = threading.Condition()

    def on_events(self, events) -> None:
        with self._lock:
            self.events.extend(events)
            self._lock.notify_all()

    def on_state(self, state: str) -> None:
        with self._lock:
            self.states.append(state)
            self._lock.notify_all()

    def wait_for(self, condition) -> None:
        with self._lock:
            assert self._lock.wait_for(lambda: condition(self), timeout=WAIT), (self.states, self.events[-3:])

    def seqs(self) -> list[int]:
        return [event.seq for event in self.events]


@pytest.fixture
def received():
    return Received()


@pytest.fixture
def listen(team, received):
    """Start a listener as `reed` (a reader) on the team project; stopped after the test."""
    started = []

    def start(**options) -> TeamListener:
        listener = TeamListener(
            team.url("reed"), on_events=received.on_events, on_state=received.on_state, **options
        )
        started.append(listener.start())
        received.wait_for(lambda r: CONNECTED in r.states)
        return listener

    yield start
    for listener in started:
        listener.stop()


def log_seqs(team) -> list[int]:
    with psycopg.connect(team.admin_url) as conn:
        return [row[0] for row in conn.execute("SELECT seq FROM change_log ORDER BY seq")]


def test_a_members_change_arrives_with_who_made_it(team, listen, received):
    listen()
    with team.connect("ann") as ann:
        article = add_article(ann)
        claim = add_claim(ann, article, annotator="ann")
    received.wait_for(lambda r: any(e.id == claim for e in r.events))
    assert [(e.entity, e.id, e.action, e.who) for e in received.events] == [
        ("article", article, "insert", "ann"),
        ("claim", claim, "insert", "ann"),
    ]


def test_a_review_arrives_with_the_status_change_it_made(team, listen, received):
    with team.connect("ann") as ann:
        claim = add_claim(ann, add_article(ann), annotator="ann")
        ann.execute("UPDATE claims SET status = 'submitted' WHERE id = %s", (claim,))
    listen()
    with team.connect("rita") as rita:
        review_id = review(rita, claim, reviewer="rita")
    received.wait_for(lambda r: len(r.events) >= 2)
    assert {(e.entity, e.id, e.who) for e in received.events} == {
        ("review", review_id, "rita"),
        ("claim", claim, "rita"),
    }


def test_changes_made_before_listening_are_not_handed_on(team, listen, received):
    with team.connect("ann") as ann:
        add_article(ann)
    listen()
    with team.connect("ann") as ann:
        later = add_article(ann)
    received.wait_for(lambda r: r.events)
    assert [e.id for e in received.events] == [later]


def test_a_rolled_back_change_never_arrives_and_later_ones_do(team, listen, received):
    listen()
    with team.connect("ann") as ann:
        rolled_back_article(ann)
        kept = add_article(ann)
    received.wait_for(lambda r: r.events)
    assert [e.id for e in received.events] == [kept]


def rolled_back_article(conn) -> None:
    """Take a change-log number and roll it back: a gap that never fills."""
    with pytest.raises(psycopg.errors.QueryCanceled), conn.transaction():
        add_article(conn)
        conn.execute("SET LOCAL statement_timeout = 1; SELECT pg_sleep(1)")


def test_a_gap_that_never_fills_does_not_make_catching_up_read_everything_again(
    team, listen, received, monkeypatch
):
    read: list[int] = []
    original = TeamListener._read

    def counting(conn, where, params):
        events = original(conn, where, params)
        read.extend(event.seq for event in events)
        return events

    monkeypatch.setattr(TeamListener, "_read", staticmethod(counting))
    listen()
    with team.connect("ann") as ann:
        rolled_back_article(ann)  # the next number skips one: the listener catches up
        first = [add_article(ann) for _ in range(5)]
        received.wait_for(lambda r: len(r.events) == 5)
        rolled_back_article(ann)  # again: the first gap is still open
        second = [add_article(ann) for _ in range(3)]
        received.wait_for(lambda r: len(r.events) == 8)
    assert [e.id for e in received.events] == first + second
    assert len(read) == len(set(read)), "an entry already handed on was read again"


def test_forged_notices_change_nothing(team, listen, received):
    listen()
    with team.connect("ben") as ben:
        ben.execute(
            "SELECT pg_notify('annotator', %s)",
            ('{"seq": 999999999, "entity": "claim", "id": "forged", "action": "delete", "who": "ann"}',),
        )
        ben.execute("SELECT pg_notify('annotator', 'not json at all')")
        real = add_article(ben)
    received.wait_for(lambda r: r.events)
    assert [(e.id, e.who) for e in received.events] == [(real, "ben")]


def test_a_change_committed_late_fills_its_gap(team, listen, received):
    listen()
    with team.connect("ann") as slow, team.connect("ben") as quick:
        with slow.transaction():
            early = add_article(slow)  # takes the lower number, commits last
            late = add_article(quick)
            received.wait_for(lambda r: r.events)
        received.wait_for(lambda r: len(r.events) == 2)
    assert [e.id for e in received.events] == [late, early]


def kill_and_restart(server) -> None:
    killed = server.run(str(server.bin / "pg_ctl"), "stop", "-D", str(server.data), "-m", "immediate", "-w")
    assert killed.returncode == 0, killed.stderr
    server.start()


class Writer(threading.Thread):
    """Ann adding articles as fast as the server takes them, retrying through an outage."""

    def __init__(self, team):
        super().__init__(daemon=True)
        self.team, self.done, self.written = team, threading.Event(), 0

    def run(self) -> None:
        conn = None
        while not self.done.is_set():
            try:
                conn = conn if conn is not None and not conn.closed else self.team.connect("ann")
                add_article(conn)
                self.written += 1
            except psycopg.OperationalError:
                conn = None
                time.sleep(0.05)
        if conn is not None:
            conn.close()


def test_a_server_restart_mid_listen_loses_and_repeats_nothing(pg_server, team, listen, received):
    before = max(log_seqs(team))
    listen()
    writer = Writer(team)
    writer.start()
    try:
        received.wait_for(lambda r: len(r.events) >= 20)
        kill_and_restart(pg_server)
        after_restart = writer.written
        received.wait_for(lambda r: r.states[-1] == CONNECTED and writer.written >= after_restart + 20)
    finally:
        writer.done.set()
        writer.join(WAIT)
    expected = [seq for seq in log_seqs(team) if seq > before]
    received.wait_for(lambda r: len(r.events) >= len(expected))
    assert received.seqs() == expected  # every entry committed, once each, in order
    assert len(expected) >= writer.written  # every acknowledged write is in the log
    assert received.states[:3] == [CONNECTED, LOST, RECONNECTING]
    assert received.states[-1] == CONNECTED


def test_a_stopped_listener_leaves_no_thread(listen):
    listener = listen()
    listener.stop()
    assert not listener.running
    assert not [t for t in threading.enumerate() if t.name == "annotator-team-listener"]


def test_a_listener_stops_while_the_server_is_unreachable(pg_server, received):
    nowhere = f"postgresql://reed:pw@127.0.0.1:{_closed_port()}/nothing"
    listener = TeamListener(nowhere, on_events=received.on_events, on_state=received.on_state).start()
    received.wait_for(lambda r: RECONNECTING in r.states)
    listener.stop()
    assert not listener.running
    assert received.events == []


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_connection_the_server_ends_is_taken_up_again(team, listen, received):
    listen()
    with psycopg.connect(team.admin_url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'reed'"
        ).fetchall()
    assert ended
    received.wait_for(lambda r: LOST in r.states)
    with team.connect("ann") as ann:
        during = add_article(ann)  # perhaps before the listener is back: the catch-up finds it
    received.wait_for(lambda r: r.states[-1] == CONNECTED and any(e.id == during for e in r.events))
    assert [e.id for e in received.events] == [during]


def test_a_server_that_never_answers_is_noticed_by_the_heartbeat(pg_server, team, listen, received):
    """Every server process SIGSTOPped: the kernel acknowledges the heartbeat, nothing answers it;
    without its own deadline the listener waited for ever (40 s seen, still 'connected')."""
    from tests.team.frozen_server import server_stopped

    listen(heartbeat_seconds=1.0, answer_seconds=1.0)
    with server_stopped(pg_server):
        started = time.monotonic()
        received.wait_for(lambda r: LOST in r.states)
        print(f"\na server that never answers, noticed after {time.monotonic() - started:.2f} s")
    received.wait_for(lambda r: r.states[-1] == CONNECTED)
    with team.connect("ann") as ann:
        article = add_article(ann)
    received.wait_for(lambda r: any(e.entity == "article" and e.id == article for e in r.events))
