"""The team project's own connection through faults, on the throwaway server: a connection the
server ends, or a restart, is opened again on the next use; a transaction that loses it fails
whole with ConnectionLost and leaves nothing; a retried create with its id makes one claim."""

from __future__ import annotations

import psycopg
import pytest

from annotator.core.store import Project
from annotator.core.store.postgres import ConnectionLost
from tests.conftest import add_article
from tests.team.test_team_listener import kill_and_restart

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."


def end_backends_of(team, user: str) -> None:
    with psycopg.connect(team.admin_url, autocommit=True) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s AND datname = %s",
            (user, team.database),
        ).fetchall()
    assert ended


def stop_server(server) -> None:
    """Kill the test's server as a crash would (`pg_ctl stop -m immediate`); `server.start()` again."""
    stopped = server.run(str(server.bin / "pg_ctl"), "stop", "-D", str(server.data), "-m", "immediate", "-w")
    assert stopped.returncode == 0, stopped.stderr


def claims_on_server(team) -> list[tuple[str, str]]:
    with psycopg.connect(team.admin_url) as admin:
        return admin.execute("SELECT id, annotator FROM claims ORDER BY id").fetchall()


def test_after_its_backend_is_ended_the_next_read_and_write_work(team):
    with Project.open(team.url("ann")) as ann:
        article = add_article(ann, TEXT, by="ann")
        end_backends_of(team, "ann")
        assert ann.articles.text(article) == TEXT  # the read that found it lost, run again
        end_backends_of(team, "ann")
        assert ann.claims.create(article, 0, 12, by="ann").annotator == "ann"  # its BEGIN found it lost
    assert len(claims_on_server(team)) == 1


def test_after_a_server_restart_the_project_goes_on(team, pg_server):
    with Project.open(team.url("ann")) as ann:
        article = add_article(ann, TEXT, by="ann")
        kill_and_restart(pg_server)
        assert ann.articles.text(article) == TEXT
        ann.claims.create(article, 0, 12, by="ann")
    assert len(claims_on_server(team)) == 1


def test_a_transaction_that_loses_its_connection_fails_whole_and_leaves_nothing(team):
    with Project.open(team.url("ann")) as ann:
        article = add_article(ann, TEXT, by="ann")
        with pytest.raises(ConnectionLost, match="nothing of this change was saved"), ann.transaction():
            ann.claims.create(article, 0, 12, by="ann")
            end_backends_of(team, "ann")
            ann.claims.create(article, 13, 20, by="ann")
        assert ann.claims.count() == 0
    assert claims_on_server(team) == []


def test_a_statement_after_a_loss_inside_the_same_transaction_is_refused_too(team):
    """Nothing after the loss may reach a new connection outside the transaction (half-applied)."""
    with Project.open(team.url("ann")) as ann:
        article = add_article(ann, TEXT, by="ann")
        with pytest.raises(ConnectionLost), ann.transaction():
            end_backends_of(team, "ann")
            with pytest.raises(ConnectionLost):
                ann.claims.create(article, 0, 12, by="ann")
            ann.claims.create(article, 13, 20, by="ann")
    assert claims_on_server(team) == []


def test_with_the_server_down_a_change_is_connection_lost_and_goes_through_once_it_is_back(team, pg_server):
    with Project.open(team.url("ann")) as ann:
        article = add_article(ann, TEXT, by="ann")
        stop_server(pg_server)
        try:
            with pytest.raises(ConnectionLost, match="nothing of this change was saved"):
                ann.claims.create(article, 0, 12, by="ann", claim_id="c-retried")
        finally:
            pg_server.start()
        first = ann.claims.create(article, 0, 12, by="ann", claim_id="c-retried")
        again = ann.claims.create(article, 0, 12, by="ann", claim_id="c-retried")
        assert first.id == again.id == "c-retried"
    assert claims_on_server(team) == [("c-retried", "ann")]
