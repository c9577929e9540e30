"""Team projects on PostgreSQL: connecting by URL, creating the schema, managing members.

The server enforces the review rules itself (db/postgres/*.sql: row-level security,
triggers, the insert-only change log), so this module only connects and asks. It follows
libpq's conventions for everything about the connection: the URL or a `key=value` string,
PGPASSWORD, ~/.pgpass, service files, sslmode. A password is never stored by Annotator.

psycopg is imported only when a team project is used, so a file project never loads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from annotator.core.errors import (  # noqa: F401 (the team errors are imported from here too)
    AnnotatorError,
    ConnectionLost,
    LoginFailed,
    PasswordNeeded,
    TeamRefused,
    TeamServerError,
)
from annotator.core.resources import schema_path
from annotator.core.team_address import is_team_url  # noqa: F401 (imported from here too)

ROLES = ("owner", "reviewer", "analyst", "reader")
SCHEMA_VERSION = 4
NOTIFY_CHANNEL = "annotator"
_CONNECT_TIMEOUT = "10"  # seconds, unless the URL says otherwise (libpq waits for ever by default)
# A statement on a network that drops packets fails in seconds, not after TCP's minutes: what
# the window's own connection is opened with, unless the URL says otherwise.
FAIL_FAST = {
    "keepalives": "1",
    "keepalives_idle": "5",
    "keepalives_interval": "2",
    "keepalives_count": "3",
    "tcp_user_timeout": "10000",
}
PROBE_TIMEOUT = "3"  # seconds a reachability probe waits for the server
_INIT_LOCK = 0x616E6E6F  # advisory lock key: two `team init` at once take turns


@dataclass(frozen=True)
class TeamInit:
    """What `team init` did: the database it set up and whether its schema was new there."""

    where: str
    created: bool
    groups: tuple[str, ...]


@dataclass(frozen=True)
class MemberAdded:
    """A member given a role; `created` when their login role was new on the server."""

    name: str
    role: str
    created: bool


@dataclass(frozen=True)
class MemberRemoved:
    """A member taken off the project, with the roles they had in it."""

    name: str
    roles: tuple[str, ...]


# -- connecting ------------------------------------------------------------------------


def describe(url: str) -> str:
    """user@host:port/dbname for messages: never a password, whatever the URL carried."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:  # a URL libpq cannot parse is described by its scheme alone
        return "the team project"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    host = parts.get("host") or parts.get("service") or "localhost"
    return f"{user}{host}{port}/{parts.get('dbname', '')}"


def connect(url: str, *, password: str | None = None):
    """A psycopg connection to the team project at `url`, errors in the user's words.

    :param password: one typed at a prompt; otherwise libpq finds it (PGPASSWORD, ~/.pgpass)
    """
    import psycopg

    options = {"application_name": "annotator", "autocommit": True}
    if "connect_timeout" not in url:
        options["connect_timeout"] = _CONNECT_TIMEOUT
    if password is not None:
        options["password"] = password
    with translated_errors(url):
        return psycopg.connect(url, **options)


def failing_fast(url: str) -> str:
    """`url` with FAIL_FAST's options added where it does not set them itself."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        given = conninfo_to_dict(url)
    except Exception:  # a URL libpq cannot parse: connect() says why in words
        return url
    return make_conninfo(url, **{key: value for key, value in FAIL_FAST.items() if key not in given})


def answers(url: str, *, password: str | None = None) -> bool:
    """Whether the server at `url` answers now: a new connection (PROBE_TIMEOUT) and `SELECT 1`.
    Blocks for up to a few seconds on a dead network: call it off the GUI thread."""
    from psycopg.conninfo import make_conninfo

    try:
        probe_url = make_conninfo(failing_fast(url), connect_timeout=PROBE_TIMEOUT)
        with connect(probe_url, password=password) as conn, translated_errors(url):
            conn.execute("SELECT 1").fetchone()
    except Exception:  # any failure means: not now
        return False
    return True


def shut_down_socket(fileno: int) -> None:
    """End every wait on a connection's socket, from any thread: its reads see the end and the
    connection is lost. For a server that accepts and never answers (hung, stopped), which
    neither keepalives nor tcp_user_timeout notice: its kernel acknowledges what is sent."""
    import os
    import socket

    try:
        with socket.socket(fileno=os.dup(fileno)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # closed meanwhile: nothing waits on it
        pass


@contextmanager
def translated_errors(url: str) -> Iterator[None]:
    """psycopg's errors about the server, the login or a refused change, as TeamServerErrors."""
    import psycopg

    try:
        yield
    except (
        psycopg.errors.InsufficientPrivilege,
        psycopg.errors.RaiseException,
        psycopg.errors.InvalidParameterValue,
    ) as error:
        raise TeamRefused(f"{describe(url)} refused: {first_line(error)}") from None
    except psycopg.OperationalError as error:
        raise _connection_error(url, error) from None
    except psycopg.ProgrammingError as error:
        if "conninfo" in str(error) or "connection" in str(error) or "URI" in str(error):
            raise TeamServerError(
                f"not a PostgreSQL URL or connection string: {first_line(error)}"
            ) from None
        raise


