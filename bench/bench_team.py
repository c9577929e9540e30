"""`python -m bench team`: several analysts on one team project at once, for a bounded time.

A throwaway PostgreSQL (Debian's initdb / pg_ctl, 127.0.0.1, a free port, trust logins on
loopback only) gets a team project with one member per client. Each client process creates
claims (submitted at once) and reviews colleagues' claims through raw SQL, and runs the
core's TeamListener; every write is timed, and every colleague's new claim its listener
sees is stamped. Afterwards the server is asked which acknowledged writes it has.

Environment: BENCH_TEAM_CLIENTS (default 4), BENCH_TEAM_SECONDS (10), BENCH_TEAM_RESTART=1
to kill the server (pg_ctl stop -m immediate) halfway and start it again, BENCH_TEAM_KILL=1
to SIGKILL a fifth of the clients (at least one) at a third of the run and as many others at
two thirds, each started again at once as the same member.

A client writes each line of its out file (JSON, flushed line by line) before the next step:
`try` before a write is sent (its id, made by the client, and a note naming the client and
the write's number), `ack` once the server has committed it, `seen` for each colleague's
claim its listener hands on. A create whose answer was lost (a connection error) is sent
again with the same id (`ON CONFLICT (id) DO NOTHING`), as the core does; a kill may leave a
write committed but never acknowledged (in flight). Afterwards: every acknowledged write
must be on the server, no two claims may carry the same note (a write made twice), and no
claim may be there that no client tried.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pwd
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.common import Result

ADMIN = "bench_admin"
NOW = "2026-01-01T00:00:00.000Z"


# -- the throwaway server ----------------------------------------------------------------


class Server:
    """initdb + pg_ctl on a free loopback port; run as `postgres` when we are root."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, _free_port()
        self.bin = _postgres_bin()
        self.as_user = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(folder, account.pw_uid, account.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *command: str) -> None:
        subprocess.run([*self.as_user, *command], check=True, capture_output=True, text=True)

    def create(self) -> None:
        data = str(self.folder / "data")
        self.run(str(self.bin / "initdb"), "-D", data, "-U", ADMIN, "-A", "trust", "-E", "UTF8", "--no-sync")

    def start(self) -> None:
        options = f"-k {self.folder} -h 127.0.0.1 -p {self.port} -c fsync=off -c max_connections=200"
        data, log = str(self.folder / "data"), str(self.folder / "server.log")
        self.run(str(self.bin / "pg_ctl"), "start", "-D", data, "-w", "-l", log, "-o", options)

    def stop(self, mode: str = "fast") -> None:
        self.run(str(self.bin / "pg_ctl"), "stop", "-D", str(self.folder / "data"), "-m", mode, "-w")

    def url(self, user: str, database: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"


def _postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    if not found:
        raise SystemExit("bench team needs PostgreSQL's initdb and pg_ctl (Debian package `postgresql`)")
    return Path(found).resolve().parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _set_up_project(server: Server, clients: int) -> tuple[str, list[str]]:
    import psycopg

    from annotator.core.store.postgres import add_member, init_team

    with psycopg.connect(server.url(ADMIN), autocommit=True) as conn:
        conn.execute('CREATE DATABASE "desk"')
    init_team(server.url(ADMIN, "desk"))
    names = [f"analyst{i}" for i in range(clients)]
    for name in names:
        add_member(server.url(ADMIN, "desk"), name, role="reviewer")  # a reviewer is an analyst too
    with psycopg.connect(server.url(names[0], "desk"), autocommit=True) as conn:
        article = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO articles (id, sha256, title, imported_at, text) VALUES (%s, %s, 'Bench', %s, %s)",
            (article, article, NOW, "The ministry said 40 people were hurt and 12 were missing."),
        )
    return article, names


# -- one client ----------------------------------------------------------------------------


class Journal:
    """A client's out file: one JSON line per step, flushed before the client goes on, so a
    SIGKILL loses at most the line being written (the reader skips a torn last line)."""

    def __init__(self, path: str):
        torn = Path(path).exists() and not Path(path).read_bytes().endswith(b"\n")
        self._file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (closed by close())
        if torn:  # a killed run's last line: end it, so the next one stands alone
            self._file.write("\n")
        self._lock = threading.Lock()  # the listener's thread writes `seen` lines too

    def write(self, **entry) -> None:
        line = json.dumps(entry) + "\n"
        with self._lock:
            self._file.write(line)
            self._file.flush()

    def close(self) -> None:
        self._file.close()


