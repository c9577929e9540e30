"""The open SQLite connection as the store uses it, without importing sqlite-utils.

sqlite-utils is imported (a tenth of a second) only when a file's schema needs migrating;
a current project opens through this small class, which does what the store asks of
sqlite-utils' Database on every open: `conn`, nested `atomic()` savepoints and `close()`.

The repositories read and write through `sql`, which turns SQLite's errors about the file
(locked, full, read-only, damaged) into the named errors of `annotator.core.errors`, so no
caller outside the store ever sees an `sqlite3.Error`.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import chain
from pathlib import Path

from annotator.core.errors import (
    AnnotatorError,
    DiskFull,
    NotFound,
    ProjectInUse,
    ProjectReadOnly,
    ProjectUnreadable,
)
from annotator.core.store.dialect import SqliteDialect
from annotator.core.store.storage import full_disk_message, is_nearly_full

_savepoints = itertools.count(1)
_FETCH_ROWS = 1000  # rows a cursor hands over at once while iterated


class Connection:
    """`project.db`: the sqlite3 connection and savepoint transactions."""

    dialect = SqliteDialect()

    def __init__(self, conn: sqlite3.Connection, path: str = ""):
        self.conn = conn
        self.sql = TranslatedConnection(conn, path)
        self._database = None
        conn.execute("PRAGMA recursive_triggers=on")  # as sqlite-utils' Database does

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A transaction, or a savepoint inside the current one; rolled back on any error."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.execute("COMMIT")
            return
        name = f"annotator_{next(_savepoints)}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:  # a RAISE(ROLLBACK) may have ended it already
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

    def close(self) -> None:
        self.conn.close()

    def sqlite_utils(self):
        """The same connection as a sqlite-utils Database (for migrations), made once."""
        if self._database is None:
            from annotator.core.store.schema import sqlite_utils_database

            self._database = sqlite_utils_database(self.conn)
        return self._database

    def __getattr__(self, name: str):
        """Anything else sqlite-utils' Database offers (`db.table(...)`), through it."""
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.sqlite_utils(), name)

    def __getitem__(self, table: str):
        return self.sqlite_utils()[table]


class TranslatedConnection:
    """`project.db.sql`: execute and fetch, with SQLite's errors about the file in our words."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self._conn = conn
        self._path = path

    def execute(self, sql: str, parameters: Sequence | dict = ()) -> Rows:
        with translated_errors(self._path):
            return Rows(self._conn.execute(sql, parameters), self._path)

    def executemany(self, sql: str, parameters) -> Rows:
        with translated_errors(self._path):
            return Rows(self._conn.executemany(sql, parameters), self._path)

    @property
    def total_changes(self) -> int:
        return self._conn.total_changes

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction


class Rows:
    """A cursor whose fetching translates errors too (damage is often found on a later page)."""

    def __init__(self, cursor: sqlite3.Cursor, path: str):
        self._cursor = cursor
        self._path = path

    def fetchone(self):
        with translated_errors(self._path):
            return self._cursor.fetchone()

    def fetchall(self) -> list:
        with translated_errors(self._path):
            return self._cursor.fetchall()

    def fetchmany(self, size: int) -> list:
        with translated_errors(self._path):
            return self._cursor.fetchmany(size)

    def __iter__(self) -> Iterator:
        # chained in C: no Python frame per row, which a 100,000-claim export would feel
        return chain.from_iterable(iter(partial(self.fetchmany, _FETCH_ROWS), []))


class Repository:
    """One part of a project (its articles, claims, speakers...) and the connection it uses."""

    def __init__(self, project):
        self._project = project

    @property
    def _conn(self) -> TranslatedConnection:
        return self._project.db.sql

    @property
    def _dialect(self):
        return self._project.db.dialect

    def _full_id(self, table: str, noun: str, short: str) -> str:
        """The full id of the one row of `table` whose id starts or ends with `short`: people
        see and type the short end of an id (`ids.short_id`), or paste its beginning."""
        short = short.strip()
        if not short:
            raise NotFound(f"give {'an' if noun[0] in 'aeiou' else 'a'} {noun} id")
        escaped = short.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._conn.execute(
            f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\' "
            "ORDER BY id LIMIT 2",
            (escaped + "%", "%" + escaped),
        ).fetchall()
        if not rows:
            raise NotFound(f"no {noun} with id {short!r} in this project")
        if len(rows) > 1 and rows[0][0] != short:
            raise NotFound(f"{noun} id {short!r} is ambiguous; give more characters")
        return rows[0][0]


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    """`items` in slices of at most `size` (SQLite limits the parameters of one statement)."""
    for index in range(0, len(items), size):
        yield items[index : index + size]


def insert_rows(
    sql: TranslatedConnection, insert: str, rows: Sequence[Sequence], *, per_statement: int
) -> None:
    """Run `insert` ("INSERT INTO t (a, b) VALUES ") for every row, `per_statement` rows to a
    statement: SQLite steps through one statement's rows faster than executemany runs one
    statement per row (100,000 claim rows of 25 columns: 0.82 s one to a statement, 0.57 s
    forty, 0.48 s four hundred). Mind SQLite's limit of 32,766 parameters to a statement."""
    if not rows:
        return
    marks = "(" + ", ".join("?" * len(rows[0])) + ")"
    full = insert + ", ".join([marks] * per_statement)
    for chunk in chunks(rows, per_statement):
        statement = full if len(chunk) == per_statement else insert + ", ".join([marks] * len(chunk))
        sql.execute(statement, list(chain.from_iterable(chunk)))


@contextmanager
def translated_errors(path: str, *, opening: bool = False) -> Iterator[None]:
    """Turn SQLite's errors about the file into messages a user can act on.

    :param opening: while opening, any SQLite error means the file cannot be used
    """
    try:
        yield
    except sqlite3.Error as error:
        translated = translate_error(error, path)
        if translated is None and opening:
            translated = ProjectUnreadable(f"cannot use {path}: {error}")
        if translated is None:
            raise
        raise translated from None


_DAMAGED_TEXT = "Could not decode to UTF-8"  # sqlite3's words for a text cell that is not UTF-8


def _nearly_full(path: str) -> bool:
    return path not in ("", ":memory:") and is_nearly_full(Path(path).parent)


def translate_error(error: sqlite3.Error, path: str) -> AnnotatorError | None:
    """The user's version of an SQLite error about the project file; None for other errors."""
    code = getattr(error, "sqlite_errorname", "") or ""
    message = str(error)
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (not code and "locked" in message):
        return ProjectInUse(
            f"project is in use: another program is writing to {path}; try again when it has finished"
        )
    if code == "SQLITE_FULL" or code.startswith("SQLITE_IOERR") and _nearly_full(path):
        return DiskFull(full_disk_message(path))
    if code.startswith("SQLITE_READONLY"):
        return ProjectReadOnly(
            f"{path} is read-only here: it can be viewed but changes cannot be saved. Copy it to a "
            "folder you can write to, or check its permissions."
        )
    if (
        code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
        or isinstance(error, sqlite3.DatabaseError)
        and ("malformed" in message or "not a database" in message)
        or _DAMAGED_TEXT in message  # text that is not UTF-8: no Annotator writes it
    ):
        return ProjectUnreadable(
            f"{path} is damaged or not a project ({message}). Open one of its backups "
            "(annotator backup --list) or restore it from your own copies."
        )
    if code.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return ProjectUnreadable(f"cannot use {path}: {message} (is the disk or network drive still there?)")
    return None
