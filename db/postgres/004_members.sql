-- Managing the project's members: owners only. These functions run with the rights of the
-- administrator who ran `annotator team init` (who may create roles); EXECUTE is granted to
-- the owner group alone, so an owner needs no CREATEROLE of their own.

CREATE OR REPLACE FUNCTION annotator_add_member(person text, kind text, verifier text DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    created boolean := false;
BEGIN
    IF kind NOT IN ('owner', 'reviewer', 'analyst', 'reader') THEN
        RAISE EXCEPTION 'unknown role %: choose owner, reviewer, analyst or reader', kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF person = '' OR person LIKE 'pg\_%' OR EXISTS (
        SELECT 1 FROM pg_roles WHERE rolname = person AND (rolsuper OR NOT rolcanlogin)
    ) THEN
        RAISE EXCEPTION '% cannot be a member: it is a superuser, a group or a reserved name', person
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = person) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', person);
        created := true;
    END IF;
    IF verifier IS NOT NULL THEN
        IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
            RAISE EXCEPTION 'a password reaches the server only as a SCRAM verifier'
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        EXECUTE format('ALTER ROLE %I PASSWORD %L', person, verifier);
    END IF;
    EXECUTE format('GRANT %I TO %I', annotator_group(kind), person);
    INSERT INTO annotators (name, is_reviewer) VALUES (person, (kind = 'reviewer')::integer)
    ON CONFLICT (name) DO UPDATE SET is_reviewer = greatest(annotators.is_reviewer, excluded.is_reviewer);
    RETURN created;
END
$$;

CREATE OR REPLACE FUNCTION annotator_remove_member(person text) RETURNS text[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    kind text;
    removed text[] := ARRAY[]::text[];
BEGIN
    FOREACH kind IN ARRAY ARRAY['owner', 'reviewer', 'analyst', 'reader'] LOOP
        IF EXISTS (
            SELECT 1 FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
            WHERE g.rolname = annotator_group(kind) AND r.rolname = person
        ) THEN
            EXECUTE format('REVOKE %I FROM %I', annotator_group(kind), person);
            removed := removed || kind;
        END IF;
    END LOOP;
    UPDATE annotators SET is_reviewer = 0 WHERE name = person;
    RETURN removed;
END
$$;

DO $$
BEGIN
    REVOKE ALL ON FUNCTION annotator_add_member(text, text, text) FROM PUBLIC;
    REVOKE ALL ON FUNCTION annotator_remove_member(text) FROM PUBLIC;
    EXECUTE format('REVOKE ALL ON FUNCTION annotator_add_member(text, text, text) FROM %I', annotator_group('reader'));
    EXECUTE format('REVOKE ALL ON FUNCTION annotator_remove_member(text) FROM %I', annotator_group('reader'));
    EXECUTE format('GRANT EXECUTE ON FUNCTION annotator_add_member(text, text, text) TO %I', annotator_group('owner'));
    EXECUTE format('GRANT EXECUTE ON FUNCTION annotator_remove_member(text) TO %I', annotator_group('owner'));
END
$$;
