-- The review rules, enforced by the server for every client (ours, psql, anything):
-- row-level security says whose rows a member may write, triggers guard how a claim's
-- status moves, write the change log in the same transaction and NOTIFY the open windows.
-- Every statement may run again (`annotator team init` is idempotent).

-- -- claims ------------------------------------------------------------------------------
-- A claim's own fields are its annotator's while nobody has accepted or rejected it;
-- its status moves through review records, save the annotator's own hand-overs.

ALTER TABLE claims ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS claims_read ON claims;
CREATE POLICY claims_read ON claims FOR SELECT USING (true);

DROP POLICY IF EXISTS claims_create ON claims;
CREATE POLICY claims_create ON claims FOR INSERT WITH CHECK (
    (annotator = current_user AND status IN ('draft', 'submitted'))
    OR (annotator = 'suggester' AND status = 'suggested')
    OR (
        -- a correction: the reviewer's version of someone else's claim (see claims_correction_reviewed)
        annotator = current_user AND status = 'accepted' AND annotator_is('reviewer')
        AND EXISTS (SELECT 1 FROM claims o WHERE o.id = claims.supersedes AND o.annotator <> current_user)
    )
);

DROP POLICY IF EXISTS claims_change ON claims;
CREATE POLICY claims_change ON claims FOR UPDATE
USING (
    (annotator = current_user AND status IN ('draft', 'submitted', 'disputed'))
    OR (annotator = current_user AND status IN ('accepted', 'rejected'))  -- a span move only (claims_guard)
    OR status = 'suggested'
    OR (pg_trigger_depth() > 0 AND annotator_is('reviewer'))  -- a review moving the status
)
WITH CHECK (annotator = current_user OR (pg_trigger_depth() > 0 AND annotator_is('reviewer')));

DROP POLICY IF EXISTS claims_remove ON claims;
CREATE POLICY claims_remove ON claims FOR DELETE USING (
    (annotator = current_user AND status IN ('draft', 'submitted', 'disputed')) OR status = 'suggested'
    OR (
        -- a reviewer taking back their correction, once its `corrected` review is taken back
        annotator = current_user AND status = 'accepted' AND supersedes IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.corrected_claim_id = claims.id)
    )
);

-- The project's own SECURITY DEFINER functions (007: taking back one's span move) run as the
-- role that owns the tables; no member can act as it, nor define a function of their own.
CREATE OR REPLACE FUNCTION annotator_in_project_function() RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT current_user = pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.claims'::regclass
$$;

CREATE OR REPLACE FUNCTION annotator_guard_claim() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() > 1 THEN
        -- the server's own code: a review moving the status (annotator_apply_review) or a
        -- foreign key's cascade; members cannot define triggers or functions of their own
        RETURN NEW;
    END IF;
    IF NEW.id <> OLD.id THEN
        RAISE EXCEPTION 'a claim''s id never changes' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status IN ('accepted', 'rejected') THEN
        -- a reviewed claim is no longer its annotator's to edit, but for moving its span: the
        -- span is what the review judged, so the move reopens it (submitted), nothing else changes
        IF NOT (
            NEW.status = 'submitted'
            AND (NEW.start, NEW."end") IS DISTINCT FROM (OLD.start, OLD."end")
            AND to_jsonb(NEW) - ARRAY['start', 'end', 'quote', 'fragments', 'status', 'updated_at']
                = to_jsonb(OLD) - ARRAY['start', 'end', 'quote', 'fragments', 'status', 'updated_at']
        ) THEN
            RAISE EXCEPTION 'a % claim changes only by moving its span, which reopens it for review', OLD.status
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
        (OLD.status IN ('draft', 'disputed') AND NEW.status = 'submitted')
        OR (OLD.status = 'submitted' AND NEW.status = 'draft'
            AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.claim_id = OLD.id))
        OR (OLD.status = 'suggested' AND NEW.status = 'draft')
    ) AND NOT annotator_in_project_function() THEN
        RAISE EXCEPTION 'a claim goes from % to % only through a review', OLD.status, NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS claims_guard ON claims;
CREATE TRIGGER claims_guard BEFORE UPDATE ON claims
    FOR EACH ROW EXECUTE FUNCTION annotator_guard_claim();

