-- The article search by substring ("Guardian" inside "theguardian"): the dialect asks
-- `(a.title || ' ' || a.text) ILIKE '%word%'` for each word of three letters or more
-- (annotator/core/store/dialect.py), which a trigram index answers instead of a scan of every
-- article. pg_trgm is a trusted extension (PostgreSQL 13 and newer): the database's owner may
-- create it without being a superuser. A server without it (contrib not installed) keeps
-- searching by scanning; the search finds the same articles either way. Safe to run again.

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        -- the expression must be the dialect's, word for word, for the planner to use it
        CREATE INDEX IF NOT EXISTS articles_trigram ON articles USING gin ((title || ' ' || text) gin_trgm_ops);
    ELSE
        RAISE NOTICE 'pg_trgm is not installed on this server: the article search scans every article';
    END IF;
END
$$;

INSERT INTO team_schema (version) VALUES (3) ON CONFLICT (version) DO NOTHING;
