------------------------------------------------------------------------------------------------
-- Validation of names, schedules and modes
------------------------------------------------------------------------------------------------
-- Splits a possibly qualified, possibly quoted name; unqualified names go to current_schema().
CREATE OR REPLACE FUNCTION pgstream._split_name(p_name text, OUT schema_name text, OUT table_name text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_parts text[];
BEGIN
    IF p_name IS NULL OR btrim(p_name) = '' THEN
        RAISE EXCEPTION 'a stream table name must not be empty' USING ERRCODE = 'invalid_name';
    END IF;
    v_parts := parse_ident(p_name);
    IF EXISTS (SELECT 1 FROM unnest(v_parts) part WHERE octet_length(part) > 63) THEN
        RAISE EXCEPTION 'stream table name "%" is too long: PostgreSQL keeps 63 bytes of a name', p_name
            USING ERRCODE = 'name_too_long', HINT = 'Two longer names would be cut to the same one; choose a shorter name.';
    END IF;
    IF array_length(v_parts, 1) = 1 THEN
        schema_name := current_schema();
        table_name := v_parts[1];
        IF schema_name IS NULL THEN
            RAISE EXCEPTION 'no schema has been selected to create stream table "%" in', p_name
                USING ERRCODE = 'invalid_schema_name';
        END IF;
    ELSIF array_length(v_parts, 1) = 2 THEN
        schema_name := v_parts[1];
        table_name := v_parts[2];
    ELSE
        RAISE EXCEPTION 'improper stream table name "%": write table or schema.table', p_name
            USING ERRCODE = 'invalid_name';
    END IF;
END $$;

-- The stream table of a relation, which the caller named p_name.
CREATE OR REPLACE FUNCTION pgstream._stream_table(p_rel regclass, p_name text) RETURNS pgstream.stream_table
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_st pgstream.stream_table;
BEGIN
    IF p_rel IS NOT NULL THEN
        SELECT * INTO v_st FROM pgstream.stream_table WHERE relid = p_rel;
    END IF;
    IF v_st.id IS NULL THEN
        RAISE EXCEPTION 'stream table "%" does not exist', p_name
            USING ERRCODE = 'undefined_table',
                  HINT = CASE WHEN p_rel IS NULL THEN 'SELECT name FROM pgstream.stream_tables lists the stream tables.'
                              ELSE format('%s is a table, but not a stream table.', p_rel) END;
    END IF;
    RETURN v_st;
END $$;

-- The stream table a name designates (resolved like any table name, through search_path).
CREATE OR REPLACE FUNCTION pgstream._find(p_name text) RETURNS pgstream.stream_table LANGUAGE sql STABLE AS
$$ SELECT pgstream._stream_table(to_regclass(p_name), p_name) $$;

CREATE OR REPLACE FUNCTION pgstream._check_refresh_mode(p_mode text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_mode text := lower(btrim(p_mode));
BEGIN
    IF v_mode IN ('full', 'differential', 'auto') THEN
        RETURN v_mode;
    END IF;
    RAISE EXCEPTION 'invalid refresh mode "%"', p_mode
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''auto'', ''full'' or ''differential''.';
END $$;

-- Checks one field of a 5-field cron expression: lists of *, n, n-m, each with an optional /step.
CREATE OR REPLACE FUNCTION pgstream._check_cron_field(p_field text, p_what text, p_min int, p_max int, p_names text[])
RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_item  text;
    v_match text[];
    v_value text;
    v_n     int;
BEGIN
    FOREACH v_item IN ARRAY string_to_array(p_field, ',') LOOP
        v_match := regexp_match(v_item, '^(\*|([a-z0-9]+)(-([a-z0-9]+))?)(/([0-9]+))?$');
        IF v_match IS NULL OR v_match[6]::int = 0 THEN
            RETURN false;
        END IF;
        FOREACH v_value IN ARRAY ARRAY[v_match[2], v_match[4]] LOOP
            CONTINUE WHEN v_value IS NULL;
            IF v_value ~ '^[0-9]+$' THEN
                v_n := v_value::int;
            ELSE
                v_n := array_position(p_names, v_value) - 1 + p_min;
            END IF;
            IF v_n IS NULL OR v_n < p_min OR v_n > p_max THEN
                RETURN false;
            END IF;
        END LOOP;
    END LOOP;
    RETURN true;
END $$;

-- Returns the schedule normalized (trimmed, lower case), or raises.
CREATE OR REPLACE FUNCTION pgstream._check_schedule(p_schedule text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_schedule text := lower(regexp_replace(btrim(p_schedule), '\s+', ' ', 'g'));
    v_fields   text[] := string_to_array(v_schedule, ' ');
BEGIN
    IF v_schedule = 'calculated'
       OR v_schedule IN ('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly')
       OR (v_schedule ~ '^([0-9]+(s|m|h|d))+$' AND v_schedule ~ '[1-9]')
       OR (array_length(v_fields, 1) = 5
           AND pgstream._check_cron_field(v_fields[1], 'minute', 0, 59, NULL)
           AND pgstream._check_cron_field(v_fields[2], 'hour', 0, 23, NULL)
           AND pgstream._check_cron_field(v_fields[3], 'day of month', 1, 31, NULL)
           AND pgstream._check_cron_field(v_fields[4], 'month', 1, 12,
                   '{jan,feb,mar,apr,may,jun,jul,aug,sep,oct,nov,dec}')
           AND pgstream._check_cron_field(v_fields[5], 'day of week', 0, 7, '{sun,mon,tue,wed,thu,fri,sat}'))
    THEN
        RETURN v_schedule;
    END IF;
    RAISE EXCEPTION 'invalid schedule "%"', p_schedule
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'Use ''calculated'', a duration such as ''30s'', ''5m'', ''1h'' or ''1d'', '
                     'or a 5-field cron expression such as ''*/5 * * * *''.';
END $$;

CREATE OR REPLACE FUNCTION pgstream._check_status(p_status text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF lower(btrim(p_status)) IN ('active', 'suspended') THEN
        RETURN lower(btrim(p_status));
    END IF;
    RAISE EXCEPTION 'invalid status "%"', p_status
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''active'' or ''suspended''.';
END $$;

-- Creating a consumer must read its sources in a snapshot taken after the capture triggers exist.
CREATE OR REPLACE FUNCTION pgstream._require_read_committed(p_what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'cannot % in a % transaction', p_what, current_setting('transaction_isolation')
            USING ERRCODE = 'active_sql_transaction',
                  HINT = 'Run it in a READ COMMITTED transaction (the default), so that no concurrent change is missed.';
    END IF;
END $$;

------------------------------------------------------------------------------------------------
-- Who may do what (90-privileges.sql has the privilege model)
------------------------------------------------------------------------------------------------
-- The role pg_stream was installed by: it owns the catalog and the SECURITY DEFINER functions.
CREATE OR REPLACE FUNCTION pgstream._install_role() RETURNS oid LANGUAGE sql STABLE AS
$$ SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname = 'pgstream' $$;

CREATE OR REPLACE FUNCTION pgstream._is_superuser(p_role oid) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce((SELECT rolsuper FROM pg_catalog.pg_roles WHERE oid = p_role), false) $$;

-- Whether the calling session may manage a stream table owned by p_owner: it is (a member of) the owner,
-- a member of pgstream_admin, or a superuser. The session's login role decides: inside a SECURITY
-- DEFINER function current_user is the install role.
CREATE OR REPLACE FUNCTION pgstream._may_manage(p_owner oid) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_catalog.pg_has_role(session_user, p_owner, 'MEMBER')
        OR pg_catalog.pg_has_role(session_user, 'pgstream_admin', 'MEMBER')
$$;

-- Whether the calling user may see what a stream table's catalog row says about its sources (its query,
-- its errors): its owner's members and pgstream_admin. Others see that it exists, as pg_class shows.
CREATE OR REPLACE FUNCTION pgstream._may_inspect(p_relid oid) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_catalog.pg_has_role(session_user, 'pgstream_admin', 'MEMBER')
        OR coalesce((SELECT pg_catalog.pg_has_role(session_user, relowner, 'MEMBER')
                       FROM pg_catalog.pg_class WHERE oid = p_relid), false)
$$;
