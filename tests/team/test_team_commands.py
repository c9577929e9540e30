"""`annotator team init|add|remove`: setting up a team project and its members, and the
messages a wrong URL, password or role gets."""

from __future__ import annotations

import psycopg
import pytest

from annotator.cli import main
from annotator.core.store.postgres import (
    LoginFailed,
    PasswordNeeded,
    TeamRefused,
    TeamServerError,
    add_member,
    connect,
    init_team,
    remove_member,
)
from tests.team.conftest import ADMIN, ADMIN_PASSWORD


def test_init_sets_up_a_team_project(pg_server, empty_database, capsys):
    url = pg_server.url(ADMIN, empty_database, ADMIN_PASSWORD)
    assert main(["team", "init", url]) == 0
    assert "set up as a team project" in capsys.readouterr().out
    assert ADMIN_PASSWORD not in capsys.readouterr().out


def test_init_twice_changes_nothing_and_says_so(team, capsys):
    with team.connect("ann") as ann:
        ann.execute("INSERT INTO articles (id, sha256, imported_at, text) VALUES ('a1', 'a1', 'now', 'x')")
    assert main(["team", "init", team.admin_url]) == 0
    assert "already a team project" in capsys.readouterr().out
    with team.connect("ann") as ann:
        assert ann.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ann.execute("DELETE FROM change_log")


def test_init_reports_the_schema_as_existing_the_second_time(team):
    assert init_team(team.admin_url).created is False


def test_init_needs_an_administrator(team):
    with pytest.raises(TeamRefused, match="CREATEROLE"):
        init_team(team.url("olga"))


def test_an_owner_adds_and_removes_a_member(team, capsys):
    assert main(["team", "add", team.url("olga"), "nina", "--role", "reviewer"]) == 0
    assert "nina (new login role) is now reviewer" in capsys.readouterr().out
    with team.connect("ann") as ann:
        assert ann.execute("SELECT is_reviewer FROM annotators WHERE name = 'nina'").fetchone() == (1,)
    assert main(["team", "remove", team.url("olga"), "nina"]) == 0
    assert "nina is no longer reviewer" in capsys.readouterr().out


def test_removing_a_stranger_changes_nothing(team, capsys):
    assert main(["team", "remove", team.url("olga"), "nobody_here"]) == 1
    assert "had no role in this project" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["ann", "rita", "reed"])
def test_only_owners_manage_members(team, name, capsys):
    assert main(["team", "add", team.url(name), "nina", "--role", "analyst"]) == 1
    assert "only the project's owners manage its members" in capsys.readouterr().err


def test_members_cannot_call_the_member_functions_themselves(team):
    with team.connect("ann") as ann, pytest.raises(psycopg.errors.InsufficientPrivilege):
        ann.execute("SELECT annotator_add_member('ann', 'owner')")


def test_a_superuser_cannot_be_made_a_member(team):
    with pytest.raises(TeamRefused, match="cannot be a member"):
        add_member(team.admin_url, ADMIN, role="analyst")


def test_a_new_members_password_is_sent_as_a_verifier(team):
    add_member(team.url("olga"), "nina", role="analyst", new_password="s3cret")
    with connect(team.server.url("nina", team.database, "s3cret")) as nina:
        assert nina.execute("SELECT current_user").fetchone() == ("nina",)


def test_adding_needs_a_team_project(pg_server, empty_database):
    with pytest.raises(TeamServerError, match="not a team project yet"):
        remove_member(pg_server.url(ADMIN, empty_database, ADMIN_PASSWORD), "ann")


def test_an_unknown_role_is_refused_before_connecting():
    with pytest.raises(TeamRefused, match="choose one of owner, reviewer, analyst, reader"):
        add_member("postgresql://nobody@127.0.0.1:1/x", "nina", role="editor")


# -- connecting: libpq's conventions, errors in words -----------------------------------


def test_a_wrong_password_is_said_so_without_echoing_it(team):
    with pytest.raises(LoginFailed, match="wrong user name or password") as refused:
        connect(team.server.url("ann", team.database, "guess"))
    assert "guess" not in str(refused.value)


def test_a_missing_password_asks_for_one(team, monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(PasswordNeeded, match="asks for a password"):
        connect(team.server.url("ann", team.database))


def test_the_password_comes_from_pgpassword(team, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "pw-ann")
    with connect(team.server.url("ann", team.database)) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("ann",)


def test_the_password_comes_from_pgpass(team, monkeypatch, tmp_path):
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{team.server.port}:{team.database}:ann:pw-ann\n")
    pgpass.chmod(0o600)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    with connect(team.server.url("ann", team.database)) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("ann",)


def test_a_missing_database_is_named(pg_server):
    with pytest.raises(TeamServerError, match="no such database"):
        connect(pg_server.url(ADMIN, "no_such_project", ADMIN_PASSWORD))


def test_a_server_that_is_not_there_is_said_so(pg_server):
    from tests.team.conftest import _free_port

    with pytest.raises(TeamServerError, match="cannot reach"):
        connect(f"postgresql://ann@127.0.0.1:{_free_port()}/x")


@pytest.mark.parametrize("url", ["postgresql://ann@127.0.0.1:notaport/x", "postgresql://[bad", "host"])
def test_a_bad_url_is_said_so(url):
    with pytest.raises(TeamServerError, match="URL"):
        connect(url)


def test_a_bad_url_on_the_command_line_is_a_message(capsys):
    assert main(["team", "init", "postgresql://ann@127.0.0.1:notaport/x"]) == 1
    assert "annotator: not a usable PostgreSQL URL" in capsys.readouterr().err
