-- The project's group roles and what each may touch. Roles belong to the whole server, so
-- each project's groups are named after its database: <database>_owner, _reviewer,
-- _analyst, _reader. A person is a login role that is a member of one or more of them.
-- Which rows a member may change is decided by the policies and triggers of 003_rules.sql.

CREATE OR REPLACE FUNCTION annotator_group(kind text) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT current_database() || '_' || kind $$;

CREATE OR REPLACE FUNCTION annotator_is(kind text) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT pg_has_role(current_user, annotator_group(kind), 'MEMBER') $$;

DO $$
DECLARE
    kind text;
BEGIN
    FOREACH kind IN ARRAY ARRAY['owner', 'reviewer', 'analyst', 'reader'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = annotator_group(kind)) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', annotator_group(kind));
        END IF;
    END LOOP;
    -- a reviewer annotates too (corrections are claims); everyone reads
    EXECUTE format('GRANT %I TO %I', annotator_group('analyst'), annotator_group('reviewer'));
    EXECUTE format('GRANT %I TO %I', annotator_group('reader'), annotator_group('analyst'));
    EXECUTE format('GRANT %I TO %I', annotator_group('reader'), annotator_group('owner'));

    -- only members connect; nobody creates temporary tables (a temporary table's trigger
    -- would run the member's own code inside a trigger, where 003's guards trust the caller)
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), annotator_group('reader'));
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', annotator_group('reader'));

    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', annotator_group('reader'));
    EXECUTE format(
        'GRANT INSERT, UPDATE, DELETE ON claims, comments, dismissed_suggestions, merge_conflicts, '
        'article_events, speakers, speaker_aliases TO %I', annotator_group('analyst'));
    EXECUTE format('GRANT INSERT, UPDATE ON articles TO %I', annotator_group('analyst'));
    EXECUTE format('GRANT INSERT ON deleted_claims, annotators TO %I', annotator_group('analyst'));
    EXECUTE format('GRANT INSERT, DELETE ON reviews TO %I', annotator_group('reviewer'));
    EXECUTE format('GRANT INSERT ON change_log TO %I, %I', annotator_group('analyst'), annotator_group('owner'));
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON settings, annotators TO %I', annotator_group('owner'));
    EXECUTE format('GRANT DELETE ON articles TO %I', annotator_group('owner'));
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', annotator_group('analyst'));
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', annotator_group('owner'));
    -- nobody outside the groups runs the project's functions
    REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', annotator_group('reader'));
END
$$;