CREATE OR REPLACE FUNCTION annotator_correction_reviewed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM claims c WHERE c.id = NEW.id AND c.status = 'accepted')
       AND NOT EXISTS (
           SELECT 1 FROM reviews r
           WHERE r.corrected_claim_id = NEW.id AND r.decision = 'corrected' AND r.reviewer = NEW.annotator
       ) THEN
        RAISE EXCEPTION 'an accepted claim superseding another needs the review that corrects it'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS claims_correction_reviewed ON claims;
CREATE CONSTRAINT TRIGGER claims_correction_reviewed AFTER INSERT ON claims
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.status = 'accepted') EXECUTE FUNCTION annotator_correction_reviewed();

-- -- reviews -----------------------------------------------------------------------------

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS reviews_read ON reviews;
CREATE POLICY reviews_read ON reviews FOR SELECT USING (true);

DROP POLICY IF EXISTS reviews_create ON reviews;
CREATE POLICY reviews_create ON reviews FOR INSERT WITH CHECK (
    reviewer = current_user AND annotator_is('reviewer')
    AND EXISTS (
        SELECT 1 FROM claims c
        WHERE c.id = reviews.claim_id AND c.annotator <> current_user
          AND c.status IN ('submitted', 'disputed', 'accepted', 'rejected')
    )
);

DROP POLICY IF EXISTS reviews_take_back ON reviews;
CREATE POLICY reviews_take_back ON reviews FOR DELETE USING (reviewer = current_user);

CREATE OR REPLACE FUNCTION annotator_apply_review() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    moved integer;
    action text := current_setting('annotator.action_claim', true);
BEGIN
    -- the claim's move is logged as the decision (or 'undo'), as a project file logs it
    PERFORM set_config('annotator.action_claim', CASE TG_OP WHEN 'INSERT' THEN NEW.decision ELSE 'undo' END, true);
    IF TG_OP = 'INSERT' THEN
        UPDATE claims
        SET status = CASE NEW.decision WHEN 'corrected' THEN 'rejected' ELSE NEW.decision END,
            updated_at = annotator_now()
        WHERE id = NEW.claim_id;
        GET DIAGNOSTICS moved = ROW_COUNT;
        IF moved <> 1 THEN
            RAISE EXCEPTION 'the reviewed claim % could not take the decision', NEW.claim_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('annotator.action_claim', coalesce(action, ''), true);
        RETURN NULL;
    END IF;
    -- a review taken back: the claim stands as the latest remaining review says
    UPDATE claims
    SET status = coalesce((
            SELECT CASE r.decision WHEN 'corrected' THEN 'rejected' ELSE r.decision END
            FROM reviews r WHERE r.claim_id = OLD.claim_id
            ORDER BY r.created_at DESC, r.id DESC LIMIT 1
        ), 'submitted'),
        updated_at = annotator_now()
    WHERE id = OLD.claim_id;
    PERFORM set_config('annotator.action_claim', coalesce(action, ''), true);
    RETURN NULL;
END
$$;

-- named to fire after reviews_logged (triggers fire by name): the review, then the move it makes
DROP TRIGGER IF EXISTS reviews_apply ON reviews;
DROP TRIGGER IF EXISTS reviews_move_claim ON reviews;
CREATE TRIGGER reviews_move_claim AFTER INSERT OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION annotator_apply_review();

-- -- everything else a member writes: as themselves -------------------------------------

ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS comments_read ON comments;
CREATE POLICY comments_read ON comments FOR SELECT USING (true);
DROP POLICY IF EXISTS comments_own ON comments;
CREATE POLICY comments_own ON comments FOR ALL USING (author = current_user) WITH CHECK (author = current_user);

ALTER TABLE deleted_claims ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS deleted_claims_read ON deleted_claims;
CREATE POLICY deleted_claims_read ON deleted_claims FOR SELECT USING (true);
DROP POLICY IF EXISTS deleted_claims_own ON deleted_claims;
CREATE POLICY deleted_claims_own ON deleted_claims FOR INSERT WITH CHECK (deleted_by = current_user);

ALTER TABLE dismissed_suggestions ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS dismissed_read ON dismissed_suggestions;
CREATE POLICY dismissed_read ON dismissed_suggestions FOR SELECT USING (true);
DROP POLICY IF EXISTS dismissed_own ON dismissed_suggestions;
CREATE POLICY dismissed_own ON dismissed_suggestions FOR ALL
    USING (dismissed_by = current_user) WITH CHECK (dismissed_by = current_user);

