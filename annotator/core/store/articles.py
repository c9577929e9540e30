"""Articles: added once per distinct text, listed without their text, searched with FTS5."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from annotator.core.errors import NotFound, RejectedInput
from annotator.core.model import ARTICLE_STATUSES, Article, ArticleSummary, IncomingArticle
from annotator.core.text import text_sha256

_ARTICLE_COLUMNS = (
    "id, sha256, text, title, outlet, author, url, published, source_name, encoding, imported_at, status"
)


@dataclass(frozen=True, slots=True)
class AddedArticle:
    """What adding one incoming article did."""

    article_id: str
    new_article: bool
    new_claims: int
    skipped_claims: int


class ArticleStore:
    """The project's articles."""

    def __init__(self, project):
        self._project = project

    @property
    def _conn(self):
        return self._project.db.conn

    def add(self, incoming: IncomingArticle, *, by: str) -> AddedArticle:
        """Add an article and its claims in one transaction; an existing text is reused.

        Claims whose ids are already in the project are skipped, so importing the same
        file twice changes nothing.
        """
        if not incoming.text.strip():
            raise RejectedInput("article text is empty", line=incoming.line)
        digest = text_sha256(incoming.text)
        with self._project.transaction():
            existing = self.id_for_hash(digest)
            article_id = existing or self._insert(incoming, digest, by=by)
            added, skipped = self._project.claims.add_incoming(
                article_id, incoming.text, incoming.claims, by=by, line=incoming.line
            )
            self._add_events(article_id, incoming.events)
        return AddedArticle(article_id, existing is None, added, skipped)

    def _insert(self, incoming: IncomingArticle, digest: str, *, by: str) -> str:
        article_id = incoming.id or str(uuid.uuid4())
        if self.exists(article_id):
            article_id = str(uuid.uuid4())  # same id, different text: keep both
        now = self._project.now()
        self._conn.execute(
            "INSERT INTO articles (id, sha256, text, title, outlet, author, url, published, "
            "source_name, encoding, imported_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                digest,
                incoming.text,
                incoming.title,
                incoming.outlet,
                incoming.author,
                incoming.url,
                incoming.published,
                incoming.source_name,
                incoming.encoding,
                now,
                incoming.status if incoming.status in ARTICLE_STATUSES else "not started",
            ),
        )
        self._project.log.record(
            who=by,
            action="import",
            entity="article",
            entity_id=article_id,
            after={"title": incoming.title, "sha256": digest, "source": incoming.source_name},
        )
        return article_id

    def _add_events(self, article_id: str, events: tuple[str, ...]) -> None:
        self._conn.executemany(
            "INSERT OR IGNORE INTO article_events (article_id, event) VALUES (?, ?)",
            [(article_id, event.strip()) for event in events if event.strip()],
        )

    def id_for_hash(self, digest: str) -> str | None:
        """The id of the article with this text hash, if the project has it."""
        row = self._conn.execute("SELECT id FROM articles WHERE sha256 = ?", (digest,)).fetchone()
        return row[0] if row else None

    def exists(self, article_id: str) -> bool:
        """Whether the project has this article."""
        return self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def get(self, article_id: str) -> Article:
        """The whole article, text included."""
        row = self._conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id!r} in this project")
        return Article(*row, events=tuple(self.events_of(article_id)))

    def text(self, article_id: str) -> str:
        """Just the canonical text."""
        row = self._conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id!r} in this project")
        return row[0]

    def summaries(self, *, search: str = "") -> list[ArticleSummary]:
        """Every article (or those matching a full-text search) with its claim count."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.status, "
            "(SELECT count(*) FROM claims c WHERE c.article_id = a.id "
            "AND c.status != 'suggested') FROM articles a"
        )
        params: list = []
        if search.strip():
            sql += " WHERE a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
            params.append(fts_query(search))
        rows = self._conn.execute(sql + " ORDER BY a.seq", params).fetchall()
        return [ArticleSummary(*row) for row in rows]

    def ids(self) -> list[str]:
        """Article ids in import order."""
        return [row[0] for row in self._conn.execute("SELECT id FROM articles ORDER BY seq")]

    def count(self) -> int:
        """Number of articles."""
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def set_status(self, article_id: str, status: str, *, by: str) -> str:
        """Mark an article not started / in progress / done / reviewed; return the old status."""
        if status not in ARTICLE_STATUSES:
            raise RejectedInput(f"unknown article status {status!r}")
        with self._project.transaction():
            before = self.get(article_id).status
            self._conn.execute("UPDATE articles SET status = ? WHERE id = ?", (status, article_id))
            self._project.log.record(
                who=by,
                action="status",
                entity="article",
                entity_id=article_id,
                before={"status": before},
                after={"status": status},
            )
        return before

    def events_of(self, article_id: str) -> list[str]:
        """Named events the article belongs to."""
        rows = self._conn.execute(
            "SELECT event FROM article_events WHERE article_id = ? ORDER BY event", (article_id,)
        )
        return [row[0] for row in rows]


def fts_query(search: str) -> str:
    """Quote each word so user input can never be FTS5 syntax; prefix-match the last one."""
    words = [word.replace('"', '""') for word in search.split()]
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)
