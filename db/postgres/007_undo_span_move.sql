-- Taking back one's own span move that reopened a reviewed claim (undo in the window).
-- Moving the span of a reviewed claim sends it back to submitted (003's claims_guard); undoing
-- that move has to give the claim its status back, which no member may set directly: only a
-- review moves a status past submitted. This function does it for the move's author alone,
-- and only while the move is the last thing that happened to the claim, so the status it
-- gives back is the one the claim's reviews gave it. It runs with the rights of the role that
-- owns the tables (SECURITY DEFINER, search_path pinned), which claims_guard lets through;
-- members cannot define functions of their own. Safe to run again.

CREATE OR REPLACE FUNCTION annotator_undo_span_move(moved_claim text, moved_at text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    claim claims%ROWTYPE;
    last change_log%ROWTYPE;
    was jsonb;
    became jsonb;
    reviewed text;
    stamp text := annotator_now();
    span_columns text[] := ARRAY['start', 'end', 'quote', 'fragments', 'status', 'updated_at'];
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
    IF claim.updated_at IS DISTINCT FROM moved_at THEN
        RAISE EXCEPTION 'the claim was changed at % since your span move (%): the move cannot be undone',
            claim.updated_at, moved_at USING ERRCODE = 'insufficient_privilege';
    END IF;

    -- the claim's last change must be this person's own move that reopened it, and nothing else
    SELECT * INTO last FROM change_log
    WHERE entity = 'claim' AND entity_id = moved_claim ORDER BY seq DESC LIMIT 1;
    was := last.before::jsonb;
    became := last.after::jsonb;
    IF last.seq IS NULL OR last.who <> session_user OR was IS NULL OR became IS NULL
       OR became ->> 'updated_at' IS DISTINCT FROM claim.updated_at
       OR became ->> 'status' <> 'submitted'
       OR was ->> 'status' NOT IN ('accepted', 'rejected', 'disputed')
       OR (was - span_columns) <> (became - span_columns)
       OR (was -> 'start', was -> 'end') IS NOT DISTINCT FROM (became -> 'start', became -> 'end') THEN
        RAISE EXCEPTION 'the claim''s last change is not your span move that reopened it: only that move can be undone'
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    -- the status given back is the one its reviews give it (they cannot have changed: a review
    -- or its undo moves the claim, which would be the claim's last change)
    SELECT CASE r.decision WHEN 'corrected' THEN 'rejected' ELSE r.decision END INTO reviewed
    FROM reviews r WHERE r.claim_id = moved_claim ORDER BY r.created_at DESC, r.id DESC LIMIT 1;
    IF reviewed IS DISTINCT FROM was ->> 'status' THEN
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
