-- The article list and its search read these columns for every article: a covering index
-- keeps them from reading each article's text, and claim counts from reading each claim.
CREATE INDEX articles_listing ON articles (seq, id, title, outlet, published, status);
CREATE INDEX claims_by_article_status ON claims (article_id, status);
