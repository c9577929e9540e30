"""The team project's connection, offering the repositories what `Connection` offers them.

`sql.execute/executemany` return rows to fetch or iterate, `atomic()` nests savepoints inside
one transaction, `in_transaction`, `total_changes` and `close()`. Every statement passes
through `PostgresDialect.translate` (SQLite's SQL in PostgreSQL's words, cached), and the
server's errors leave as the same `AnnotatorError`s a project file raises: a refused change
is a `PermissionDenied`, a lost server a `TeamServerError`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from annotator.core.errors import PermissionDenied
from annotator.core.store.dialect import PostgresDialect

_savepoints = itertools.count(1)


class PostgresConnection:
    """`project.db` of a team project: one psycopg connection, autocommitting outside `atomic()`."""

    dialect = PostgresDialect()

    def __init__(self, conn, url: str):
        self.conn = conn
        self.url = url
        self.sql = TranslatedPostgres(self)

    @contextmanager
    def atomic(self) -> Iterator[PostgresConnection]:
        """A transaction, or a savepoint inside the current one; rolled back on any error."""
        if not self.in_transaction:
            self.sql.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self._quietly("ROLLBACK")
                raise
            self.sql.execute("COMMIT")
            return
        name = f"annotator_{next(_savepoints)}"
        self.sql.execute(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            self._quietly(f"ROLLBACK TO SAVEPOINT {name}")
            raise
        self.sql.execute(f"RELEASE SAVEPOINT {name}")

    def _quietly(self, statement: str) -> None:
        """Roll back on the way out of an error; a lost connection has rolled back already."""
        import psycopg

        try:
            self.conn.execute(statement)
        except psycopg.Error:
            pass

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def close(self) -> None:
        self.conn.close()


class TranslatedPostgres:
    """`project.db.sql`: SQLite-worded statements run on the server, errors in our words."""

    def __init__(self, db: PostgresConnection):
        self._db = db
        self.total_changes = 0  # rows written by this connection, as SQLite counts them

    def execute(self, sql: str, parameters: Sequence | dict = ()):
        with translated_errors(self._db.url):
            cursor = self._db.conn.execute(self._db.dialect.translate(sql), parameters)
        self._count(cursor)
        return cursor

    def executemany(self, sql: str, parameters):
        rows = list(parameters)
        cursor = self._db.conn.cursor()
        if rows:
            with translated_errors(self._db.url):
                cursor.executemany(self._db.dialect.translate(sql), rows)
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
