"""Live changes from a team project: LISTEN on the server, never miss or repeat a change.

Every change-log entry on the server sends `pg_notify('annotator', {"seq", "entity", "id",
"action", "who"})` when its transaction commits (db/postgres/003_rules.sql). A
`TeamListener` keeps its own connection for that, in a thread of its own, and hands each
new entry on as a `ChangeEvent`. After a lost connection (network, server restart) it
reconnects, listens again and re-reads the change log after the last entry it settled, so
what was committed meanwhile arrives too; `SeqTracker` makes each entry arrive once.

A payload is only a hint of where to look: the entries handed on are read from the
insert-only change log, so a member sending forged notices changes nothing.

Sequence numbers are handed out when a row is written, not when it commits: a gap means a
transaction still running (its notice comes when it commits) or one rolled back (never
comes). Gaps are remembered for `patience` seconds so a reconnect re-reads them.

No Qt here: the window's adapter (ui/team) moves events to the GUI thread.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from annotator.core.store.postgres import NOTIFY_CHANNEL, connect, shut_down_socket

log = logging.getLogger("annotator.team")

CONNECTED, LOST, RECONNECTING = "connected", "lost", "reconnecting"
# Waits between reconnection attempts: a server restart takes a second or two, and a change
# a colleague makes just after it is seen only once this listener is back, so the first
# seconds are tried often (a refused connection costs the server next to nothing), then
# once a second for as long as it takes.
RETRY_SECONDS = (0.1,) * 10 + (0.25,) * 16 + (1.0,)
_KEEPALIVE = {  # a silently dropped network is noticed in seconds, not after TCP's minutes
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10000,
    "connect_timeout": 5,
}
ANSWER_SECONDS = 5.0  # a heartbeat not answered in this long: the connection is taken as lost
_PAGE = 5000  # change-log rows read per query when catching up
_RECENT = 1000  # at start, numbers this far below the newest that are missing still count as gaps


@dataclass(frozen=True)
class ChangeEvent:
    """One change-log entry someone committed: what changed (entity, id), how, by whom."""

    seq: int
    entity: str
    id: str
    action: str
    who: str


def parse_payload(text: str) -> ChangeEvent | None:
    """The event a notification's payload announces; None for anything else (crafted, foreign)."""
    try:
        data = json.loads(text)
        seq = data["seq"]
        fields = [str(data[key]) for key in ("entity", "id", "action", "who")]
    except (ValueError, TypeError, KeyError):
        return None
    if type(seq) is not int or seq <= 0:
        return None
    return ChangeEvent(seq, *fields)


@dataclass
class SeqTracker:
    """Which change-log entries were handed on, so each one is handed on exactly once.

    Everything at or below `settled` is done (delivered, or a gap given up after
    `patience` seconds); above it, `delivered` holds what was handed on and `gaps` the
    missing numbers with the time they were first missed.
    """

    settled: int = 0
    patience: float = 600.0
    clock: Callable[[], float] = time.monotonic
    delivered: set[int] = field(default_factory=set)
    gaps: dict[int, float] = field(default_factory=dict)
    _high: int = 0

    def __post_init__(self) -> None:
        self._high = max(self._high, self.settled)

    def take(self, events: Iterable[ChangeEvent]) -> list[ChangeEvent]:
        """The events not handed on before, in the order given; remembers them."""
        fresh = []
        for event in events:
            if not self.is_new(event.seq):
                continue
            self._note(event.seq)
            fresh.append(event)
        self._settle()
        return fresh

    def is_new(self, seq: int) -> bool:
        """Whether the entry numbered `seq` was not handed on yet."""
        return seq > self.settled and seq not in self.delivered

    def opens_gap(self, event: ChangeEvent) -> bool:
        """Whether `event` skips numbers nobody announced yet (worth re-reading the log)."""
        return event.seq > self._high + 1

    def resume_after(self) -> int:
        """Everything up to this seq was handed on or given up."""
        self._settle()
        return self.settled

    @property
    def high(self) -> int:
        """The highest seq handed on (or settled): entries after it are all new."""
        return self._high

    def missing_runs(self) -> list[tuple[int, int]]:
        """The numbers still missing below `high`, as (first, last) runs in rising order: an
        entry committed late, or one whose announcement was lost, is among them."""
        self._settle()
        runs: list[list[int]] = []
        for seq in self.gaps:
            if runs and runs[-1][1] == seq - 1:
                runs[-1][1] = seq
            else:
                runs.append([seq, seq])
        return [(first, last) for first, last in runs]

    def _note(self, seq: int) -> None:
        now = self.clock()
        for missing in range(self._high + 1, seq):
            self.gaps[missing] = now
        self._high = max(self._high, seq)
        self.gaps.pop(seq, None)
        self.delivered.add(seq)

    def _settle(self) -> None:
        """Move `settled` up past delivered numbers and gaps older than `patience`.

        Gaps are added in rising order of both seq and time, so the first is the lowest and
        the oldest: expiring and finding the floor look at the front only.
        """
        deadline = self.clock() - self.patience
        while self.gaps:
            seq, missed = next(iter(self.gaps.items()))
            if missed >= deadline:
                break
            del self.gaps[seq]
        floor = next(iter(self.gaps)) - 1 if self.gaps else self._high
        if floor > self.settled:
            self.settled = floor
            self.delivered = {seq for seq in self.delivered if seq > floor}