ALTER TABLE annotators ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS annotators_read ON annotators;
CREATE POLICY annotators_read ON annotators FOR SELECT USING (true);
DROP POLICY IF EXISTS annotators_self ON annotators;
CREATE POLICY annotators_self ON annotators FOR INSERT WITH CHECK (name = current_user AND is_reviewer = 0);
DROP POLICY IF EXISTS annotators_owner ON annotators;
CREATE POLICY annotators_owner ON annotators FOR ALL USING (annotator_is('owner')) WITH CHECK (annotator_is('owner'));

-- -- the change log: insert-only for everyone, its author the connected person ----------

ALTER TABLE change_log ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS change_log_read ON change_log;
CREATE POLICY change_log_read ON change_log FOR SELECT USING (true);
DROP POLICY IF EXISTS change_log_append ON change_log;
CREATE POLICY change_log_append ON change_log FOR INSERT WITH CHECK (who = session_user);

CREATE OR REPLACE FUNCTION annotator_stamp_log() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- who and when are the server's, whatever the client sent; session_user is the person
    -- who logged in, also inside a function running with its owner's rights
    NEW.who := session_user;
    NEW.at := annotator_now();
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION annotator_refuse_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the change log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER IF EXISTS change_log_stamp ON change_log;
CREATE TRIGGER change_log_stamp BEFORE INSERT ON change_log
    FOR EACH ROW EXECUTE FUNCTION annotator_stamp_log();
DROP TRIGGER IF EXISTS change_log_no_change ON change_log;
CREATE TRIGGER change_log_no_change BEFORE UPDATE OR DELETE ON change_log
    FOR EACH ROW EXECUTE FUNCTION annotator_refuse_log_change();
DROP TRIGGER IF EXISTS change_log_no_truncate ON change_log;
CREATE TRIGGER change_log_no_truncate BEFORE TRUNCATE ON change_log
    FOR EACH STATEMENT EXECUTE FUNCTION annotator_refuse_log_change();

CREATE OR REPLACE FUNCTION annotator_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    before_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'search' - 'text' - 'rowid' END;
    after_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'search' - 'text' - 'rowid' END;
BEGIN
    -- the client may name its action (SET LOCAL annotator.action = 'submit'), or one entity's
    -- (annotator.action_review = 'delete with claim': a cascade's); who is the server's
    INSERT INTO change_log (who, action, entity, entity_id, before, after)
    VALUES (
        session_user,
        coalesce(
            nullif(current_setting('annotator.action_' || TG_ARGV[0], true), ''),
            nullif(current_setting('annotator.action', true), ''),
            lower(TG_OP)
        ),
        TG_ARGV[0],
        coalesce(after_row, before_row) ->> TG_ARGV[1],
        before_row::text,
        after_row::text
    );
    RETURN NULL;
END
$$;

DO $$
DECLARE
    logged text[][] := ARRAY[
        ['claims', 'claim', 'id'], ['reviews', 'review', 'id'], ['comments', 'comment', 'id'],
        ['articles', 'article', 'id'], ['article_events', 'article', 'article_id'],
        ['speakers', 'speaker', 'name'], ['speaker_aliases', 'speaker', 'speaker'],
        ['annotators', 'person', 'name'], ['settings', 'setting', 'key'],
        ['merge_conflicts', 'conflict', 'id'], ['dismissed_suggestions', 'article', 'article_id']
    ];
    one text[];
BEGIN
    FOREACH one SLICE 1 IN ARRAY logged LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', one[1] || '_logged', one[1]);
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I '
            'FOR EACH ROW EXECUTE FUNCTION annotator_log_change(%L, %L)',
            one[1] || '_logged', one[1], one[2], one[3]);
    END LOOP;
END
$$;

-- -- live windows: every logged change is announced when its transaction commits -------

CREATE OR REPLACE FUNCTION annotator_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('annotator', json_build_object(
        'seq', NEW.seq, 'entity', NEW.entity, 'id', NEW.entity_id, 'action', NEW.action, 'who', NEW.who
    )::text);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS change_log_notify ON change_log;
CREATE TRIGGER change_log_notify AFTER INSERT ON change_log
    FOR EACH ROW EXECUTE FUNCTION annotator_notify();
