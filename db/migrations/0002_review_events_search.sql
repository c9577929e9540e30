-- Claim kinds, corrections, reviews, comments, events, dismissed suggestions, full-text search.
ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT 'not started';

ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN fragments TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN supersedes TEXT REFERENCES claims(id) ON DELETE SET NULL;
CREATE INDEX claims_by_annotator ON claims (annotator, status);
CREATE INDEX claims_by_measure ON claims (measure);

ALTER TABLE annotators ADD COLUMN is_reviewer INTEGER NOT NULL DEFAULT 0;

CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    reviewer TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected', 'disputed', 'corrected')),
    comment TEXT NOT NULL DEFAULT '',
    corrected_claim_id TEXT REFERENCES claims(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX reviews_by_claim ON reviews (claim_id, created_at);

CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_by_claim ON comments (claim_id, created_at);

CREATE TABLE deleted_claims (
    id TEXT PRIMARY KEY,
    deleted_at TEXT NOT NULL,
    deleted_by TEXT NOT NULL
);

CREATE TABLE article_events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (article_id, event)
);
CREATE INDEX article_events_by_event ON article_events (event);

CREATE TABLE dismissed_suggestions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    dismissed_by TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
