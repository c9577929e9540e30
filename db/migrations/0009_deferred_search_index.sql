-- A large import indexes its articles for search once, just before it commits, instead of
-- row by row: FTS5 writes a segment at each statement's start (each file's savepoint), and
-- one INSERT ... SELECT of a whole batch is several times faster. While an import holds a
-- row here (inside its own transaction; the row is deleted before it commits), the triggers
-- leave the articles above `after_seq` to it; every other row is indexed as it changes.
CREATE TABLE search_index_deferred (after_seq INTEGER NOT NULL);

DROP TRIGGER articles_fts_insert;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE new.seq > after_seq)
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

DROP TRIGGER articles_fts_delete;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;

DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

DROP TRIGGER articles_trigram_insert;
CREATE TRIGGER articles_trigram_insert AFTER INSERT ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE new.seq > after_seq)
BEGIN
    INSERT INTO articles_trigram (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

DROP TRIGGER articles_trigram_delete;
CREATE TRIGGER articles_trigram_delete AFTER DELETE ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_trigram (articles_trigram, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;

DROP TRIGGER articles_trigram_update;
CREATE TRIGGER articles_trigram_update AFTER UPDATE OF title, text ON articles
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred WHERE old.seq > after_seq)
BEGIN
    INSERT INTO articles_trigram (articles_trigram, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_trigram (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

-- FTS5 writes its pending terms out every `hashsize` bytes (1 MB by default): with 32 MB a
-- batch of 10,000 articles makes a few segments, not hundreds to merge (0.2 s less per batch).
INSERT INTO articles_trigram (articles_trigram, rank) VALUES ('hashsize', 33554432);
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 33554432);
