"""Opening a project file: pragmas, schema migrations, transactions and the repositories."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from annotator.core.errors import (
    AnnotatorError,
    DiskFull,
    ProjectFileError,
    ProjectMissing,
    ProjectReadOnly,
    ProjectReplaced,
    ProjectUnreadable,
)
from annotator.core.store import schema, storage
from annotator.core.store.connection import Connection
from annotator.core.store.connection import translated_errors as _translated_errors
from annotator.core.store.file_guard import FileGuard, Verdict

PROJECT_SUFFIX = ".annotator"
IDENTITY_SETTING = "project_id"
DEFAULT_BUSY_TIMEOUT = 5.0


class _Repository:
    """A repository of `Project`, made (and its module imported) the first time it is used.

    Opening the window reads the articles and the open article's claims before its first frame;
    the rest of the store's code (reviews, events, conflicts...) waits until something asks for it.
    """

    def __init__(self, module: str, name: str):
        self.module, self.name = module, name

    def __set_name__(self, owner, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, project, owner=None):
        if project is None:
            return self
        from importlib import import_module

        repository = getattr(import_module(f"annotator.core.store.{self.module}"), self.name)(project)
        project.__dict__[self.attribute] = repository  # found there from now on
        return repository


class Project:
    """One open project file. Repositories hang off it: articles, claims, speakers, people, log."""

    is_team = False  # a team project on PostgreSQL is a TeamProject (team_project.py)
    user: str | None = None  # who acts: a team project's database role; a file takes `by=`

    articles = _Repository("articles", "ArticleStore")
    claims = _Repository("claims", "ClaimStore")
    speakers = _Repository("speakers", "SpeakerStore")
    people = _Repository("people", "PeopleStore")
    reviews = _Repository("reviews", "ReviewStore")
    suggestions = _Repository("suggestions", "SuggestionStore")
    conflicts = _Repository("conflicts", "ConflictStore")
    events = _Repository("events", "EventStore")

    def __init__(self, db: Connection, path: str):
        from annotator.core.store.changelog import ChangeLog
        from annotator.core.store.settings import Settings

        self.db = db
        self.path = path
        self.read_only = False
        self.read_only_reason = ""  # storage.READ_ONLY_STORAGE when the file cannot be written at all
        self._guard = None if path == ":memory:" or self.is_team else FileGuard(path)
        self._closed = False
        self._stopped: ProjectMissing | None = None  # once the file is gone or rewritten, it stays so
        self._before_commit: dict | None = None  # key -> deferred work, while our transaction is open
        self.log = ChangeLog(self)
        self.settings = Settings(self)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path, *, timeout: float = DEFAULT_BUSY_TIMEOUT, read_only: bool = False
    ) -> Project:
        """Open (or create) a project file and bring its schema up to date.

        :param path: the project file; created empty if missing, ``":memory:"`` for tests
        :param timeout: seconds to wait for another program's write lock before giving up
        :param read_only: only read it (another program is editing it); it must exist and be current

        A PostgreSQL URL or libpq connection string opens a team project instead (TeamProject).
        """
        path = str(path)
        if _is_team_url(path):
            from annotator.core.store.team_project import TeamProject

            return TeamProject.connect(path, read_only=read_only)
        schema.migration_files()  # an incomplete installation must not leave an empty file behind
        _refuse_folder(path)
        on_read_only_storage = storage.is_read_only(path)
        _refuse_not_ours(path, timeout)
        if read_only or on_read_only_storage:
            reason = storage.READ_ONLY_STORAGE if on_read_only_storage else ""
            return cls._open_read_only(path, timeout, reason=reason)
        storage.refuse_creating_on_read_only_storage(path)
        try:
            conn = _connect(path, timeout)
        except DiskFull:
            if not Path(path).is_file():
                raise
            return cls._open_read_only(path, timeout, reason=storage.DISK_FULL)  # read what is saved
        project = cls(Connection(conn, path), path)
        try:
            project._migrate()
        except BaseException:
            conn.close()
            raise
        return project

    @classmethod
    def _open_read_only(cls, path: str, timeout: float, *, reason: str = "") -> Project:
        if not Path(path).is_file():
            raise ProjectUnreadable(f"{path} does not exist")
        conn = storage.read_only_connection(path, timeout)
        project = cls(Connection(conn, path), path)
        project.read_only = True
        project.read_only_reason = reason
        try:
            with _translated_errors(path, opening=True):
                if schema.is_current(conn):
                    return project
                schema.check_not_newer(project.db.sqlite_utils(), path)
                if schema.build_migrations().pending(project.db.sqlite_utils()):
                    raise ProjectUnreadable(
                        f"{path} needs updating to this version of Annotator, which needs write access"
                    )
        except BaseException:
            conn.close()
            raise
        return project

    @classmethod
    def snapshot(cls, path: str | Path, *, timeout: float = DEFAULT_BUSY_TIMEOUT) -> Project:
        """An in-memory copy of another project file, brought up to this version's schema.

        Merging reads a colleague's file through this: their file is never written to, and
        a file from an older version is read like a current one. A team project's URL gives
        a copy of everything on the server (to take it offline).
        """
        path = str(path)
        if _is_team_url(path):  # a team project: everything it holds, copied into memory
            from annotator.core.store.team_project import memory_copy

            return memory_copy(path)
        _refuse_folder(path)
        if not Path(path).is_file():
            raise ProjectUnreadable(f"{path} does not exist")
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            with _translated_errors(path, opening=True):
                source = storage.read_only_connection(path, timeout)
                try:
                    source.backup(memory)
                finally:
                    source.close()
                memory.execute("PRAGMA foreign_keys=ON")
                _refuse_damaged(memory, path)
                if schema.is_foreign(memory):
                    raise ProjectUnreadable(f"{path} is another program's SQLite database, not a project")
            project = cls(Connection(memory, path), path)
            with _translated_errors(path, opening=True):
                if not schema.is_current(memory):
                    db = project.db.sqlite_utils()
                    schema.check_not_newer(db, path)
                    schema.build_migrations().apply(db)
        except BaseException:
            memory.close()
            raise
        return project

    def close(self) -> None:
        """Close the file; everything was already saved when it happened.

        A file another program rewrote is not given the stale `-wal` on the way out.
        """
        if self._closed:
            return
        self._closed = True
        if self._guard is not None and not self.read_only and self._guard.verdict() is Verdict.REWRITTEN:
            self._guard.disarm_stale_wal()
        self.db.close()
        if self._guard is not None:
            self._guard.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self) -> None:
        self._migrate_schema()
        self._give_identity()

    def _give_identity(self) -> None:
        """A project gets a random identity once (at creation, or the first time this version
        opens it), so that a backup of another project is told apart from its own backups
        whatever their names. A copy of the file (`cp`) shares it: it is not a signature."""
        if self.path == ":memory:" or self.settings.get(IDENTITY_SETTING):
            return
        import uuid

        try:
            self.settings.set(IDENTITY_SETTING, uuid.uuid4().hex)
        except ProjectFileError:
            pass  # another program is writing, or no room: it gets one another time

    def _migrate_schema(self) -> None:
        with _translated_errors(self.path, opening=True):
            if schema.is_current(self.db.conn):  # the usual case: sqlite-utils is not even imported
                return
            db = self.db.sqlite_utils()
            schema.check_not_newer(db, self.path)
            migrations = schema.build_migrations()
            pending = migrations.pending(db)
            if pending and schema.applied_migrations(db):
                self.backup(suffix=f"before-{pending[0].name}")
            migrations.apply(db)

    @property
    def dialect(self):
        """What this back end's SQL differs in (dialect.py)."""
        return self.db.dialect

    def act_as(self, who: str) -> None:
        """On a file anyone may be named as the actor; a team project checks it is the role."""

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Project]:
        """One user action: BEGIN IMMEDIATE (or a savepoint when nested), commit or roll back.

        SQLite's errors about the file itself (locked, full, read-only, damaged) leave as
        AnnotatorErrors whose message says what happened; the action is rolled back whole.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self._atomic():
                yield self
            return
        if self.read_only_reason:
            raise ProjectReadOnly(storage.read_only_message(self.path, self.read_only_reason))
        self.check_file_still_there()
        with _translated_errors(self.path):
            conn.execute("BEGIN IMMEDIATE")
            self._before_commit = {}
            try:
                yield self
                for action in self._before_commit.values():
                    action()
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                self._forget_caches()
                raise
            finally:
                self._before_commit = None
            conn.execute("COMMIT")
        if self._guard is not None:
            self._guard.remember()  # our own commit (and any checkpoint it ran) is not a rewrite

    @contextmanager
    def reading_snapshot(self) -> Iterator[Project]:
        """The project as of one commit, for reading much at once (an export).

        A second, read-only connection holds one read transaction: what is committed
        meanwhile, by this window or another program, is not seen, so nothing read through
        it is half of a change. The window's own connection is not involved and its edits go
        on. An in-memory project has no second connection and is read as it is. A team
        project's snapshot is a REPEATABLE READ transaction on the server (TeamProject).
        """
        if self.path == ":memory:":
            yield self
            return
        with _translated_errors(self.path, opening=True):
            conn = storage.read_only_connection(self.path, DEFAULT_BUSY_TIMEOUT)
        snapshot = Project(Connection(conn, self.path), self.path)
        snapshot.read_only = True
        try:
            with _translated_errors(self.path):
                conn.execute("BEGIN")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
            yield snapshot
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            snapshot.close()

    def before_commit(self, key: str, action: Callable[[], None]) -> bool:
        """Run `action` (once per key) just before the open transaction commits, inside it:
        work a bulk change does once instead of row by row. False when no transaction of
        ours is open (a bare `db.atomic()`), so the caller does the work now."""
        if self._before_commit is None:
            return False
        self._before_commit.setdefault(key, action)
        return True

    @contextmanager
    def _atomic(self) -> Iterator[Project]:
        """The connection's atomic block (BEGIN, or a savepoint when nested); after a rollback
        the caches forget what the action read."""
        try:
            with self.db.atomic():
                yield self
        except BaseException:
            self._forget_caches()
            raise

    @property
    def in_transaction(self) -> bool:
        """Whether a user action is under way (its changes not yet committed)."""
        return self.db.conn.in_transaction

    def check_file_still_there(self) -> None:
        """Refuse to write when the file was deleted, replaced or rewritten since it was opened.

        SQLite would go on writing to a deleted file, and everything would vanish on close;
        instead a rescue copy of what is open goes to the backups folder. Into a file that
        another program rewrote (a backup copied over it) it would write pages of the old
        contents: the stale `-wal` is disarmed and nothing more is written.
        """
        if self._stopped is None and self._guard is not None:
            verdict = self._guard.verdict()
            if verdict is Verdict.REWRITTEN:
                self._guard.disarm_stale_wal()
                self._stopped = ProjectReplaced(_rewritten_message(self.path))
            elif verdict is Verdict.MOVED:
                self._stopped = ProjectMissing(_missing_message(self.path, self._rescue_copy()))
        if self._stopped is not None:
            raise type(self._stopped)(str(self._stopped))

    def _rescue_copy(self) -> Path | None:
        from annotator.core import backups
        from annotator.core.store import copies

        try:
            target = backups.backup_target(self.path, reason="rescued")
            target.parent.mkdir(parents=True, exist_ok=True)
            return copies.write_verified_copy(self.db.conn, target)
        except (sqlite3.Error, OSError, AnnotatorError):
            return None

    def _forget_caches(self) -> None:
        """A rollback may have undone what the repositories remember."""
        self.speakers.forget_cache()
        self.settings.forget_cache()

    @staticmethod
    def now() -> str:
        """A UTC timestamp with milliseconds, ISO 8601."""
        return _stamp(datetime.now(UTC))

    @staticmethod
    def now_after(previous: str) -> str:
        """Now, or a millisecond after `previous` when now is not later: a row's second change
        within one millisecond still gets a new `updated_at`, so an edit made on the older
        version is always seen as one (`since=`, the server's `WHERE updated_at = ?`)."""
        moment = datetime.now(UTC)
        now = moment.replace(microsecond=moment.microsecond // 1000 * 1000)  # as written: to the ms
        try:
            last = datetime.fromisoformat(previous)
        except (TypeError, ValueError):
            return _stamp(now)
        last = last if last.tzinfo else last.replace(tzinfo=UTC)
        return _stamp(max(now, last + timedelta(milliseconds=1)))

    # -- safety --------------------------------------------------------------------------

    def backup(
        self, *, suffix: str = "backup", folder: Path | None = None, keep: int | None = None
    ) -> Path | None:
        """Copy the project to the backups folder, keeping its `keep` newest whole copies.

        The copy is written under a temporary name, checked (integrity, tables, migrations),
        fsynced and renamed: a backup is whole or absent (BackupUnusable when the check fails).
        Taken before migrations and merges and on demand; call it outside a transaction.
        :param suffix: why the copy was taken, part of its name ("before-merge")
        :param folder: where the copies go; default the backups folder in the user's data folder
        :param keep: default `backups.KEEP_PER_PROJECT`
        """
        if self.path == ":memory:":
            return None
        from annotator.core import backups  # with copies: imported by the first backup, not on opening
        from annotator.core.store import copies

        target = backups.backup_target(self.path, reason=suffix, folder=folder)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProjectReadOnly(
                f"cannot create the backups folder {target.parent}: {error.strerror}"
            ) from None
        backups.sweep_orphans(self.path, folder=folder)
        with _translated_errors(self.path):
            _refuse_damaged(self.db.conn, self.path, doing="no backup was made")
        try:
            with _translated_errors(self.path):
                copies.write_verified_copy(self.db.conn, target)
        except DiskFull:
            if storage.is_nearly_full(target.parent):
                raise DiskFull(
                    f"the disk holding the backups folder {target.parent} is full: no backup of "
                    f"{self.path} was made (the project itself is unchanged). Free some space there "
                    "and try again."
                ) from None
            raise
        backups.prune(self.path, keep=backups.KEEP_PER_PROJECT if keep is None else keep, folder=folder)
        return target

    def integrity_problems(self) -> list[str]:
        """`PRAGMA integrity_check` and foreign key check results; empty when healthy."""
        try:
            rows = self.db.conn.execute("PRAGMA integrity_check").fetchall()
            problems = [row[0] for row in rows if row[0] != "ok"]
            problems += [str(row) for row in self.db.conn.execute("PRAGMA foreign_key_check")]
        except sqlite3.DatabaseError as error:  # too damaged for the check itself to finish
            return [str(error)]
        return problems


def _is_team_url(path: str) -> bool:
    from annotator.core.team_address import is_team_url

    return is_team_url(path)


def _refuse_folder(path: str) -> None:
    if path != ":memory:" and Path(path).is_dir():
        raise ProjectUnreadable(f"{path} is a folder, not a project file")


def _refuse_damaged(conn: sqlite3.Connection, path: str, *, doing: str = "nothing was read from it") -> None:
    """A damaged file is named as damaged, never merged or backed up as if whole (a damaged
    page may only be an index's, and every read, VACUUM INTO too, would still succeed)."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check") if row[0] != "ok"]
    if problems:
        first = problems[0].splitlines()[-1]
        raise ProjectUnreadable(
            f"{path} is damaged ({first}); {doing}. Restore it from one of its backups "
            "(annotator backup --list)."
        )


def _refuse_not_ours(path: str, timeout: float) -> None:
    """Refuse a file that is not SQLite, or another program's SQLite database, before
    anything (WAL, tables) is written to it."""
    if path == ":memory:" or not Path(path).is_file() or Path(path).stat().st_size == 0:
        return
    with _translated_errors(path, opening=True):
        conn = storage.read_only_connection(path, timeout)
        try:
            foreign = schema.is_foreign(conn)
        finally:
            conn.close()
    if foreign:
        raise ProjectUnreadable(
            f"{path} is another program's SQLite database, not an Annotator project; it was not changed"
        )


def _connect(path: str, timeout: float) -> sqlite3.Connection:
    try:
        # isolation_level=None: no implicit transactions; every write is an explicit one.
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise ProjectUnreadable(f"cannot open {path}: {error}") from None
    with _translated_errors(path, opening=True):
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MB: big imports stay in memory until commit
    return conn


def _missing_message(path: str, rescued: Path | None) -> str:
    where = f" Everything saved so far was copied to {rescued}." if rescued else ""
    return (
        f"{path} was deleted, moved or replaced while it was open, so changes can no "
        f"longer be saved there.{where} Open that copy (or the moved file) to go on."
    )


def _rewritten_message(path: str) -> str:
    return (
        f"{path} was overwritten by another program while it was open (a backup copied over "
        "it, or a sync client), so Annotator stopped saving changes to it: writing on would "
        "undo that copy or damage the file. Open the project again to see what it holds now. "
        "To go back to a backup, use File \u2192 Restore from backup\u2026 or "
        "`annotator backup --restore`, which do it safely."
    )


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

