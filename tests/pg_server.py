"""A throwaway PostgreSQL for the tests: Debian's `initdb` and `pg_ctl`, loopback only.

One server per test session (started only when a test asks for `pg_server`), on a free port
of 127.0.0.1 and a private socket folder. As root, the server runs as the `postgres` user
the Debian package creates. Without the package the tests fail, naming it: a team project
is a feature, not an optional extra. tests/team and the rule tests on both back ends
(tests/both_back_ends.py) share it.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ADMIN, ADMIN_PASSWORD = "annotator_admin", "admin-secret"
_MISSING = (
    "PostgreSQL is not installed: the team tests need the server binaries initdb and pg_ctl from the "
    "Debian package `postgresql` (apt-get install -y postgresql, or sh tests/team/install_postgres.sh)"
)
_START_WAIT = "60"  # seconds pg_ctl waits for the server to start or stop (its -t)
_databases = itertools.count(1)


def postgres_bin(debian: Path = Path("/usr/lib/postgresql"), path: str | None = None) -> Path:
    """The folder holding initdb and pg_ctl: the newest Debian <version>/bin, or else on PATH."""
    versions = sorted(debian.glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb", path=path)
    if found and shutil.which("pg_ctl", path=path):
        return Path(found).resolve().parent
    pytest.fail(_MISSING, pytrace=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running throwaway cluster: where it listens and how to stop it."""

    bin: Path
    folder: Path
    port: int
    as_user: list[str]

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def run(self, *command: str) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_user, *command], capture_output=True, text=True, check=False)

    def url(self, user: str = ADMIN, database: str = "postgres", password: str | None = None) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-k {self.folder} -h 127.0.0.1 -p {self.port} -c fsync=off -c full_page_writes=off"
        started = self.run(
            str(self.bin / "pg_ctl"),
            "start",
            "-D",
            str(self.data),
            "-w",
            "-t",
            _START_WAIT,
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
        )
        if started.returncode != 0:
            pytest.fail(f"PostgreSQL did not start: {started.stderr}{self.log()}", pytrace=False)

    def stop(self) -> None:
        stopped = self.run(
            str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-m", "fast", "-w", "-t", _START_WAIT
        )
        if stopped.returncode != 0:
            self._kill_own_postmaster()

    def _kill_own_postmaster(self) -> None:
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text().split()[0]), 9)

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _as_user(folder: Path) -> list[str]:
    """Run the server as `postgres` when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return []
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail(
            f"running as root needs the `postgres` user that the Debian package creates. {_MISSING}",
            pytrace=False,
        )
    os.chown(folder, account.pw_uid, account.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _initdb(server: Server) -> None:
    password_file = server.folder / "admin.pw"
    password_file.write_text(ADMIN_PASSWORD + "\n")
    if server.as_user:
        shutil.chown(password_file, "postgres")
    made = server.run(
        str(server.bin / "initdb"),
        "-D",
        str(server.data),
        "-U",
        ADMIN,
        "-A",
        "scram-sha-256",
        f"--pwfile={password_file}",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
    )
    password_file.unlink()
    if made.returncode != 0:
        pytest.fail(f"initdb failed: {made.stderr}", pytrace=False)


def start_server() -> Server:
    """A throwaway server started in a new folder of its own (the postgres user can reach it)."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
    server = Server(postgres_bin(), folder, _free_port(), _as_user(folder))
    _initdb(server)
    server.start()
    return server


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL server for the session, stopped (by its own data folder's PID) at the end."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


def new_database(server: Server, prefix: str = "team") -> str:
    """A new, empty database on the server; its name."""
    import psycopg

    name = f"{prefix}_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(server.url(password=ADMIN_PASSWORD), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name
