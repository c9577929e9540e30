"""What people type to name a team project, in libpq's terms, and the same without a password.

A URL (postgresql://olga@db.example.org/desk), a key=value string (host=... dbname=...) or a
bare service name from pg_service.conf ("desk"). A password typed into the address is taken
out before the address is shown or remembered: Annotator never stores one.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from annotator.core.errors import AnnotatorError

# Compiled when a password is first looked for (re's cache), not when the window opens a file.
_URL_PASSWORD = r"^(?P<head>postgres(?:ql)?://[^:/@?#]*):(?P<password>[^@/?#]*)@"
_QUERY_PASSWORD = r"([?&])password=[^&#]*&?"
_SERVICE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


class NotATeamAddress(AnnotatorError):
    """The text does not name a PostgreSQL server, database or service."""


def is_team_url(text: str) -> bool:
    """Whether `--db` names a PostgreSQL team project rather than a project file."""
    return text.startswith(("postgresql://", "postgres://")) or (
        "=" in text and text.split("=", 1)[0].strip() in ("host", "dbname", "service", "user", "port")
    )


def team_address(text: str) -> str:
    """The libpq connection string for what was typed (a bare name is a service)."""
    text = text.strip()
    if not text:
        raise NotATeamAddress("type the team project's address, e.g. postgresql://you@server/desk")
    if text.startswith(("postgresql://", "postgres://")) or "=" in text:
        return text
    if _SERVICE_NAME.match(text):
        return f"service={text}"
    raise NotATeamAddress(
        f"“{text}” is not a PostgreSQL address: use postgresql://USER@HOST:PORT/DBNAME or a service name"
    )


def split_password(address: str) -> tuple[str, str | None]:
    """(the address without a password, the password typed into it or None)."""
    url = re.match(_URL_PASSWORD, address)
    if url:
        return address[: url.start("password") - 1] + address[url.end("password") :], unquote(
            url.group("password")
        )
    query = re.search(_QUERY_PASSWORD, address)
    if query and address.startswith(("postgresql://", "postgres://")):
        password = unquote(query.group(0).split("=", 1)[1].rstrip("&"))
        kept = re.sub(_QUERY_PASSWORD, lambda m: m.group(1) if m.group(0).endswith("&") else "", address)
        return kept.rstrip("?&"), password
    if "password" in address and not address.startswith(("postgresql://", "postgres://")):
        return _split_key_password(address)
    return address, None


def _split_key_password(address: str) -> tuple[str, str | None]:
    """A key=value string read as libpq reads it (quotes, escapes), rebuilt without the password."""
    from psycopg import Error
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        parts = conninfo_to_dict(address)
    except Error as error:  # libpq's own parse error (ProgrammingError), in its words
        raise NotATeamAddress(f"not a PostgreSQL connection string: {error}") from None
    password = parts.pop("password", None)
    return make_conninfo(**parts), None if password is None else str(password)


def without_password(address: str) -> str:
    return split_password(address)[0]
