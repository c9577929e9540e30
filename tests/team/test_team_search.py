"""The article search on the server: substrings found through the trigram index (006_search.sql)."""

from __future__ import annotations

import os

import psycopg
import pytest

from annotator.core.store import Project
from annotator.core.store.postgres import add_member, init_team
from tests.conftest import add_article
from tests.team.conftest import ADMIN_PASSWORD

MANY = 3000


def _fill(team, count: int = MANY) -> None:
    """`count` articles none of which holds 'guardian', written by the administrator in one go."""
    with psycopg.connect(team.admin_url, autocommit=True) as admin:
        admin.execute(
            "INSERT INTO articles (id, sha256, title, imported_at, text) "
            "SELECT 'bulk-' || i, md5(i::text), 'Report ' || i, '2026-01-01T00:00:00Z', "
            "'Shelling near town ' || i || ' was reported by officials. ' || ("
            "SELECT string_agg(md5((i * 100 + j)::text), ' ') FROM generate_series(1, 30) j) "
            "FROM generate_series(1, %s) i",
            (count,),
        )
        # what autovacuum does soon after an import: move the index's pending entries into it and
        # count them (the planner costs a GIN index by those counts), and gather statistics
        admin.execute("VACUUM ANALYZE articles")


def _statements(project):
    """Record each statement the store runs (in PostgreSQL's words) with its parameters."""
    seen, execute = [], project.db.sql.execute

    def recording(sql, parameters=()):
        seen.append((project.db.dialect.translate(sql), parameters))
        return execute(sql, parameters)

    project.db.sql.execute = recording
    return seen


def test_init_creates_the_trigram_index_on_what_the_search_reads(team):
    with team.connect("ann") as ann:
        indexes = dict(ann.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'articles'"))
        assert ann.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone() == (1,)
    assert "gin_trgm_ops" in indexes["articles_trigram"]
    assert "(title || ' '::text) || text" in indexes["articles_trigram"]


def test_search_finds_a_word_inside_a_longer_token_through_the_index(team):
    _fill(team)
    init_team(team.admin_url)  # again, as an upgrade does: 002's grants run after the extension exists
    with Project.open(team.url("ann")) as ann:
        inside = add_article(ann, "Source: theguardian.com. Troops were sent.", by="ann", title="Latest")
        add_article(ann, "Nothing about newspapers here.", by="ann", title="Plain")
        statements = _statements(ann)
        assert [s.id for s in ann.articles.summaries(search="Guardian")] == [inside]
        assert [s.id for s in ann.articles.summaries(search="GUARDIAN troops")] == [inside]
        searches = [(sql, params) for sql, params in statements if "ILIKE" in sql]
        assert searches, statements
        for sql, params in searches:
            plan = "\n".join(row[0] for row in ann.db.conn.execute("EXPLAIN " + sql, params))
            assert "articles_trigram" in plan, plan


def test_the_owner_of_the_database_creates_the_extension_without_being_a_superuser(pg_server):
    """pg_trgm is trusted: a CREATEROLE administrator who owns the database sets the project up."""
    from tests.pg_server import new_database

    database = new_database(pg_server, prefix="owned")
    admin = f"desk_admin_{os.getpid()}"
    with psycopg.connect(pg_server.url(password=ADMIN_PASSWORD), autocommit=True) as superuser:
        superuser.execute(f"CREATE ROLE {admin} LOGIN CREATEROLE PASSWORD 'pw-admin'")
        superuser.execute(f'ALTER DATABASE "{database}" OWNER TO {admin}')
    url = pg_server.url(admin, database, "pw-admin")
    assert init_team(url).created is True
    assert init_team(url).created is False  # and again: nothing to do
    add_member(url, "ann", role="analyst", new_password="pw-ann")
    with Project.open(pg_server.url("ann", database, "pw-ann")) as ann:
        found = add_article(ann, "Read it at theguardian.com", by="ann")
        assert [s.id for s in ann.articles.summaries(search="guardian")] == [found]
        owner = ann.db.conn.execute(
            "SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'pg_trgm'"
        ).fetchone()
    assert owner == (admin,)


@pytest.mark.parametrize("search", ["50%", "a_b", "back\\slash"])
def test_like_wildcards_in_a_search_are_characters_to_find(team, search):
    with Project.open(team.url("ann")) as ann:
        add_article(ann, "Turnout rose 50 percent; a-b testing; backslash", by="ann", title="Decoy")
        wanted = add_article(ann, f"Literally {search} here", by="ann", title="Wanted")
        assert [s.id for s in ann.articles.summaries(search=search)] == [wanted]
