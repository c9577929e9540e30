"""A team project: the same Project, its repositories and rules, on a PostgreSQL server.

What differs from a file: the connection (`PostgresConnection`), who acts (`user` is the
database role; every change is made as that role, and the server's policies and triggers
check it again), transactions (plain BEGIN: the rules live in triggers), and what belongs
to the server's administrator rather than to Annotator (backups are pg_dump's business).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from annotator.core.errors import AnnotatorError, PermissionDenied
from annotator.core.store import postgres
from annotator.core.store.pg_connection import PostgresConnection
from annotator.core.store.project import Project


class TeamProjectError(AnnotatorError):
    """Something a project file does that a team project leaves to its server (backups)."""


class TeamProject(Project):
    """One open team project; `path` is the URL as `postgres.describe` shows it (no password)."""

    is_team = True
    _open_reader = None  # opens another read-only connection like the first (connect sets it)

    def __init__(self, db: PostgresConnection, url: str, user: str):
        super().__init__(db, postgres.describe(url))
        self.url = url
        self.user = user

    @classmethod
    def connect(cls, url: str, *, password: str | None = None, read_only: bool = False) -> TeamProject:
        """Open the team project at `url` (any libpq URL or connection string).

        The password (one typed at a prompt) stays in memory to open the connection again
        after it is lost; it is never written anywhere.
        """
        conn, user = _open(url, password, read_only, check=True)
        project = cls(PostgresConnection(conn, url, lambda: _open(url, password, read_only)[0]), url, user)
        project.read_only = read_only
        project._open_reader = lambda: _open(url, password, True)[0]
        return project

    @contextmanager
    def reading_snapshot(self) -> Iterator[Project]:
        """The project as of one moment, for reading much at once (an export): a second,
        read-only connection (opened as the first, with the password kept in memory) in one
        REPEATABLE READ transaction, so nothing committed meanwhile is seen, by this window or
        anyone, and nothing read is half of a change. This project's own connection is not
        involved: the window's edits go on."""
        if self._open_reader is None:  # a snapshot already (or a project made without connect)
            yield self
            return
        snapshot = TeamProject(PostgresConnection(self._open_reader(), self.url), self.url, self.user)
        snapshot.read_only = True
        try:
            snapshot.db.sql.execute(
                "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"
            )
            with snapshot._atomic():  # BEGIN: a nested transaction() is a savepoint inside it
                snapshot.db.sql.execute("SELECT 1").fetchone()  # the snapshot is taken here
                yield snapshot
        finally:
            snapshot.close()

    def act_as(self, who: str) -> None:
        """Refuse a change made in anyone's name but the connected role's."""
        if who != self.user:
            raise PermissionDenied(
                f"on a team project you act as yourself ({self.user}), not as {who}: "
                "the server knows who is connected"
            )

    @contextmanager
    def transaction(self) -> Iterator[Project]:
        """One user action: BEGIN (or a savepoint when nested), commit or roll back whole."""
        with self._atomic():
            yield self

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def check_file_still_there(self) -> None:
        """A server has no file to lose; a lost connection is reported by the statement."""

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.db.close()

    def backup(self, **_ignored) -> None:
        raise TeamProjectError(
            f"{self.path} is a team project: its backups are the server's (pg_dump, or the "
            "administrator's base backups), not Annotator's"
        )

    def integrity_problems(self) -> list[str]:
        return []


# A team project's tables in the order a copy inserts them (each after what it refers to).
_COPIED_TABLES = (
    "annotators",
    "settings",
    "speakers",
    "speaker_aliases",
    "articles",
    "article_events",
    "claims",
    "reviews",
    "comments",
    "deleted_claims",
    "dismissed_suggestions",
    "merge_conflicts",
    "change_log",
)


def memory_copy(url: str, *, password: str | None = None) -> Project:
    """An in-memory project file holding everything the team project at `url` holds (read as
    the role logged in): what `merge --db local.annotator URL` merges to take a copy offline."""
    copy = Project.open(":memory:")
    try:
        with TeamProject.connect(url, password=password, read_only=True) as team:
            copy.path = team.path
            with copy.transaction(), postgres.translated_errors(url):
                copy.db.conn.execute("PRAGMA defer_foreign_keys = ON")  # corrections before originals
                for table in _COPIED_TABLES:
                    _copy_table(team.db.conn, copy.db.conn, table)
    except BaseException:
        copy.close()
        raise
    return copy


def _copy_table(server, memory, table: str) -> None:
    on_server = {
        row[0]
        for row in server.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,)
        )
    }
    columns = [row[1] for row in memory.execute(f"PRAGMA table_info({table})") if row[1] in on_server]
    names = ", ".join(f'"{name}"' for name in columns)
    rows = server.execute(f"SELECT {names} FROM {table}").fetchall()
    marks = ", ".join("?" * len(columns))
    memory.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _open(url: str, password: str | None, read_only: bool, *, check: bool = False):
    """A new connection to the team project and the role it logged in as."""
    conn = postgres.connect(postgres.failing_fast(url), password=password)
    try:
        with postgres.translated_errors(url):
            if check:
                _refuse_unless_team(conn, url)
            user = conn.execute("SELECT current_user").fetchone()[0]
            if read_only:
                conn.execute("SET default_transaction_read_only = on")
    except BaseException:
        conn.close()
        raise
    return conn, user


def _refuse_unless_team(conn, url: str) -> None:
    if conn.execute("SELECT to_regclass('team_schema') IS NULL").fetchone()[0]:
        raise postgres.TeamServerError(
            f"{postgres.describe(url)} is not a team project: an administrator runs "
            "`annotator team init` first"
        )
