-- Substring search: a trigram index beside the word index, so "Guardian" finds "theguardian"
-- as the open article's highlighting does. Words shorter than three characters still go to
-- the word index (a trigram needs three).
CREATE VIRTUAL TABLE articles_trigram USING fts5(
    title, text, content='articles', content_rowid='seq', tokenize='trigram case_sensitive 0'
);
INSERT INTO articles_trigram (rowid, title, text) SELECT seq, title, text FROM articles;

CREATE TRIGGER articles_trigram_insert AFTER INSERT ON articles
BEGIN
    INSERT INTO articles_trigram (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_trigram_delete AFTER DELETE ON articles
BEGIN
    INSERT INTO articles_trigram (articles_trigram, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_trigram_update AFTER UPDATE OF title, text ON articles
BEGIN
    INSERT INTO articles_trigram (articles_trigram, rowid, title, text)
    VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_trigram (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