class TeamListener:
    """Listens to one team project in a thread; `on_events` gets each batch of new changes.

    :param url: the project's libpq URL or connection string
    :param on_events: called (in the listener's thread) with a list of new `ChangeEvent`s
    :param on_state: called (in the listener's thread) with CONNECTED, LOST or RECONNECTING
    :param after: the last seq the caller has already seen; None: whatever is newest at start
    :param password: one typed at a prompt, kept in memory for reconnecting; else libpq's
    """

    def __init__(
        self,
        url: str,
        *,
        on_events: Callable[[list[ChangeEvent]], None],
        on_state: Callable[[str], None] = lambda _state: None,
        after: int | None = None,
        password: str | None = None,
        poll_seconds: float = 0.5,
        heartbeat_seconds: float = 5.0,
        answer_seconds: float = ANSWER_SECONDS,
        retry_seconds: tuple[float, ...] = RETRY_SECONDS,
    ):
        self.url = url
        self._on_events, self._on_state = on_events, on_state
        self._password = password
        self._start_after = after
        self._tracker: SeqTracker | None = None if after is None else SeqTracker(settled=after)
        self._poll, self._heartbeat, self._retry = poll_seconds, heartbeat_seconds, retry_seconds
        self._answer_within = answer_seconds
        self._stopping = threading.Event()
        self._listening = threading.Event()
        self._thread: threading.Thread | None = None
        self.state = ""

    # -- starting and stopping -------------------------------------------------------

    def start(self) -> TeamListener:
        """Start listening in a daemon thread; returns self."""
        self._thread = threading.Thread(target=self._run, name="annotator-team-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 15.0) -> None:
        """Stop listening and wait for the thread to end (its connection is closed)."""
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def wait_until_listening(self, timeout: float) -> bool:
        """Block until the first LISTEN is in place (a window loads after it, so it misses nothing)."""
        return self._listening.wait(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def last_seq(self) -> int:
        """Every change up to here was handed on (or given up as rolled back)."""
        return self._tracker.resume_after() if self._tracker else (self._start_after or 0)

    # -- the thread ------------------------------------------------------------------

    def _run(self) -> None:
        attempt = 0
        while not self._stopping.is_set():
            try:
                conn = self._connect()
            except Exception as error:  # TeamServerError, or the LISTEN failing on a new connection
                log.info("team listener cannot connect: %s", error)
                attempt = self._wait_to_retry(attempt)
                continue
            attempt = 0
            try:
                self._serve(conn)
            except Exception as error:  # psycopg's OperationalError and kin: the connection is gone
                if self._stopping.is_set():
                    break
                log.info("team listener lost its connection: %s", error)
                self._set_state(LOST)
                attempt = self._wait_to_retry(attempt)
            finally:
                _close_quietly(conn)

    def _connect(self):
        from psycopg.conninfo import make_conninfo

        conninfo = make_conninfo(self.url, **_KEEPALIVE)
        conn = connect(conninfo, password=self._password)
        try:
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        except Exception:
            _close_quietly(conn)
            raise
        return conn

    def _serve(self, conn) -> None:
        """Catch up on what was missed, then hand on notifications until stopped or lost."""
        if self._tracker is None:
            self._tracker = _tracker_from_newest(conn)
        self._listening.set()
        self._catch_up(conn)
        self._set_state(CONNECTED)
        quiet_since = time.monotonic()
        while not self._stopping.is_set():
            events = self._wait_for_events(conn)
            if events:
                quiet_since = time.monotonic()
                self._hand_on(conn, events)
            elif time.monotonic() - quiet_since >= self._heartbeat:
                self._beat(conn)  # a dead connection, or a server that never answers, raises here
                quiet_since = time.monotonic()

    def _beat(self, conn) -> None:
        """`SELECT 1`, answered within `answer_seconds`: a server that accepts and never answers
        (hung, stopped) is lost too. Its kernel acknowledges what is sent, so neither keepalives
        nor tcp_user_timeout notice it; the socket is shut down and the wait ends with an error."""
        watchdog = threading.Timer(self._answer_within, shut_down_socket, args=(conn.fileno(),))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.execute("SELECT 1").fetchone()
        finally:
            watchdog.cancel()

    def _wait_for_events(self, conn) -> list[ChangeEvent]:
        notes = list(conn.notifies(timeout=self._poll, stop_after=1))
        if notes:
            notes += list(conn.notifies(timeout=0))  # whatever else has arrived: one batch
        events = [parse_payload(note.payload) for note in notes if note.channel == NOTIFY_CHANNEL]
        return [event for event in events if event is not None]

    def _hand_on(self, conn, announced: list[ChangeEvent]) -> None:
        """Hand on the announced entries as the change log has them (a member may NOTIFY
        anything: a payload only says where to look, the insert-only log says what happened)."""
        wanted = sorted({event.seq for event in announced if self._tracker.is_new(event.seq)})
        if not wanted:
            return  # a catch-up read these already
        events = self._read(conn, "seq = ANY(%s)", [wanted])
        gap = any(self._tracker.opens_gap(event) for event in events)
        self._deliver(events)
        if gap:
            self._catch_up(conn)  # numbers skipped: re-read in case an announcement was lost

    def _catch_up(self, conn) -> None:
        """Hand on every change-log entry not handed on yet: those filling the numbers still
        missing, then everything after the highest handed on. Entries already handed on are
        not read again, so a gap that never fills (a rolled-back transaction, numbers a
        server crash skipped) does not make every catch-up re-read all that came after it."""
        self._fill_gaps(conn)
        after = self._tracker.high
        while True:
            events = self._read(conn, "seq > %s", [after])
            self._deliver(events)
            if len(events) < _PAGE:
                return
            after = events[-1].seq

    def _fill_gaps(self, conn) -> None:
        """Hand on the entries that fill missing numbers, a page at a time."""
        after = 0
        while True:
            runs = [(max(lo, after + 1), hi) for lo, hi in self._tracker.missing_runs() if hi > after]
            if not runs:
                return
            runs = runs[:_PAGE]
            events = self._read_runs(conn, runs)
            self._deliver(events)
            after = events[-1].seq if len(events) == _PAGE else runs[-1][1]

    @classmethod
    def _read_runs(cls, conn, runs: list[tuple[int, int]]) -> list[ChangeEvent]:
        """The entries numbered within `runs` (few: each gap's numbers are rarely taken later)."""
        firsts, lasts = [run[0] for run in runs], [run[1] for run in runs]
        return cls._read(
            conn,
            "seq IN (SELECT c.seq FROM change_log c JOIN unnest(%s::bigint[], %s::bigint[]) AS r(lo, hi)"
            " ON c.seq BETWEEN r.lo AND r.hi)",
            [firsts, lasts],
        )

    @staticmethod
    def _read(conn, where: str, params: list) -> list[ChangeEvent]:
        rows = conn.execute(
            f"SELECT seq, entity, entity_id, action, who FROM change_log WHERE {where} ORDER BY seq LIMIT %s",
            (*params, _PAGE),
        ).fetchall()
        return [ChangeEvent(int(row[0]), row[1], row[2], row[3], row[4]) for row in rows]

    def _deliver(self, events: list[ChangeEvent]) -> None:
        fresh = self._tracker.take(events)
        if fresh:
            try:
                self._on_events(fresh)
            except Exception:  # the receiver's bug must not stop the listening
                log.exception("a team change could not be handed on")

    def _set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        try:
            self._on_state(state)
        except Exception:
            log.exception("a team connection state could not be reported")

    def _wait_to_retry(self, attempt: int) -> int:
        self._set_state(RECONNECTING)
        self._stopping.wait(self._retry[min(attempt, len(self._retry) - 1)])
        return attempt + 1


def _tracker_from_newest(conn) -> SeqTracker:
    """Start from what is newest now: recent numbers not in the log yet belong to transactions
    still running, whose notices come later and must not be taken for repeats."""
    newest = int(conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0])
    tracker = SeqTracker(settled=max(0, newest - _RECENT))
    present = conn.execute("SELECT seq FROM change_log WHERE seq > %s", (tracker.settled,)).fetchall()
    tracker.take(ChangeEvent(int(row[0]), "", "", "", "") for row in sorted(present))
    return tracker


def _close_quietly(conn) -> None:
    try:
        conn.close()
    except Exception:
        pass
