"""The team tests' world: a database per test on the shared throwaway server (tests/pg_server.py),
set up by `annotator team init` with a few members."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.pg_server import (  # noqa: F401  (re-exported for the team tests)
    ADMIN,
    ADMIN_PASSWORD,
    Server,
    _free_port,
    new_database,
    postgres_bin,
)

MEMBERS = {
    "ann": "analyst",
    "ben": "analyst",
    "rita": "reviewer",
    "rob": "reviewer",
    "olga": "owner",
    "reed": "reader",
}


@dataclass
class Team:
    """One test's team project: its database, URL and members' connections."""

    server: Server
    database: str

    @property
    def admin_url(self) -> str:
        return self.server.url(ADMIN, self.database, ADMIN_PASSWORD)

    def url(self, name: str) -> str:
        return self.server.url(name, self.database, f"pw-{name}")

    def connect(self, name: str):
        """A psycopg connection as member `name`, autocommitting like psql does."""
        import psycopg

        return psycopg.connect(self.url(name), autocommit=True)


@pytest.fixture
def empty_database(pg_server):
    """A new database on the server, not yet a team project; its name."""
    return new_database(pg_server)


@pytest.fixture
def team(pg_server, empty_database):
    """A team project with MEMBERS (password pw-NAME each), set up through the core."""
    from annotator.core.store.postgres import add_member, init_team

    project = Team(pg_server, empty_database)
    init_team(project.admin_url)
    for name, role in MEMBERS.items():
        add_member(project.admin_url, name, role=role, new_password=f"pw-{name}")
    return project


@pytest.fixture(autouse=True)
def close_question(monkeypatch):
    """A window closed with changes waiting asks first; in tests the question answers "close"
    (a test that sets `answer` to False sees it wait) and records each time it was asked."""
    from annotator.ui.team.close_question import CloseQuestion

    asked = Asked()

    def ask(cls, parent, count, *, on_disk, user):
        asked.calls.append({"count": count, "on_disk": on_disk, "user": user})
        return asked.answer

    monkeypatch.setattr(CloseQuestion, "ask", classmethod(ask))
    return asked


@dataclass
class Asked:
    answer: bool = True
    calls: list = None

    def __post_init__(self):
        self.calls = []


@pytest.fixture
def open_window(qtbot, monkeypatch):
    """open_window(team, name, article_id, claim_id=None, url=...) -> (window, errors shown);
    each window is a member's own (`url`: another address for that member), following the
    team project live, its error dialogs recorded instead of shown."""
    from annotator.app import build_window
    from annotator.core.store.team_project import TeamProject

    opened = []

    def open_as(team, name: str, article_id: str, claim_id: str | None = None, *, url: str = ""):
        url = url or team.url(name)
        project = TeamProject.connect(url)
        window = build_window(project, user=project.user)
        qtbot.addWidget(window)
        shown: list[str] = []
        monkeypatch.setattr(window, "show_error", shown.append)
        window.show()
        window.feature("team").listen_to(url)
        window.open_article(article_id, claim_id)
        opened.append((window, project))
        return window, shown

    yield open_as
    for window, project in opened:
        window.feature("team").stop_following()
        project.close()
