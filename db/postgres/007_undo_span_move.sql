-- Taking back one's own span move that reopened a reviewed claim (undo in the window).
-- Moving the span of a reviewed claim sends it back to submitted (003's claims_guard); undoing
-- that move has to give the claim its status back, which no member may set directly: only a
-- review moves a status past submitted. This function does it for the move's author alone,
-- only while nothing but their own span changes (moves and their undos, which bring the span
-- back) followed the move, and only to a state the claim really had: a member may append
-- entries to the change log (history carried in from files), so the state given back is the
-- one the entry before the move left, written by someone else (a review, its undo) or by this
-- function. It runs with the rights of the role that owns the tables (SECURITY DEFINER,
-- search_path pinned), which claims_guard lets through; members cannot define functions of
-- their own. Safe to run again.

-- The claim states this function gave back: an entry the caller wrote that can be trusted.
CREATE TABLE IF NOT EXISTS span_move_undos (
    claim_id text NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    restored_at text NOT NULL,
    PRIMARY KEY (claim_id, restored_at)
);
REVOKE ALL ON span_move_undos FROM PUBLIC;

CREATE OR REPLACE FUNCTION annotator_undo_span_move(moved_claim text, moved_at text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    claim claims%ROWTYPE;
    moved change_log%ROWTYPE;
    earlier change_log%ROWTYPE;
    later change_log%ROWTYPE;
    was jsonb;
    became jsonb;
    reviewed text;
    stamp text := annotator_now();
    span text[] := ARRAY['start', 'end', 'quote', 'fragments', 'updated_at'];
    span_and_status text[] := ARRAY['start', 'end', 'quote', 'fragments', 'updated_at', 'status'];
    action text := current_setting('annotator.action_claim', true);
BEGIN
    SELECT * INTO claim FROM claims WHERE id = moved_claim FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no claim % in this project: its span move cannot be undone', moved_claim
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF claim.annotator <> session_user THEN
        RAISE EXCEPTION 'the claim is %''s: only they can undo a move of its span', claim.annotator
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    -- the move: the caller's own, the one that gave the claim `moved_at`, reopening it
    SELECT * INTO moved FROM change_log
    WHERE entity = 'claim' AND entity_id = moved_claim AND after::jsonb ->> 'updated_at' = moved_at
    ORDER BY seq DESC LIMIT 1;
    was := moved.before::jsonb;
    became := moved.after::jsonb;
    IF moved.seq IS NULL OR moved.who <> session_user OR was IS NULL
       OR became ->> 'status' <> 'submitted'
       OR coalesce(was ->> 'status', '') NOT IN ('accepted', 'rejected', 'disputed')
       OR (was - span_and_status) <> (became - span_and_status)
       OR (was -> 'start', was -> 'end') IS NOT DISTINCT FROM (became -> 'start', became -> 'end') THEN
        RAISE EXCEPTION 'no span move of yours reopened this claim at %: only such a move can be undone', moved_at
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    -- since then: only the caller's own span changes of the submitted claim, and its span is
    -- the move's again (later moves were taken back)
    FOR later IN SELECT * FROM change_log
        WHERE entity = 'claim' AND entity_id = moved_claim AND seq > moved.seq ORDER BY seq
    LOOP
        IF later.who <> session_user OR later.before IS NULL OR later.after IS NULL
           OR later.before::jsonb ->> 'status' <> 'submitted' OR later.after::jsonb ->> 'status' <> 'submitted'
           OR (later.before::jsonb - span) <> (later.after::jsonb - span) THEN
            RAISE EXCEPTION 'the claim was changed since your span move (% by %): the move cannot be undone',
                later.action, later.who USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    IF (to_jsonb(claim) - 'rowid') - 'updated_at' <> became - 'updated_at' THEN
        RAISE EXCEPTION 'the claim is not as your span move left it: undo your later changes first'
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    -- the state given back is one the claim really had: the entry before the move left it,
    -- and that entry is not one the caller could have written themselves
    SELECT * INTO earlier FROM change_log
    WHERE entity = 'claim' AND entity_id = moved_claim AND seq < moved.seq ORDER BY seq DESC LIMIT 1;
    IF was ->> 'status' <> 'disputed' AND NOT (
        earlier.after IS NOT NULL AND earlier.after::jsonb = was AND (
            earlier.who <> session_user
            OR EXISTS (SELECT 1 FROM span_move_undos u
                       WHERE u.claim_id = moved_claim AND u.restored_at = was ->> 'updated_at')
            OR EXISTS (SELECT 1 FROM reviews r  -- a reviewer's own correction: theirs to set
                       WHERE r.corrected_claim_id = moved_claim AND r.reviewer = session_user)
        )
    ) THEN
        RAISE EXCEPTION 'the claim''s history before your span move does not show it %: the move cannot be undone',
            was ->> 'status' USING ERRCODE = 'insufficient_privilege';
    END IF;

    -- and the one its reviews give it (a review, or taking one back, moves the claim, which
    -- would have stopped the checks above)
    SELECT CASE r.decision WHEN 'corrected' THEN 'rejected' ELSE r.decision END INTO reviewed
    FROM reviews r WHERE r.claim_id = moved_claim ORDER BY r.created_at DESC, r.id DESC LIMIT 1;
    IF reviewed IS DISTINCT FROM was ->> 'status'
       AND NOT (reviewed IS NULL AND was ->> 'status' = 'accepted' AND claim.supersedes IS NOT NULL) THEN
        RAISE EXCEPTION 'the claim''s reviews no longer say %: its span move cannot be undone', was ->> 'status'
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    IF stamp <= claim.updated_at THEN  -- a new version, even within the same millisecond
        stamp := to_char((claim.updated_at::timestamptz + interval '1 millisecond') AT TIME ZONE 'UTC',
                         'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    END IF;
    PERFORM set_config('annotator.action_claim', 'undo move span', true);
    UPDATE claims
    SET start = (was ->> 'start')::integer, "end" = (was ->> 'end')::integer, quote = was ->> 'quote',
        fragments = was ->> 'fragments', status = was ->> 'status', updated_at = stamp
    WHERE id = moved_claim;
    PERFORM set_config('annotator.action_claim', coalesce(action, ''), true);
    INSERT INTO span_move_undos (claim_id, restored_at) VALUES (moved_claim, stamp);
    RETURN stamp;
END
$$;

DO $$
BEGIN
    REVOKE ALL ON FUNCTION annotator_undo_span_move(text, text) FROM PUBLIC;
    -- 002 grants the reader group every function; taking back a move is for those who annotate
    EXECUTE format('REVOKE ALL ON FUNCTION annotator_undo_span_move(text, text) FROM %I', annotator_group('reader'));
    EXECUTE format('GRANT EXECUTE ON FUNCTION annotator_undo_span_move(text, text) TO %I, %I, %I',
        annotator_group('analyst'), annotator_group('reviewer'), annotator_group('owner'));
END
$$;

INSERT INTO team_schema (version) VALUES (4) ON CONFLICT (version) DO NOTHING;
