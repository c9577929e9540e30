"""The articles' two search indexes on a file, and the articles an import left out of them.

Articles are indexed once per transaction, just before it commits (migration 0009: while
`search_index_deferred` holds a row, the triggers leave the articles above its `after_seq` to
one `INSERT ... SELECT` per index). An import goes further: it commits with that row still
there, so the articles it added are *pending* and the import does not pay for their index
(the trigram index is most of a large import's SQL). They are indexed later, exactly as they
then are: by `index_pending` (the window calls it in its idle time, a slice at a time), by
the next transaction that adds an article outside an import, and by the first search, which
indexes whatever is still pending before it reads. A project that cannot be written searches
its pending articles through indexes of them alone in the connection's temporary database,
made by the same tokenizers, so a search finds exactly what it would with the index complete.
"""

from __future__ import annotations

INDEXES = ("articles_fts", "articles_trigram")
# The temporary copies of the indexes: the same columns and tokenizers as migrations 0002, 0007.
_PENDING_TABLES = {
    "articles_fts": "fts5(title, text, tokenize='unicode61 remove_diacritics 2')",
    "articles_trigram": "fts5(title, text, tokenize='trigram case_sensitive 0')",
}
# Articles added from here on are indexed for search by `index_deferred` (or left pending).
DEFER_INDEXING = (
    "INSERT INTO search_index_deferred (after_seq) SELECT (SELECT coalesce(max(seq), 0) FROM articles) "
    "WHERE NOT EXISTS (SELECT 1 FROM search_index_deferred)"
)


def pending_after(conn) -> int | None:
    """The seq above which articles are not yet indexed, or None when every one is."""
    row = conn.execute("SELECT after_seq FROM search_index_deferred").fetchone()
    return None if row is None else row[0]


def index_deferred(conn) -> None:
    """Index every article left out so far, one statement per index, and end the deferral."""
    for index in INDEXES:
        conn.execute(
            f"INSERT INTO {index} (rowid, title, text) SELECT seq, title, text FROM articles "
            "WHERE seq > (SELECT after_seq FROM search_index_deferred)"
        )
    conn.execute("DELETE FROM search_index_deferred")


def index_slice(conn, limit: int) -> bool:
    """Index the first `limit` pending articles (all of them when fewer are left), inside the
    caller's transaction; True when none are left pending."""
    after = pending_after(conn)
    if after is None:
        return True
    row = conn.execute(
        "SELECT seq FROM articles WHERE seq > ? ORDER BY seq LIMIT 1 OFFSET ?", (after, limit)
    ).fetchone()
    if row is None:
        index_deferred(conn)
        return True
    upto = row[0] - 1
    for index in INDEXES:
        conn.execute(
            f"INSERT INTO {index} (rowid, title, text) SELECT seq, title, text FROM articles "
            "WHERE seq > ? AND seq <= ?",
            (after, upto),
        )
    conn.execute("UPDATE search_index_deferred SET after_seq = ?", (upto,))
    return False


def copy_pending(conn, after: int) -> None:
    """Fill `temp.pending_<index>` with the pending articles, for a search that cannot index
    them in the file (read-only)."""
    for index, definition in _PENDING_TABLES.items():
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.pending_{index} USING {definition}")
        conn.execute(f"DELETE FROM temp.pending_{index}")
        conn.execute(
            f"INSERT INTO temp.pending_{index} (rowid, title, text) "
            "SELECT seq, title, text FROM articles WHERE seq > ?",
            (after,),
        )
