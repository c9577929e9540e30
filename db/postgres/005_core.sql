-- What the core reads and writes on both back ends, brought level with the project file's
-- schema (db/migrations up to 0008): the order columns SQLite calls rowid, history carried in
-- from files, merge refusals, and taking back one's own deletion (undo). Safe to run again.

-- SQLite orders reviews, comments and conflicts by rowid (insertion order); so does the server
ALTER TABLE reviews ADD COLUMN IF NOT EXISTS rowid bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE comments ADD COLUMN IF NOT EXISTS rowid bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE merge_conflicts ADD COLUMN IF NOT EXISTS rowid bigint GENERATED ALWAYS AS IDENTITY;

ALTER TABLE change_log ADD COLUMN IF NOT EXISTS imported_from text;

ALTER TABLE merge_conflicts ADD COLUMN IF NOT EXISTS reason text NOT NULL DEFAULT '';
ALTER TABLE merge_conflicts ADD COLUMN IF NOT EXISTS theirs text;
ALTER TABLE merge_conflicts DROP CONSTRAINT IF EXISTS merge_conflicts_kind_check;
ALTER TABLE merge_conflicts ADD CONSTRAINT merge_conflicts_kind_check
    CHECK (kind IN ('edited', 'deleted', 'refused'));

CREATE INDEX IF NOT EXISTS reviews_by_corrected ON reviews (corrected_claim_id);

-- undoing one's own delete takes its tombstone back
DROP POLICY IF EXISTS deleted_claims_take_back ON deleted_claims;
CREATE POLICY deleted_claims_take_back ON deleted_claims FOR DELETE USING (deleted_by = current_user);

DO $$
BEGIN
    EXECUTE format('GRANT DELETE ON deleted_claims TO %I', annotator_group('analyst'));
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I, %I',
        annotator_group('analyst'), annotator_group('owner'));
END
$$;

INSERT INTO team_schema (version) VALUES (2) ON CONFLICT (version) DO NOTHING;
