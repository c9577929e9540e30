"""The open SQLite connection as the store uses it, without importing sqlite-utils.

sqlite-utils is imported (a tenth of a second) only when a file's schema needs migrating;
a current project opens through this small class, which does what the store asks of
sqlite-utils' Database on every open: `conn`, nested `atomic()` savepoints and `close()`.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

_savepoints = itertools.count(1)


class Connection:
    """`project.db`: the sqlite3 connection and savepoint transactions."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
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
