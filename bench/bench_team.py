"""`python -m bench team`: several analysts on one team project at once, for a bounded time.

A throwaway PostgreSQL (Debian's initdb / pg_ctl, 127.0.0.1, a free port, trust logins on
loopback only) gets a team project with one member per client. Each client process creates
claims (submitted at once) and reviews colleagues' claims through raw SQL, and runs the
core's TeamListener; every write is timed, and every colleague's new claim its listener
sees is stamped. Afterwards the server is asked which acknowledged writes it has.

Environment: BENCH_TEAM_CLIENTS (default 4), BENCH_TEAM_SECONDS (10), BENCH_TEAM_RESTART=1
to kill the server (pg_ctl stop -m immediate) halfway and start it again.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pwd
import shutil
import socket
import statistics
import subprocess
import tempfile
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


def client(url: str, article: str, start_at: float, seconds: float, out: str) -> None:
    """Create and review for `seconds` from `start_at`, listening meanwhile; results to `out`."""
    from annotator.core.store.team_listener import TeamListener

    seen: list[tuple[str, str, float]] = []
    listener = TeamListener(
        url,
        on_events=lambda events: seen.extend(
            (e.id, e.who, time.time()) for e in events if e.entity == "claim" and e.action == "insert"
        ),
    ).start()
    listener.wait_until_listening(30)
    creates, reviews = _work(url, article, start_at, seconds)
    time.sleep(2.0)  # the last colleagues' notices
    listener.stop()
    Path(out).write_text(json.dumps({"creates": creates, "reviews": reviews, "seen": seen}))


def _work(url: str, article: str, start_at: float, seconds: float) -> tuple[list, list]:
    import psycopg

    creates, reviews, conn = [], [], None
    time.sleep(max(0.0, start_at - time.time()))
    end = start_at + seconds
    while time.time() < end:
        try:
            conn = conn if conn is not None and not conn.closed else psycopg.connect(url, autocommit=True)
            creates.append(_create(conn, article))
            if len(creates) % 2 == 0:
                done = _review(conn)
                if done:
                    reviews.append(done)
        except psycopg.OperationalError:
            conn = None
            time.sleep(0.1)
    if conn is not None:
        conn.close()
    return creates, reviews


def _create(conn, article: str) -> tuple[str, float, float]:
    claim_id = str(uuid.uuid4())
    started = time.perf_counter()
    conn.execute(
        'INSERT INTO claims (id, article_id, start, "end", quote, annotator, status, created_at, updated_at) '
        "VALUES (%s, %s, 4, 12, 'ministry', current_user, 'submitted', %s, %s)",
        (claim_id, article, NOW, NOW),
    )
    return claim_id, time.time(), time.perf_counter() - started


def _review(conn) -> tuple[str, float] | None:
    row = conn.execute(
        "SELECT id FROM claims WHERE status = 'submitted' AND annotator <> current_user LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    review_id = str(uuid.uuid4())
    started = time.perf_counter()
    conn.execute(
        "INSERT INTO reviews (id, claim_id, reviewer, decision, created_at) "
        "VALUES (%s, %s, current_user, 'accepted', %s)",
        (review_id, row[0], NOW),
    )
    return review_id, time.perf_counter() - started


# -- the run -----------------------------------------------------------------------------


def run() -> list[Result]:
    clients = int(os.environ.get("BENCH_TEAM_CLIENTS", "4"))
    seconds = float(os.environ.get("BENCH_TEAM_SECONDS", "10"))
    restart = os.environ.get("BENCH_TEAM_RESTART", "") == "1"
    with tempfile.TemporaryDirectory(prefix="annotator-bench-team-") as tmp:
        server = Server(Path(tmp))
        server.create()
        server.start()
        try:
            outcome = _load(server, Path(tmp), clients, seconds, restart=restart)
        finally:
            server.stop()
    return _results(outcome, clients, seconds, restart)


def _load(server: Server, folder: Path, clients: int, seconds: float, *, restart: bool) -> dict:
    article, names = _set_up_project(server, clients)
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0 + 0.5 * clients  # every client listening before anyone writes
    outs = [str(folder / f"{name}.json") for name in names]
    procs = [
        context.Process(target=client, args=(server.url(name, "desk"), article, start_at, seconds, out))
        for name, out in zip(names, outs, strict=True)
    ]
    for proc in procs:
        proc.start()
    if restart:
        time.sleep(max(0.0, start_at + seconds / 2 - time.time()))
        server.stop("immediate")
        server.start()
    for proc in procs:
        proc.join()
    results = [json.loads(Path(out).read_text()) for out in outs]
    return {"clients": dict(zip(names, results, strict=True)), "found": _found(server, results)}


def _found(server: Server, results: list[dict]) -> dict:
    import psycopg

    claims = [c[0] for r in results for c in r["creates"]]
    reviews = [v[0] for r in results for v in r["reviews"]]
    with psycopg.connect(server.url(ADMIN, "desk")) as conn:
        count = "SELECT count(*) FROM {} WHERE id = ANY(%s)"
        found_claims = conn.execute(count.format("claims"), (claims,)).fetchone()[0]
        found_reviews = conn.execute(count.format("reviews"), (reviews,)).fetchone()[0]
        total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    return {"claims": (len(claims), found_claims, total), "reviews": (len(reviews), found_reviews)}


def _latencies(clients: dict) -> list[float]:
    """For each claim, the time from its commit until each colleague's listener saw it."""
    committed = {c[0]: (name, c[1]) for name, r in clients.items() for c in r["creates"]}
    delays = []
    for name, result in clients.items():
        for claim_id, _who, seen_at in result["seen"]:
            author, at = committed.get(claim_id, (name, None))
            if at is not None and author != name:
                delays.append(max(0.0, seen_at - at))
    return delays


def _missed(clients: dict) -> int:
    """Colleagues' acknowledged claims some listener never saw."""
    missed = 0
    for name, result in clients.items():
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


def _results(outcome: dict, clients: int, seconds: float, restart: bool) -> list[Result]:
    clients_data = outcome["clients"]
    delays = _latencies(clients_data)
    creates = [c[2] for r in clients_data.values() for c in r["creates"]]
    reviews = [v[1] for r in clients_data.values() for v in r["reviews"]]
    acked, found, total = outcome["found"]["claims"]
    acked_reviews, found_reviews = outcome["found"]["reviews"]
    tag = f"team ({clients} clients, {seconds:g} s{', server restarted' if restart else ''})"
    create_p50 = statistics.median(creates) if creates else float("nan")
    return [
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
        Result(
            f"{tag}: claims acknowledged / found",
            float(acked),
            measured=f"{acked} / {found} (server has {total})",
            aim="equal",
        ),
        Result(
            f"{tag}: reviews acknowledged / found",
            float(acked_reviews),
            measured=f"{acked_reviews} / {found_reviews}",
            aim="equal",
        ),
        Result(
            f"{tag}: colleagues' claims never seen",
            float(_missed(clients_data)),
            measured=str(_missed(clients_data)),
            aim="0",
        ),
    ]
