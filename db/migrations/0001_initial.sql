-- The first schema: articles, claims, speakers, annotators, settings and the change log.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
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
);

CREATE TABLE speakers (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    type TEXT NOT NULL DEFAULT 'unknown'
);

CREATE TABLE speaker_aliases (
    alias TEXT PRIMARY KEY COLLATE NOCASE,
    speaker TEXT NOT NULL REFERENCES speakers(name) ON UPDATE CASCADE ON DELETE CASCADE
);

CREATE TABLE annotators (
    name TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);

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
);
CREATE INDEX claims_by_article ON claims (article_id, start);

CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX change_log_by_entity ON change_log (entity, entity_id);

-- The log is append-only: history is evidence.
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'the change log is append-only');
END;
