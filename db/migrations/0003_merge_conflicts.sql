-- Merge conflicts: a claim changed on both sides keeps both versions, linked here for review.
CREATE TABLE merge_conflicts (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL,
    other_claim_id TEXT REFERENCES claims(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('edited', 'deleted')),
    source TEXT NOT NULL DEFAULT '',
    detected_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT
);
CREATE INDEX merge_conflicts_by_claim ON merge_conflicts (claim_id);
