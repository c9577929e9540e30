"""The project's rules on both back ends: a test module marked `back_ends` runs each test that
takes `project` twice, on an in-memory file and on a team project on the throwaway server.
A test marked `file_only` is about a rule only a file has (the server is stricter there, or
people are the server's roles); tests/team checks what the server does instead.

On the server identity is the database role, so the team project here is every member's
own connection at once: a call made `by="ben"` goes through ben's login, as it would from
ben's window; reads go through the first member's. Each module gets one database (team
init is slow); each test starts from empty tables (truncated as the administrator).
"""

from __future__ import annotations

import functools

import psycopg
import pytest

from tests.pg_server import ADMIN, ADMIN_PASSWORD, new_database

# Everyone the rule tests name. Each may review (a reviewer is an analyst too) and own (set
# people's flags and settings), as anyone may on a file until a test names the project's
# reviewers: the rules under test are the claims', which go by who wrote what.
MEMBERS = dict.fromkeys(("amira", "ben", "carla", "dan", "dora", "gold", "x"), ("owner", "reviewer"))
BACK_ENDS = ("sqlite", "postgres")
_KEPT_TABLES = ("team_schema",)


class TeamDatabase:
    """One module's team project: set up once, emptied before each test."""

    def __init__(self, server):
        from annotator.core.store.postgres import add_member, init_team

        self.server = server
        self.name = new_database(server, prefix="rules")
        init_team(self.admin_url)
        for member, roles in MEMBERS.items():
            for role in roles:
                add_member(self.admin_url, member, role=role, new_password=f"pw-{member}")
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            self._people = conn.execute("SELECT name, created_at, is_reviewer FROM annotators").fetchall()
            self._tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT tablename = ANY(%s)",
                    (list(_KEPT_TABLES),),
                )
            ]

    @property
    def admin_url(self) -> str:
        return self.server.url(ADMIN, self.name, ADMIN_PASSWORD)

    def url(self, member: str) -> str:
        return self.server.url(member, self.name, f"pw-{member}")

    def empty(self) -> None:
        """Every table as `team init` left it, in one transaction. The change log's guards and
        the foreign keys are triggers, which a superuser's replica session does not fire; a
        DELETE of a few rows is far quicker than a TRUNCATE's new files."""
        with psycopg.connect(self.admin_url) as conn, conn.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            for table in self._tables:
                cursor.execute(f"DELETE FROM {table}")
            cursor.executemany(
                "INSERT INTO annotators (name, created_at, is_reviewer) VALUES (%s, %s, %s)", self._people
            )


class EveryMember:
    """A team project as the rule tests use one project: each change through its author's login."""

    def __init__(self, database: TeamDatabase):
        self.database = database
        self._projects: dict = {}
        self.is_team = True

    def as_member(self, name: str):
        """The team project opened as `name` (connected on first use)."""
        if name not in self._projects:
            from annotator.core.store import Project

            if name not in MEMBERS:
                pytest.fail(f"{name} is not a member of the test team (tests/both_back_ends.py)")
            self._projects[name] = Project.open(self.database.url(name))
        return self._projects[name]

    @property
    def _reader(self):
        return self.as_member(next(iter(MEMBERS)))

    def __getattr__(self, name: str):
        value = getattr(self._reader, name)
        if hasattr(value, "_project"):  # a repository: route each call by its `by=`
            return _ByAuthor(self, name)
        return value

    def close(self) -> None:
        for project in self._projects.values():
            project.close()
        self._projects.clear()


class _ByAuthor:
    """One repository of EveryMember: a call with `by=NAME` runs on NAME's connection."""

    def __init__(self, team: EveryMember, repository: str):
        self._team = team
        self._repository = repository

    def __getattr__(self, method: str):
        def call(*args, **kwargs):
            project = self._team.as_member(kwargs["by"]) if "by" in kwargs else self._team._reader
            return getattr(getattr(project, self._repository), method)(*args, **kwargs)

        return functools.update_wrapper(call, getattr(getattr(self._team._reader, self._repository), method))


def pytest_generate_tests(metafunc) -> None:
    """Modules marked `back_ends` run every test that takes `project` (or `back_end`) on both."""
    if metafunc.definition.get_closest_marker("back_ends") and "back_end" in metafunc.fixturenames:
        file_only = metafunc.definition.get_closest_marker("file_only")
        metafunc.parametrize("back_end", BACK_ENDS[:1] if file_only else BACK_ENDS, indirect=True)


@pytest.fixture
def back_end(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="module")
def team_database(request):
    """The module's team database (the server is started by the first module that needs it)."""
    return TeamDatabase(request.getfixturevalue("pg_server"))


@pytest.fixture
def project(request, back_end):
    """A fresh project: an in-memory file, or the module's team project emptied."""
    from annotator.core.store import Project

    if back_end == "sqlite":
        with Project.open(":memory:") as opened:
            yield opened
        return
    database = request.getfixturevalue("team_database")
    database.empty()
    team = EveryMember(database)
    try:
        yield team
    finally:
        team.close()
