"""Articles: added once per distinct text, listed without their text, searched with FTS5."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.errors import DiskFull, NotFound, ProjectInUse, ProjectReadOnly, RejectedInput
from annotator.core.ids import new_id
from annotator.core.model import ARTICLE_STATUSES, Article, ArticleSummary
from annotator.core.search import search_words
from annotator.core.store import search_index
from annotator.core.store.connection import Repository, chunks
from annotator.core.text import checked_text, has_line_break_variants, text_sha256

if TYPE_CHECKING:
    from annotator.core.incoming import IncomingArticle

_ARTICLE_COLUMNS = (
    "id, sha256, text, title, outlet, author, url, published, published_raw, source_name, encoding, "
    "imported_at, status"
)


@dataclass(frozen=True, slots=True)
class AddedArticle:
    """What adding one incoming article did."""

    article_id: str
    new_article: bool
    new_claims: int
    skipped_claims: int
    not_attached: tuple[str, ...] = ()  # what the file carried for claims already in the project


class ArticleStore(Repository):
    """The project's articles."""

    def __init__(self, project):
        super().__init__(project)
        self._index_later = False  # within search_index_later()
        self._pending_copied: tuple | None = None  # the file version temp.pending_* were filled at

    def add(self, incoming: IncomingArticle, *, by: str) -> AddedArticle:
        """Add one article and its claims in one transaction (see `add_many`)."""
        return self.add_many([incoming], by=by)[0]

    def add_many(
        self, incomings: Sequence[IncomingArticle], *, by: str, source: str = ""
    ) -> list[AddedArticle]:
        """Add the articles of one file and their claims in one transaction, in bulk.

        An article whose text is already in the project is reused, not duplicated; claims
        whose ids the project has (or deleted), or that repeat an existing span by the same
        annotator, are skipped, so importing the same file twice changes nothing. History the
        file carries is marked as imported from `source` (the file's name).
        """
        digests = [_checked_digest(incoming) for incoming in incomings]
        for incoming in incomings:
            _checked_published(incoming)
        with self._project.transaction():
            placed = self._place(incomings, digests, by=by)
            counts = self._project.claims.add_incoming_many(
                [
                    (article_id, incoming, new)
                    for (article_id, new), incoming in zip(placed, incomings, strict=True)
                ],
                by=by,
                source=source,
            )
            self._conn.executemany(
                "INSERT OR IGNORE INTO article_events (article_id, event) VALUES (?, ?)",
                [
                    (article_id, event.strip())
                    for (article_id, _), incoming in zip(placed, incomings, strict=True)
                    for event in incoming.events
                    if event.strip()
                ],
            )
        return [
            AddedArticle(article_id, new, added, skipped, refused)
            for (article_id, new), (added, skipped, refused) in zip(placed, counts, strict=True)
        ]

    def _place(self, incomings, digests, *, by: str) -> list[tuple[str, bool]]:
        """Find or insert each article; return (article id, newly added) in order."""
        known = self._ids_for_hashes(set(digests))
        taken = self._existing_ids([incoming.id for incoming in incomings if incoming.id])
        now = self._project.now()
        placed, rows, log = [], [], []
        for incoming, digest in zip(incomings, digests, strict=True):
            if digest in known:
                placed.append((known[digest], False))
                continue
            article_id = incoming.id if incoming.id and incoming.id not in taken else new_id()
            taken.add(article_id)
            known[digest] = article_id
            placed.append((article_id, True))
            rows.append(_article_row(article_id, digest, incoming, now))
            after = {"title": incoming.title, "sha256": digest, "source": incoming.source_name}
            log.append((by, "import", "article", article_id, None, after))
        self._project.log.record_many(log)
        if rows and self._defer_search_index():
            self._conn.execute(search_index.DEFER_INDEXING)
        _insert_articles(self._conn, rows)
        return placed

    def _defer_search_index(self) -> bool:
        """Whether this transaction's articles are indexed for search at its commit, or left
        pending (within `search_index_later`); files only: a team server indexes each row."""
        if not self._dialect.defers_search_index:
            return False
        return (self._index_later and self._project.in_transaction) or self._project.before_commit(
            "search index", lambda: search_index.index_deferred(self._conn)
        )

    @contextmanager
    def search_index_later(self) -> Iterator[None]:
        """Leave the articles added meanwhile out of the search indexes when their transactions
        commit: pending, indexed later and always before a search reads (see search_index.py)."""
        before, self._index_later = self._index_later, True
        try:
            yield
        finally:
            self._index_later = before

    def index_pending(self, *, limit: int | None = None) -> bool:
        """Index for search the articles an import left pending, `limit` of them at most (all by
        default), in one transaction; True when none are left."""
        if not self.has_pending():  # no write transaction for nothing
            return True
        with self._project.transaction():
            if limit is None:
                if search_index.pending_after(self._conn) is not None:
                    search_index.index_deferred(self._conn)
                return True
            return search_index.index_slice(self._conn, limit)

    def has_pending(self) -> bool:
        """Whether some articles are not yet in the search indexes (an import left them)."""
        return self._dialect.defers_search_index and search_index.pending_after(self._conn) is not None

    def _ids_for_hashes(self, digests: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(sorted(digests), 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._conn.execute(f"SELECT sha256, id FROM articles WHERE sha256 IN ({marks})", chunk)
            found.update(dict(rows.fetchall()))
        return found

    def _existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(ids, 500):
            marks = ", ".join("?" * len(chunk))
            rows = self._conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def remove(self, article_ids: list[str]) -> None:
        """Delete articles with everything on them (undo of a merge), inside the caller's transaction."""
        self._conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in article_ids])

    def hashes(self) -> dict[str, str]:
        """Text hash -> article id for every article."""
        return dict(self._conn.execute("SELECT sha256, id FROM articles").fetchall())

    def id_for_hash(self, digest: str) -> str | None:
        """The id of the article with this text hash, if the project has it."""
        row = self._conn.execute("SELECT id FROM articles WHERE sha256 = ?", (digest,)).fetchone()
        return row[0] if row else None

    def find_id(self, short: str) -> str:
        """The full id of the one article whose id starts or ends with `short`."""
        return self._full_id("articles", "article", short)

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
        """Every article (or those matching a full-text search) with its claim count.

        The full list's claim counts are remembered until the file changes, so searches
        typed right after it (the article list's search box) read no claims at all.
        """
        where, params = self._search_filter(search)
        counts = self._remembered_counts() if where else None
        if counts is not None:
            sql = (
                f"SELECT a.id, a.title, a.outlet, a.published, a.status FROM articles a{where} ORDER BY a.seq"
            )
            rows = self._conn.execute(sql, params).fetchall()
            return [ArticleSummary(*row, counts.get(row[0], 0)) for row in rows]
        # counted once per article in a grouped join: as quick as a correlated count on a
        # file, three times quicker on a team server (10,000 articles: 50 ms, not 150 ms)
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.status, coalesce(n.claims, 0) "
            "FROM articles a LEFT JOIN (SELECT article_id, count(*) AS claims FROM claims "
            f"WHERE status != 'suggested' GROUP BY article_id) n ON n.article_id = a.id{where} ORDER BY a.seq"
        )
        summaries = list(map(ArticleSummary._make, self._conn.execute(sql, params)))
        if not where:
            self._counts = ({s.id: s.claim_count for s in summaries}, self._file_version())
        return summaries

    def _search_filter(self, search: str) -> tuple[str, list]:
        """The WHERE clause of a search, by the rule of `core/search.py`: every word in the title
        or the text, anywhere (trigram index), or at a word's start for words under three
        characters. Articles still pending are indexed first; a project that cannot be written
        searches them in temporary copies (see search_index.py)."""
        long, short = search_words(search)
        if not long and not short:
            return "", []
        clauses, params = self._dialect.search_filter(long, short, pending=self._pending_for_search())
        return " WHERE " + " AND ".join(clauses), params

    def _pending_for_search(self) -> bool:
        """Index the pending articles before a search reads; True when they could not be (the
        project is read-only) and were copied to `temp.pending_*` for the search instead."""
        if not self.has_pending():
            return False
        if not self._project.read_only:
            try:
                self.index_pending()
                return False
            except (ProjectReadOnly, DiskFull, ProjectInUse):
                pass  # searched as on a read-only project
        if self._pending_copied != self._file_version():
            search_index.copy_pending(self._conn, search_index.pending_after(self._conn))
            self._pending_copied = self._file_version()
        return True

    def summaries_at(self, first_row: int, rows: int) -> list[ArticleSummary]:
        """`rows` lines of the full list (`summaries()`) from `first_row` on, each counted alone:
        what a window shows before it has read the whole list."""
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.status, (SELECT count(*) FROM claims c "
            "WHERE c.article_id = a.id AND c.status != 'suggested') FROM articles a ORDER BY a.seq "
            "LIMIT ? OFFSET ?"
        )
        return list(map(ArticleSummary._make, self._conn.execute(sql, (rows, max(first_row, 0)))))

    def row_in_list(self, article_id: str) -> int | None:
        """Where the article is in the full list (`summaries()`, from 0); None if there is none."""
        row = self._conn.execute(
            "SELECT (SELECT count(*) FROM articles b WHERE b.seq < a.seq) FROM articles a WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return None if row is None else row[0]

    def _remembered_counts(self) -> dict[str, int] | None:
        counts, version = getattr(self, "_counts", (None, None))
        return counts if counts is not None and version == self._file_version() else None

    def _file_version(self) -> tuple[int, int]:
        """Changes when anyone writes to the file: other connections, or this one."""
        return (self._conn.execute(self._dialect.data_version_sql()).fetchone()[0], self._conn.total_changes)

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
            self._project.log.record(
                who=by,
                action="status",
                entity="article",
                entity_id=article_id,
                before={"status": before},
                after={"status": status},
            )
            self._conn.execute("UPDATE articles SET status = ? WHERE id = ?", (status, article_id))
        return before

    def edit(self, article_id: str, *, by: str, **changes) -> ArticleEdit:
        """Change an article's metadata (never its text), logged; return before and after.

        :param changes: any of title, outlet, author, url, published (as written; read into
            ISO 8601, the text kept), events (the whole list)
        """
        values = _edited_values(changes)
        with self._project.transaction():
            current = self.get(article_id)
            held = current.metadata()
            before = {name: held[name] for name in values}
            after = {name: self._shown(name, value) for name, value in values.items()}
            self._project.log.record(
                who=by, action="edit", entity="article", entity_id=article_id, before=before, after=after
            )
            for name, value in values.items():
                self._write_field(article_id, name, value)
        return ArticleEdit(article_id, before, after)

    @staticmethod
    def _shown(name: str, value):
        if name == "events":
            return list(value)
        return value[1] if name == "published" else value

    def _write_field(self, article_id: str, name: str, value) -> None:
        if name == "events":
            self._conn.execute("DELETE FROM article_events WHERE article_id = ?", (article_id,))
            self._conn.executemany(
                "INSERT INTO article_events (article_id, event) VALUES (?, ?)",
                [(article_id, e) for e in value],
            )
        elif name == "published":
            self._conn.execute(
                "UPDATE articles SET published = ?, published_raw = ? WHERE id = ?", (*value, article_id)
            )
        else:  # the name is one of EDITABLE_FIELDS, checked by _edited_values
            self._conn.execute(f"UPDATE articles SET {name} = ? WHERE id = ?", (value, article_id))

    def events_of(self, article_id: str) -> list[str]:
        """Named events the article belongs to."""
        rows = self._conn.execute(
            "SELECT event FROM article_events WHERE article_id = ? ORDER BY event", (article_id,)
        )
        return [row[0] for row in rows]


_INSERT_ARTICLES = (
    "INSERT INTO articles (id, sha256, text, title, outlet, author, url, published, published_raw, "
    "source_name, encoding, imported_at, status) VALUES "
)
_ROWS_PER_INSERT = 50


def _insert_articles(conn, rows: list[tuple]) -> None:
    """Insert rows fifty to a statement.

    Where indexing is not deferred to the commit (see `_index_deferred`), the full-text
    index's trigger runs inside each statement, and FTS5 flushes its pending terms at every
    statement's start: one row per statement wrote a segment per article (0.8 s for 10,000
    articles against 0.35 s like this).
    """
    for chunk in chunks(rows, _ROWS_PER_INSERT):
        marks = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
        conn.execute(_INSERT_ARTICLES + marks, [value for row in chunk for value in row])


def _article_row(article_id: str, digest: str, incoming: IncomingArticle, now: str) -> tuple:
    from annotator.core.dates import iso_date  # the date reader: when importing, not when listing

    status = incoming.status if incoming.status in ARTICLE_STATUSES else "not started"
    return (
        article_id,
        digest,
        incoming.text,
        incoming.title,
        incoming.outlet,
        incoming.author,
        incoming.url,
        iso_date(incoming.published),
        incoming.published_raw or incoming.published,
        incoming.source_name,
        incoming.encoding,
        now,
        status,
    )


def _checked_digest(incoming: IncomingArticle) -> str:
    if not incoming.text.strip():
        raise RejectedInput("article text is empty", line=incoming.line)
    checked_text(incoming.text)
    if has_line_break_variants(incoming.text):
        raise RejectedInput("article text is not canonical (line breaks must be \\n)", line=incoming.line)
    return text_sha256(incoming.text)


def _checked_published(incoming: IncomingArticle) -> None:
    """Refuse a publication date that cannot be read (before anything of the file is written)."""
    _read_published(incoming.published, line=incoming.line)


def _read_published(written: str, *, line: int | None = None) -> str:
    """ISO 8601 for a publication date as written; an unreadable one is refused as input."""
    from annotator.core.dates import UnreadableDate, iso_date

    try:
        return iso_date(written)
    except UnreadableDate as error:
        raise RejectedInput(f"published: {error}", line=line) from None


def fts_query(search: str) -> str:
    """Quote each word so user input can never be FTS5 syntax; prefix-match the last one."""
    words = [word.replace('"', '""') for word in search.split()]
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


EDITABLE_FIELDS = ("title", "outlet", "author", "url", "published", "events")


@dataclass(frozen=True, slots=True)
class ArticleEdit:
    """What editing an article's metadata changed: the fields before and after (for undo)."""

    article_id: str
    before: dict
    after: dict


def _edited_values(changes: dict) -> dict:
    """Validate and normalise metadata changes: names known, text trimmed, dates read, events unique."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise RejectedInput(f"cannot edit {', '.join(unknown)} (editable: {', '.join(EDITABLE_FIELDS)})")
    values = {}
    for name, value in changes.items():
        if name == "events":
            values[name] = tuple(sorted({" ".join(e.split()) for e in value if e.strip()}))
        elif name == "published":
            values[name] = (_read_published(value), " ".join(value.split()))
        else:
            values[name] = " ".join(str(value).split())
    if "title" in values and not values["title"]:
        raise RejectedInput("an article needs a title")
    return values
