-- Publication dates are stored as ISO 8601 (read at import); the text as written is kept.
-- Files from before this step keep their free-text date in both columns; comparisons read it.
ALTER TABLE articles ADD COLUMN published_raw TEXT NOT NULL DEFAULT '';
UPDATE articles SET published_raw = published;
