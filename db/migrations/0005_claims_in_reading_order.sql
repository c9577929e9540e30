-- Claims in reading order (article, start, end, id): the CSV and JSONL exports and the
-- window read them in this order, which the old (article_id, start) index left to a sort
-- of every claim in the project.
DROP INDEX claims_by_article;
CREATE INDEX claims_by_article ON claims (article_id, start, "end", id);