def read_journal(path: Path) -> list[dict]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        try:
            entries.append(json.loads(line))
        except ValueError:  # the line a kill cut short
            pass
    return entries


def client(url: str, article: str, start_at: float, seconds: float, out: str) -> None:
    """Create and review for `seconds` from `start_at`, listening meanwhile; steps to `out`."""
    from annotator.core.store.team_listener import TeamListener

    first = sum(1 for e in read_journal(Path(out)) if e.get("try") == "create")  # a restarted client goes on
    journal = Journal(out)
    listener = TeamListener(
        url,
        on_events=lambda events: [
            journal.write(seen=e.id, who=e.who, at=time.time())
            for e in events
            if e.entity == "claim" and e.action == "insert"
        ],
    ).start()
    listener.wait_until_listening(30)
    _work(url, article, start_at, seconds, journal, first)
    time.sleep(2.0)  # the last colleagues' notices
    listener.stop()
    journal.write(end=True)
    journal.close()


def _work(url: str, article: str, start_at: float, seconds: float, journal: Journal, number: int) -> None:
    import psycopg

    conn, pending, creates = None, None, 0
    time.sleep(max(0.0, start_at - time.time()))
    end = start_at + seconds
    while time.time() < end:
        try:
            conn = conn if conn is not None and not conn.closed else psycopg.connect(url, autocommit=True)
            if pending is None:  # a new claim; after a lost answer, the same one again
                number += 1
                pending = (str(uuid.uuid4()), f"{url.split('@')[0].rsplit('/', 1)[-1]}:{number}")
                journal.write(**{"try": "create", "id": pending[0], "note": pending[1]})
            latency = _create(conn, article, *pending)
            journal.write(ack="create", id=pending[0], at=time.time(), s=latency)
            pending, creates = None, creates + 1
            if creates % 2 == 0:
                _review(conn, journal)
        except psycopg.OperationalError:
            conn = None
            time.sleep(0.1)
    if conn is not None:
        conn.close()


def _create(conn, article: str, claim_id: str, note: str) -> float:
    started = time.perf_counter()
    conn.execute(
        'INSERT INTO claims (id, article_id, start, "end", quote, note, annotator, status, created_at, '
        "updated_at) VALUES (%s, %s, 4, 12, 'ministry', %s, current_user, 'submitted', %s, %s) "
        "ON CONFLICT (id) DO NOTHING",
        (claim_id, article, note, NOW, NOW),
    )
    return time.perf_counter() - started


def _review(conn, journal: Journal) -> None:
    row = conn.execute(
        "SELECT id FROM claims WHERE status = 'submitted' AND annotator <> current_user LIMIT 1"
    ).fetchone()
    if row is None:
        return
    review_id = str(uuid.uuid4())
    journal.write(**{"try": "review", "id": review_id})
    started = time.perf_counter()
    conn.execute(
        "INSERT INTO reviews (id, claim_id, reviewer, decision, created_at) "
        "VALUES (%s, %s, current_user, 'accepted', %s)",
        (review_id, row[0], NOW),
    )
    journal.write(ack="review", id=review_id, s=time.perf_counter() - started)


# -- the run -----------------------------------------------------------------------------


def run() -> list[Result]:
    clients = int(os.environ.get("BENCH_TEAM_CLIENTS", "4"))
    seconds = float(os.environ.get("BENCH_TEAM_SECONDS", "10"))
    restart = os.environ.get("BENCH_TEAM_RESTART", "") == "1"
    kill = os.environ.get("BENCH_TEAM_KILL", "") == "1"
    with tempfile.TemporaryDirectory(prefix="annotator-bench-team-") as tmp:
        server = Server(Path(tmp))
        server.create()
        server.start()
        try:
            outcome = _load(server, Path(tmp), clients, seconds, restart=restart, kill=kill)
        finally:
            server.stop()
    return _results(outcome, clients, seconds, restart, kill)


