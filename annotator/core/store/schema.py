"""The schema's history as sqlite-utils Migrations, one SQL file per step under db/migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import IncompleteInstallation, SchemaTooNew
from annotator.core.resources import schema_path

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "annotator"


def sqlite_utils_database(conn: sqlite3.Connection) -> Database:
    """Wrap an open connection as a sqlite-utils Database (imported now, without numpy)."""
    from annotator.core.store import import_sqlite_utils_alone

    import_sqlite_utils_alone()
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations applied to this file, read without sqlite-utils."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (MIGRATION_SET,))
    return [row[0] for row in rows]


def is_foreign(conn: sqlite3.Connection) -> bool:
    """Whether the file is another program's database: tables, but no Annotator migration."""
    tables = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    ).fetchone()[0]
    return bool(tables) and not applied_names(conn)


def is_current(conn: sqlite3.Connection) -> bool:
    """Whether the file has exactly the migrations this version knows (nothing to do on opening)."""
    return sorted(applied_names(conn)) == sorted(known_migrations())


def migration_files() -> list[Path]:
    """The migration SQL files in the order they apply; refused loudly when none are shipped.

    An installation without them would otherwise read "no migrations" as "up to date" and
    leave an empty project file behind.
    """
    folder = schema_path("migrations")
    found = sorted(folder.glob("*.sql"))
    if not found:
        raise IncompleteInstallation(
            f"Annotator's schema files are missing (no migrations in {folder}): this installation "
            "is incomplete. Reinstall Annotator; no project file was created or changed."
        )
    return found


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies hold semicolons)."""
    statements, pending = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not pending.strip():
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def build_migrations() -> Migrations:
    """One transactional migration per SQL file, named after the file."""
    from annotator.core.store import import_sqlite_utils_alone

    import_sqlite_utils_alone()
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for path in migration_files():
        sql = path.read_text(encoding="utf-8")

        def apply(db: Database, sql: str = sql) -> None:
            for statement in _statements(sql):
                db.conn.execute(statement)

        migrations(name=path.stem)(apply)
    return migrations


def known_migrations() -> list[str]:
    """Names of every migration this version knows."""
    return [path.stem for path in migration_files()]


def applied_migrations(db: Database) -> list[str]:
    """Names of the migrations already applied to this file."""
    return [m.name for m in build_migrations().applied(db)]


def check_not_newer(db: Database, path: str) -> None:
    """Refuse a file whose schema has steps this version does not know."""
    unknown = [name for name in applied_migrations(db) if name not in known_migrations()]
    if unknown:
        raise SchemaTooNew(
            f"{path} was written by a newer version of Annotator (schema step "
            f"{unknown[-1]!r} is unknown here). Update Annotator to open it."
        )


def schema_sql(db: Database) -> str:
    """The schema as SQL, in a stable order, for the snapshot in db/schema.sql."""
    rows = db.conn.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name"
    ).fetchall()
    return "".join(f"{sql};\n\n" for (sql,) in rows).rstrip("\n") + "\n"
