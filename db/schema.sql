CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE new.seq > after_seq)
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_trigram_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_trigram (articles_trigram, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_trigram_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE new.seq > after_seq)
BEGIN
    INSERT INTO articles_trigram (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_trigram_update AFTER UPDATE OF title, text ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_trigram (articles_trigram, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_trigram (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;

CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);

CREATE TABLE annotators (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
, is_reviewer INTEGER NOT NULL DEFAULT 0);

CREATE TABLE article_events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (article_id, event)
);

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    source_name TEXT NOT NULL DEFAULT '',
    encoding TEXT NOT NULL DEFAULT 'utf-8',
    imported_at TEXT NOT NULL,
    text TEXT NOT NULL
, status TEXT NOT NULL DEFAULT 'not started', published_raw TEXT NOT NULL DEFAULT '');

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE 'articles_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'articles_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'articles_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'articles_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_trigram USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='trigram case_sensitive 0'
);

CREATE TABLE 'articles_trigram_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'articles_trigram_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'articles_trigram_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'articles_trigram_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT,
    after TEXT
, imported_from TEXT);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" >= start),
    quote TEXT NOT NULL,
    speaker TEXT REFERENCES speakers(name) ON UPDATE CASCADE,
    figure_text TEXT NOT NULL DEFAULT '',
    value REAL,
    low REAL,
    high REAL,
    qualifier TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    measure TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL DEFAULT '',
    confidence_scale TEXT NOT NULL DEFAULT 'icd203',
    confidence TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    annotator TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft' CHECK (
        status IN ('draft', 'submitted', 'accepted', 'rejected', 'disputed', 'suggested')
    ),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, kind TEXT NOT NULL DEFAULT '', outlet TEXT NOT NULL DEFAULT '', fragments TEXT NOT NULL DEFAULT '', supersedes TEXT REFERENCES claims(id) ON DELETE SET NULL);

CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE deleted_claims (
    id TEXT PRIMARY KEY,
    deleted_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL
);

CREATE TABLE dismissed_suggestions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    dismissed_by TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);

CREATE TABLE "merge_conflicts" (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL,
    other_claim_id TEXT REFERENCES claims(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('edited', 'deleted', 'refused')),
    source TEXT NOT NULL DEFAULT '',
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    reason TEXT NOT NULL DEFAULT '',
    theirs TEXT
);

CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'disputed', 'corrected')),
    comment TEXT NOT NULL DEFAULT '',
    corrected_claim_id TEXT REFERENCES claims(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE search_index_deferred (after_seq INTEGER NOT NULL);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE speaker_aliases (
    alias TEXT PRIMARY KEY COLLATE NOCASE,
    speaker TEXT NOT NULL REFERENCES speakers(name) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE speakers (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    type TEXT NOT NULL DEFAULT 'unknown'
);

CREATE INDEX article_events_by_event ON article_events (event);

CREATE INDEX articles_listing ON articles (seq, id, title, outlet, published, status);

CREATE INDEX change_log_by_entity ON change_log (entity, entity_id);

CREATE INDEX claims_by_annotator ON claims (annotator, status);

CREATE INDEX claims_by_article ON claims (article_id, start, "end", id);

CREATE INDEX claims_by_article_status ON claims (article_id, status);

CREATE INDEX claims_by_measure ON claims (measure);

CREATE INDEX claims_by_supersedes ON claims (supersedes);

CREATE INDEX comments_by_claim ON comments (claim_id, created_at);

CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");

CREATE INDEX merge_conflicts_by_claim ON merge_conflicts (claim_id);

CREATE INDEX reviews_by_claim ON reviews (claim_id, created_at);
