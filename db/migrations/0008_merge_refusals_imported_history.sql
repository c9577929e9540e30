-- Merges apply incoming changes under the project's own rules: a change the rules refuse is
-- kept here as a conflict of kind 'refused' (why, and their version as JSON), never applied.
CREATE TABLE merge_conflicts_0008 (
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
INSERT INTO merge_conflicts_0008 (id, claim_id, other_claim_id, kind, source, detected_at, resolved_at, resolved_by)
    SELECT id, claim_id, other_claim_id, kind, source, detected_at, resolved_at, resolved_by FROM merge_conflicts;
DROP TABLE merge_conflicts;
ALTER TABLE merge_conflicts_0008 RENAME TO merge_conflicts;
CREATE INDEX merge_conflicts_by_claim ON merge_conflicts (claim_id);
-- History carried in from another file (an import or a merge) is kept apart from the
-- project's own: imported_from names the file; NULL is an entry this project wrote.
ALTER TABLE change_log ADD COLUMN imported_from TEXT;
