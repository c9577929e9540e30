"""Issue 16's scale figures: the same data in a project file and in a team project on
PostgreSQL, and what a desk does with it, each beside the file's figure from the same run.

Measured on both: the real window (offscreen) from process start to its first paint and to
its article list painted, opening the project and reading the article list, a substring
search, the review queue's ids, compare over every figure, and a CSV export of every claim
(the two exports checked equal).

The size is opt-in: BENCH_TEAM_ARTICLES (default 2,000) and BENCH_TEAM_CLAIMS (default
20,000), so `make bench` stays bounded; issue 16 asks for 100,000 and 1,000,000. The load is
not what is measured, so it is fast and bypasses the core: on the server COPY by the
administrator with triggers off (session_replication_role = replica: no change log, no
notifications; the full-text and trigram indexes rebuilt after), on the file executemany
into the core's schema (its FTS5 triggers fill the search indexes). The server is a
throwaway one (tests/pg_server.py: Debian's initdb/pg_ctl, loopback, fsync off), stopped by
its own data folder at the end; the team project is read as a reviewer, through the
policies.
"""

from __future__ import annotations

import filecmp
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.common import Result, median_time

ARTICLES = int(os.environ.get("BENCH_TEAM_ARTICLES", "2000"))
CLAIMS = int(os.environ.get("BENCH_TEAM_CLAIMS", "20000"))
READER, ANALYSTS = "reviewer1", [f"analyst{n}" for n in range(5)]
SEARCH = "Guardian"  # one article in a hundred cites theguardian.com
WORDS = (
    "the ministry said officials reported about killed wounded troops homes river city people "
    "regional governor statement forces drones overnight residents bridge power water hospital"
).split()
MEASURES = ("killed", "wounded", "troops deployed")
STATUSES = ("submitted",) * 3 + ("accepted", "draft")
AT = "2026-01-01T00:00:00.000Z"

ARTICLE_COLUMNS = ("id", "sha256", "title", "outlet", "published", "imported_at", "text")
CLAIM_COLUMNS = (
    "id", "article_id", "start", "end", "quote", "speaker", "figure_text", "value", "measure",
    "confidence", "annotator", "status", "created_at", "updated_at",
)  # fmt: skip


