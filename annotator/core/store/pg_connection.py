"""The team project's connection, offering the repositories what `Connection` offers them.

`sql.execute/executemany` return rows to fetch or iterate, `atomic()` nests savepoints inside
one transaction, `in_transaction`, `total_changes` and `close()`. Every statement passes
through `PostgresDialect.translate` (SQLite's SQL in PostgreSQL's words, cached), and the
server's errors leave as the same `AnnotatorError`s a project file raises: a refused change
is a `PermissionDenied`, a lost server a `TeamServerError`.

A lost connection (network, a server restart, the backend ended) is opened again on the next
statement outside a transaction; a read that found it lost is run once more on the new one.
A transaction that loses it fails whole with `ConnectionLost` (the server rolled it back, or
committed it with the answer lost: the window sends it again, idempotent by id).

`known_unreachable`, set by the window while it knows the server is out of reach (its
listener lost the server, or a probe found no answer), makes every statement fail at once
with `ServerOutOfReach` (a `ConnectionLost`) instead of waiting on the network for seconds;
`on_lost` is how the window hears that a statement found the server gone (it sets the flag).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from annotator.core.errors import PermissionDenied, ServerOutOfReach
from annotator.core.store.dialect import PostgresDialect

_savepoints = itertools.count(1)
LOST_MESSAGE = (
    "the connection to the team project was lost; nothing of this change was saved — "
    "do it again once the server answers"
)  # the window's outbox says instead that it keeps the change and sends it
OUT_OF_REACH_MESSAGE = "the team project is out of reach; nothing was sent to it"
_READS = ("SELECT", "BEGIN", "SHOW")  # safe to run again on a new connection, outside a transaction


class PostgresConnection:
    """`project.db` of a team project: one psycopg connection, autocommitting outside `atomic()`.

    :param reopen: makes a new psycopg connection like the first (after a lost one)
    """

    dialect = PostgresDialect()

    def __init__(self, conn, url: str, reopen: Callable | None = None):
        self.conn = conn
        self.url = url
        self.sql = TranslatedPostgres(self)
        self._reopen = reopen
        self._depth = 0  # atomic() blocks open: a lost connection is not replaced inside one
        self.known_unreachable = False  # the window knows the server is out of reach: send nothing
        self.on_lost: Callable[[], None] | None = None  # told when a statement finds the server gone
        self._in_flight = False  # a statement sent and not answered yet

    @contextmanager
    def atomic(self) -> Iterator[PostgresConnection]:
        """A transaction, or a savepoint inside the current one; rolled back on any error."""
        if self._depth == 0:
            self.sql.execute("BEGIN")
        self._depth += 1
        try:
            with self._transaction_or_savepoint(self._depth == 1):
                yield self
        finally:
            self._depth -= 1

    @contextmanager
    def _transaction_or_savepoint(self, outermost: bool) -> Iterator[None]:
        name = None if outermost else f"annotator_{next(_savepoints)}"
        if name:
            self.sql.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._quietly(f"ROLLBACK TO SAVEPOINT {name}" if name else "ROLLBACK")
            raise
        self.sql.execute(f"RELEASE SAVEPOINT {name}" if name else "COMMIT")

    def _quietly(self, statement: str) -> None:
        """Roll back on the way out of an error; a lost connection has rolled back already."""
        import psycopg

        try:
            self.conn.execute(statement)
        except psycopg.Error:
            pass

    def run(self, action: Callable, statement: str):
        """`action(conn)` with the server's errors in our words; a lost connection is opened
        again first (outside a transaction), and a read that lost it runs once more."""
        from annotator.core.store import postgres

        if self.known_unreachable:
            raise _out_of_reach_error(self.url)
        try:
            return self._run_reopening(action, statement)
        except postgres.ConnectionLost:
            if self.on_lost is not None:
                self.on_lost()
            raise

    def _run_reopening(self, action: Callable, statement: str):
        from annotator.core.store import postgres

        self._reopen_if_lost()
        try:
            return self._translated(action)
        except postgres.TeamServerError:
            if not self._lost():
                raise
            if self._depth or not statement.lstrip().upper().startswith(_READS):
                raise _lost_error(self.url) from None
        self._reopen_if_lost()
        return self._translated(action)

    def _translated(self, action: Callable):
        self._in_flight = True
        try:
            with translated_errors(self.url):
                return action(self.conn)
        finally:
            self._in_flight = False

    def cut_off(self) -> bool:
        """From another thread that found the server gone (the team listener): end the wait of
        a statement in flight, which fails as a lost connection; the gate is raised first, so
        nothing is sent again until the window lowers it. False when nothing was waiting."""
        from annotator.core.store import postgres

        self.known_unreachable = True
        if not self._in_flight:
            return False
        postgres.shut_down_socket(self.conn.fileno())
        return True

    def _lost(self) -> bool:
        return self.conn.closed or bool(getattr(self.conn, "broken", False))

    def _reopen_if_lost(self) -> None:
        if not self._lost():
            return
        if self._depth or self._reopen is None:
            raise _lost_error(self.url)
        from annotator.core.store import postgres

        if self.known_unreachable:  # raised while the statement waited (cut_off)
            raise _out_of_reach_error(self.url)

        try:
            self.conn = self._reopen()
        except postgres.TeamServerError as error:
            raise postgres.ConnectionLost(f"{LOST_MESSAGE} ({error})") from None

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        status = self.conn.info.transaction_status
        return self._depth > 0 or status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def close(self) -> None:
        self.conn.close()


def _lost_error(url: str):
    from annotator.core.store import postgres

    return postgres.ConnectionLost(f"{LOST_MESSAGE} ({postgres.describe(url)})")


def _out_of_reach_error(url: str):
    from annotator.core.store import postgres

    return ServerOutOfReach(f"{OUT_OF_REACH_MESSAGE} ({postgres.describe(url)})")


class TranslatedPostgres:
    """`project.db.sql`: SQLite-worded statements run on the server, errors in our words."""

    def __init__(self, db: PostgresConnection):
        self._db = db
        self.total_changes = 0  # rows written by this connection, as SQLite counts them

    def execute(self, sql: str, parameters: Sequence | dict = ()):
        statement = self._db.dialect.translate(sql)
        cursor = self._db.run(lambda conn: conn.execute(statement, parameters), statement)
        self._count(cursor)
        return cursor

    def executemany(self, sql: str, parameters):
        rows = list(parameters)
        if not rows:
            return self._db.conn.cursor()
        statement = self._db.dialect.translate(sql)

        def many(conn):
            cursor = conn.cursor()
            cursor.executemany(statement, rows)
            return cursor

        cursor = self._db.run(many, statement)
        self._count(cursor)
        return cursor

    def _count(self, cursor) -> None:
        if cursor.rowcount > 0 and cursor.description is None:
            self.total_changes += cursor.rowcount

    @property
    def in_transaction(self) -> bool:
        return self._db.in_transaction


def _detail(error) -> str:
    detail = getattr(getattr(error, "diag", None), "message_detail", None)
    return f" ({detail})" if detail else ""


@contextmanager
def translated_errors(url: str) -> Iterator[None]:
    """The server's refusals as PermissionDenied (what a file project raises for the same
    rule); everything about reaching it as postgres.translated_errors words it."""
    import psycopg

    from annotator.core.store import postgres

    try:
        with postgres.translated_errors(url):
            yield
    except postgres.TeamRefused as refused:
        raise PermissionDenied(str(refused)) from None
    except psycopg.errors.IntegrityError as error:  # a file's store would have checked first
        raise PermissionDenied(
            f"{postgres.describe(url)} refused: {postgres.first_line(error)}" + _detail(error)
        ) from None
    except psycopg.errors.QueryCanceled as error:
        raise postgres.TeamServerError(f"{postgres.describe(url)}: {error}".strip()) from None
