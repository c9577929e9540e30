"""What differs between SQLite and PostgreSQL SQL, in one place: the repositories keep their SQL.

The repositories write SQLite's SQL. A team project's connection passes each statement through
`PostgresDialect.translate` once (the result is cached by statement text): placeholders,
`INSERT OR IGNORE`/`OR REPLACE`, `json_extract`, `COLLATE NOCASE`, `IS ?` and `LIKE`. What
cannot be rewritten word for word (the article search, the file's change counter) is asked of
the dialect by name, and `status_by_trigger` / `log_by_trigger` tell the store that the server
moves a claim's status and writes the change log itself (db/postgres/003_rules.sql).
"""

from __future__ import annotations

import re
from functools import lru_cache


class SqliteDialect:
    """A project file: the repositories' SQL as written."""

    name = "sqlite"
    status_by_trigger = False  # the store moves a reviewed claim's status itself
    log_by_trigger = False  # the store writes each change-log entry itself
    defers_search_index = True  # FTS5 triggers a transaction may leave to its commit (0009)

    def translate(self, sql: str) -> str:
        return sql

    def search_filter(
        self, long: list[str], short: list[str], *, pending: bool = False
    ) -> tuple[list[str], list]:
        """WHERE clauses (on articles `a`) for words found anywhere (`long`) or at a word's start;
        with `pending`, also in the temporary copies of the articles not yet indexed
        (store/search_index.py)."""
        clauses, params = [], []
        if long:
            query = " ".join(_fts_quoted(word) for word in long)
            clauses.append(_matching("articles_trigram", pending))
            params += [query] * (1 + pending)
        if short:
            query = " ".join(_fts_quoted(word) + "*" for word in short)
            clauses.append(_matching("articles_fts", pending))
            params += [query] * (1 + pending)
        return clauses, params

    def data_version_sql(self) -> str:
        """A query whose answer changes whenever another connection commits a write."""
        return "PRAGMA data_version"


class PostgresDialect(SqliteDialect):
    """A team project on PostgreSQL (db/postgres/*.sql)."""

    name = "postgres"
    status_by_trigger = True  # reviews_apply moves the claim (an RLS-filtered UPDATE would not)
    log_by_trigger = True  # *_logged triggers write every entry; the client names the action
    defers_search_index = False  # the server indexes each row as it is written

    def translate(self, sql: str) -> str:
        return _translated(sql)

    def search_filter(
        self,
        long: list[str],
        short: list[str],
        *,
        pending: bool = False,  # noqa: ARG002 (the server indexes each row: none is ever pending)
    ) -> tuple[list[str], list]:
        """Substrings by ILIKE over title and text (answered by the `articles_trigram` GIN index,
        db/postgres/006_search.sql, whose expression this must stay); short words at a word's
        start by the `search` tsvector ('simple' configuration) as prefixes."""
        clauses, params = [], []
        for word in long:
            clauses.append("(a.title || ' ' || a.text) ILIKE ? ESCAPE '\\'")
            params.append("%" + _like_escaped(word) + "%")
        if short:
            clauses.append("a.search @@ to_tsquery('simple', ?)")
            params.append(" & ".join(_tsquery_quoted(word) + ":*" for word in short))
        return clauses, params

    def data_version_sql(self) -> str:
        # every committed change writes the log (by trigger): its newest seq is the version
        return "SELECT coalesce(max(seq), 0) FROM change_log"


# Tables written with INSERT OR REPLACE, and the key a replaced row is found by. A tombstone
# is insert-only on the server: the first deletion's stands.
_REPLACE_KEYS = {"deleted_claims": None, "dismissed_suggestions": 'article_id, start, "end"'}
# Patterns compiled at a team project's first statement (re's cache), not when a file opens.
_INSERT_OR = r"(?i)^\s*INSERT OR (IGNORE|REPLACE) INTO (\w+) \(([^)]*)\)"
_JSON_EXTRACT = r"json_extract\((.+?), '\$\.(\w+)'\)"
_STRING_OR_MARK = r"('(?:[^']|'')*')|(\?)|(%)"


@lru_cache(maxsize=1024)
def _translated(sql: str) -> str:
    sql = _insert_or(sql)
    sql = re.sub(_JSON_EXTRACT, r"((\1)::jsonb ->> '\2')", sql)
    sql = sql.replace("COLLATE NOCASE", "COLLATE annotator_nocase")
    sql = sql.replace(" IS ?", " IS NOT DISTINCT FROM ?").replace(" LIKE ?", " ILIKE ?")
    return re.sub(_STRING_OR_MARK, _placeholder, sql)


def _placeholder(match: re.Match) -> str:
    """`?` outside string literals becomes `%s`; a literal `%` is doubled for psycopg."""
    literal, mark, percent = match.groups()
    if literal is not None:
        return literal.replace("%", "%%")
    return "%s" if mark else "%%"


def _insert_or(sql: str) -> str:
    found = re.match(_INSERT_OR, sql)
    if found is None:
        return sql
    how, table, columns = found.groups()
    plain = "INSERT INTO " + sql[found.start(2) :]
    key = _REPLACE_KEYS.get(table)
    if how.upper() == "IGNORE" or key is None:
        return f"{plain} ON CONFLICT DO NOTHING"
    keys = {name.strip().strip('"') for name in key.split(",")}
    names = [name.strip() for name in columns.split(",")]
    updates = ", ".join(f"{name} = excluded.{name}" for name in names if name.strip('"') not in keys)
    return f"{plain} ON CONFLICT ({key}) DO UPDATE SET {updates}"


def _matching(index: str, pending: bool) -> str:
    """Articles whose row `index` matches a query (and its pending copy's, with `pending`)."""
    clause = f"a.seq IN (SELECT rowid FROM {index} WHERE {index} MATCH ?)"
    if not pending:
        return clause
    copy = f"pending_{index}"
    return f"({clause} OR a.seq IN (SELECT rowid FROM temp.{copy} WHERE {copy} MATCH ?))"


def _fts_quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like_escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _tsquery_quoted(word: str) -> str:
    """A word as one tsquery lexeme, whatever it holds (user input is never tsquery syntax)."""
    return "'" + word.lower().replace("\\", "\\\\").replace("'", "''") + "'"