def _articles():
    """(article row, its event, its claims' rows), the same every run."""
    rng = random.Random(16)
    per_article, extra = divmod(CLAIMS, ARTICLES)
    claim = 0
    for n in range(ARTICLES):
        sentences = []
        for s in range(8):
            words = " ".join(rng.choice(WORDS) for _ in range(10))
            source = " (theguardian.com)" if s == 3 and n % 100 == 7 else ""
            sentences.append(f"Sentence {s} of article {n}: {words} {rng.randint(1, 9999)}{source}.")
        text = " ".join(sentences)
        article_id = str(uuid.UUID(int=n + 1))
        row = (article_id, f"{n:064x}", f"Article {n}", f"Outlet {n % 50}", "2026-01-01", AT, text)
        claims = []
        for c in range(per_article + (1 if n < extra else 0)):
            start = text.index(f"Sentence {c % 8} ") + (c // 8) * 3
            value = float(rng.choice((10, 12, 40, 100, 120, 1000)) * (1 + c % 3))
            claims.append(
                (
                    str(uuid.UUID(int=(1 << 64) + claim)),
                    article_id,
                    start,
                    start + 30,
                    text[start : start + 30],
                    f"Speaker {claim % 7}",
                    f"{value:g}",
                    value,
                    MEASURES[claim % 3],
                    "Moderate",
                    ANALYSTS[claim % 5],
                    STATUSES[claim % 5],
                    AT,
                    AT,
                )  # fmt: skip
            )
            claim += 1
        yield row, f"Event {n % 20}", claims


def _load_file(path: Path) -> None:
    from annotator.core.store import Project

    Project.open(str(path)).close()  # the core's schema, as a new project file has it
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO speakers (name) VALUES (?)", [(f"Speaker {s}",) for s in range(7)])
        people = [(name, AT) for name in [READER, *ANALYSTS]]
        conn.executemany("INSERT INTO annotators (name, created_at) VALUES (?, ?)", people)
        for row, event, claims in _articles():
            conn.execute(_insert("articles", ARTICLE_COLUMNS), row)
            conn.execute("INSERT INTO article_events (article_id, event) VALUES (?, ?)", (row[0], event))
            conn.executemany(_insert("claims", CLAIM_COLUMNS), claims)
    conn.execute("ANALYZE")
    conn.close()


def _insert(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


def _load_server(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        rebuilt = [
            conn.execute("SELECT pg_get_indexdef(%s::regclass)", (name,)).fetchone()[0]
            for name in ("articles_search", "articles_trigram")
        ]
        with conn.transaction():
            conn.execute("SET LOCAL session_replication_role = replica")  # no log, no notify
            conn.execute("DROP INDEX articles_search, articles_trigram")
            conn.execute("INSERT INTO speakers (name) SELECT 'Speaker ' || s FROM generate_series(0, 6) s")
            names = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
            events = []
            with conn.cursor().copy(f"COPY articles ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN") as copy:
                for row, event, _claims in _articles():
                    copy.write_row(row)
                    events.append((row[0], event))
            with conn.cursor().copy("COPY article_events (article_id, event) FROM STDIN") as copy:
                for row in events:
                    copy.write_row(row)
            with conn.cursor().copy(f"COPY claims ({names}) FROM STDIN") as copy:
                for _row, _event, claims in _articles():  # made again: one COPY at a time
                    for row in claims:
                        copy.write_row(row)
            for statement in rebuilt:
                conn.execute(statement)
        conn.execute("VACUUM ANALYZE")


def _team(server) -> tuple[str, str]:
    """(the administrator's URL, the reader's) of a new team project on `server`."""
    from annotator.core.store.postgres import add_member, init_team
    from tests.pg_server import ADMIN, ADMIN_PASSWORD, new_database

    name = new_database(server, prefix="scale")
    admin = server.url(ADMIN, name, ADMIN_PASSWORD)
    init_team(admin)
    add_member(admin, READER, role="reviewer", new_password="pw-bench")
    for analyst in ANALYSTS:
        add_member(admin, analyst, role="analyst", new_password="pw-bench")
    return admin, server.url(READER, name, "pw-bench")


# -- what is measured ----------------------------------------------------------------------


def _open_and_list(location: str) -> int:
    from annotator.core.store import Project

    with Project.open(location) as project:
        return len(project.articles.summaries())


def _on_open(location: str, action, *, repeat: int, listed: bool = False) -> tuple[float, object]:
    """Median time of `action(project)` on one open project, and its last answer."""
    from annotator.core.store import Project

    answer = []
    with Project.open(location) as project:
        if listed:
            project.articles.summaries()  # the window lists the articles before anyone searches
        seconds = median_time(lambda: answer.append(action(project)), repeat=repeat)
    return seconds, answer[-1]


def _window_ready(location: str, repeat: int = 3) -> tuple[float, float, float]:
    """Medians, over fresh processes, of the real window's start to its first paint and to
    its article list painted, and how many articles it listed (bench/_window_child.py)."""
    from bench.bench_window import _child

    runs = [_child("ready", location, READER) for _ in range(repeat)]
    return (
        statistics.median(run[0] for run in runs),
        statistics.median(run[1] for run in runs),
        min(run[2] for run in runs),
    )


def _search(project) -> list[str]:
    return [s.id for s in project.articles.summaries(search=SEARCH)]


def _scanned_search(project) -> list[str]:
    """The search as it was before 006_search.sql: the planner kept off the indexes (a scan)."""
    project.db.conn.execute("SET enable_bitmapscan = off")
    project.db.conn.execute("SET enable_indexscan = off")
    return _search(project)


def _queue(project) -> list[str]:
    return project.reviews.queue_ids(reviewer=READER)


def _compare(project) -> int:
    from annotator.core.figures.compare import compare_figures

    rows = project.events.figure_rows()
    return len(compare_figures(rows, margin=project.events.approximate_margin()))


def _export(out: Path):
    from annotator.core.exporters import exporter_for

    return lambda project: exporter_for("csv")(project, out)


def _say(message: str) -> None:
    print(f"  team_scale: {message}", file=sys.stderr, flush=True)


def run() -> list[Result]:
    large = CLAIMS > 200_000
    heavy = 1 if large else 3  # compare and export of a million claims: once each
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-scale-"))
    server = None
    try:
        file = work / "desk.annotator"
        began = time.perf_counter()
        _load_file(file)
        _say(f"file loaded ({ARTICLES:,} articles, {CLAIMS:,} claims) in {time.perf_counter() - began:.0f} s")
        from tests.pg_server import start_server

        server = start_server()
        admin, team = _team(server)
        began = time.perf_counter()
        _load_server(admin)
        _say(f"server loaded in {time.perf_counter() - began:.0f} s")
        pairs, answers = {}, {}
        for label, measure in (
            ("open", lambda loc: (median_time(lambda: _open_and_list(loc), repeat=3), _open_and_list(loc))),
            ("search", lambda loc: _on_open(loc, _search, repeat=5, listed=True)),
            ("queue", lambda loc: _on_open(loc, _queue, repeat=3)),
            ("compare", lambda loc: _on_open(loc, _compare, repeat=heavy)),
            ("export", lambda loc: _on_open(loc, _export(work / f"{loc == team}.csv"), repeat=heavy)),
        ):
            (team_s, team_answer), (file_s, file_answer) = measure(team), measure(str(file))
            pairs[label], answers[label] = (team_s, file_s), team_answer == file_answer
            _say(f"{label}: team {team_s * 1000:.0f} ms, file {file_s * 1000:.0f} ms")
        windows = {loc: _window_ready(loc) for loc in (team, str(file))}
        _say(f"window: team {windows[team]}, file {windows[str(file)]}")
        scan_s, scan_answer = _on_open(team, _scanned_search, repeat=3, listed=True)
        _say(f"search without the trigram index: team {scan_s * 1000:.0f} ms")
        scanned_same = scan_answer == _on_open(team, _search, repeat=1)[1]
        answers["export"] = filecmp.cmp(work / "True.csv", work / "False.csv", shallow=False)
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.folder, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    size = f"{ARTICLES:,} articles, {CLAIMS:,} claims"
    found = sum(1 for n in range(ARTICLES) if n % 100 == 7)
    rows = (
        ("open", f"open + article list ({size})", ARTICLES, "articles"),
        ("search", f"search {SEARCH!r} inside longer words ({found:,} found)", ARTICLES, "articles"),
        ("queue", "review queue ids", CLAIMS, "claims"),
        ("compare", "compare over all figures", CLAIMS, "claims"),
        ("export", "export CSV", CLAIMS, "claims"),
    )
    scan = Result(
        "team scale: the same search on the server without its trigram index (a scan)"
        + ("" if scanned_same else " (ANSWERS DIFFER!)"),
        scan_s,
        "the search through articles_trigram",
        pairs["search"][0],
        ARTICLES,
        "articles",
    )
    team_window, file_window = windows[team], windows[str(file)]
    listed_all = all(w[2] == ARTICLES for w in windows.values())
    window_rows = [
        Result(
            f"team scale: the window, start to first paint ({size})",
            team_window[0],
            "the same on a project file",
            file_window[0],
        ),
        Result(
            "team scale: the window, start to every article listed and painted"
            + ("" if listed_all else " (NOT EVERY ARTICLE LISTED!)"),
            team_window[1],
            "the same on a project file",
            file_window[1],
            ARTICLES,
            "articles",
        ),
    ]
    return (
        window_rows
        + [
            Result(
                f"team scale: {what}" + ("" if answers[label] else " (ANSWERS DIFFER from the file's!)"),
                pairs[label][0],
                "the same on a project file",
                pairs[label][1],
                items,
                unit,
            )
            for label, what, items, unit in rows
        ]
        + [scan]
    )
