"""The project file: migrations, the schema snapshot, refusals, locking, pragmas."""

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.errors import ProjectInUse, ProjectUnreadable, SchemaTooNew
from annotator.core.store import Project
from annotator.core.store.schema import MIGRATION_SET, build_migrations, known_migrations, schema_sql
from tests.conftest import add_article

ROOT = Path(__file__).resolve().parents[2]


def test_schema_snapshot_matches_the_migrations():
    with Project.open(":memory:") as project:
        assert schema_sql(project.db) == (ROOT / "db" / "schema.sql").read_text(encoding="utf-8"), (
            "db/schema.sql is stale: regenerate it (see db/README.md)"
        )


def test_a_new_file_gets_every_migration_and_safe_pragmas(project_path):
    with Project.open(project_path) as project:
        conn = project.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert [m.name for m in build_migrations().applied(project.db)] == known_migrations()


def _file_at_first_schema(path):
    db = Database(sqlite3.connect(str(path), isolation_level=None))
    build_migrations().apply(db, stop_before=known_migrations()[1])
    db.conn.execute(
        "INSERT INTO articles (id, sha256, title, imported_at, text) "
        "VALUES ('a1', 'h', 'Old', 'now', 'Old text 12.')"
    )
    db.conn.execute(
        'INSERT INTO claims (id, article_id, start, "end", quote, created_at, updated_at) '
        "VALUES ('c1', 'a1', 9, 11, '12', 'now', 'now')"
    )
    db.close()


def test_an_older_file_is_backed_up_then_migrated(project_path, private_data_dir):
    _file_at_first_schema(project_path)
    with Project.open(project_path) as project:
        assert project.claims.get("c1").quote == "12"
        assert project.articles.summaries(search="old")[0].id == "a1"  # FTS filled for old rows
    backups = [p for p in private_data_dir.rglob("*before-0002*") if p.suffix == ".annotator"]
    assert len(backups) == 1
    old = Database(str(backups[0]))
    assert [m.name for m in build_migrations().applied(old)] == known_migrations()[:1]


def test_a_file_from_a_newer_version_is_refused(project_path):
    Project.open(project_path).close()
    conn = sqlite3.connect(project_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '9999_future', 'x')",
        (MIGRATION_SET,),
    )
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew, match="newer version of Annotator"):
        Project.open(project_path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"hello, I am a text file", "not an Annotator project"),
        (b"SQLite format 3\x00" + b"\x00" * 50, "damaged"),
    ],
)
def test_files_that_are_not_projects_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "bad.annotator"
    path.write_bytes(content)
    with pytest.raises(ProjectUnreadable, match=message):
        Project.open(path)
    assert path.read_bytes() == content


def test_a_folder_is_not_a_project(tmp_path):
    with pytest.raises(ProjectUnreadable, match="folder"):
        Project.open(tmp_path)


def test_a_second_writer_gets_project_in_use_after_a_bounded_wait(project_path):
    with Project.open(project_path) as project:
        article = add_article(project, "Text with 5 claims.")
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                textwrap.dedent(f"""
                import sqlite3, sys, time
                conn = sqlite3.connect({str(project_path)!r}, isolation_level=None)
                conn.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                sys.stdin.readline()
                conn.execute("ROLLBACK")
            """),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        try:
            assert holder.stdout.readline().strip() == "locked"
            with Project.open(project_path, timeout=0.2) as second:
                with pytest.raises(ProjectInUse, match="project is in use"):
                    second.claims.create(article, 10, 11, by="ben")
        finally:
            holder.communicate("go\n")
        assert project.claims.count() == 0
        project.claims.create(article, 10, 11, by="ben")  # and it works once the lock is gone
        assert project.claims.count() == 1
