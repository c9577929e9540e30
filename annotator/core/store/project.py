"""Opening a project file: pragmas, schema migrations, transactions and the repositories."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from annotator.core.errors import ProjectInUse, ProjectUnreadable
from annotator.core.store import schema

PROJECT_SUFFIX = ".annotator"
DEFAULT_BUSY_TIMEOUT = 5.0
_SQLITE_HEADER = b"SQLite format 3\x00"


class Project:
    """One open project file. Repositories hang off it: articles, claims, speakers, people, log."""

    def __init__(self, db: Database, path: str):
        from annotator.core.store.articles import ArticleStore
        from annotator.core.store.changelog import ChangeLog
        from annotator.core.store.claims import ClaimStore
        from annotator.core.store.people import PeopleStore
        from annotator.core.store.settings import Settings
        from annotator.core.store.speakers import SpeakerStore

        self.db = db
        self.path = path
        self.log = ChangeLog(self)
        self.settings = Settings(self)
        self.articles = ArticleStore(self)
        self.claims = ClaimStore(self)
        self.speakers = SpeakerStore(self)
        self.people = PeopleStore(self)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, timeout: float = DEFAULT_BUSY_TIMEOUT) -> Project:
        """Open (or create) a project file and bring its schema up to date.

        :param path: the project file; created empty if missing, ``":memory:"`` for tests
        :param timeout: seconds to wait for another program's write lock before giving up
        """
        path = str(path)
        _refuse_non_sqlite(path)
        conn = _connect(path, timeout)
        project = cls(Database(conn, execute_plugins=False), path)
        try:
            project._migrate()
        except BaseException:
            conn.close()
            raise
        return project

    def close(self) -> None:
        """Close the file; everything was already saved when it happened."""
        self.db.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        with _translated_errors(self.path):
            schema.check_not_newer(self.db, self.path)
            migrations = schema.build_migrations()
            pending = migrations.pending(self.db)
            if pending and schema.applied_migrations(self.db):
                self.backup(suffix=f"before-{pending[0].name}")
            migrations.apply(self.db)

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Project]:
        """One user action: BEGIN IMMEDIATE (or a savepoint when nested), commit or roll back."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self
            return
        with _translated_errors(self.path):
            conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        with _translated_errors(self.path):
            conn.execute("COMMIT")

    @staticmethod
    def now() -> str:
        """A UTC timestamp with milliseconds, ISO 8601."""
        return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    # -- safety --------------------------------------------------------------------------

    def backup(self, *, suffix: str = "backup", folder: Path | None = None) -> Path | None:
        """Copy the project with VACUUM INTO next to it (or into `folder`); return the copy."""
        if self.path == ":memory:":
            return None
        source = Path(self.path)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = (folder or source.parent) / f"{source.stem}.{suffix}.{stamp}{PROJECT_SUFFIX}"
        target.parent.mkdir(parents=True, exist_ok=True)
        self.db.conn.execute("VACUUM INTO ?", (str(target),))
        return target

    def integrity_problems(self) -> list[str]:
        """`PRAGMA integrity_check` and foreign key check results; empty when healthy."""
        rows = self.db.conn.execute("PRAGMA integrity_check").fetchall()
        problems = [row[0] for row in rows if row[0] != "ok"]
        problems += [str(row) for row in self.db.conn.execute("PRAGMA foreign_key_check")]
        return problems


def _refuse_non_sqlite(path: str) -> None:
    if path == ":memory:":
        return
    file = Path(path)
    if file.is_dir():
        raise ProjectUnreadable(f"{path} is a folder, not a project file")
    if file.exists() and file.stat().st_size > 0:
        with file.open("rb") as handle:
            if handle.read(16) != _SQLITE_HEADER:
                raise ProjectUnreadable(f"{path} is not an Annotator project (not a SQLite file)")


def _connect(path: str, timeout: float) -> sqlite3.Connection:
    try:
        # isolation_level=None: no implicit transactions; every write is an explicit one.
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise ProjectUnreadable(f"cannot open {path}: {error}") from None
    with _translated_errors(path):
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
    return conn


@contextmanager
def _translated_errors(path: str) -> Iterator[None]:
    """Turn SQLite's lock and corruption errors into messages a user can act on."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error)
        if "locked" in message or "busy" in message:
            raise ProjectInUse(
                f"project is in use: another program is writing to {path}; try again when it has finished"
            ) from None
        raise ProjectUnreadable(f"cannot use {path}: {message}") from None
    except sqlite3.DatabaseError as error:
        raise ProjectUnreadable(f"{path} is damaged or not a project: {error}") from None
