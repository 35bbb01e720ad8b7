-- pg_stream 0.1.0: catalog, SQL API, change capture and refresh execution, in plain SQL and PL/pgSQL.
-- The engine (pg-stream run) schedules refreshes; everything a refresh needs lives here, so a manual
-- refresh works without it.
\echo Use "CREATE EXTENSION pg_stream" to load this file. \quit

CREATE SCHEMA pgstream_changes;
COMMENT ON SCHEMA pgstream_changes IS 'pg_stream change buffers: one table per captured source table';

CREATE FUNCTION pgstream.version() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT '0.1.0' $$;
------------------------------------------------------------------------------------------------
-- Settings
------------------------------------------------------------------------------------------------
CREATE TABLE pgstream.settings (
    name        text PRIMARY KEY,
    value       text NOT NULL,
    description text NOT NULL
);
INSERT INTO pgstream.settings (name, value, description) VALUES
  ('calculated_interval', '1m',
   'Refresh interval (a duration such as 30s, 5m) of a stream table whose schedule is ''calculated''.'),
  ('history_retention', '7 days',
   'How long rows are kept in pgstream.refresh_history (a PostgreSQL interval).'),
  ('differential_max_change_ratio', '0.3',
   'In refresh mode auto, a cycle whose pending changes exceed this fraction of the sources'' rows refreshes in full.'),
  ('max_consecutive_errors', '3',
   'A stream table whose refresh fails this many times in a row is suspended automatically.'),
  ('stale_alert_factor', '2',
   'A stale alert is sent when a stream table''s staleness exceeds this multiple of its effective schedule.'),
  ('alert_interval', '1 minute',
   'The least time between two alerts of the same kind for the same stream table (a PostgreSQL interval).'),
  ('wal_capture', 'on',
   'on: a source moves from capture triggers to logical decoding of the WAL once every stream table reading it has refreshed (needs wal_level = logical and an engine); off: every source stays on triggers.'),
  ('wal_wait_timeout', '1 minute',
   'How long a refresh waits for the engine''s WAL decoder to write the changes its snapshot sees (a PostgreSQL interval).'),
  ('wal_consumer_timeout', '10 minutes',
   'A slot no engine has decoded for this long is dropped, and its sources fall back to triggers (the WAL it retains is the risk).'),
  ('wal_retry_after', '1 minute',
   'A source that fell back from the WAL to triggers waits this long before moving to the WAL again.'),
  ('wal_decoder_max_failures', '3',
   'WAL-captured sources fall back to triggers after the decoder fails this many times in a row.'),
  ('slot_lag_alert_bytes', '1073741824',
   'A slot_lag alert is sent when the WAL not yet decoded exceeds this many bytes (0 turns it off).');

CREATE FUNCTION pgstream.setting(p_name text) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT value FROM pgstream.settings WHERE name = p_name $$;
------------------------------------------------------------------------------------------------
-- Catalog
------------------------------------------------------------------------------------------------
CREATE TABLE pgstream.stream_table (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relid                 oid NOT NULL UNIQUE,          -- the table that stores the result
    query                 text NOT NULL,                -- as the user wrote it
    definition            text NOT NULL,                -- as PostgreSQL normalized it, schema-qualified
    schedule              text NOT NULL,
    refresh_mode          text NOT NULL CHECK (refresh_mode IN ('full', 'differential', 'auto')),
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'error')),
    suspended_reason      text,                         -- why status is 'suspended'
    last_error            text,
    -- How often it refreshes: a duration schedule's interval, a cron schedule's shortest period, or for
    -- 'calculated' the tightest effective interval of its dependents (see _recompute_schedules).
    effective_interval    interval,
    effective_basis       text,                         -- where effective_interval comes from
    consecutive_errors    integer NOT NULL DEFAULT 0,
    -- The frontier: the snapshot of the last refresh, plus the refreshing transaction's own xid and
    -- the change sequence it had reached (its own uncommitted changes are consumed up to there).
    frontier              pg_snapshot,
    frontier_xid          xid8,
    frontier_seq          bigint,
    data_timestamp        timestamptz,                  -- when the frontier snapshot was taken
    last_refresh_at       timestamptz,
    last_refresh_action   text,
    last_refresh_duration interval,
    -- The differential plan, compiled by the engine from the definition (pending until then).
    plan_status           text NOT NULL DEFAULT 'pending' CHECK (plan_status IN ('pending', 'differential', 'full_only')),
    plan_reason           text,                         -- why not differential
    operator_tree         text,
    full_query            text,                         -- the definition plus hidden columns
    delta_sql             text,                         -- one statement: consume changes, apply them
    -- Tables the delta statement keeps beside the stored one (a TopK's input), and the query of each
    -- one's rows, by which a FULL refresh refills it in its own statement.
    state_tables          text[] NOT NULL DEFAULT '{}',
    state_fills           text[] NOT NULL DEFAULT '{}',
    -- Why the next refresh must be FULL whatever its mode (a capture fallback that may have missed changes).
    pending_full_reason   text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    created_by            name NOT NULL DEFAULT current_user
);

CREATE TABLE pgstream.source (
    stream_table_id bigint NOT NULL REFERENCES pgstream.stream_table ON DELETE CASCADE,
    source_relid    oid NOT NULL,
    source_name     text NOT NULL,  -- the name when the stream table was defined, for messages after a drop
    columns         name[] NOT NULL,
    PRIMARY KEY (stream_table_id, source_relid)
);
CREATE INDEX source_relid_idx ON pgstream.source (source_relid);

-- One row per captured table; its buffer is pgstream_changes."changes_<relid>". Its changes come from
-- capture triggers (mode trigger) or from the engine's WAL decoder (mode wal); in between (transitioning,
-- and back) a cutover snapshot says which origin counts for which transaction (see _counted).
CREATE TABLE pgstream.capture (
    source_relid     oid PRIMARY KEY,
    source_name      text NOT NULL,
    columns          name[] NOT NULL,  -- the union of the columns its consumers read
    capture_setting  text NOT NULL DEFAULT 'auto' CHECK (capture_setting IN ('auto', 'trigger')),
    mode             text NOT NULL DEFAULT 'trigger' CHECK (mode IN ('trigger', 'transitioning', 'wal')),
    mode_since       timestamptz NOT NULL DEFAULT now(),
    -- A cutover in progress: transactions visible in cutover count from the origin the source leaves,
    -- the others from cutover_to. cutover_after: the cutover may be taken once it and every older
    -- transaction have ended; cutover_lsn: the decoder has passed the cutover once it has decoded this far.
    cutover          pg_snapshot,
    cutover_after    xid8,
    cutover_lsn      pg_lsn,
    cutover_to       text CHECK (cutover_to IN ('trigger', 'wal')),
    trigger_reason   text,             -- why it is on triggers (NULL when it is not, or nothing stops it)
    fallback_reason  text,             -- why it last fell back from the WAL to triggers
    fallback_at      timestamptz,
    last_decoded_lsn pg_lsn,           -- the commit of the last decoded transaction that changed it
    last_decoded_at  timestamptz,
    replica_identity_before "char"     -- set when pg_stream made it REPLICA IDENTITY FULL: what to restore
);