def _connection_error(url: str, error: Exception) -> TeamServerError:
    message = str(error)
    where = describe(url)
    if "no password supplied" in message:
        return PasswordNeeded(
            f"{where} asks for a password: type it when asked, or put it in ~/.pgpass or PGPASSWORD"
        )
    if "password authentication failed" in message or "authentication failed" in message:
        return LoginFailed(f"{where} refused the login: wrong user name or password")
    if "does not exist" in message and "database" in message:
        return TeamServerError(f"{where}: there is no such database on that server ({first_line(error)})")
    if "permission denied for database" in message or "not permitted to log in" in message:
        return LoginFailed(f"{where}: this role may not open the project; ask an owner to add you")
    if any(sign in message for sign in ("connection to server", "could not connect", "timeout", "refused")):
        return TeamServerError(
            f"cannot reach {where} ({_reason(error)}): is the server running, and are host and port right?"
        )
    if "invalid" in message or "missing" in message:
        return TeamServerError(f"not a usable PostgreSQL URL: {first_line(error)}")
    return TeamServerError(f"{where}: {first_line(error)}")


def first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _reason(error: Exception) -> str:
    """libpq's reason without its preamble: 'Connection refused', 'timeout expired'."""
    return first_line(error).rsplit("failed: ", 1)[-1]


# -- the schema ------------------------------------------------------------------------


def team_schema_files() -> list:
    """db/postgres/*.sql in the order they apply."""
    return sorted(schema_path("postgres").glob("*.sql"))


def init_team(url: str, *, password: str | None = None) -> TeamInit:
    """Create (or bring up to date) the schema, group roles, grants and policies at `url`.

    Idempotent: every statement may run again, so a second `team init` changes nothing
    and a newer version's init updates policies in place. One transaction.
    """
    with connect(url, password=password) as conn, translated_errors(url):
        _refuse_without_role_rights(conn, url)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_INIT_LOCK,))
            created = conn.execute("SELECT to_regclass('team_schema') IS NULL").fetchone()[0]
            for path in team_schema_files():
                conn.execute(path.read_text(encoding="utf-8"))
            groups = tuple(
                conn.execute("SELECT annotator_group(k) FROM unnest(%s::text[]) k", (list(ROLES),))
            )
    return TeamInit(describe(url), bool(created), tuple(g[0] for g in groups))


def _refuse_without_role_rights(conn, url: str) -> None:
    may_create_roles = conn.execute(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).fetchone()[0]
    if not may_create_roles:
        raise TeamRefused(
            f"{describe(url)}: team init needs an administrator's role, one that may create roles "
            "(CREATEROLE) and owns the database"
        )


# -- members ---------------------------------------------------------------------------


def add_member(
    url: str, name: str, *, role: str, new_password: str | None = None, password: str | None = None
) -> MemberAdded:
    """Give `name` a role in the project (their login role is created if new); owners only.

    :param new_password: the member's password, sent as a SCRAM verifier (never in clear text)
    :param password: the connecting owner's own, when typed at a prompt
    """
    if role not in ROLES:
        raise TeamRefused(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    with connect(url, password=password) as conn, translated_errors(url):
        _refuse_unless_team(conn, url)
        verifier = _verifier(conn, name, new_password) if new_password else None
        created = conn.execute("SELECT annotator_add_member(%s, %s, %s)", (name, role, verifier)).fetchone()[
            0
        ]
    return MemberAdded(name, role, bool(created))


def remove_member(url: str, name: str, *, password: str | None = None) -> MemberRemoved:
    """Take `name` off the project: every project role revoked (their claims stay); owners only."""
    with connect(url, password=password) as conn, translated_errors(url):
        _refuse_unless_team(conn, url)
        roles = conn.execute("SELECT annotator_remove_member(%s)", (name,)).fetchone()[0]
    return MemberRemoved(name, tuple(roles))


def _verifier(conn, name: str, password: str) -> str:
    """libpq's SCRAM-SHA-256 verifier of a password: the server never sees the password itself."""
    return conn.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()


def _refuse_unless_team(conn, url: str) -> None:
    if conn.execute("SELECT to_regclass('team_schema') IS NULL").fetchone()[0]:
        raise TeamServerError(f"{describe(url)} is not a team project yet: run `annotator team init` first")
    if not conn.execute(
        "SELECT has_function_privilege('annotator_add_member(text, text, text)', 'EXECUTE')"
    ).fetchone()[0]:
        raise TeamRefused(f"{describe(url)}: only the project's owners manage its members")