def _load(server: Server, folder: Path, clients: int, seconds: float, *, restart: bool, kill: bool) -> dict:
    article, names = _set_up_project(server, clients)
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0 + 0.5 * clients  # every client listening before anyone writes
    end = start_at + seconds
    outs = {name: str(folder / f"{name}.jsonl") for name in names}

    def started(name: str, begin: float):
        proc = context.Process(
            target=client, args=(server.url(name, "desk"), article, begin, end - begin, outs[name])
        )
        proc.start()
        return proc

    procs = {name: started(name, start_at) for name in names}
    events = []  # (when, what): the kills and the server's restart, in order
    if restart:
        events.append((start_at + seconds / 2, "restart"))
    killed, downtime = [], None
    if kill:
        batch = max(1, clients // 5)
        events += [
            (start_at + seconds / 3, names[:batch]),
            (start_at + 2 * seconds / 3, names[batch : 2 * batch]),
        ]
    for when, what in sorted(events, key=lambda event: event[0]):
        time.sleep(max(0.0, when - time.time()))
        if what == "restart":
            down_at = time.time()
            server.stop("immediate")
            server.start()
            downtime = (down_at, time.time())
            continue
        for name in what:  # SIGKILL mid-run, then the same member starts again at once
            os.kill(procs[name].pid, signal.SIGKILL)
            procs[name].join()
            procs[name] = started(name, time.time())
            killed.append(name)
    for proc in procs.values():
        proc.join()
    journals = {name: _journal(read_journal(Path(out))) for name, out in outs.items()}
    found = _found(server, journals)
    return {"clients": journals, "killed": killed, "found": found, "downtime": downtime}


def _journal(entries: list[dict]) -> dict:
    """A client's steps: creates (id, at, seconds), reviews (id, seconds), seen (id, who, at), tried ids."""
    journal = {"creates": [], "reviews": [], "seen": [], "tried": {"create": [], "review": []}}
    for entry in entries:
        if "try" in entry:
            journal["tried"][entry["try"]].append(entry["id"])
        elif entry.get("ack") == "create":
            journal["creates"].append((entry["id"], entry["at"], entry["s"]))
        elif entry.get("ack") == "review":
            journal["reviews"].append((entry["id"], entry["s"]))
        elif "seen" in entry:
            journal["seen"].append((entry["seen"], entry["who"], entry["at"]))
    return journal


def _found(server: Server, journals: dict) -> dict:
    """What the server holds of what the clients acknowledged and tried."""
    import psycopg

    def ids(key, kind):
        return [i for j in journals.values() for i in (j[key] if key != "tried" else j["tried"][kind])]

    claims, reviews = [c[0] for c in ids("creates", "")], [v[0] for v in ids("reviews", "")]
    tried_claims, tried_reviews = ids("tried", "create"), ids("tried", "review")
    with psycopg.connect(server.url(ADMIN, "desk")) as conn:

        def count(sql, *params):
            return conn.execute(sql, params).fetchone()[0]

        in_claims = "SELECT count(*) FROM claims WHERE id = ANY(%s::text[])"
        in_reviews = "SELECT count(*) FROM reviews WHERE id = ANY(%s::text[])"
        found_claims, found_reviews = count(in_claims, claims), count(in_reviews, reviews)
        return {
            "claims": (len(claims), found_claims, count("SELECT count(*) FROM claims")),
            "reviews": (len(reviews), found_reviews),
            # committed, but the client was killed before it wrote the acknowledgement
            "in flight": count(in_claims, tried_claims)
            - found_claims
            + count(in_reviews, tried_reviews)
            - found_reviews,
            "twice": count("SELECT count(*) - count(DISTINCT note) FROM claims"),
            "untried": count("SELECT count(*) FROM claims WHERE NOT id = ANY(%s::text[])", tried_claims)
            + count("SELECT count(*) FROM reviews WHERE NOT id = ANY(%s::text[])", tried_reviews),
        }


def _latencies(clients: dict, downtime: tuple[float, float] | None = None) -> list[float]:
    """For each claim, the time from its commit until each colleague's listener saw it; with
    `downtime` (the server's stop and the moment it accepted connections again), less the
    part of that time the server was down, when no one could see anything."""
    committed = {c[0]: (name, c[1]) for name, r in clients.items() for c in r["creates"]}
    delays = []
    for name, result in clients.items():
        for claim_id, _who, seen_at in result["seen"]:
            author, at = committed.get(claim_id, (name, None))
            if at is not None and author != name:
                down = 0.0 if downtime is None else _overlap((at, seen_at), downtime)
                delays.append(max(0.0, seen_at - at - down))
    return delays


def _overlap(span: tuple[float, float], other: tuple[float, float]) -> float:
    return max(0.0, min(span[1], other[1]) - max(span[0], other[0]))


def _missed(clients: dict, killed: list[str]) -> int:
    """Colleagues' acknowledged claims some listener never saw (listeners never killed: a
    restarted client's listener begins when it starts again)."""
    missed = 0
    for name, result in clients.items():
        if name in killed:
            continue
        seen = {entry[0] for entry in result["seen"]}
        for other, theirs in clients.items():
            if other != name:
                missed += sum(1 for c in theirs["creates"] if c[0] not in seen)
    return missed


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _downtime_rows(tag: str, clients_data: dict, downtime) -> list[Result]:
    """With a restart: how long the server was down, and the delay beyond it (what the
    listeners' reconnection costs: a claim committed just before the stop cannot be seen
    by anyone until the server is back)."""
    if downtime is None:
        return []
    beyond = _latencies(clients_data, downtime)
    return [
        Result(f"{tag}: server down (immediate stop to accepting connections)", downtime[1] - downtime[0]),
        Result(f"{tag}: seen by a colleague p95, less the server's downtime", _percentile(beyond, 0.95)),
    ]


def _results(outcome: dict, clients: int, seconds: float, restart: bool, kill: bool) -> list[Result]:
    clients_data = outcome["clients"]
    delays = _latencies(clients_data)
    creates = [c[2] for r in clients_data.values() for c in r["creates"]]
    reviews = [v[1] for r in clients_data.values() for v in r["reviews"]]
    found = outcome["found"]
    acked, found_claims, total = found["claims"]
    acked_reviews, found_reviews = found["reviews"]
    faults = (", server restarted" if restart else "") + (
        f", {len(outcome['killed'])} clients SIGKILLed" if kill else ""
    )
    tag = f"team ({clients} clients, {seconds:g} s{faults})"
    create_p50 = statistics.median(creates) if creates else float("nan")
    missed = _missed(clients_data, outcome["killed"])
    downtime = outcome["downtime"]
    results = [
        Result(
            f"{tag}: all writes",
            seconds,
            items=len(creates) + len(reviews),
            unit="writes",
            measured=f"{len(creates) + len(reviews)} in {seconds:g} s",
        ),
        Result(f"{tag}: claim create p50", create_p50),
        Result(f"{tag}: claim create p95", _percentile(creates, 0.95)),
        Result(f"{tag}: review p50", statistics.median(reviews) if reviews else float("nan")),
        Result(f"{tag}: review p95", _percentile(reviews, 0.95)),
        Result(
            f"{tag}: seen by a colleague p50",
            _percentile(delays, 0.5),
            baseline="claim create p50",
            baseline_median_s=create_p50,
        ),
        Result(f"{tag}: seen by a colleague p95", _percentile(delays, 0.95), aim="p95 under 1 s"),
        *_downtime_rows(tag, clients_data, downtime),
        Result(
            f"{tag}: claims acknowledged / found",
            float(acked),
            measured=f"{acked} / {found_claims} (server has {total})",
            aim="equal",
        ),
        Result(
            f"{tag}: reviews acknowledged / found",
            float(acked_reviews),
            measured=f"{acked_reviews} / {found_reviews}",
            aim="equal",
        ),
        Result(f"{tag}: colleagues' claims never seen", float(missed), measured=str(missed), aim="0"),
        Result(
            f"{tag}: claims made twice / rows no client tried",
            float(found["twice"] + found["untried"]),
            measured=f"{found['twice']} / {found['untried']}",
            aim="0 / 0",
        ),
    ]
    results.append(
        Result(
            f"{tag}: writes committed, never acknowledged (in flight at a kill or the restart)",
            float(found["in flight"]),
            measured=str(found["in flight"]),
        )
    )
    return results
