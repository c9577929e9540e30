"""The same core on both back ends (issue 16): a CSV export of 100,000 claims from a team
project on PostgreSQL, against the same export from a project file, measured in the same run.

The server is a throwaway one (Debian's initdb/pg_ctl on a free loopback port, fsync off,
as tests/pg_server.py starts it), stopped by its own data folder's PID at the end. Both
projects hold the same 10,000 articles and 100,000 claims, imported through the core (on
the server by one analyst: the policies let a member create claims only as themselves).
Also timed: that import, and the article list (all summaries, on an open project).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from bench.bench_core import ARTICLES, CLAIMS_PER_ARTICLE, write_jsonl
from bench.common import Result, median_time

MEMBER = "analyst1"


def _import(location: str, source: Path) -> None:
    from annotator.core.importers.runner import import_paths
    from annotator.core.store import Project

    with Project.open(location) as project:
        import_paths(project, [source], by=MEMBER)


def _export_csv(location: str, out: Path) -> None:
    from annotator.core.exporters import exporter_for
    from annotator.core.store import Project

    with Project.open(location) as project:
        exporter_for("csv")(project, out)


def _list_articles(location: str) -> float:
    """Median time of the article list (all summaries) on an open project."""
    from annotator.core.store import Project

    with Project.open(location) as project:
        return median_time(project.articles.summaries, repeat=5)


# What two separate imports of the same file cannot share: ids made on import, and times.
_PER_IMPORT = ("claim_id", "article_id", "created_at", "updated_at")


def _content(path: Path) -> list[tuple]:
    """A CSV export's rows without the columns each import makes its own."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    keep = [i for i, name in enumerate(rows[0]) if name not in _PER_IMPORT]
    return [tuple(row[i] for i in keep) for row in rows]


def _team_url(server) -> str:
    from annotator.core.store.postgres import add_member, init_team
    from tests.pg_server import ADMIN, ADMIN_PASSWORD, new_database

    name = new_database(server, prefix="bench")
    admin = server.url(ADMIN, name, ADMIN_PASSWORD)
    init_team(admin)
    add_member(admin, MEMBER, role="analyst", new_password="pw-bench")
    return server.url(MEMBER, name, "pw-bench")


def run() -> list[Result]:
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-team-"))
    server = None
    try:
        source = work / "big.jsonl"
        write_jsonl(source, annotators=False)
        from tests.pg_server import start_server

        server = start_server()
        team, file = _team_url(server), str(work / "desk.annotator")
        file_import = median_time(lambda: _import(file, source), repeat=1)
        team_import = median_time(lambda: _import(team, source), repeat=1)
        file_csv = median_time(lambda: _export_csv(file, work / "file.csv"), repeat=3)
        team_csv = median_time(lambda: _export_csv(team, work / "team.csv"), repeat=3)
        file_list, team_list = _list_articles(file), _list_articles(team)
        same = _content(work / "file.csv") == _content(work / "team.csv")
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.folder, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    claims = ARTICLES * CLAIMS_PER_ARTICLE
    return [
        Result(
            "team project: import 10,000 articles + 100,000 claims",
            team_import,
            "the same import into a project file",
            file_import,
            ARTICLES,
            "articles",
        ),
        Result(
            "team project: export CSV, 100,000 claims" + ("" if same else " (ROWS DIFFER from the file's!)"),
            team_csv,
            "the same export from a project file",
            file_csv,
            claims,
            "claims",
            "the file's rows (ids, times aside)",
        ),
        Result(
            "team project: article list (10,000 summaries)",
            team_list,
            "the same list from a project file",
            file_list,
            ARTICLES,
            "articles",
        ),
    ]