-- The database's slot and how far its decoder has written: every transaction whose commit record lies
-- before decoded_lsn has its rows in the buffers (committed with this row).
CREATE TABLE pgstream.wal_capture (
    singleton            boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    slot_name            name NOT NULL,
    publication          name NOT NULL,
    decoded_lsn          pg_lsn NOT NULL,
    decoded_at           timestamptz NOT NULL DEFAULT now(),  -- when a decoder last wrote or confirmed it
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_error           text,
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pgstream.refresh_history (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_table_id  bigint NOT NULL REFERENCES pgstream.stream_table ON DELETE CASCADE,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    duration         interval GENERATED ALWAYS AS (finished_at - started_at) STORED,
    initiated_by     text NOT NULL CHECK (initiated_by IN ('initial', 'manual', 'scheduled')),
    action           text NOT NULL CHECK (action IN ('FULL', 'DIFFERENTIAL', 'SKIP', 'ERROR')),
    reason           text,
    rows_inserted    bigint NOT NULL DEFAULT 0,
    rows_deleted     bigint NOT NULL DEFAULT 0,
    rows_updated     bigint NOT NULL DEFAULT 0,
    changes_consumed bigint NOT NULL DEFAULT 0,
    cycles           integer NOT NULL DEFAULT 1,  -- consecutive skipped cycles share one row
    error            text,
    refreshed_by     text NOT NULL DEFAULT current_setting('application_name')
);
CREATE INDEX refresh_history_st_idx ON pgstream.refresh_history (stream_table_id, id);
CREATE INDEX refresh_history_finished_idx ON pgstream.refresh_history (finished_at);  -- trim_history, every few seconds

-- Every change row gets a number; a transaction's own rows are consumed up to a number (see frontier_seq).
-- CACHE 1 keeps the numbers one session draws increasing in the order it writes them.
CREATE SEQUENCE pgstream.change_seq CACHE 1;

CREATE TYPE pgstream.refresh_result AS (
    stream_table  text,
    action        text,
    reason        text,
    rows_inserted bigint,
    rows_deleted  bigint,
    duration      interval,
    rows_updated  bigint
);

-- Engines LISTEN on this channel and reload their schedule.
CREATE FUNCTION pgstream._notify_catalog() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pgstream_catalog', TG_OP);
    RETURN NULL;
END $$;
CREATE TRIGGER stream_table_added_or_dropped AFTER INSERT OR DELETE
    ON pgstream.stream_table FOR EACH STATEMENT EXECUTE FUNCTION pgstream._notify_catalog();
-- Only real changes of what schedules: every refresh sets status, and reloading a large catalog after
-- each refresh would cost every engine more than the refreshes themselves. (pg_notify sends one
-- notification per transaction for identical payloads, so a row trigger is cheap.)
CREATE TRIGGER stream_table_changed AFTER UPDATE ON pgstream.stream_table FOR EACH ROW
    WHEN ((OLD.schedule, OLD.refresh_mode, OLD.status, OLD.relid, OLD.effective_interval, OLD.plan_status)
          IS DISTINCT FROM (NEW.schedule, NEW.refresh_mode, NEW.status, NEW.relid, NEW.effective_interval, NEW.plan_status))
    EXECUTE FUNCTION pgstream._notify_catalog();
------------------------------------------------------------------------------------------------
-- Locks. Advisory locks die with their session, so a crashed engine never leaves anything locked.
------------------------------------------------------------------------------------------------
-- Maps a bigint id into the int4 half of a two-key advisory lock.
CREATE FUNCTION pgstream._lock_id(p_id bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS
$$ SELECT ((p_id % 4294967296) - 2147483648)::integer $$;

-- Held for the whole refresh (and by drop/alter) of one stream table. key1 is 'PGST'.
CREATE FUNCTION pgstream._lock_stream_table(p_id bigint) RETURNS void LANGUAGE sql AS
$$ SELECT pg_advisory_xact_lock(1346851668, pgstream._lock_id(p_id)) $$;

-- What an engine calls before a scheduled refresh, so that it never waits behind another engine.
CREATE FUNCTION pgstream.try_lock_stream_table(p_id bigint) RETURNS boolean LANGUAGE sql AS
$$ SELECT pg_try_advisory_xact_lock(1346851668, pgstream._lock_id(p_id)) $$;

-- Held by whoever adds a consumer to a source, and tried by buffer trimming: a trim must see every
-- consumer's frontier, including one being created.
CREATE FUNCTION pgstream._lock_capture(p_relid oid, p_wait boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF p_wait THEN
        PERFORM pg_advisory_xact_lock(1346851669, pgstream._lock_id(p_relid::bigint));
        RETURN true;
    END IF;
    RETURN pg_try_advisory_xact_lock(1346851669, pgstream._lock_id(p_relid::bigint));
END $$;
------------------------------------------------------------------------------------------------
-- Validation of names, schedules and modes
------------------------------------------------------------------------------------------------
-- Splits a possibly qualified, possibly quoted name; unqualified names go to current_schema().
CREATE FUNCTION pgstream._split_name(p_name text, OUT schema_name text, OUT table_name text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_parts text[];
BEGIN
    IF p_name IS NULL OR btrim(p_name) = '' THEN
        RAISE EXCEPTION 'a stream table name must not be empty' USING ERRCODE = 'invalid_name';
    END IF;
    v_parts := parse_ident(p_name);
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

-- The stream table a name designates (resolved like any table name, through search_path).
CREATE FUNCTION pgstream._find(p_name text) RETURNS pgstream.stream_table LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_rel regclass := to_regclass(p_name);
    v_st  pgstream.stream_table;
BEGIN
    IF v_rel IS NOT NULL THEN
        SELECT * INTO v_st FROM pgstream.stream_table WHERE relid = v_rel;
    END IF;
    IF v_st.id IS NULL THEN
        RAISE EXCEPTION 'stream table "%" does not exist', p_name
            USING ERRCODE = 'undefined_table',
                  HINT = CASE WHEN v_rel IS NULL THEN 'SELECT name FROM pgstream.stream_tables lists the stream tables.'
                              ELSE format('%s is a table, but not a stream table.', v_rel) END;
    END IF;
    RETURN v_st;
END $$;

CREATE FUNCTION pgstream._check_refresh_mode(p_mode text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
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
CREATE FUNCTION pgstream._check_cron_field(p_field text, p_what text, p_min int, p_max int, p_names text[])
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
CREATE FUNCTION pgstream._check_schedule(p_schedule text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
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

CREATE FUNCTION pgstream._check_status(p_status text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF lower(btrim(p_status)) IN ('active', 'suspended') THEN
        RETURN lower(btrim(p_status));
    END IF;
    RAISE EXCEPTION 'invalid status "%"', p_status
        USING ERRCODE = 'invalid_parameter_value', HINT = 'Use ''active'' or ''suspended''.';
END $$;

-- Creating a consumer must read its sources in a snapshot taken after the capture triggers exist.
CREATE FUNCTION pgstream._require_read_committed(p_what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'cannot % in a % transaction', p_what, current_setting('transaction_isolation')
            USING ERRCODE = 'active_sql_transaction',
                  HINT = 'Run it in a READ COMMITTED transaction (the default), so that no concurrent change is missed.';
    END IF;
END $$;
------------------------------------------------------------------------------------------------
-- Query analysis: PostgreSQL validates and normalizes the query through a temporary view.
------------------------------------------------------------------------------------------------
-- Creates pg_temp.pgstream_query over the query; errors are PostgreSQL's own, positioned in the query
-- (the query starts on line 2 of the statement, after the CREATE line).
CREATE FUNCTION pgstream._define(p_query text) RETURNS regclass LANGUAGE plpgsql AS $$
DECLARE
    v_query text := regexp_replace(coalesce(p_query, ''), '[[:space:];]+$', '');
    v_view  regclass;
    v_bad   text;
BEGIN
    IF btrim(v_query) = '' THEN
        RAISE EXCEPTION 'the query of a stream table must not be empty' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF to_regclass('pg_temp.pgstream_query') IS NOT NULL THEN
        DROP VIEW pg_temp.pgstream_query;
    END IF;
    BEGIN
        EXECUTE E'CREATE TEMP VIEW pgstream_query AS\n' || v_query;
    EXCEPTION WHEN duplicate_column THEN
        RAISE EXCEPTION '%', SQLERRM USING ERRCODE = 'duplicate_column',
            HINT = 'Every output column of a stream table needs its own name: use AS to rename.';
    END;
    v_view := 'pg_temp.pgstream_query'::regclass;

    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = v_view AND attnum > 0) THEN
        RAISE EXCEPTION 'the query of a stream table must return at least one column'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT string_agg(quote_ident(attname), ', ') INTO v_bad
      FROM pg_attribute WHERE attrelid = v_view AND attnum > 0 AND attname LIKE '\_\_pgs\_%';
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'output column name % is reserved for pg_stream', v_bad
            USING ERRCODE = 'reserved_name', HINT = 'Rename the column: names starting with __pgs_ are reserved.';
    END IF;

    -- Volatile functions would make the stored result differ from any recomputation. Builtin functions
    -- are pinned and absent from pg_depend, so read the function ids from the view's rewrite rule.
    SELECT string_agg(DISTINCT p.oid::regprocedure::text, ', ') INTO v_bad
      FROM pg_rewrite r
     CROSS JOIN LATERAL regexp_matches(r.ev_action::text, ':(?:funcid|opfuncid|aggfnoid|winfnoid) ([0-9]+)', 'g') m
      JOIN pg_proc p ON p.oid = m[1]::oid
     WHERE r.ev_class = v_view AND p.provolatile = 'v';
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'the query calls the volatile function %', v_bad
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'A stream table must equal its query recomputed at any time; volatile functions (random(), clock_timestamp(), nextval(), ...) prevent that.';
    END IF;
    RETURN v_view;
END $$;

-- The view's query as PostgreSQL prints it with an empty search_path: every name schema-qualified, so
-- the stored definition means the same thing in any session.
CREATE FUNCTION pgstream._definition(p_view regclass) RETURNS text LANGUAGE sql STABLE
SET search_path = '' AS
$$ SELECT pg_catalog.rtrim(pg_catalog.pg_get_viewdef(p_view, false), ';') $$;

-- The tables a view reads (through other views too) and the columns it reads from each.
CREATE FUNCTION pgstream._view_sources(p_view regclass)
RETURNS TABLE (relid oid, relkind "char", persistence "char", columns name[]) LANGUAGE sql STABLE AS $$
    WITH RECURSIVE reads(view_oid, relid, attnum) AS (
        SELECT r.ev_class, d.refobjid, d.refobjsubid
          FROM pg_rewrite r
          JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                          AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
         WHERE r.ev_class = p_view
        UNION
        SELECT r.ev_class, d.refobjid, d.refobjsubid
          FROM reads
          JOIN pg_class c ON c.oid = reads.relid AND c.relkind = 'v'
          JOIN pg_rewrite r ON r.ev_class = c.oid
          JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                          AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
    )
    SELECT c.oid, c.relkind, c.relpersistence,
           coalesce(array_agg(DISTINCT a.attname ORDER BY a.attname) FILTER (WHERE a.attname IS NOT NULL), '{}')
      FROM reads
      JOIN pg_class c ON c.oid = reads.relid
      LEFT JOIN pg_attribute a ON a.attrelid = reads.relid AND a.attnum = reads.attnum AND reads.attnum > 0
     WHERE c.relkind <> 'v'
     GROUP BY c.oid, c.relkind, c.relpersistence
$$;

-- Records the sources of a stream table and makes sure each one is captured.
CREATE FUNCTION pgstream._attach_sources(p_id bigint, p_view regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_src record;
BEGIN
    FOR v_src IN SELECT * FROM pgstream._view_sources(p_view) ORDER BY relid LOOP
        IF v_src.persistence = 't' THEN
            RAISE EXCEPTION 'the query reads the temporary table %', v_src.relid::regclass
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'A stream table outlives the session; temporary tables do not.';
        ELSIF v_src.relkind NOT IN ('r', 'p') THEN
            RAISE EXCEPTION 'the query reads %, a %: its changes cannot be captured', v_src.relid::regclass,
                CASE v_src.relkind WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
                                   WHEN 'S' THEN 'sequence' ELSE 'relation of kind ' || v_src.relkind END
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'Stream tables read tables, partitioned tables, views over them, and other stream tables.';
        ELSIF (SELECT relnamespace FROM pg_class WHERE oid = v_src.relid)
              IN ('pgstream'::regnamespace, 'pgstream_changes'::regnamespace) THEN
            RAISE EXCEPTION 'the query reads %, which belongs to pg_stream itself', v_src.relid::regclass
                USING ERRCODE = 'feature_not_supported';
        END IF;
        INSERT INTO pgstream.source (stream_table_id, source_relid, source_name, columns)
        VALUES (p_id, v_src.relid, v_src.relid::regclass::text, v_src.columns);
        PERFORM pgstream._ensure_capture(v_src.relid, v_src.columns);
    END LOOP;
END $$;
------------------------------------------------------------------------------------------------
-- Change capture: statement-level AFTER triggers with transition tables write the changed rows
-- (the columns consumers read) to the source's buffer, each with its writer's top-level xid.
------------------------------------------------------------------------------------------------
CREATE FUNCTION pgstream._buffer(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'changes_' || p_relid) $$;

CREATE FUNCTION pgstream._capture_function(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'capture_' || p_relid) $$;

-- The function through which delta statements read a source's changes (see _write_reader).
CREATE FUNCTION pgstream._reader(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'read_' || p_relid) $$;

-- Whether a source's changes come, or still come, from the WAL decoder: on the WAL, joining it, or leaving
-- it (a cutover back to triggers whose earlier transactions the decoder writes).
CREATE FUNCTION pgstream._uses_decoder(p_capture pgstream.capture) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT p_capture.mode <> 'trigger' OR p_capture.cutover IS NOT NULL $$;

-- Whether a buffer row counts, given the capture state of its source: during a cutover, the origin
-- responsible for its transaction; while the WAL is being joined, triggers only; otherwise every row
-- (the rows of the origin a source left are those of transactions before its cutover).
CREATE FUNCTION pgstream._counted(p_wal boolean, p_xid xid8, p_mode text, p_cutover pg_snapshot, p_cutover_to text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_cutover IS NOT NULL
                THEN p_wal = (pg_visible_in_snapshot(p_xid, p_cutover) = (p_cutover_to = 'trigger'))
                WHEN p_mode = 'transitioning' THEN NOT p_wal
                ELSE true END
$$;

-- (Re)writes the reader of a source: the buffer rows a refresh consumes between two frontiers. While the
-- capture triggers have every change (mode trigger, or transitioning: the triggers are only dropped under
-- the locks of the stream tables reading the source, so never during their refresh), it is a plain query
-- PostgreSQL inlines into the delta statement, reading the trigger rows at the statement's snapshot. While
-- changes come from the WAL it is VOLATILE, so that in READ COMMITTED it reads with a snapshot of its own,
-- taken after it has made sure the decoder wrote every change of a transaction the new frontier sees (rows
-- the decoder committed after the delta statement's snapshot are read too); the capture state is read after
-- that snapshot as well, so a cutover taken since includes every transaction the frontier sees (see
-- _counted). Without p_await it returns what is written so far (for monitoring). Rewritten whenever the
-- capture state changes which one applies.
CREATE FUNCTION pgstream._write_reader(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_signature text := format('%s(p_old_snap pg_snapshot, p_old_xid xid8, p_old_seq bigint, p_new_snap pg_snapshot,'
                               ' p_new_xid xid8, p_new_seq bigint, p_await boolean DEFAULT true) RETURNS SETOF %s',
                               pgstream._reader(p_relid), pgstream._buffer(p_relid));
    v_between text := 'b.__pgs_xid >= coalesce(pg_snapshot_xmin(p_old_snap), ''0''::xid8)
       AND pgstream._changed_between(b.__pgs_xid, b.__pgs_seq, p_old_snap, p_old_xid, p_old_seq,
                                     p_new_snap, p_new_xid, p_new_seq)';
BEGIN
    IF (SELECT mode = 'wal' OR cutover IS NOT NULL AND cutover_to = 'trigger'
          FROM pgstream.capture WHERE source_relid = p_relid) THEN
        EXECUTE format($fn$
CREATE OR REPLACE FUNCTION %1$s LANGUAGE plpgsql VOLATILE AS $body$
DECLARE
    c pgstream.capture;
BEGIN
    SELECT * INTO c FROM pgstream.capture WHERE source_relid = %3$s;
    IF p_await AND pgstream._uses_decoder(c) THEN
        PERFORM pgstream._await_decoder(%3$s, p_new_snap);
    END IF;
    RETURN QUERY
    SELECT * FROM %2$s b
     WHERE %4$s
       AND pgstream._counted(b.__pgs_wal, b.__pgs_xid, c.mode, c.cutover, c.cutover_to);
END
$body$ $fn$, v_signature, pgstream._buffer(p_relid), p_relid, v_between);
    ELSE
        EXECUTE format($fn$
CREATE OR REPLACE FUNCTION %1$s LANGUAGE sql STABLE AS $body$
    SELECT * FROM %2$s b WHERE %3$s AND NOT b.__pgs_wal
$body$ $fn$, v_signature, pgstream._buffer(p_relid), v_between);
    END IF;
END $$;

-- Held by whoever changes a buffer's columns, and shared by the WAL decoder while it writes buffers: a
-- decoder transaction started after a column was added writes it, and one started before commits before
-- the stream table that reads the column takes its first snapshot.
CREATE FUNCTION pgstream._lock_capture_columns(p_relid oid, p_shared boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_shared THEN
        PERFORM pg_advisory_xact_lock_shared(1346851670, pgstream._lock_id(p_relid::bigint));
    ELSE
        PERFORM pg_advisory_xact_lock(1346851670, pgstream._lock_id(p_relid::bigint));
    END IF;
END $$;

-- (Re)writes the capture function of a source from its capture row.
CREATE FUNCTION pgstream._write_capture_function(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_columns name[] := (SELECT columns FROM pgstream.capture WHERE source_relid = p_relid);
    v_list    text := (SELECT string_agg(', ' || quote_ident(c), '') FROM unnest(v_columns) c);
    v_new     text := (SELECT string_agg(', n.' || quote_ident(c), '') FROM unnest(v_columns) c);
    v_old     text := (SELECT string_agg(', o.' || quote_ident(c), '') FROM unnest(v_columns) c);
    v_buffer  text := pgstream._buffer(p_relid);
BEGIN
    v_list := coalesce(v_list, '');
    v_new := coalesce(v_new, '');
    v_old := coalesce(v_old, '');
    EXECUTE format($fn$
CREATE OR REPLACE FUNCTION %1$s() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO %2$s (__pgs_op%3$s) SELECT 'I'%4$s FROM pgstream_new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO %2$s (__pgs_op%3$s)
        SELECT 'D'%5$s FROM pgstream_old_rows o UNION ALL SELECT 'I'%4$s FROM pgstream_new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO %2$s (__pgs_op%3$s) SELECT 'D'%5$s FROM pgstream_old_rows o;
    ELSE
        INSERT INTO %2$s (__pgs_op) VALUES ('T');
    END IF;
    RETURN NULL;
END
$body$ $fn$, pgstream._capture_function(p_relid), v_buffer, v_list, v_new, v_old);
END $$;

-- Makes sure a source has a buffer with at least the given columns, a capture function and triggers.
CREATE FUNCTION pgstream._ensure_capture(p_relid oid, p_columns name[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_capture pgstream.capture;
    v_buffer  text := pgstream._buffer(p_relid);
    v_column  record;
BEGIN
    PERFORM pgstream._lock_capture(p_relid, true);
    PERFORM pgstream._lock_capture_columns(p_relid, false);
    SELECT * INTO v_capture FROM pgstream.capture WHERE source_relid = p_relid;
    IF v_capture.source_relid IS NULL THEN
        -- __pgs_wal: written by the WAL decoder (with the writer's xid), not by a capture trigger
        EXECUTE format('CREATE TABLE %s (
            __pgs_seq bigint NOT NULL DEFAULT nextval(''pgstream.change_seq''),
            __pgs_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            __pgs_op  "char" NOT NULL,
            __pgs_wal boolean NOT NULL DEFAULT false)', v_buffer);
        EXECUTE format('CREATE INDEX ON %s (__pgs_xid)', v_buffer);
        INSERT INTO pgstream.capture (source_relid, source_name, columns)
        VALUES (p_relid, p_relid::regclass::text, '{}') RETURNING * INTO v_capture;
    END IF;

    FOR v_column IN
        SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type
          FROM pg_attribute a
         WHERE a.attrelid = p_relid AND a.attname = ANY (p_columns) AND a.attname <> ALL (v_capture.columns)
           AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum
    LOOP
        EXECUTE format('ALTER TABLE %s ADD COLUMN %I %s', v_buffer, v_column.attname, v_column.type);
        UPDATE pgstream.capture SET columns = columns || v_column.attname WHERE source_relid = p_relid;
    END LOOP;
    PERFORM pgstream._write_capture_function(p_relid);
    PERFORM pgstream._write_reader(p_relid);
    IF v_capture.mode = 'trigger' THEN
        PERFORM pgstream._install_capture_triggers(p_relid);
    END IF;
END $$;

-- The capture triggers of a source, unless it has them.
CREATE FUNCTION pgstream._install_capture_triggers(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_fn text := pgstream._capture_function(p_relid);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = p_relid AND tgname = 'pgstream_capture_insert') THEN
        EXECUTE format('CREATE TRIGGER pgstream_capture_insert AFTER INSERT ON %s
            REFERENCING NEW TABLE AS pgstream_new_rows FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
        EXECUTE format('CREATE TRIGGER pgstream_capture_update AFTER UPDATE ON %s
            REFERENCING OLD TABLE AS pgstream_old_rows NEW TABLE AS pgstream_new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
        EXECUTE format('CREATE TRIGGER pgstream_capture_delete AFTER DELETE ON %s
            REFERENCING OLD TABLE AS pgstream_old_rows FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
        EXECUTE format('CREATE TRIGGER pgstream_capture_truncate AFTER TRUNCATE ON %s
            FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
    END IF;
END $$;

-- The capture triggers of a source, if it has them.
CREATE FUNCTION pgstream._drop_capture_triggers(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_trigger text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid = p_relid) THEN
        FOREACH v_trigger IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
            EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', 'pgstream_capture_' || v_trigger, p_relid::regclass);
        END LOOP;
    END IF;
END $$;

-- Removes the capture of a source that no stream table reads any more: its triggers, its place in the
-- publication (and the slot, when it was the last source decoded from the WAL), its functions and buffer.
CREATE FUNCTION pgstream._drop_capture_if_unused(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pgstream.source WHERE source_relid = p_relid) THEN
        RETURN;
    END IF;
    PERFORM pgstream._forget_capture(p_relid);
END $$;

-- Removes everything the capture of a source has (the source itself may be gone).
CREATE FUNCTION pgstream._forget_capture(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pgstream._lock_capture(p_relid, true);
    PERFORM pgstream._lock_capture_columns(p_relid, false);
    PERFORM pgstream._drop_capture_triggers(p_relid);
    PERFORM pgstream._leave_wal(p_relid);
    EXECUTE format('DROP FUNCTION IF EXISTS %s(pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint, boolean)',
                   pgstream._reader(p_relid));
    EXECUTE format('DROP TABLE IF EXISTS %s', pgstream._buffer(p_relid));
    EXECUTE format('DROP FUNCTION IF EXISTS %s()', pgstream._capture_function(p_relid));
    DELETE FROM pgstream.capture WHERE source_relid = p_relid;
    PERFORM pgstream._drop_slot_if_unused();
END $$;
------------------------------------------------------------------------------------------------
-- Frontiers. A change row is consumed by a refresh when its transaction is visible in the refresh's
-- snapshot and was not in the previous one; the refreshing transaction's own rows count up to the
-- change number it had reached (pg_visible_in_snapshot says nothing reliable about one's own xid).
------------------------------------------------------------------------------------------------
-- The frontier of the calling statement: call it in the statement whose snapshot matters. STABLE is
-- essential: a VOLATILE SQL function takes a snapshot of its own in READ COMMITTED, newer than the
-- statement's, and changes committed in between would count as consumed without having been read.
CREATE FUNCTION pgstream._current_frontier(OUT snap pg_snapshot, OUT xid xid8, OUT seq bigint)
LANGUAGE sql STABLE AS $$
    -- a sequence never called reports last_value 1 although nextval will return 1: nothing is numbered yet
    SELECT pg_current_snapshot(), pg_current_xact_id_if_assigned(),
           (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM pgstream.change_seq)
$$;

-- Whether a change row (xid, seq) lies after the old frontier and at or before the new one. Inlined
-- into the delta statements; callers add `xid >= pg_snapshot_xmin(old snapshot)` for the index.
CREATE FUNCTION pgstream._changed_between(p_xid xid8, p_seq bigint,
                                          p_old_snap pg_snapshot, p_old_xid xid8, p_old_seq bigint,
                                          p_new_snap pg_snapshot, p_new_xid xid8, p_new_seq bigint)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_xid = p_new_xid THEN p_seq <= p_new_seq ELSE pg_visible_in_snapshot(p_xid, p_new_snap) END
       AND NOT coalesce(CASE WHEN p_xid = p_old_xid THEN p_seq <= p_old_seq
                             ELSE pg_visible_in_snapshot(p_xid, p_old_snap) END, false)
$$;

-- How many change rows, and how many of them TRUNCATEs, of a stream table's sources lie between its
-- frontier and the given one (one pass over each buffer). Not p_exact: what the WAL decoder has written
-- so far (for monitoring; an exact count waits for it).
CREATE FUNCTION pgstream._count_changes(p_st pgstream.stream_table, p_snap pg_snapshot, p_xid xid8, p_seq bigint,
                                        p_exact boolean DEFAULT true, OUT changes bigint, OUT truncates bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_relid     oid;
    v_changes   bigint;
    v_truncates bigint;
BEGIN
    changes := 0;
    truncates := 0;
    FOR v_relid IN SELECT source_relid FROM pgstream.source WHERE stream_table_id = p_st.id LOOP
        EXECUTE format('SELECT count(*), count(*) FILTER (WHERE b.__pgs_op = ''T'') FROM %s($1, $2, $3, $4, $5, $6, $7) b',
                       pgstream._reader(v_relid))
           INTO v_changes, v_truncates
          USING p_st.frontier, p_st.frontier_xid, p_st.frontier_seq, p_snap, p_xid, p_seq, p_exact;
        changes := changes + v_changes;
        truncates := truncates + v_truncates;
    END LOOP;
END $$;

-- Deletes the buffer rows every consumer of a source has consumed. Opportunistic: skipped when a
-- consumer is being added, and outside READ COMMITTED (the trim must see every committed frontier).
CREATE FUNCTION pgstream._trim_buffer(p_relid oid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_horizon xid8;
    v_deleted bigint;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' OR NOT pgstream._lock_capture(p_relid, false) THEN
        RETURN 0;
    END IF;
    SELECT CASE WHEN bool_and(st.frontier IS NOT NULL) THEN min(pg_snapshot_xmin(st.frontier)) END
      INTO v_horizon
      FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
     WHERE s.source_relid = p_relid;
    IF v_horizon IS NULL THEN
        RETURN 0;
    END IF;
    EXECUTE format('DELETE FROM %s WHERE __pgs_xid < $1', pgstream._buffer(p_relid)) USING v_horizon;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END $$;

-- The changes a refresh would consume, counted before it: what the WAL decoder has written so far is enough
-- to know there is something to do (and to judge differential_max_change_ratio); only "nothing" must be
-- exact, since a refresh that skips moves the frontier past every change its snapshot sees.
CREATE FUNCTION pgstream._changes_since_frontier(p_st pgstream.stream_table, p_snap pg_snapshot, p_xid xid8,
                                                 p_seq bigint, OUT changes bigint, OUT truncates bigint)
LANGUAGE plpgsql AS $$
BEGIN
    SELECT * INTO changes, truncates FROM pgstream._count_changes(p_st, p_snap, p_xid, p_seq, false);
    IF changes = 0 AND EXISTS (SELECT 1 FROM pgstream.source s JOIN pgstream.capture c ON c.source_relid = s.source_relid
                                WHERE s.stream_table_id = p_st.id AND pgstream._uses_decoder(c)) THEN
        SELECT * INTO changes, truncates FROM pgstream._count_changes(p_st, p_snap, p_xid, p_seq, true);
    END IF;
END $$;
------------------------------------------------------------------------------------------------
-- The stream table graph. An edge is a source row whose table is another stream table's table.
------------------------------------------------------------------------------------------------
CREATE VIEW pgstream._edges AS
SELECT up.id AS upstream_id, down.id AS downstream_id
  FROM pgstream.source s
  JOIN pgstream.stream_table up ON up.relid = s.source_relid
  JOIN pgstream.stream_table down ON down.id = s.stream_table_id;

-- Raises when a stream table reads itself, directly or through other stream tables (checked after
-- its sources are recorded, so an altered query that closes a loop rolls back).
CREATE FUNCTION pgstream._check_acyclic(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_path bigint[];
BEGIN
    WITH RECURSIVE reads(id, path) AS (
        SELECT p_id, ARRAY[p_id]
        UNION ALL
        SELECT e.upstream_id, r.path || e.upstream_id
          FROM reads r JOIN pgstream._edges e ON e.downstream_id = r.id
         WHERE (r.id <> p_id OR cardinality(r.path) = 1) AND NOT e.upstream_id = ANY (r.path[2:])
    )
    SELECT path INTO v_path FROM reads WHERE id = p_id AND cardinality(path) > 1 LIMIT 1;
    IF v_path IS NOT NULL THEN
        RAISE EXCEPTION 'stream table % would read itself: %', (SELECT relid::regclass FROM pgstream.stream_table WHERE id = p_id),
            (SELECT string_agg(st.relid::regclass::text, ' reads ' ORDER BY p.n)
               FROM unnest(v_path) WITH ORDINALITY p(id, n) JOIN pgstream.stream_table st ON st.id = p.id)
            USING ERRCODE = 'invalid_recursion',
                  HINT = 'Stream tables form a graph without cycles: give one of them a query that does not read the other.';
    END IF;
END $$;

-- Every stream table that reads the given one, directly or not, deepest first (the order to drop them).
CREATE FUNCTION pgstream._dependents(p_id bigint) RETURNS TABLE (id bigint, depth int) LANGUAGE sql STABLE AS $$
    WITH RECURSIVE readers(id, depth) AS (
        SELECT e.downstream_id, 1 FROM pgstream._edges e WHERE e.upstream_id = p_id
        UNION
        SELECT e.downstream_id, r.depth + 1 FROM readers r JOIN pgstream._edges e ON e.upstream_id = r.id
    )
    SELECT id, max(depth)::int FROM readers GROUP BY id ORDER BY max(depth) DESC, id
$$;

-- The names of those stream tables, nearest first, for messages that refuse a change because of them
-- (NULL when none).
CREATE FUNCTION pgstream._dependent_names(p_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(st.relid::regclass::text, ', ' ORDER BY d.depth, st.id)
      FROM pgstream._dependents(p_id) d JOIN pgstream.stream_table st ON st.id = d.id
$$;

-- The stream tables a refresh round covers: the given ones and every stream table they read, directly
-- or not, ordered by depth (the longest chain of stream tables below it) then id. Each comes after
-- everything it reads, and the order is the same in every round, so rounds that wait for locks never
-- deadlock.
CREATE FUNCTION pgstream._round_members(p_ids bigint[]) RETURNS bigint[] LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_members bigint[] := ARRAY(SELECT id FROM pgstream.stream_table WHERE id = ANY (p_ids));
    v_added   bigint[] := v_members;
BEGIN
    -- the closure, one level at a time through the indexes (a recursive query over the whole graph
    -- costs more than the refresh it schedules once there are many stream tables)
    LOOP
        v_added := ARRAY(SELECT DISTINCT up.id
                           FROM pgstream.source s JOIN pgstream.stream_table up ON up.relid = s.source_relid
                          WHERE s.stream_table_id = ANY (v_added) AND up.id <> ALL (v_members));
        EXIT WHEN cardinality(v_added) = 0;
        v_members := v_members || v_added;
    END LOOP;
    RETURN (WITH RECURSIVE edges AS MATERIALIZED (
                SELECT up.id AS upstream_id, s.stream_table_id AS downstream_id
                  FROM pgstream.source s JOIN pgstream.stream_table up ON up.relid = s.source_relid
                 WHERE s.stream_table_id = ANY (v_members)
            ), depth(id, depth) AS (
                SELECT unnest(v_members), 0
                UNION ALL
                SELECT e.downstream_id, d.depth + 1 FROM depth d JOIN edges e ON e.upstream_id = d.id
            )
            SELECT array_agg(id ORDER BY depth, id) FROM (SELECT id, max(depth) AS depth FROM depth GROUP BY id) m);
END $$;

-- Locks every member of a round, in round order; returns the members (none if they were all dropped),
-- or NULL, holding none of the locks it tried, when p_wait is false and one of them is busy.
CREATE FUNCTION pgstream._lock_round(p_ids bigint[], p_wait boolean) RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
    v_members bigint[] := pgstream._round_members(p_ids);
    v_id      bigint;
BEGIN
    FOREACH v_id IN ARRAY coalesce(v_members, '{}') LOOP
        IF p_wait THEN
            PERFORM pgstream._lock_stream_table(v_id);
        ELSIF NOT pgstream.try_lock_stream_table(v_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'PGS02';
        END IF;
    END LOOP;
    RETURN coalesce(v_members, '{}');
EXCEPTION WHEN SQLSTATE 'PGS02' THEN
    RETURN NULL; -- the subtransaction's rollback released the locks taken so far
END $$;
------------------------------------------------------------------------------------------------
-- Effective schedules. A duration refreshes at its interval and a cron expression counts with its
-- shortest period; 'calculated' takes the tightest effective interval among the stream tables that
-- read it, recursively, or the calculated_interval setting when none (active) does.
------------------------------------------------------------------------------------------------
-- The values a (checked) cron field allows.
CREATE FUNCTION pgstream._cron_values(p_field text, p_min int, p_max int, p_names text[]) RETURNS int[]
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_item   text;
    v_match  text[];
    v_from   int;
    v_to     int;
    v_values int[] := '{}';
BEGIN
    FOREACH v_item IN ARRAY string_to_array(p_field, ',') LOOP
        v_match := regexp_match(v_item, '^(\*|([a-z0-9]+)(-([a-z0-9]+))?)(/([0-9]+))?$');
        IF v_match[1] = '*' THEN
            v_from := p_min;
            v_to := p_max;
        ELSE
            v_from := pgstream._cron_number(v_match[2], p_min, p_names);
            v_to := CASE WHEN v_match[4] IS NOT NULL THEN pgstream._cron_number(v_match[4], p_min, p_names)
                         WHEN v_match[6] IS NOT NULL THEN p_max
                         ELSE v_from END;
        END IF;
        v_values := v_values || ARRAY(SELECT generate_series(v_from, v_to, coalesce(v_match[6]::int, 1)));
    END LOOP;
    RETURN v_values;
END $$;

CREATE FUNCTION pgstream._cron_number(p_value text, p_min int, p_names text[]) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN p_value ~ '^[0-9]+$' THEN p_value::int ELSE array_position(p_names, p_value) - 1 + p_min END $$;

-- The shortest time between two firings of a 5-field cron expression (NULL if it never fires). The
-- firing times are the matching days crossed with the matching minutes of a day, so the shortest gap is
-- either between two minutes of one day or from the last minute of a day to the first of the next
-- matching day; 29 years of days cover every weekday and leap-year combination.
CREATE FUNCTION pgstream._cron_shortest_period(p_cron text) RETURNS interval LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_fields  text[] := string_to_array(CASE p_cron
                            WHEN '@yearly' THEN '0 0 1 1 *' WHEN '@annually' THEN '0 0 1 1 *'
                            WHEN '@monthly' THEN '0 0 1 * *' WHEN '@weekly' THEN '0 0 * * 0'
                            WHEN '@daily' THEN '0 0 * * *' WHEN '@midnight' THEN '0 0 * * *'
                            WHEN '@hourly' THEN '0 * * * *' ELSE p_cron END, ' ');
    v_minutes int[];
    v_days    int[];
    v_months  int[];
    v_weekdays int[];
    v_within  int;
    v_day_gap int;
BEGIN
    SELECT array_agg(DISTINCT h * 60 + m ORDER BY h * 60 + m) INTO v_minutes
      FROM unnest(pgstream._cron_values(v_fields[2], 0, 23, NULL)) h,
           unnest(pgstream._cron_values(v_fields[1], 0, 59, NULL)) m;
    SELECT min(gap) INTO v_within
      FROM (SELECT lead(m) OVER (ORDER BY m) - m AS gap FROM unnest(v_minutes) m) g;
    v_days := pgstream._cron_values(v_fields[3], 1, 31, NULL);
    v_months := pgstream._cron_values(v_fields[4], 1, 12, '{jan,feb,mar,apr,may,jun,jul,aug,sep,oct,nov,dec}');
    v_weekdays := ARRAY(SELECT w % 7 FROM unnest(pgstream._cron_values(v_fields[5], 0, 7,
                                                  '{sun,mon,tue,wed,thu,fri,sat}')) w);
    SELECT min(gap) INTO v_day_gap
      FROM (SELECT lead(d) OVER (ORDER BY d) - d AS gap
              FROM generate_series(date '2000-01-01', date '2028-12-31', interval '1 day') g(t),
                   LATERAL (SELECT t::date AS d) day
             WHERE extract(month FROM d)::int = ANY (v_months)
               AND CASE WHEN v_fields[3] <> '*' AND v_fields[5] <> '*'   -- both restricted: either matches
                        THEN extract(day FROM d)::int = ANY (v_days) OR extract(dow FROM d)::int = ANY (v_weekdays)
                        ELSE extract(day FROM d)::int = ANY (v_days) AND extract(dow FROM d)::int = ANY (v_weekdays)
                   END) gaps;
    RETURN make_interval(mins => least(v_within, v_day_gap * 1440 - (v_minutes[cardinality(v_minutes)] - v_minutes[1])));
END $$;

-- How often a declared schedule refreshes; NULL for 'calculated'.
CREATE FUNCTION pgstream._declared_interval(p_schedule text) RETURNS interval LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_schedule = 'calculated' THEN NULL
        WHEN p_schedule ~ '^([0-9]+(s|m|h|d))+$' THEN
            (SELECT sum(m[1]::bigint * CASE m[2] WHEN 's' THEN interval '1 second' WHEN 'm' THEN interval '1 minute'
                                                 WHEN 'h' THEN interval '1 hour' ELSE interval '1 day' END)
               FROM regexp_matches(p_schedule, '([0-9]+)([smhd])', 'g') m)
        ELSE pgstream._cron_shortest_period(p_schedule)
    END
$$;

-- Recomputes every effective schedule; called in the transaction of each create, alter, drop and
-- status change, so the catalog never shows a stale one.
CREATE FUNCTION pgstream._recompute_schedules() RETURNS void LANGUAGE sql AS $$
    WITH RECURSIVE declared AS MATERIALIZED (
        SELECT st.id, st.relid, st.schedule, pgstream._declared_interval(st.schedule) AS declared_interval
          FROM pgstream.stream_table st
    ), readers AS MATERIALIZED (  -- suspended stream tables do not refresh, so they ask nothing of their sources
        SELECT e.upstream_id, e.downstream_id
          FROM pgstream._edges e JOIN pgstream.stream_table down ON down.id = e.downstream_id
         WHERE down.status <> 'suspended'
    ), read AS MATERIALIZED (
        SELECT DISTINCT upstream_id AS id FROM readers
    ), reached(origin, node) AS (  -- from each calculated table down through calculated ones
        SELECT id, id FROM declared WHERE declared_interval IS NULL
        UNION
        SELECT r.origin, e.downstream_id
          FROM reached r JOIN readers e ON e.upstream_id = r.node
          JOIN declared d ON d.id = r.node
         WHERE d.declared_interval IS NULL
    ), demands AS (
        SELECT r.origin, d.declared_interval AS demand, format('from dependent %s', d.relid::regclass) AS basis
          FROM reached r JOIN declared d ON d.id = r.node
         WHERE d.declared_interval IS NOT NULL
        UNION ALL
        SELECT r.origin, pgstream.setting('calculated_interval')::interval,
               'no dependents: setting calculated_interval'
          FROM reached r JOIN declared d ON d.id = r.node LEFT JOIN read ON read.id = r.node
         WHERE d.declared_interval IS NULL AND read.id IS NULL
    ), tightest AS (
        SELECT DISTINCT ON (origin) origin, demand, basis FROM demands ORDER BY origin, demand, basis
    ), effective AS (
        SELECT d.id,
               coalesce(d.declared_interval, t.demand) AS effective_interval,
               CASE WHEN d.declared_interval IS NULL THEN t.basis
                    WHEN d.schedule ~ '^([0-9]+(s|m|h|d))+$' THEN 'declared'
                    ELSE 'declared cron: its shortest period' END AS effective_basis
          FROM declared d LEFT JOIN tightest t ON t.origin = d.id
    )
    UPDATE pgstream.stream_table st
       SET effective_interval = e.effective_interval, effective_basis = e.effective_basis
      FROM effective e
     WHERE st.id = e.id
       AND (st.effective_interval, st.effective_basis) IS DISTINCT FROM (e.effective_interval, e.effective_basis)
$$;
------------------------------------------------------------------------------------------------
-- Refresh
------------------------------------------------------------------------------------------------
-- The statement that recomputes the query and applies only the difference to the stored table, as a
-- multiset (rows are compared by their text form, duplicates by occurrence number), refills the plan's
-- state tables, and returns the frontier of its own snapshot. One statement, so one snapshot, at any
-- isolation level (its DELETE of a state table's rows does not see the rows its INSERT adds).
CREATE FUNCTION pgstream._full_refresh_sql(p_st pgstream.stream_table) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_target  text := p_st.relid::regclass::text;
    v_columns text;
    v_stored  text;
    v_fresh   text;
    v_states  text := '';
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_st.state_tables, 1), 0) LOOP
        v_states := v_states || format(E',\nstate_emptied_%1$s AS (DELETE FROM %2$s),\nstate_filled_%1$s AS (INSERT INTO %2$s %3$s)',
                                       i, p_st.state_tables[i], p_st.state_fills[i]);
    END LOOP;
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum),
           string_agg('s.' || quote_ident(attname), ', ' ORDER BY attnum),
           string_agg('f.' || quote_ident(attname), ', ' ORDER BY attnum)
      INTO v_columns, v_stored, v_fresh
      FROM pg_attribute WHERE attrelid = p_st.relid AND attnum > 0 AND NOT attisdropped;
    RETURN format($sql$
WITH frontier AS MATERIALIZED (SELECT * FROM pgstream._current_frontier())%6$s,
fresh AS (
    SELECT q.*, q::text AS __pgs_t, row_number() OVER (PARTITION BY q::text) AS __pgs_n
      FROM (%1$s) q),
stored AS (
    SELECT s.ctid AS __pgs_tid, ROW(%2$s)::text AS __pgs_t, row_number() OVER (PARTITION BY ROW(%2$s)::text) AS __pgs_n
      FROM %3$s s),
deleted AS (
    DELETE FROM %3$s t USING stored s
     WHERE t.ctid = s.__pgs_tid
       AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.__pgs_t = s.__pgs_t AND f.__pgs_n = s.__pgs_n)
    RETURNING 1),
inserted AS (
    INSERT INTO %3$s (%4$s)
    SELECT %5$s FROM fresh f
     WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.__pgs_t = f.__pgs_t AND s.__pgs_n = f.__pgs_n)
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM inserted), (SELECT count(*) FROM deleted) FROM frontier f
$sql$, coalesce(p_st.full_query, p_st.definition), v_stored, v_target, v_columns, v_fresh, v_states);
END $$;

-- A stream table's sources must still exist: their triggers went with them.
CREATE FUNCTION pgstream._check_sources(p_st pgstream.stream_table) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_missing text;
BEGIN
    SELECT string_agg(source_name, ', ') INTO v_missing
      FROM pgstream.source s
     WHERE s.stream_table_id = p_st.id AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = s.source_relid);
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'source table % of stream table % was dropped', v_missing, p_st.relid::regclass
            USING ERRCODE = 'undefined_table',
                  HINT = 'Give the stream table a new query with pgstream.alter_stream_table, or drop it.';
    END IF;
END $$;

CREATE FUNCTION pgstream._result(p_relid oid, p_action text, p_reason text, p_inserted bigint, p_deleted bigint,
                                 p_started timestamptz, p_updated bigint DEFAULT 0)
RETURNS pgstream.refresh_result LANGUAGE sql VOLATILE AS
$$ SELECT p_relid::regclass::text, p_action, p_reason, p_inserted, p_deleted, clock_timestamp() - p_started, p_updated $$;

-- Skipped cycles in a row share one history row.
CREATE FUNCTION pgstream._record_skip(p_id bigint, p_initiated_by text, p_started timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pgstream.refresh_history h
       SET finished_at = clock_timestamp(), cycles = cycles + 1
     WHERE h.id = (SELECT max(id) FROM pgstream.refresh_history WHERE stream_table_id = p_id)
       AND h.action = 'SKIP';
    IF NOT FOUND THEN
        INSERT INTO pgstream.refresh_history (stream_table_id, started_at, finished_at, initiated_by, action, reason)
        VALUES (p_id, p_started, clock_timestamp(), p_initiated_by, 'SKIP', 'no source changed');
    END IF;
END $$;

-- A cycle with no source change: the frontier moves to now, nothing else does.
CREATE FUNCTION pgstream._record_unchanged(p_id bigint, p_snap pg_snapshot, p_xid xid8, p_seq bigint,
                                           p_data_ts timestamptz, p_initiated_by text, p_started timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pgstream.stream_table
       SET frontier = p_snap, frontier_xid = p_xid, frontier_seq = p_seq,
           data_timestamp = p_data_ts, last_refresh_at = p_started, last_refresh_action = 'SKIP',
           last_refresh_duration = clock_timestamp() - p_started,
           status = CASE WHEN status = 'error' THEN 'active' ELSE status END,
           last_error = NULL, consecutive_errors = 0
     WHERE id = p_id;
    PERFORM pgstream._record_skip(p_id, p_initiated_by, p_started);
END $$;

-- The engine's cheap path for due stream tables that read no stream table: in one call, those whose
-- sources have not changed are refreshed as SKIP (what _refresh would do, under the same lock); the
-- others are returned as 'refresh', for a full round, or 'busy' when someone else holds their lock.
CREATE FUNCTION pgstream._skip_unchanged(p_ids bigint[], p_initiated_by text)
RETURNS TABLE (stream_table_id bigint, outcome text) LANGUAGE plpgsql AS $$
DECLARE
    v_st      pgstream.stream_table;
    v_now     record;
    v_started timestamptz;
    v_data_ts timestamptz;
    v_capture text;
BEGIN
    FOREACH stream_table_id IN ARRAY ARRAY(SELECT DISTINCT unnest(p_ids) ORDER BY 1) LOOP
        IF NOT pgstream.try_lock_stream_table(stream_table_id) THEN
            outcome := 'busy';
            RETURN NEXT;
            CONTINUE;
        END IF;
        v_started := clock_timestamp();
        SELECT * INTO v_st FROM pgstream.stream_table st WHERE st.id = stream_table_id FOR UPDATE;
        outcome := 'refresh';
        IF v_st.status = 'active' AND v_st.frontier IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM pgstream._edges e WHERE e.downstream_id = v_st.id) THEN
            v_capture := pgstream._check_capture(v_st);
            SELECT * INTO v_st FROM pgstream.stream_table st WHERE st.id = stream_table_id;
            v_st.pending_full_reason := coalesce(v_st.pending_full_reason, v_capture);
        END IF;
        IF v_st.status = 'active' AND v_st.frontier IS NOT NULL AND v_st.pending_full_reason IS NULL
           AND NOT EXISTS (SELECT 1 FROM pgstream._edges e WHERE e.downstream_id = v_st.id) THEN
            v_data_ts := clock_timestamp();
            v_now := pgstream._current_frontier();
            IF (pgstream._changes_since_frontier(v_st, v_now.snap, v_now.xid, v_now.seq)).changes = 0 THEN
                PERFORM pgstream._record_unchanged(v_st.id, v_now.snap, v_now.xid, v_now.seq, v_data_ts,
                                                   p_initiated_by, v_started);
                outcome := 'skipped';
            END IF;
        END IF;
        IF v_st.id IS NOT NULL THEN
            RETURN NEXT;
        END IF;
    END LOOP;
END $$;

-- Why this cycle must refresh in full, or NULL when it can go differential.
CREATE FUNCTION pgstream._full_refresh_reason(p_st pgstream.stream_table, p_force boolean, p_changes bigint,
                                              p_truncated boolean)
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_rows  double precision;
    v_ratio double precision := pgstream.setting('differential_max_change_ratio')::double precision;
BEGIN
    IF p_st.frontier IS NULL THEN
        RETURN 'initial population';
    ELSIF p_force THEN
        RETURN 'forced';
    ELSIF p_st.pending_full_reason IS NOT NULL THEN
        RETURN p_st.pending_full_reason;
    ELSIF p_st.refresh_mode = 'full' THEN
        RETURN 'refresh mode full';
    ELSIF p_st.plan_status = 'pending' THEN
        RETURN 'the differential plan is not compiled yet (the engine compiles it)';
    ELSIF p_st.plan_status = 'full_only' THEN
        IF p_st.refresh_mode = 'differential' THEN
            RAISE EXCEPTION 'stream table % cannot be refreshed differentially: %', p_st.relid::regclass, p_st.plan_reason
                USING ERRCODE = 'feature_not_supported', HINT = 'Use refresh mode ''auto'' or ''full''.';
        END IF;
        RETURN 'not differentiable: ' || p_st.plan_reason;
    ELSIF p_truncated THEN
        RETURN 'a source was truncated';
    END IF;
    IF p_st.refresh_mode = 'auto' THEN
        SELECT sum(greatest(c.reltuples, 0)) INTO v_rows
          FROM pgstream.source s JOIN pg_class c ON c.oid = s.source_relid WHERE s.stream_table_id = p_st.id;
        IF v_rows > 0 AND p_changes > v_ratio * v_rows THEN
            RETURN format('%s changes exceed %s of the sources'' %s rows (setting differential_max_change_ratio)',
                          p_changes, v_ratio, v_rows::bigint);
        END IF;
    END IF;
    RETURN NULL;
END $$;

-- The data timestamp a refresh starting now gives a stream table: every change committed before it is
-- reflected. Taken before the refresh's snapshot; what it reads from other stream tables reflects only
-- their own data timestamps.
CREATE FUNCTION pgstream._data_timestamp(p_id bigint) RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
    SELECT least(clock_timestamp(), (SELECT min(up.data_timestamp)
                                       FROM pgstream._edges e JOIN pgstream.stream_table up ON up.id = e.upstream_id
                                      WHERE e.downstream_id = p_id))
$$;

-- Refreshes a stream table whose lock is held and whose catalog row was read after taking it.
CREATE FUNCTION pgstream._refresh_locked(p_st pgstream.stream_table, p_initiated_by text, p_force boolean,
                                          p_started timestamptz)
RETURNS pgstream.refresh_result LANGUAGE plpgsql AS $$
DECLARE
    v_now      record;
    v_changes  bigint := 0;
    v_truncated boolean := false;
    v_reason   text;
    v_action   text;
    v_data_ts  timestamptz;
    v_snap     pg_snapshot;
    v_xid      xid8;
    v_seq      bigint;
    v_inserted bigint;
    v_deleted  bigint;
    v_updated  bigint := 0;
    v_relid    oid;
    v_pending  record;
    v_capture  text;
BEGIN
    PERFORM pgstream._check_sources(p_st);
    v_capture := pgstream._check_capture(p_st);
    SELECT * INTO p_st FROM pgstream.stream_table WHERE id = p_st.id;  -- a capture fallback may ask for a FULL refresh
    p_st.pending_full_reason := coalesce(p_st.pending_full_reason, v_capture);
    v_data_ts := pgstream._data_timestamp(p_st.id);  -- before any snapshot this refresh reads
    IF p_st.frontier IS NOT NULL THEN
        v_now := pgstream._current_frontier();
        v_pending := pgstream._changes_since_frontier(p_st, v_now.snap, v_now.xid, v_now.seq);
        v_changes := v_pending.changes;
        IF v_changes = 0 AND NOT p_force AND p_st.pending_full_reason IS NULL THEN
            PERFORM pgstream._record_unchanged(p_st.id, v_now.snap, v_now.xid, v_now.seq, v_data_ts, p_initiated_by,
                                               p_started);
            RETURN pgstream._result(p_st.relid, 'SKIP', 'no source changed', 0, 0, p_started);
        END IF;
        v_truncated := v_pending.truncates > 0;
    END IF;

    v_reason := pgstream._full_refresh_reason(p_st, p_force, v_changes, v_truncated);
    IF v_reason IS NULL THEN
        v_action := 'DIFFERENTIAL';
        v_reason := 'refresh mode ' || p_st.refresh_mode;
        BEGIN
            EXECUTE p_st.delta_sql INTO v_snap, v_xid, v_seq, v_inserted, v_deleted, v_updated
              USING p_st.frontier, p_st.frontier_xid, p_st.frontier_seq;
            -- what the delta consumed; a TRUNCATE committed after the check above: undo, and refresh in full
            SELECT * INTO v_pending FROM pgstream._count_changes(p_st, v_snap, v_xid, v_seq);
            IF v_pending.truncates > 0 THEN
                RAISE EXCEPTION 'truncated meanwhile' USING ERRCODE = 'PGS01';
            END IF;
            v_changes := v_pending.changes;
        EXCEPTION WHEN SQLSTATE 'PGS01' THEN
            v_action := NULL;
            v_reason := 'a source was truncated';
        END;
    END IF;
    IF v_action IS NULL THEN
        v_action := 'FULL';
        v_updated := 0;
        EXECUTE pgstream._full_refresh_sql(p_st) INTO v_snap, v_xid, v_seq, v_inserted, v_deleted;
        v_changes := CASE WHEN p_st.frontier IS NULL THEN 0
                          ELSE (pgstream._count_changes(p_st, v_snap, v_xid, v_seq)).changes END;
    END IF;

    UPDATE pgstream.stream_table
       SET frontier = v_snap, frontier_xid = v_xid, frontier_seq = v_seq,
           data_timestamp = v_data_ts, last_refresh_at = p_started, last_refresh_action = v_action,
           last_refresh_duration = clock_timestamp() - p_started,
           status = CASE WHEN status = 'error' THEN 'active' ELSE status END,
           last_error = NULL, consecutive_errors = 0,
           -- a fallback that asked for a FULL refresh after this one read its catalog row still counts
           pending_full_reason = CASE WHEN v_action = 'FULL'
                                           AND pending_full_reason IS NOT DISTINCT FROM p_st.pending_full_reason
                                      THEN NULL ELSE pending_full_reason END
     WHERE id = p_st.id;
    INSERT INTO pgstream.refresh_history (stream_table_id, started_at, finished_at, initiated_by, action, reason,
                                          rows_inserted, rows_deleted, rows_updated, changes_consumed)
    VALUES (p_st.id, p_started, clock_timestamp(), p_initiated_by, v_action, v_reason, v_inserted, v_deleted,
            v_updated, v_changes);

    FOR v_relid IN SELECT source_relid FROM pgstream.source WHERE stream_table_id = p_st.id LOOP
        PERFORM pgstream._trim_buffer(v_relid);
    END LOOP;
    RETURN pgstream._result(p_st.relid, v_action, v_reason, v_inserted, v_deleted, p_started, v_updated);
END $$;

-- Refreshes one stream table under its lock. With p_raise false (the engine's way), a failure is
-- recorded in the catalog and history and returned as action ERROR instead of raised.
CREATE FUNCTION pgstream._refresh(p_id bigint, p_initiated_by text, p_raise boolean, p_force boolean DEFAULT false)
RETURNS pgstream.refresh_result LANGUAGE plpgsql AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_st      pgstream.stream_table;
    v_message text;
BEGIN
    PERFORM pgstream._lock_stream_table(p_id);
    -- FOR UPDATE reads the latest committed row: the frontier left by whoever held the lock before.
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id FOR UPDATE;
    IF v_st.id IS NULL THEN
        RAISE EXCEPTION 'stream table % no longer exists', p_id USING ERRCODE = 'undefined_table';
    END IF;
    IF p_raise THEN
        RETURN pgstream._refresh_locked(v_st, p_initiated_by, p_force, v_started);
    END IF;
    BEGIN
        RETURN pgstream._refresh_locked(v_st, p_initiated_by, p_force, v_started);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
        UPDATE pgstream.stream_table
           SET status = CASE WHEN status = 'active' THEN 'error' ELSE status END,
               last_error = v_message, consecutive_errors = consecutive_errors + 1,
               last_refresh_at = v_started, last_refresh_action = 'ERROR',
               last_refresh_duration = clock_timestamp() - v_started
         WHERE id = p_id;
        INSERT INTO pgstream.refresh_history (stream_table_id, started_at, finished_at, initiated_by, action, error)
        VALUES (p_id, v_started, clock_timestamp(), p_initiated_by, 'ERROR', v_message);
        PERFORM pgstream._refresh_failed(p_id, v_message);
        RETURN pgstream._result(v_st.relid, 'ERROR', v_message, 0, 0, v_started);
    END;
END $$;

-- Refreshes a round: the given stream tables and, first, every stream table they read, in one
-- transaction and in round order. What a member reads was refreshed earlier in the round and stays
-- locked until the end, so in a diamond (B and C read A, D reads B and C) D always combines B and C
-- computed from the same state of A. A member whose upstream failed or is suspended is left as it is
-- (refreshing it would mix states); with p_raise that is an error, as a failed refresh is. p_force
-- makes the given tables refresh in full (a new query or plan), not what they read.
CREATE FUNCTION pgstream._refresh_round(p_ids bigint[], p_initiated_by text, p_raise boolean,
                                        p_force boolean DEFAULT false)
RETURNS SETOF pgstream.refresh_result LANGUAGE plpgsql AS $$
DECLARE
    v_members bigint[];
    v_held    bigint[] := '{}';  -- members left as they are: failed, suspended, or behind one that is
    v_id      bigint;
    v_st      pgstream.stream_table;
    v_behind  text;
    v_result  pgstream.refresh_result;
BEGIN
    IF cardinality(p_ids) = 1 AND NOT EXISTS (SELECT 1 FROM pgstream._edges e WHERE e.downstream_id = p_ids[1]) THEN
        RETURN NEXT pgstream._refresh(p_ids[1], p_initiated_by, p_raise, p_force);  -- a round of one
        RETURN;
    END IF;
    v_members := pgstream._lock_round(p_ids, true);
    FOREACH v_id IN ARRAY coalesce(v_members, '{}') LOOP
        SELECT * INTO v_st FROM pgstream.stream_table WHERE id = v_id;
        SELECT string_agg(up.relid::regclass::text || CASE WHEN up.status = 'suspended' THEN ' is suspended'
                                                          ELSE ' failed' END, ', ' ORDER BY up.id)
          INTO v_behind
          FROM pgstream._edges e JOIN pgstream.stream_table up ON up.id = e.upstream_id
         WHERE e.downstream_id = v_id AND up.id = ANY (v_held);
        IF v_behind IS NOT NULL THEN
            IF p_raise THEN
                RAISE EXCEPTION 'stream table % cannot be refreshed: upstream %', v_st.relid::regclass, v_behind
                    USING ERRCODE = 'object_not_in_prerequisite_state',
                          HINT = 'Resume or repair the upstream stream table first.';
            END IF;
            v_held := v_held || v_id;
            RETURN NEXT pgstream._result(v_st.relid, 'SKIP', 'upstream ' || v_behind, 0, 0, clock_timestamp());
        ELSIF v_st.status = 'suspended' AND NOT v_id = ANY (p_ids) THEN
            v_held := v_held || v_id;  -- a suspended upstream keeps its state; only an explicit request refreshes it
        ELSE
            v_result := pgstream._refresh(v_id, p_initiated_by, p_raise, p_force AND v_id = ANY (p_ids));
            IF v_result.action = 'ERROR' THEN
                v_held := v_held || v_id;
            END IF;
            RETURN NEXT v_result;
        END IF;
    END LOOP;
END $$;
------------------------------------------------------------------------------------------------
-- Differential plans: the engine compiles a stream table's definition and installs the result here.
------------------------------------------------------------------------------------------------
-- A query as PostgreSQL analyzed it: the node text of the rewrite rule of a temporary view over it.
CREATE FUNCTION pgstream._analyzed(p_query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_view regclass := pgstream._define(p_query);
    v_tree text := (SELECT ev_action::text FROM pg_rewrite WHERE ev_class = v_view);
BEGIN
    EXECUTE format('DROP VIEW %s', v_view);
    RETURN v_tree;
END $$;

-- The names the compiler renders an analyzed query's objects by, for the OIDs it refers to. Types print
-- as format_type does with an empty search path: qualified unless they are pg_catalog's.
CREATE FUNCTION pgstream._catalog_names(p_operators oid[], p_functions oid[], p_types oid[], p_typmods int[],
                                        p_collations oid[], p_relations oid[])
RETURNS TABLE (kind text, object_id oid, typmod int, schema_name text, object_name text, detail text[])
LANGUAGE sql STABLE SET search_path = '' AS $$
    SELECT 'operator', o.oid, NULL::int, n.nspname::text, o.oprname::text, NULL::text[]
      FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
     WHERE o.oid = ANY (p_operators)
    UNION ALL
    SELECT 'function', p.oid, NULL, n.nspname, p.proname, ARRAY[p.prokind::text, p.provariadic::text, p.provolatile::text]
      FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE p.oid = ANY (p_functions)
    UNION ALL
    SELECT 'type', t.oid, t.typmod, NULL, pg_catalog.format_type(t.oid, t.typmod), NULL
      FROM unnest(p_types, p_typmods) AS t(oid, typmod)
    UNION ALL
    SELECT 'collation', c.oid, NULL, n.nspname, c.collname, NULL
      FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
     WHERE c.oid = ANY (p_collations)
    UNION ALL
    SELECT 'relation', c.oid, NULL, n.nspname, c.relname, NULL
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = ANY (p_relations)
$$;

-- The output columns and types of a query (for the compiler's questions about types).
CREATE FUNCTION pgstream._describe(p_query text) RETURNS TABLE (column_name name, column_type text)
LANGUAGE plpgsql AS $$
DECLARE
    v_view regclass := pgstream._define(p_query);
BEGIN
    RETURN QUERY SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                   FROM pg_attribute a WHERE a.attrelid = v_view AND a.attnum > 0 ORDER BY a.attnum;
    EXECUTE format('DROP VIEW %s', v_view);
END $$;

-- Drops the state tables of a stream table's plan, when the plan goes.
CREATE FUNCTION pgstream._drop_state_tables(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_table text;
BEGIN
    FOREACH v_table IN ARRAY coalesce((SELECT state_tables FROM pgstream.stream_table WHERE id = p_id), '{}') LOOP
        EXECUTE format('DROP TABLE IF EXISTS %s', v_table);
    END LOOP;
    UPDATE pgstream.stream_table SET state_tables = '{}', state_fills = '{}' WHERE id = p_id AND state_tables <> '{}';
END $$;

/* Installs a differential plan compiled from p_definition (ignored if the query changed since): adds the
   hidden columns, creates the state tables (p_state_definitions: the statements creating them and their
   indexes), stores the plan and repopulates the table in full, in one transaction. */
CREATE FUNCTION pgstream._install_plan(p_id bigint, p_definition text, p_operator_tree text, p_hidden_columns text[],
                                       p_full_query text, p_delta_sql text, p_state_tables text[],
                                       p_state_definitions text[], p_state_fills text[])
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_st        pgstream.stream_table;
    v_column    text;
    v_statement text;
BEGIN
    PERFORM pgstream._lock_round(ARRAY[p_id], true);  -- its round repopulates it, in round order
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id FOR UPDATE;
    IF v_st.id IS NULL OR v_st.definition <> p_definition OR v_st.plan_status <> 'pending' THEN
        RETURN false;
    END IF;
    PERFORM pgstream._internal_ddl(true);
    FOREACH v_column IN ARRAY p_hidden_columns LOOP
        EXECUTE format('ALTER TABLE %s ADD COLUMN %s', v_st.relid::regclass, v_column);
    END LOOP;
    EXECUTE format('CREATE INDEX ON %s (__pgs_rowid)', v_st.relid::regclass);
    PERFORM pgstream._drop_state_tables(p_id);
    FOREACH v_statement IN ARRAY p_state_definitions LOOP
        EXECUTE v_statement;
    END LOOP;
    PERFORM pgstream._internal_ddl(false);
    UPDATE pgstream.stream_table
       SET plan_status = 'differential', plan_reason = NULL, operator_tree = p_operator_tree,
           full_query = p_full_query, delta_sql = p_delta_sql, state_tables = p_state_tables, state_fills = p_state_fills
     WHERE id = p_id;
    PERFORM pgstream._refresh_round(ARRAY[p_id], 'initial', true, true);
    RETURN true;
END $$;

/* Records that a stream table refreshes in full, and why. In refresh mode 'differential' that is an error. */
CREATE FUNCTION pgstream._install_full_only(p_id bigint, p_definition text, p_reason text, p_operator_tree text)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pgstream._internal_ddl(true);
    PERFORM pgstream._drop_state_tables(p_id);
    PERFORM pgstream._internal_ddl(false);
    UPDATE pgstream.stream_table
       SET plan_status = 'full_only', plan_reason = p_reason, operator_tree = p_operator_tree,
           status = CASE WHEN refresh_mode = 'differential' THEN 'error' ELSE status END,
           last_error = CASE WHEN refresh_mode = 'differential'
                             THEN 'cannot be refreshed differentially: ' || p_reason ELSE last_error END
     WHERE id = p_id AND definition = p_definition AND plan_status = 'pending';
    RETURN FOUND;
END $$;

/* How a stream table is refreshed: its operator tree, whether differentially and why, and the delta SQL. */
CREATE FUNCTION pgstream.explain_stream_table(name text)
RETURNS TABLE (stream_table text, refresh_mode text, plan text, reason text, operator_tree text, delta_sql text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_st pgstream.stream_table := pgstream._find(name);
BEGIN
    RETURN QUERY SELECT v_st.relid::regclass::text, v_st.refresh_mode, v_st.plan_status,
        CASE v_st.plan_status
            WHEN 'pending' THEN 'the engine has not compiled this stream table yet; until then it refreshes in full'
            WHEN 'full_only' THEN v_st.plan_reason
            ELSE 'every operator is differentiable' END,
        v_st.operator_tree, v_st.delta_sql;
END $$;
------------------------------------------------------------------------------------------------
-- The SQL API
------------------------------------------------------------------------------------------------
-- Our own DDL must not be mistaken for a user's by the event triggers below.
CREATE FUNCTION pgstream._internal_ddl(p_on boolean) RETURNS void LANGUAGE sql AS
$$ SELECT set_config('pgstream.internal_ddl', CASE WHEN p_on THEN 'on' ELSE 'off' END, true) $$;

/* Creates a stream table: validates the query through PostgreSQL, creates the table, captures the
   sources and populates it, all in the caller's transaction. Returns the new table. */
CREATE FUNCTION pgstream.create_stream_table(name text, query text, schedule text DEFAULT 'calculated',
                                             refresh_mode text DEFAULT 'auto')
RETURNS regclass LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_schedule text := pgstream._check_schedule(schedule);
    v_mode     text := pgstream._check_refresh_mode(refresh_mode);
    v_name     record := pgstream._split_name(name);
    v_target   text;
    v_existing regclass;
    v_view     regclass;
    v_id       bigint;
BEGIN
    PERFORM pgstream._require_read_committed('create a stream table');
    v_target := format('%I.%I', v_name.schema_name, v_name.table_name);
    v_existing := to_regclass(v_target);
    IF v_existing IS NOT NULL THEN
        RAISE EXCEPTION '% "%" already exists',
            CASE WHEN EXISTS (SELECT 1 FROM pgstream.stream_table WHERE relid = v_existing)
                 THEN 'stream table' ELSE 'relation' END, v_existing
            USING ERRCODE = 'duplicate_table';
    END IF;
    PERFORM pgstream._internal_ddl(true);
    v_view := pgstream._define(query);
    EXECUTE format('CREATE TABLE %s AS SELECT * FROM %s WITH NO DATA', v_target, v_view);
    EXECUTE format('COMMENT ON TABLE %s IS %L', v_target, 'pg_stream stream table');
    INSERT INTO pgstream.stream_table (relid, query, definition, schedule, refresh_mode)
    VALUES (v_target::regclass, query, pgstream._definition(v_view), v_schedule, v_mode)
    RETURNING id INTO v_id;
    PERFORM pgstream._attach_sources(v_id, v_view);
    PERFORM pgstream._recompute_schedules();
    EXECUTE format('DROP VIEW %s', v_view);
    PERFORM pgstream._refresh_round(ARRAY[v_id], 'initial', true, true);
    PERFORM pgstream._internal_ddl(false);
    RETURN v_target::regclass;
END $$;

/* Changes a stream table; NULL leaves a property as it is. A new query re-initializes the table
   (recreated only when its columns change). */
CREATE FUNCTION pgstream.alter_stream_table(name text, query text DEFAULT NULL, schedule text DEFAULT NULL,
                                            refresh_mode text DEFAULT NULL, status text DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_st      pgstream.stream_table := pgstream._find(name);
    v_view    regclass;
    v_old     oid[];
    v_relid   oid;
    v_target  text;
    v_readers text;
BEGIN
    PERFORM pgstream._lock_round(ARRAY[v_st.id], true);  -- a new query repopulates it in its round
    IF schedule IS NOT NULL THEN
        UPDATE pgstream.stream_table SET schedule = pgstream._check_schedule(alter_stream_table.schedule)
         WHERE id = v_st.id;
    END IF;
    IF refresh_mode IS NOT NULL THEN
        UPDATE pgstream.stream_table SET refresh_mode = pgstream._check_refresh_mode(alter_stream_table.refresh_mode)
         WHERE id = v_st.id;
    END IF;
    IF status IS NOT NULL THEN
        PERFORM pgstream._set_status(v_st.id, pgstream._check_status(alter_stream_table.status));
    END IF;
    IF query IS NULL THEN
        PERFORM pgstream._recompute_schedules();
        RETURN;
    END IF;

    PERFORM pgstream._require_read_committed('change the query of a stream table');
    PERFORM pgstream._internal_ddl(true);
    v_view := pgstream._define(query);
    v_target := v_st.relid::regclass::text;
    IF pgstream._columns_of(v_view) IS DISTINCT FROM pgstream._columns_of(v_st.relid) THEN
        -- the table is recreated: stream tables reading it would lose their source
        v_readers := pgstream._dependent_names(v_st.id);
        IF v_readers IS NOT NULL THEN
            RAISE EXCEPTION 'cannot change the columns of stream table % because other stream tables read it: %',
                v_st.relid::regclass, v_readers
                USING ERRCODE = 'dependent_objects_still_exist',
                      HINT = 'Keep the column names and types, or drop the stream tables that read it first.';
        END IF;
        EXECUTE format('DROP TABLE %s', v_target);
        EXECUTE format('CREATE TABLE %s AS SELECT * FROM %s WITH NO DATA', v_target, v_view);
        EXECUTE format('COMMENT ON TABLE %s IS %L', v_target, 'pg_stream stream table');
    END IF;
    PERFORM pgstream._drop_state_tables(v_st.id);
    SELECT array_agg(source_relid) INTO v_old FROM pgstream.source WHERE stream_table_id = v_st.id;
    DELETE FROM pgstream.source WHERE stream_table_id = v_st.id;
    UPDATE pgstream.stream_table
       SET relid = v_target::regclass, query = alter_stream_table.query, definition = pgstream._definition(v_view),
           frontier = NULL, frontier_xid = NULL, frontier_seq = NULL,
           plan_status = 'pending', plan_reason = NULL, operator_tree = NULL, full_query = NULL, delta_sql = NULL
     WHERE id = v_st.id;
    PERFORM pgstream._attach_sources(v_st.id, v_view);
    PERFORM pgstream._check_acyclic(v_st.id);
    PERFORM pgstream._recompute_schedules();
    EXECUTE format('DROP VIEW %s', v_view);
    FOREACH v_relid IN ARRAY coalesce(v_old, '{}') LOOP
        PERFORM pgstream._drop_capture_if_unused(v_relid);
    END LOOP;
    PERFORM pgstream._refresh_round(ARRAY[v_st.id], 'initial', true, true);
    PERFORM pgstream._internal_ddl(false);
END $$;

-- Column names and types of a relation, for comparing shapes.
CREATE FUNCTION pgstream._columns_of(p_rel oid) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT array_agg(quote_ident(attname) || ' ' || format_type(atttypid, atttypmod) ORDER BY attnum)
      FROM pg_attribute WHERE attrelid = p_rel AND attnum > 0 AND NOT attisdropped
$$;

/* Drops a stream table: its table, its catalog rows and history, and the capture of every source no
   other stream table reads. Stream tables that read it are dropped too with cascade, else it is refused. */
CREATE FUNCTION pgstream.drop_stream_table(name text, cascade boolean DEFAULT false) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_st         pgstream.stream_table := pgstream._find(name);
    v_dependents text;
    v_id         bigint;
BEGIN
    v_dependents := pgstream._dependent_names(v_st.id);
    IF v_dependents IS NOT NULL AND NOT cascade THEN
        RAISE EXCEPTION 'cannot drop stream table % because other stream tables read it: %',
            v_st.relid::regclass, v_dependents
            USING ERRCODE = 'dependent_objects_still_exist',
                  HINT = 'Drop them first, or use pgstream.drop_stream_table(name, cascade => true) to drop them too.';
    END IF;
    PERFORM pgstream._internal_ddl(true);
    FOR v_id IN SELECT d.id FROM pgstream._dependents(v_st.id) d LOOP  -- deepest first
        PERFORM pgstream._drop_one(v_id);
    END LOOP;
    PERFORM pgstream._drop_one(v_st.id);
    PERFORM pgstream._recompute_schedules();
    PERFORM pgstream._internal_ddl(false);
END $$;

CREATE FUNCTION pgstream._drop_one(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_relid   oid := (SELECT relid FROM pgstream.stream_table WHERE id = p_id);
    v_sources oid[];
    v_source  oid;
BEGIN
    PERFORM pgstream._lock_stream_table(p_id);
    SELECT array_agg(source_relid) INTO v_sources FROM pgstream.source WHERE stream_table_id = p_id;
    PERFORM pgstream._drop_state_tables(p_id);
    DELETE FROM pgstream.stream_table WHERE id = p_id;
    EXECUTE format('DROP TABLE %s', v_relid::regclass);
    FOREACH v_source IN ARRAY coalesce(v_sources, '{}') LOOP
        PERFORM pgstream._drop_capture_if_unused(v_source);
    END LOOP;
END $$;

/* Refreshes a stream table now, in the caller's transaction, after the stream tables it reads (so it
   reflects their sources as of now), and says what it did to it. Waits for refreshes of the same
   tables already under way. Works whether or not an engine runs. */
CREATE FUNCTION pgstream.refresh_stream_table(name text) RETURNS pgstream.refresh_result LANGUAGE plpgsql AS $$
DECLARE
    v_st pgstream.stream_table := pgstream._find(name);
BEGIN
    RETURN (SELECT r FROM pgstream._refresh_round(ARRAY[v_st.id], 'manual', true) r
             WHERE r.stream_table = v_st.relid::regclass::text);
END $$;

/* Deletes refresh history older than the history_retention setting; the engine calls it now and then. */
CREATE FUNCTION pgstream.trim_history() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_deleted bigint;
BEGIN
    DELETE FROM pgstream.refresh_history WHERE finished_at < now() - pgstream.setting('history_retention')::interval;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END $$;
------------------------------------------------------------------------------------------------
-- Monitoring
------------------------------------------------------------------------------------------------
CREATE VIEW pgstream.stream_tables AS
SELECT st.id,
       st.relid::regclass::text                            AS name,
       st.status,
       st.schedule,
       st.effective_interval,
       st.effective_basis,
       st.refresh_mode,
       st.plan_status                                      AS plan,
       st.plan_reason,
       st.last_refresh_at,
       st.last_refresh_action,
       st.last_refresh_duration,
       st.data_timestamp,
       now() - st.data_timestamp                           AS staleness,
       st.consecutive_errors,
       st.last_error,
       st.query,
       st.created_at
  FROM pgstream.stream_table st;
------------------------------------------------------------------------------------------------
-- Names and upstream lookups shared by alerts and the monitoring views.
------------------------------------------------------------------------------------------------
-- A relation's schema-qualified name, quoted where needed; the same in every session (unlike regclass
-- output, which depends on search_path), so alerts and monitoring rows can be matched by name.
CREATE FUNCTION pgstream._qualified_name(p_relid oid) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format('%I.%I', n.nspname, c.relname)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = p_relid
$$;

-- The closest suspended stream table among those a stream table reads, directly or not (NULL if none):
-- while it is suspended, what it feeds cannot get fresher than it.
CREATE FUNCTION pgstream._nearest_suspended_upstream(p_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
    WITH RECURSIVE upstream(id, distance) AS (
        SELECT e.upstream_id, 1 FROM pgstream._edges e WHERE e.downstream_id = p_id
        UNION
        SELECT e.upstream_id, u.distance + 1 FROM upstream u JOIN pgstream._edges e ON e.downstream_id = u.id
    )
    SELECT pgstream._qualified_name(st.relid)
      FROM upstream u JOIN pgstream.stream_table st ON st.id = u.id
     WHERE st.status = 'suspended'
     ORDER BY u.distance, 1
     LIMIT 1
$$;
------------------------------------------------------------------------------------------------
-- Alerts: NOTIFY pgstream_alert with a JSON payload (docs/monitoring.md has the schema). At most one
-- alert per stream table and event within the alert_interval setting; the next one that goes out says
-- how many were held back. A NOTIFY goes out when its transaction commits, so a rolled-back cause sends
-- nothing.
------------------------------------------------------------------------------------------------
CREATE TABLE pgstream.alert_state (
    stream_table_id bigint NOT NULL REFERENCES pgstream.stream_table ON DELETE CASCADE,
    event           text NOT NULL,
    last_sent_at    timestamptz,
    suppressed      bigint NOT NULL DEFAULT 0,  -- alerts held back since last_sent_at
    PRIMARY KEY (stream_table_id, event)
);

-- Error messages are cut to this many characters (marked with …): with the two names, which are at most
-- about 500 bytes each even when every character needs quoting and escaping, the payload stays below
-- PostgreSQL's 8000-byte limit however the message's characters are encoded or escaped (at most 6 bytes each).
CREATE FUNCTION pgstream._alert_error_limit() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 1000 $$;

CREATE FUNCTION pgstream._shorten(p_text text, p_max integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN length(p_text) > p_max THEN left(p_text, p_max - 1) || '…' ELSE p_text END
$$;

CREATE FUNCTION pgstream._alert_payload(p_id bigint, p_event text, p_at timestamptz, p_suppressed bigint,
                                        p_details jsonb)
RETURNS text LANGUAGE sql STABLE AS $$
    SELECT (jsonb_build_object('event', p_event,
                               'stream_table', pgstream._qualified_name(st.relid),
                               'at', p_at,
                               'suppressed', p_suppressed)
            || p_details
            || CASE WHEN p_details ? 'error'
                    THEN jsonb_build_object('error',
                             pgstream._shorten(p_details ->> 'error', pgstream._alert_error_limit()))
                    ELSE '{}' END)::text
      FROM pgstream.stream_table st
     WHERE st.id = p_id
$$;

-- Sends one alert unless the same one went out less than alert_interval ago; says whether it was sent.
-- Never raises: an alert that cannot be sent must not undo what caused it (a recorded failure, a
-- source DDL's handling).
CREATE FUNCTION pgstream._alert(p_id bigint, p_event text, p_details jsonb DEFAULT '{}') RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    v_now   timestamptz := clock_timestamp();
    v_state pgstream.alert_state;
BEGIN
    INSERT INTO pgstream.alert_state (stream_table_id, event) VALUES (p_id, p_event) ON CONFLICT DO NOTHING;
    -- the row lock makes concurrent senders of the same alert take turns
    SELECT * INTO v_state FROM pgstream.alert_state WHERE stream_table_id = p_id AND event = p_event FOR UPDATE;
    IF v_state.last_sent_at > v_now - pgstream.setting('alert_interval')::interval THEN
        UPDATE pgstream.alert_state SET suppressed = suppressed + 1 WHERE stream_table_id = p_id AND event = p_event;
        RETURN false;
    END IF;
    UPDATE pgstream.alert_state SET last_sent_at = v_now, suppressed = 0
     WHERE stream_table_id = p_id AND event = p_event;
    PERFORM pg_notify('pgstream_alert', pgstream._alert_payload(p_id, p_event, v_now, v_state.suppressed, p_details));
    RETURN true;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_stream could not send the % alert of stream table %: %', p_event, p_id, SQLERRM;
    RETURN false;
END $$;
------------------------------------------------------------------------------------------------
-- Suspension. A suspended stream table is not refreshed by the engine; its consumers' frontiers keep
-- its sources' changes in their buffers (trimming stops at the oldest frontier), so it catches up when
-- resumed.
------------------------------------------------------------------------------------------------
-- Suspends a stream table, and tells every stream table that reads it, directly or not.
CREATE FUNCTION pgstream._suspend(p_id bigint, p_reason text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_name       text;
    v_dependent  bigint;
BEGIN
    UPDATE pgstream.stream_table SET status = 'suspended', suspended_reason = p_reason
     WHERE id = p_id
    RETURNING pgstream._qualified_name(relid) INTO v_name;
    FOR v_dependent IN SELECT d.id FROM pgstream._dependents(p_id) d LOOP
        PERFORM pgstream._alert(v_dependent, 'upstream_suspended',
                                jsonb_build_object('upstream', v_name, 'upstream_reason', p_reason));
    END LOOP;
    PERFORM pgstream._recompute_schedules();  -- a suspended reader asks nothing of what it reads
END $$;

-- What alter_stream_table(status => ...) does. Suspending keeps the last error; resuming clears the
-- reason, the error count and the error (the engine refreshes the table when next due).
CREATE FUNCTION pgstream._set_status(p_id bigint, p_status text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st pgstream.stream_table;
BEGIN
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id FOR UPDATE;
    IF p_status = 'suspended' THEN
        IF v_st.status <> 'suspended' THEN
            PERFORM pgstream._suspend(p_id, 'suspended by user');
        END IF;
        RETURN;
    END IF;
    UPDATE pgstream.stream_table
       SET status = 'active', suspended_reason = NULL, consecutive_errors = 0, last_error = NULL
     WHERE id = p_id;
    IF v_st.status = 'suspended' THEN
        PERFORM pgstream._alert(p_id, 'resumed', jsonb_build_object('previous_reason', v_st.suspended_reason));
    END IF;
END $$;

-- Called by _refresh once a failure is recorded: alerts, and suspends the stream table when it has
-- failed max_consecutive_errors times in a row (0 turns that off).
CREATE FUNCTION pgstream._refresh_failed(p_id bigint, p_message text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st     pgstream.stream_table;
    v_max    integer := pgstream.setting('max_consecutive_errors')::integer;
    v_reason text;
BEGIN
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id;
    PERFORM pgstream._alert(p_id, 'refresh_failed',
                            jsonb_build_object('error', p_message, 'consecutive_errors', v_st.consecutive_errors));
    IF v_st.status = 'suspended' OR v_max <= 0 OR v_st.consecutive_errors < v_max THEN
        RETURN;
    END IF;
    v_reason := format('suspended after %s consecutive failures', v_st.consecutive_errors);
    PERFORM pgstream._suspend(p_id, v_reason);
    PERFORM pgstream._alert(p_id, 'auto_suspended',
                            jsonb_build_object('reason', v_reason, 'error', p_message,
                                               'consecutive_errors', v_st.consecutive_errors));
END $$;

-- Source DDL broke these stream tables: status 'error' (a suspended one stays suspended) with the message,
-- and a reinitialize_needed alert for each.
CREATE FUNCTION pgstream._needs_reinitialize(p_ids bigint[], p_message text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    FOR v_id IN
        UPDATE pgstream.stream_table
           SET status = CASE WHEN status = 'suspended' THEN status ELSE 'error' END, last_error = p_message
         WHERE id = ANY (p_ids)
        RETURNING id
    LOOP
        PERFORM pgstream._alert(v_id, 'reinitialize_needed', jsonb_build_object('error', p_message));
    END LOOP;
END $$;

/* Sends a stale alert for every stream table whose data is older than stale_alert_factor times its
   effective interval (0 turns that off); returns how many went out. Suspended tables are left out (their
   suspension was alerted or chosen), and so are those whose effective interval is not known. The engine
   calls it every few seconds. */
CREATE FUNCTION pgstream.check_staleness() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_factor double precision := pgstream.setting('stale_alert_factor')::double precision;
    v_st     record;
    v_sent   integer := 0;
BEGIN
    FOR v_st IN
        SELECT id, now() - data_timestamp AS staleness, effective_interval, data_timestamp
          FROM pgstream.stream_table
         WHERE status <> 'suspended' AND v_factor > 0
           AND now() - data_timestamp > v_factor * effective_interval
         ORDER BY id
    LOOP
        IF pgstream._alert(v_st.id, 'stale', jsonb_build_object(
               'staleness_seconds', round(extract(epoch FROM v_st.staleness), 3)::float8,
               'effective_interval_seconds', extract(epoch FROM v_st.effective_interval)::float8,
               'stale_alert_factor', v_factor,
               'data_timestamp', v_st.data_timestamp)) THEN
            v_sent := v_sent + 1;
        END IF;
    END LOOP;
    RETURN v_sent;
END $$;
------------------------------------------------------------------------------------------------
-- Monitoring views (docs/monitoring.md describes every column). Names are schema-qualified and quoted
-- where needed, as in the alerts.
------------------------------------------------------------------------------------------------
-- Changes committed to a stream table's sources since its frontier; NULL when not known (never
-- refreshed, or a source's buffer is gone with the source).
CREATE FUNCTION pgstream._pending_changes(p_st pgstream.stream_table) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_now record;
BEGIN
    IF p_st.frontier IS NULL OR EXISTS (
           SELECT 1 FROM pgstream.source s
            WHERE s.stream_table_id = p_st.id
              AND NOT EXISTS (SELECT 1 FROM pgstream.capture c WHERE c.source_relid = s.source_relid)) THEN
        RETURN NULL;
    END IF;
    v_now := pgstream._current_frontier();
    RETURN (pgstream._count_changes(p_st, v_now.snap, v_now.xid, v_now.seq, false)).changes;
END $$;

CREATE VIEW pgstream.stream_tables_info AS
SELECT st.id,
       coalesce(pgstream._qualified_name(st.relid), st.relid::text) AS name,
       st.status,
       st.suspended_reason,
       pgstream._nearest_suspended_upstream(st.id)                  AS blocked_by,
       st.schedule,
       st.effective_interval,
       st.effective_basis,
       st.refresh_mode,
       st.plan_status                                               AS plan,
       st.last_refresh_action,
       (SELECT h.action FROM pgstream.refresh_history h
         WHERE h.stream_table_id = st.id AND h.action IN ('FULL', 'DIFFERENTIAL')
         ORDER BY h.id DESC LIMIT 1)                                AS last_applied_action,
       st.data_timestamp,
       now() - st.data_timestamp                                    AS staleness,
       st.last_refresh_at,
       st.last_refresh_duration,
       CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END      AS rows_estimate,
       pgstream._pending_changes(st)                                AS pending_changes,
       st.consecutive_errors,
       st.last_error
  FROM pgstream.stream_table st
  LEFT JOIN pg_class c ON c.oid = st.relid;

CREATE VIEW pgstream.dependencies AS
SELECT coalesce(pgstream._qualified_name(s.source_relid), s.source_name) AS upstream,
       CASE WHEN up.id IS NOT NULL THEN 'stream table'
            WHEN c.oid IS NULL THEN 'dropped table'
            WHEN c.relkind = 'p' THEN 'partitioned table'
            ELSE 'table' END                                             AS upstream_kind,
       up.schedule                                                       AS upstream_schedule,
       up.effective_interval                                             AS upstream_effective_interval,
       coalesce(pgstream._qualified_name(down.relid), down.relid::text)  AS downstream,
       down.schedule                                                     AS downstream_schedule,
       down.effective_interval                                           AS downstream_effective_interval,
       s.columns,
       up.id                                                             AS upstream_id,
       down.id                                                           AS downstream_id
  FROM pgstream.source s
  JOIN pgstream.stream_table down ON down.id = s.stream_table_id
  LEFT JOIN pgstream.stream_table up ON up.relid = s.source_relid
  LEFT JOIN pg_class c ON c.oid = s.source_relid;

-- Rows in a source's change buffer (NULL if the buffer is gone).
CREATE FUNCTION pgstream._buffer_rows(p_relid oid) RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_rows bigint;
BEGIN
    IF to_regclass(pgstream._buffer(p_relid)) IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT count(*) FROM %s', pgstream._buffer(p_relid)) INTO v_rows;
    RETURN v_rows;
END $$;
------------------------------------------------------------------------------------------------
-- Source DDL. Event triggers need a superuser; without them a refresh still reports a dropped
-- source or column, but a dropped captured column breaks writes to the source until the stream
-- table is altered or dropped (see the README).
------------------------------------------------------------------------------------------------
CREATE FUNCTION pgstream._on_sql_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    v_obj     record;
    v_sources oid[];
    v_relid   oid;
    v_forgot  boolean := false;  -- a stream table's own table was dropped
BEGIN
    IF current_setting('pgstream.internal_ddl', true) = 'on' THEN
        RETURN;
    END IF;
    PERFORM pgstream._internal_ddl(true); -- what this handler drops needs no handling
    FOR v_obj IN SELECT * FROM pg_event_trigger_dropped_objects() WHERE classid = 'pg_class'::regclass LOOP
        IF v_obj.objsubid = 0 THEN
            -- a stream table's own table dropped with DROP TABLE: forget it, as drop_stream_table would
            SELECT array_agg(s.source_relid) INTO v_sources
              FROM pgstream.stream_table st JOIN pgstream.source s ON s.stream_table_id = st.id
             WHERE st.relid = v_obj.objid;
            DELETE FROM pgstream.stream_table WHERE relid = v_obj.objid;
            v_forgot := v_forgot OR FOUND;
            FOREACH v_relid IN ARRAY coalesce(v_sources, '{}') LOOP
                PERFORM pgstream._drop_capture_if_unused(v_relid);
            END LOOP;
            IF EXISTS (SELECT 1 FROM pgstream.capture WHERE source_relid = v_obj.objid) THEN
                PERFORM pgstream._needs_reinitialize(
                    ARRAY(SELECT stream_table_id FROM pgstream.source WHERE source_relid = v_obj.objid),
                    format('source table %s was dropped', v_obj.object_identity));
                PERFORM pgstream._forget_capture(v_obj.objid);
            END IF;
        ELSIF v_obj.address_names[3]::name = ANY (coalesce((SELECT c.columns FROM pgstream.capture c
                                                             WHERE c.source_relid = v_obj.objid), '{}')) THEN
            -- a captured column dropped: stop capturing it, so that writes to the source keep working
            UPDATE pgstream.capture SET columns = array_remove(columns, v_obj.address_names[3]::name)
             WHERE source_relid = v_obj.objid;
            EXECUTE format('ALTER TABLE %s DROP COLUMN %I', pgstream._buffer(v_obj.objid), v_obj.address_names[3]);
            PERFORM pgstream._write_capture_function(v_obj.objid);
            PERFORM pgstream._needs_reinitialize(
                ARRAY(SELECT stream_table_id FROM pgstream.source
                       WHERE source_relid = v_obj.objid AND v_obj.address_names[3]::name = ANY (columns)),
                format('column %s of source table %s was dropped', quote_ident(v_obj.address_names[3]),
                       (SELECT source_name FROM pgstream.capture WHERE source_relid = v_obj.objid)));
        END IF;
    END LOOP;
    IF v_forgot THEN
        PERFORM pgstream._recompute_schedules();
    END IF;
    PERFORM pgstream._internal_ddl(false);
EXCEPTION WHEN OTHERS THEN
    -- never block the user's DDL: refreshes will report what is wrong
    RAISE WARNING 'pg_stream could not follow this DROP: %', SQLERRM;
END $$;

-- ALTER TABLE of a captured source. A captured column whose type changed: the buffer column follows
-- (pending values are not needed by a full refresh). A captured column renamed: capture goes on under
-- the new name, so writes to the source keep working. Then every stream table whose stored query no
-- longer plans (a renamed column or table, a changed type) is flagged with PostgreSQL's message.
CREATE FUNCTION pgstream._on_ddl_end() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    v_col     record;
    v_sources oid[];
BEGIN
    IF current_setting('pgstream.internal_ddl', true) = 'on' THEN
        RETURN;
    END IF;
    PERFORM pgstream._internal_ddl(true);
    SELECT array_agg(DISTINCT c.source_relid) INTO v_sources
      FROM pg_event_trigger_ddl_commands() cmd JOIN pgstream.capture c ON c.source_relid = cmd.objid
     WHERE cmd.classid = 'pg_class'::regclass AND cmd.command_tag = 'ALTER TABLE';
    IF v_sources IS NULL THEN
        PERFORM pgstream._internal_ddl(false);
        RETURN;
    END IF;
    FOR v_col IN
        SELECT c.source_relid, c.source_name, a.attname, format_type(a.atttypid, a.atttypmod) AS new_type,
               format_type(b.atttypid, b.atttypmod) AS old_type
          FROM pgstream.capture c
          JOIN pg_attribute a ON a.attrelid = c.source_relid AND a.attname = ANY (c.columns) AND NOT a.attisdropped
          JOIN pg_attribute b ON b.attrelid = pgstream._buffer(c.source_relid)::regclass AND b.attname = a.attname
         WHERE c.source_relid = ANY (v_sources)
           AND (a.atttypid, a.atttypmod) IS DISTINCT FROM (b.atttypid, b.atttypmod)
    LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE %s USING NULL',
                       pgstream._buffer(v_col.source_relid), v_col.attname, v_col.new_type);
        PERFORM pgstream._needs_reinitialize(
            ARRAY(SELECT stream_table_id FROM pgstream.source
                   WHERE source_relid = v_col.source_relid AND v_col.attname = ANY (columns)),
            format('column %s of source table %s changed type from %s to %s',
                   quote_ident(v_col.attname), v_col.source_name, v_col.old_type, v_col.new_type));
    END LOOP;
    -- RENAME COLUMN reports the column's attnum; the captured name no longer found is its old name
    FOR v_col IN
        SELECT c.source_relid, old.name AS old_name, a.attname AS new_name
          FROM pg_event_trigger_ddl_commands() cmd
          JOIN pgstream.capture c ON c.source_relid = cmd.objid
          JOIN pg_attribute a ON a.attrelid = cmd.objid AND a.attnum = cmd.objsubid
          CROSS JOIN LATERAL (SELECT n AS name FROM unnest(c.columns) n
                               WHERE NOT EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.source_relid
                                                    AND x.attname = n AND NOT x.attisdropped)) old
         WHERE cmd.object_type = 'table column' AND cmd.objsubid > 0 AND a.attname <> ALL (c.columns)
    LOOP
        EXECUTE format('ALTER TABLE %s RENAME COLUMN %I TO %I', pgstream._buffer(v_col.source_relid),
                       v_col.old_name, v_col.new_name);
        UPDATE pgstream.capture SET columns = array_replace(columns, v_col.old_name, v_col.new_name)
         WHERE source_relid = v_col.source_relid;
        PERFORM pgstream._write_capture_function(v_col.source_relid);
    END LOOP;
    PERFORM pgstream._flag_unplannable(v_sources);
    PERFORM pgstream._internal_ddl(false);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_stream could not follow this ALTER TABLE: %', SQLERRM;
END $$;

-- Flags the stream tables reading these sources whose stored query no longer plans, with PostgreSQL's
-- message (a renamed table or column, a changed type).
CREATE FUNCTION pgstream._flag_unplannable(p_sources oid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st record;
BEGIN
    FOR v_st IN
        SELECT DISTINCT st.id, st.definition, st.status, st.last_error
          FROM pgstream.stream_table st JOIN pgstream.source s ON s.stream_table_id = st.id
         WHERE s.source_relid = ANY (p_sources)
    LOOP
        BEGIN
            EXECUTE format('EXPLAIN (COSTS OFF) %s', v_st.definition);
        EXCEPTION WHEN OTHERS THEN
            IF v_st.status <> 'error' OR v_st.last_error IS NULL THEN
                PERFORM pgstream._needs_reinitialize(ARRAY[v_st.id],
                    'a change to a source table broke its query: ' || SQLERRM);
            END IF;
        END;
    END LOOP;
END $$;

DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        CREATE EVENT TRIGGER pgstream_sql_drop ON sql_drop EXECUTE FUNCTION pgstream._on_sql_drop();
        CREATE EVENT TRIGGER pgstream_ddl_end ON ddl_command_end WHEN TAG IN ('ALTER TABLE')
            EXECUTE FUNCTION pgstream._on_ddl_end();
    ELSE
        RAISE NOTICE 'pg_stream: not a superuser, so no event triggers: see the README on source DDL';
    END IF;
END $$;
------------------------------------------------------------------------------------------------
-- Capture from the WAL. A source starts on capture triggers. Once every stream table reading it has
-- refreshed, the engine moves it to logical decoding: it joins the publication (transitioning: both
-- origins write its buffer), a cutover snapshot C is taken once every older transaction has ended
-- (transactions in C count from the triggers, the others from the WAL, see _counted), and when the
-- decoder has passed C the triggers go (mode wal). The engine's decoder writes decoded rows into the
-- same buffers, with the writer's xid, so refreshes and frontiers keep one code path. Back to triggers:
-- without loss when the decoder still works (the same cutover, the other way), else with one FULL
-- refresh of every stream table reading the source.
------------------------------------------------------------------------------------------------
CREATE FUNCTION pgstream._publication() RETURNS name LANGUAGE sql IMMUTABLE AS $$ SELECT 'pgstream_capture'::name $$;

-- The slot of this database: slot names are cluster-wide.
CREATE FUNCTION pgstream._slot_name() RETURNS name LANGUAGE sql STABLE AS
$$ SELECT ('pgstream_' || (SELECT oid FROM pg_database WHERE datname = current_database()))::name $$;

-- Why no source of this database can be decoded from the WAL now, or NULL.
CREATE FUNCTION pgstream._wal_unavailable_reason() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN pgstream.setting('wal_capture') <> 'on' THEN 'WAL capture is off (setting wal_capture)'
                WHEN current_setting('wal_level') <> 'logical'
                THEN format('wal_level is %s, not logical', current_setting('wal_level'))
                WHEN current_setting('server_version_num')::integer < 140000
                THEN 'WAL capture needs PostgreSQL 14 or later' END
$$;

-- Why a source stays on triggers, or NULL when it can move to the WAL.
CREATE FUNCTION pgstream._trigger_reason(p_relid oid) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(pgstream._wal_unavailable_reason(),
           CASE WHEN cap.capture_setting = 'trigger' THEN 'pinned to triggers (pgstream.set_capture)'
                WHEN EXISTS (SELECT 1 FROM pgstream.stream_table st WHERE st.relid = p_relid)
                THEN 'a stream table: its readers refresh in its own transaction, so triggers capture it'
                WHEN c.relpersistence <> 'p' THEN 'not a permanent table: its changes are not in the WAL'
                WHEN c.relkind <> 'r' THEN 'a partitioned table: replica identity is set per partition'
                WHEN c.relreplident = 'i'
                THEN 'its replica identity is an index: make it REPLICA IDENTITY FULL to decode it from the WAL'
                WHEN EXISTS (SELECT 1 FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                              WHERE s.source_relid = p_relid AND st.frontier IS NULL)
                THEN 'waiting for the first refresh of every stream table reading it' END)
      FROM pgstream.capture cap JOIN pg_class c ON c.oid = cap.source_relid
     WHERE cap.source_relid = p_relid
$$;

-- The sources whose triggers could give way to the WAL now.
CREATE FUNCTION pgstream._wal_candidates() RETURNS SETOF oid LANGUAGE sql STABLE AS $$
    SELECT source_relid FROM pgstream.capture
     WHERE mode = 'trigger' AND cutover IS NULL AND pgstream._trigger_reason(source_relid) IS NULL
       AND (fallback_at IS NULL OR fallback_at < now() - pgstream.setting('wal_retry_after')::interval)
     ORDER BY source_relid
$$;

-- Records the slot an engine created for this database (outside any transaction that wrote).
CREATE FUNCTION pgstream._register_slot(p_slot name, p_lsn pg_lsn) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pgstream.wal_capture (slot_name, publication, decoded_lsn) VALUES (p_slot, pgstream._publication(), p_lsn);
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = pgstream._publication()) THEN
        EXECUTE format('CREATE PUBLICATION %I WITH (publish = ''insert, update, delete, truncate'')',
                       pgstream._publication());
    END IF;
END $$;

-- Whether a decoder streams the slot now; NULL when there is no usable slot at all.
CREATE FUNCTION pgstream._decoder_alive() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN current_setting('wal_level') <> 'logical' OR s.slot_name IS NULL OR s.wal_status = 'lost'
                THEN NULL ELSE s.active END
      FROM pgstream.wal_capture w LEFT JOIN pg_replication_slots s ON s.slot_name = w.slot_name
$$;

-- Whether a decoder streams the slot within the next two seconds (an engine reconnecting takes about one).
CREATE FUNCTION pgstream._decoder_comes() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_deadline timestamptz := clock_timestamp() + interval '2 seconds';
BEGIN
    LOOP
        IF pgstream._decoder_alive() THEN
            RETURN true;
        ELSIF clock_timestamp() > v_deadline THEN
            RETURN false;
        END IF;
        PERFORM pg_sleep(0.05);
    END LOOP;
END $$;

-- What the WAL capture of this database is missing, or NULL: the sources depending on it must fall back.
CREATE FUNCTION pgstream._decoder_missing_reason() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pgstream.wal_capture) THEN 'the slot is not registered'
                WHEN current_setting('wal_level') <> 'logical'
                THEN format('wal_level is %s, not logical', current_setting('wal_level'))
                WHEN NOT EXISTS (SELECT 1 FROM pg_replication_slots s JOIN pgstream.wal_capture w ON w.slot_name = s.slot_name)
                THEN 'the replication slot was dropped'
                WHEN (SELECT s.wal_status FROM pg_replication_slots s JOIN pgstream.wal_capture w ON w.slot_name = s.slot_name) = 'lost'
                THEN 'the replication slot was invalidated (max_slot_wal_keep_size)'
                WHEN (SELECT decoded_at < clock_timestamp() - pgstream.setting('wal_consumer_timeout')::interval
                        FROM pgstream.wal_capture)
                     AND NOT (SELECT s.active FROM pg_replication_slots s JOIN pgstream.wal_capture w ON w.slot_name = s.slot_name)
                THEN format('no engine has decoded the slot for longer than %s (setting wal_consumer_timeout)',
                            pgstream.setting('wal_consumer_timeout')) END
$$;

-- A position in the WAL after every commit record the calling statement's snapshot sees, that the decoder
-- reports as soon as it reaches it: a non-transactional logical message, flushed at once where the
-- server can (17+; before, the WAL writer flushes it within wal_writer_delay).
CREATE FUNCTION pgstream._emit_marker() RETURNS pg_lsn LANGUAGE plpgsql AS $$
DECLARE
    v_lsn pg_lsn;
BEGIN
    IF current_setting('server_version_num')::integer >= 170000 THEN
        EXECUTE 'SELECT pg_logical_emit_message(false, ''pgstream'', '''', true)' INTO v_lsn;
    ELSE
        v_lsn := pg_logical_emit_message(false, 'pgstream', '');
    END IF;
    RETURN v_lsn;
END $$;

-- A refresh must not read a WAL-captured source its own transaction changed: those changes are decoded
-- only after it commits, while the source as it reads it already shows them.
CREATE FUNCTION pgstream._check_unchanged_here(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'relation' AND l.relation = p_relid AND l.pid = pg_backend_pid() AND l.granted
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')) THEN
        RAISE EXCEPTION 'this transaction changed %, whose changes pg_stream decodes from the WAL after they commit',
                        p_relid::regclass
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Commit the changes before creating or refreshing a stream table that reads it, or pin the table '
                         'to capture triggers: SELECT pgstream.set_capture(''' || p_relid::regclass::text || ''', ''trigger'').';
    END IF;
END $$;

-- Waits until the decoder has written every change of every transaction visible in p_snap (the frontier
-- a refresh is about to consume up to), or wal_wait_timeout passes. Once per snapshot and transaction.
CREATE FUNCTION pgstream._await_decoder(p_relid oid, p_snap pg_snapshot) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_target   pg_lsn;
    v_decoded  pg_lsn;
    v_deadline timestamptz;
    v_gone_since timestamptz;
    v_pause    double precision := 0.0002;
BEGIN
    PERFORM pgstream._check_unchanged_here(p_relid);
    IF current_setting('pgstream.decoded_for', true) = p_snap::text THEN
        RETURN;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'a refresh that reads %, whose changes are decoded from the WAL, must run in READ COMMITTED',
                        p_relid::regclass
            USING ERRCODE = 'invalid_transaction_state',
                  HINT = 'It waits for the engine''s decoder and then reads what it wrote, which a transaction snapshot would not show.';
    END IF;
    v_target := pgstream._emit_marker();
    v_deadline := clock_timestamp() + pgstream.setting('wal_wait_timeout')::interval;
    LOOP
        SELECT decoded_lsn INTO v_decoded FROM pgstream.wal_capture;
        EXIT WHEN v_decoded >= v_target;
        IF pgstream._decoder_alive() THEN
            v_gone_since := NULL;
        ELSE
            v_gone_since := coalesce(v_gone_since, clock_timestamp());
        END IF;
        IF v_gone_since < clock_timestamp() - interval '5 seconds' THEN
            RAISE EXCEPTION 'no engine decodes the WAL any more, so the changes of % up to % cannot be read', p_relid::regclass,
                            v_target
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Start an engine (pg-stream run), or refresh again: a refresh with no engine moves its sources back to triggers.';
        ELSIF v_decoded IS NULL OR clock_timestamp() > v_deadline THEN
            RAISE EXCEPTION 'the WAL decoder has not written the changes of % up to % within % (it is at %)',
                            p_relid::regclass, v_target, pgstream.setting('wal_wait_timeout'), coalesce(v_decoded::text, 'no slot')
                USING ERRCODE = 'lock_not_available',
                      HINT = 'Is an engine (pg-stream run) serving this database? See pgstream.change_buffers.';
        END IF;
        PERFORM pg_sleep(v_pause);
        v_pause := least(v_pause * 2, 0.001);
    END LOOP;
    PERFORM set_config('pgstream.decoded_for', p_snap::text, true);
END $$;

-- Before a refresh: a source whose changes should come from the WAL while nothing can decode it falls
-- back to triggers now (and the stream tables reading it refresh in full). Returns why this refresh must be
-- FULL without a fallback of its own: another transaction is moving that source (waiting for it while
-- holding this stream table's lock could deadlock); its fallback then asks this one for a FULL refresh too.
CREATE FUNCTION pgstream._check_capture(p_st pgstream.stream_table) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_relid  oid;
    v_reason text;
BEGIN
    FOR v_relid IN
        SELECT c.source_relid FROM pgstream.source s JOIN pgstream.capture c ON c.source_relid = s.source_relid
         WHERE s.stream_table_id = p_st.id AND pgstream._uses_decoder(c)
         ORDER BY 1
    LOOP
        v_reason := coalesce(v_reason, pgstream._decoder_missing_reason(),
                             CASE WHEN NOT pgstream._decoder_comes() THEN 'refreshed with no engine decoding the WAL' END);
        EXIT WHEN v_reason IS NULL;
        IF NOT pgstream._lock_capture(v_relid, false) THEN
            RETURN format('the capture of %s is falling back to triggers (%s)', v_relid::regclass, v_reason);
        END IF;
        PERFORM pgstream._fall_back(v_relid, v_reason, false);
    END LOOP;
    RETURN NULL;
END $$;

-- Takes the locks of the stream tables reading a source, without waiting (a refresh holds one); false,
-- holding none of them for good, when one is busy: the caller tries again later.
CREATE FUNCTION pgstream._try_lock_consumers(p_relid oid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    FOR v_id IN SELECT stream_table_id FROM pgstream.source WHERE source_relid = p_relid ORDER BY 1 LOOP
        IF NOT pgstream.try_lock_stream_table(v_id) THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
END $$;

CREATE FUNCTION pgstream._alert_consumers(p_relid oid, p_event text, p_details jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    FOR v_id IN SELECT stream_table_id FROM pgstream.source WHERE source_relid = p_relid ORDER BY 1 LOOP
        PERFORM pgstream._alert(v_id, p_event,
                                jsonb_build_object('source', coalesce(pgstream._qualified_name(p_relid), p_relid::text))
                                || p_details);
    END LOOP;
END $$;

-- Moves a source back to triggers. With p_decoder_works, changes committed before the triggers exist still
-- come from the WAL (a cutover the other way, finished by _step_capture); otherwise the WAL rows go and
-- every stream table reading the source refreshes in full once, with that reason.
CREATE FUNCTION pgstream._fall_back(p_relid oid, p_reason text, p_decoder_works boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_cap pgstream.capture;
    v_gap boolean;
BEGIN
    -- No lock of the stream tables reading it: a refresh under way read a consistent state, and one that
    -- refreshes in full meanwhile leaves the reason set here for the next (see _refresh_locked).
    PERFORM pgstream._lock_capture(p_relid, true);
    PERFORM pgstream._lock_capture_columns(p_relid, false);  -- a decoder transaction writing it commits first
    SELECT * INTO v_cap FROM pgstream.capture WHERE source_relid = p_relid FOR UPDATE;
    IF v_cap.mode = 'trigger' AND (v_cap.cutover IS NULL OR p_decoder_works) THEN
        RETURN;
    END IF;
    PERFORM pgstream._internal_ddl(true);
    -- waits for the source's writers: every transaction that changed it without a trigger ends before C
    PERFORM pgstream._install_capture_triggers(p_relid);
    PERFORM pgstream._leave_publication(p_relid);
    -- a transitioning source never lost its triggers: they have every change
    v_gap := NOT p_decoder_works AND (v_cap.mode = 'wal' OR v_cap.cutover_to = 'trigger');
    IF p_decoder_works AND v_cap.mode = 'wal' THEN
        UPDATE pgstream.capture
           SET mode = 'trigger', cutover = pg_current_snapshot(), cutover_lsn = pg_current_wal_insert_lsn(),
               cutover_to = 'trigger', cutover_after = NULL
         WHERE source_relid = p_relid;
    ELSE
        EXECUTE format('DELETE FROM %s WHERE __pgs_wal', pgstream._buffer(p_relid));
        UPDATE pgstream.capture SET mode = 'trigger', cutover = NULL, cutover_lsn = NULL, cutover_to = NULL,
                                    cutover_after = NULL
         WHERE source_relid = p_relid;
    END IF;
    UPDATE pgstream.capture
       SET mode_since = now(), fallback_reason = p_reason, fallback_at = now(),
           trigger_reason = coalesce(pgstream._trigger_reason(p_relid), 'fell back: ' || p_reason)
     WHERE source_relid = p_relid;
    IF v_gap THEN
        UPDATE pgstream.stream_table st
           SET pending_full_reason = format('the capture of %s fell back to triggers (%s) and may have missed changes',
                                            v_cap.source_name, p_reason)
          FROM pgstream.source s WHERE s.source_relid = p_relid AND s.stream_table_id = st.id;
    END IF;
    PERFORM pgstream._write_reader(p_relid);
    PERFORM pgstream._alert_consumers(p_relid, 'capture_fallback',
                                      jsonb_build_object('from', v_cap.mode, 'reason', p_reason, 'full_refresh', v_gap));
    PERFORM pgstream._internal_ddl(false);
END $$;

-- Every source that depends on the decoder falls back (the slot is gone or unusable); then the slot goes.
CREATE FUNCTION pgstream._fall_back_all(p_reason text, p_decoder_works boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_relid oid;
    v_count integer := 0;
BEGIN
    FOR v_relid IN SELECT source_relid FROM pgstream.capture c WHERE pgstream._uses_decoder(c) ORDER BY 1 LOOP
        PERFORM pgstream._fall_back(v_relid, p_reason, p_decoder_works);
        v_count := v_count + 1;
    END LOOP;
    IF NOT p_decoder_works THEN
        PERFORM pgstream._drop_slot_if_unused();
    END IF;
    RETURN v_count;
END $$;

CREATE FUNCTION pgstream._leave_publication(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
                WHERE p.pubname = pgstream._publication() AND pr.prrelid = p_relid) THEN
        EXECUTE format('ALTER PUBLICATION %I DROP TABLE %s', pgstream._publication(), p_relid::regclass);
    END IF;
END $$;

-- A source no stream table reads leaves the WAL capture: the publication, and the replica identity pg_stream set.
CREATE FUNCTION pgstream._leave_wal(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_before "char" := (SELECT replica_identity_before FROM pgstream.capture WHERE source_relid = p_relid);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = p_relid) THEN
        RETURN;
    END IF;
    PERFORM pgstream._leave_publication(p_relid);
    IF v_before IS NOT NULL THEN
        EXECUTE format('ALTER TABLE %s REPLICA IDENTITY %s', p_relid::regclass,
                       CASE v_before WHEN 'n' THEN 'NOTHING' ELSE 'DEFAULT' END);
    END IF;
END $$;

-- The slot goes with the last source that needs it. A slot being streamed is left to its engine, which
-- calls this again once it has stopped. (Dropping a slot does not roll back: were the transaction to abort,
-- the sources still on the WAL would find the slot missing and fall back.)
CREATE FUNCTION pgstream._drop_slot_if_unused() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_slot name := (SELECT slot_name FROM pgstream.wal_capture);
BEGIN
    IF v_slot IS NULL OR EXISTS (SELECT 1 FROM pgstream.capture c WHERE pgstream._uses_decoder(c))
       OR EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = v_slot AND active) THEN
        RETURN false;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = v_slot) THEN
        PERFORM pg_drop_replication_slot(v_slot);
    END IF;
    DELETE FROM pgstream.wal_capture;
    RETURN true;
END $$;

-- Starts moving a source to the WAL: REPLICA IDENTITY FULL (so that updates and deletes carry the old
-- row; pg_stream restores the old setting when it stops capturing the table), into the publication.
CREATE FUNCTION pgstream._begin_wal_capture(p_relid oid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_reason text;
    v_ident  "char";
BEGIN
    PERFORM pgstream._lock_capture(p_relid, true);
    v_reason := coalesce(pgstream._trigger_reason(p_relid),
                         CASE WHEN NOT EXISTS (SELECT 1 FROM pgstream.wal_capture) THEN 'no replication slot yet' END);
    IF v_reason IS NULL AND (SELECT mode FROM pgstream.capture WHERE source_relid = p_relid) = 'trigger' THEN
        PERFORM pgstream._internal_ddl(true);
        v_ident := (SELECT relreplident FROM pg_class WHERE oid = p_relid);
        BEGIN
            IF v_ident <> 'f' THEN
                EXECUTE format('ALTER TABLE %s REPLICA IDENTITY FULL', p_relid::regclass);
                RAISE NOTICE 'pg_stream made % REPLICA IDENTITY FULL, to decode its changes from the WAL', p_relid::regclass;
            END IF;
            EXECUTE format('ALTER PUBLICATION %I ADD TABLE %s', pgstream._publication(), p_relid::regclass);
        EXCEPTION WHEN insufficient_privilege OR lock_not_available THEN
            v_reason := 'cannot join the WAL capture: ' || SQLERRM;
        END;
        PERFORM pgstream._internal_ddl(false);
    END IF;
    IF v_reason IS NOT NULL THEN
        UPDATE pgstream.capture SET trigger_reason = v_reason WHERE source_relid = p_relid;
        RETURN v_reason;
    END IF;
    UPDATE pgstream.capture
       SET mode = 'transitioning', mode_since = now(), trigger_reason = NULL, cutover = NULL, cutover_after = NULL,
           cutover_lsn = NULL, cutover_to = 'wal',
           replica_identity_before = CASE WHEN v_ident <> 'f' THEN v_ident ELSE replica_identity_before END
     WHERE source_relid = p_relid;
    RETURN NULL;
END $$;

-- Takes the next step of a source's cutover, if it is due; returns where the source stands. Called by the
-- engine, each call its own transaction.
CREATE FUNCTION pgstream._step_capture(p_relid oid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_cap     pgstream.capture;
    v_decoded pg_lsn := (SELECT decoded_lsn FROM pgstream.wal_capture);
BEGIN
    SELECT * INTO v_cap FROM pgstream.capture WHERE source_relid = p_relid;
    IF v_cap.mode = 'transitioning' AND v_cap.cutover_after IS NULL THEN
        -- this transaction began after the source joined the publication, so a transaction with a later xid
        -- (assigned at its first write) changes the source only while it is published
        UPDATE pgstream.capture SET cutover_after = pg_current_xact_id() WHERE source_relid = p_relid;
        RETURN 'waiting for older transactions to end';
    ELSIF v_cap.mode = 'transitioning' AND v_cap.cutover IS NULL THEN
        IF pg_snapshot_xmin(pg_current_snapshot()) <= v_cap.cutover_after THEN
            RETURN 'waiting for older transactions to end';
        END IF;
        UPDATE pgstream.capture SET cutover = pg_current_snapshot(), cutover_lsn = pg_current_wal_insert_lsn()
         WHERE source_relid = p_relid;
        PERFORM pgstream._emit_marker();
        RETURN 'waiting for the decoder to pass the cutover';
    ELSIF v_cap.cutover IS NOT NULL AND (v_decoded IS NULL OR v_decoded < v_cap.cutover_lsn) THEN
        PERFORM pgstream._emit_marker();
        RETURN 'waiting for the decoder to pass the cutover';
    ELSIF v_cap.mode = 'transitioning' THEN
        RETURN pgstream._finish_wal_capture(v_cap);
    ELSIF v_cap.cutover IS NOT NULL THEN
        RETURN pgstream._finish_trigger_capture(v_cap);
    END IF;
    RETURN v_cap.mode;
END $$;

-- The decoder has passed the cutover: the triggers go, and with them the rows of the origin that does
-- not count for their transaction.
CREATE FUNCTION pgstream._finish_wal_capture(p_cap pgstream.capture) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('lock_timeout', '2s', true);
    BEGIN
        -- the table first (waiting for its writers), then the readers without waiting: a refresh under way
        -- may be reading the trigger rows (see _write_reader), and waiting for it while holding the table
        -- could deadlock with a transaction that locked the table and refreshes
        EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', p_cap.source_relid::regclass);
        IF NOT pgstream._try_lock_consumers(p_cap.source_relid) THEN
            RETURN 'waiting for the stream tables reading it to finish refreshing';
        END IF;
        PERFORM pgstream._internal_ddl(true);
        PERFORM pgstream._drop_capture_triggers(p_cap.source_relid);
        PERFORM pgstream._internal_ddl(false);
    EXCEPTION WHEN lock_not_available THEN
        RETURN 'waiting for a lock to drop the capture triggers';
    END;
    EXECUTE format('DELETE FROM %s b WHERE NOT pgstream._counted(b.__pgs_wal, b.__pgs_xid, $1, $2, $3)',
                   pgstream._buffer(p_cap.source_relid))
      USING p_cap.mode, p_cap.cutover, p_cap.cutover_to;
    UPDATE pgstream.capture
       SET mode = 'wal', mode_since = now(), cutover = NULL, cutover_after = NULL, cutover_lsn = NULL, cutover_to = NULL,
           trigger_reason = NULL
     WHERE source_relid = p_cap.source_relid;
    PERFORM pgstream._write_reader(p_cap.source_relid);
    PERFORM pgstream._alert_consumers(p_cap.source_relid, 'capture_transition', '{"from": "trigger", "to": "wal"}');
    RETURN 'wal';
END $$;

-- Back on triggers, and the decoder has written what came before them: once every stream table reading the
-- source has a frontier past the cutover, its WAL rows are consumed and the cutover can go.
CREATE FUNCTION pgstream._finish_trigger_capture(p_cap pgstream.capture) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                WHERE s.source_relid = p_cap.source_relid
                  AND (st.frontier IS NULL OR pg_snapshot_xmin(st.frontier) < pg_snapshot_xmax(p_cap.cutover))) THEN
        RETURN 'waiting for its stream tables to consume the changes decoded before the cutover';
    END IF;
    IF NOT pgstream._try_lock_consumers(p_cap.source_relid) THEN
        RETURN 'waiting for the stream tables reading it to finish refreshing';
    END IF;
    EXECUTE format('DELETE FROM %s WHERE __pgs_wal', pgstream._buffer(p_cap.source_relid));
    UPDATE pgstream.capture SET cutover = NULL, cutover_lsn = NULL, cutover_to = NULL WHERE source_relid = p_cap.source_relid;
    PERFORM pgstream._write_reader(p_cap.source_relid);
    PERFORM pgstream._alert_consumers(p_cap.source_relid, 'capture_transition', '{"from": "wal", "to": "trigger"}');
    PERFORM pgstream._drop_slot_if_unused();
    RETURN 'trigger';
END $$;

-- A decoder failure; after wal_decoder_max_failures in a row every source falls back.
CREATE FUNCTION pgstream._record_decoder_failure(p_error text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_failures integer;
BEGIN
    UPDATE pgstream.wal_capture SET consecutive_failures = consecutive_failures + 1, last_error = p_error
    RETURNING consecutive_failures INTO v_failures;
    IF v_failures >= pgstream.setting('wal_decoder_max_failures')::integer THEN
        PERFORM pgstream._fall_back_all(format('the WAL decoder failed %s times in a row: %s', v_failures, p_error));
    END IF;
    RETURN v_failures;
END $$;

-- A slot_lag alert for the stream tables reading WAL-captured sources, when the WAL not yet decoded
-- exceeds slot_lag_alert_bytes.
CREATE FUNCTION pgstream._check_slot_lag() RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    v_lag   numeric := (SELECT pg_current_wal_insert_lsn() - decoded_lsn FROM pgstream.wal_capture);
    v_limit numeric := pgstream.setting('slot_lag_alert_bytes')::numeric;
    v_relid oid;
BEGIN
    IF v_lag > v_limit AND v_limit > 0 THEN
        FOR v_relid IN SELECT source_relid FROM pgstream.capture WHERE mode <> 'trigger' LOOP
            PERFORM pgstream._alert_consumers(v_relid, 'slot_lag',
                jsonb_build_object('slot', (SELECT slot_name FROM pgstream.wal_capture), 'lag_bytes', v_lag));
        END LOOP;
    END IF;
    RETURN v_lag;
END $$;

/* Pins a source to capture triggers ('trigger') or lets pg_stream decode it from the WAL when it can
   ('auto', the default). Pinning a source on the WAL moves it back now, without loss while the engine's
   decoder works. */
CREATE FUNCTION pgstream.set_capture(source regclass, capture text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF set_capture.capture IS NULL OR set_capture.capture NOT IN ('auto', 'trigger') THEN
        RAISE EXCEPTION 'capture must be ''auto'' or ''trigger'', not %', quote_nullable(set_capture.capture)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE pgstream.capture c SET capture_setting = set_capture.capture WHERE c.source_relid = set_capture.source;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not read by any stream table', source USING ERRCODE = 'undefined_object';
    END IF;
    IF set_capture.capture = 'trigger' THEN
        PERFORM pgstream._require_read_committed('pin a source to capture triggers');
        PERFORM pgstream._fall_back(set_capture.source, 'pinned to triggers', coalesce(pgstream._decoder_alive(), false));
        UPDATE pgstream.capture c SET trigger_reason = pgstream._trigger_reason(set_capture.source)
         WHERE c.source_relid = set_capture.source;
    END IF;
END $$;

-- One row per captured source (docs/monitoring.md describes every column), with its capture: here, after
-- the functions it calls.
CREATE VIEW pgstream.change_buffers AS
SELECT coalesce(pgstream._qualified_name(cap.source_relid), cap.source_name) AS source,
       pgstream._buffer(cap.source_relid)                                   AS buffer,
       b.pending_changes,
       pg_total_relation_size(to_regclass(pgstream._buffer(cap.source_relid))) AS buffer_bytes,
       consumer.consumers,
       -- every change a consumer has not read was committed after that consumer's data timestamp
       CASE WHEN b.pending_changes > 0 THEN now() - consumer.oldest_data_timestamp END AS oldest_change_age_bound,
       cap.columns,
       CASE WHEN cap.mode = 'trigger' AND cap.capture_setting = 'trigger' THEN 'pinned' ELSE cap.mode END AS capture_mode,
       cap.mode_since                                                       AS capture_since,
       CASE WHEN cap.mode = 'trigger'
            THEN coalesce(pgstream._trigger_reason(cap.source_relid), cap.trigger_reason,
                          'moves to the WAL once an engine runs') END          AS trigger_reason,
       cap.last_decoded_lsn,
       cap.last_decoded_at,
       wal.lag_bytes,
       wal.lag,
       cap.fallback_reason,
       cap.fallback_at
  FROM pgstream.capture cap
  -- the decoder's lag, for a source whose changes come (or still come) from the WAL
  LEFT JOIN LATERAL (SELECT greatest(pg_current_wal_insert_lsn() - w.decoded_lsn, 0) AS lag_bytes,
                            CASE WHEN pg_current_wal_insert_lsn() > w.decoded_lsn THEN now() - w.decoded_at
                                 ELSE interval '0' END AS lag
                       FROM pgstream.wal_capture w
                      WHERE pgstream._uses_decoder(cap)) wal ON true
 CROSS JOIN LATERAL (SELECT pgstream._buffer_rows(cap.source_relid) AS pending_changes) b
 CROSS JOIN LATERAL (SELECT count(*) AS consumers, min(st.data_timestamp) AS oldest_data_timestamp
                       FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                      WHERE s.source_relid = cap.source_relid) consumer;
