------------------------------------------------------------------------------------------------
-- Privileges. Two group roles: pgstream_user (create, alter, drop and refresh one's own stream tables)
-- and pgstream_admin (every stream table, the settings; the engine's role). The catalog belongs to the
-- role that installed pg_stream (the "install role"); users change it only through the functions made
-- SECURITY DEFINER at the end of this file, each with a pinned search_path, which check who calls.
--
-- Whatever reads or writes a user's objects (the query, the stream table, its state tables) runs as the
-- stream table's owner, through the owner's *runner*: a SECURITY DEFINER function the owner creates in
-- schema pgstream_run on first use, which only the install role may call. So a refresh started by the
-- engine, by a superuser or within a round of someone else's tables never runs the owner's functions,
-- operators or views with more rights than the owner's. The SQL a runner executes is written by
-- pg_stream (the engine compiles it), so pgstream_admin acts with the rights of the owners it serves;
-- a superuser's runner refuses to run for anyone but a superuser, so that is never a superuser's.
------------------------------------------------------------------------------------------------
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgstream_user') THEN
        CREATE ROLE pgstream_user NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pgstream_admin') THEN
        CREATE ROLE pgstream_admin NOLOGIN;
    END IF;
    IF NOT pg_has_role('pgstream_admin', 'pgstream_user', 'MEMBER') THEN
        GRANT pgstream_user TO pgstream_admin;
    END IF;
END $$;

DO $$
BEGIN
    IF to_regnamespace('pgstream_run') IS NULL THEN
        CREATE SCHEMA pgstream_run;
        COMMENT ON SCHEMA pgstream_run IS 'pg_stream runners: one function per stream-table owner, which refreshes run as';
    END IF;
END $$;

-- The search_path a role's sessions start with in this database (ALTER ROLE/DATABASE ... SET, else
-- PostgreSQL's built-in default; a search_path set in postgresql.conf is not seen): what a stream table's statements run with, so that the owner's functions that name
-- objects without a schema find them as they do in the owner's own sessions.
CREATE OR REPLACE FUNCTION pgstream._default_search_path(p_role oid) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT substr(c, length('search_path=') + 1)
           FROM pg_catalog.pg_db_role_setting s CROSS JOIN LATERAL unnest(s.setconfig) c
          WHERE s.setrole IN (p_role, 0) AND c LIKE 'search_path=%'
            AND s.setdatabase IN (0, (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()))
          ORDER BY s.setrole = p_role DESC, s.setdatabase <> 0 DESC LIMIT 1),
        -- pg_settings builds every setting's row: read once per session
        nullif(pg_catalog.current_setting('pgstream.server_search_path', true), ''),
        pg_catalog.set_config('pgstream.server_search_path',
                              (SELECT boot_val FROM pg_catalog.pg_settings WHERE name = 'search_path'), false))
$$;

-- The body of every runner; a runner whose body, settings or signature differ is not used (a new body
-- means new runners: the upgrade that brings it makes them).
CREATE OR REPLACE FUNCTION pgstream._runner_source() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $body$
BEGIN
    IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
       AND NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user) THEN
        RAISE EXCEPTION 'stream tables owned by the superuser % are refreshed and changed only by superusers', current_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Run the engine as a superuser, or give the stream table an owner that is not a superuser.';
    END IF;
    PERFORM pg_catalog.set_config('search_path', pgstream._default_search_path(current_user::regrole), true);
    IF p_returns THEN
        EXECUTE p_statement INTO snap, xid, seq, inserted, deleted, updated USING p_snap, p_xid, p_seq;
    ELSE
        EXECUTE p_statement;
    END IF;
END
$body$ $$;

CREATE OR REPLACE FUNCTION pgstream._runner_arguments() RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'p_statement text, p_returns boolean, p_snap pg_snapshot, p_xid xid8, p_seq bigint, '
        || 'OUT snap pg_snapshot, OUT xid xid8, OUT seq bigint, OUT inserted bigint, OUT deleted bigint, OUT updated bigint'
$$;

-- The name pg_stream gives a role's runner, and the runner's signature (its IN arguments).
CREATE OR REPLACE FUNCTION pgstream._runner_name(p_role oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_catalog.format('pgstream_run.%I', 'run_' || p_role) $$;

CREATE OR REPLACE FUNCTION pgstream._runner_signature(p_role oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT pgstream._runner_name(p_role) || '(text, boolean, pg_snapshot, xid8, bigint)' $$;

-- A role's runner, if it has a genuine one: found by the name pg_stream gives it (an index lookup), else by
-- owner (a restored database gave the role another OID).
CREATE OR REPLACE FUNCTION pgstream._runner(p_role oid) RETURNS regprocedure LANGUAGE sql STABLE AS $$
    WITH candidate AS (
        SELECT p.* FROM pg_catalog.pg_proc p
         WHERE p.oid = coalesce(pg_catalog.to_regprocedure(pgstream._runner_signature(p_role)), 0)
        UNION ALL
        SELECT p.* FROM pg_catalog.pg_proc p
         WHERE p.pronamespace = 'pgstream_run'::regnamespace AND p.proowner = p_role)
    SELECT c.oid::regprocedure
      FROM candidate c
     WHERE c.proowner = p_role AND c.prosecdef AND c.prosrc = pgstream._runner_source()
       AND c.proconfig = ARRAY['search_path=pg_catalog, pg_temp']
       AND pg_catalog.pg_get_function_arguments(c.oid) = pgstream._runner_arguments()
     LIMIT 1
$$;

/* Creates the calling role's runner unless it has one. Runs as the caller (it is the caller's function),
   so the public API calls it before switching to the install role. */
CREATE OR REPLACE FUNCTION pgstream._ensure_runner() RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT pg_has_role(current_user, 'pgstream_user', 'MEMBER') THEN
        RAISE EXCEPTION 'permission denied: role % is not a member of pgstream_user', current_user
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('An administrator runs: GRANT pgstream_user TO %I;', current_user);
    END IF;
    IF pgstream._runner(current_user::regrole::oid) IS NULL THEN
        -- sessions creating a role's first stream tables at once (dbt's threads) wait for the first to commit
        -- its runner, then use it
        PERFORM pg_advisory_xact_lock(1346851672, current_user::regrole::oid::int4);
        IF pgstream._runner(current_user::regrole::oid) IS NULL THEN
            PERFORM pgstream._create_runner(current_user::regrole::oid);
        END IF;
    END IF;
END $$;

/* Creates a role's runner: as the role itself, or as a superuser who then gives it to the role. */
CREATE OR REPLACE FUNCTION pgstream._create_runner(p_role oid) RETURNS regprocedure LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_name      text := pgstream._runner_name(p_role);
    v_signature text := pgstream._runner_signature(p_role);
BEGIN
    IF to_regprocedure(v_signature) IS NOT NULL THEN
        RAISE EXCEPTION 'function % is in the way of pg_stream''s runner for role %', v_signature, p_role::regrole
            USING ERRCODE = 'duplicate_function', HINT = 'Drop that function; pg_stream creates the runner again.';
    END IF;
    EXECUTE format('CREATE FUNCTION %s(%s) LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS %L',
                   v_name, pgstream._runner_arguments(), pgstream._runner_source());
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', v_signature);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %s', v_signature, pgstream._install_role()::regrole);
    IF p_role <> current_user::regrole THEN
        EXECUTE format('ALTER FUNCTION %s OWNER TO %s', v_signature, p_role::regrole);
    END IF;
    RETURN v_signature::regprocedure;
END $$;

/* Runs a statement as a role, through its runner (directly when the role is the install role, which
   the caller runs as already). p_returns: the statement returns one row (frontier, counts) given the
   frontier as $1..$3. */
CREATE OR REPLACE FUNCTION pgstream._run_as(p_role oid, p_statement text, p_returns boolean DEFAULT false,
                                            p_snap pg_snapshot DEFAULT NULL, p_xid xid8 DEFAULT NULL,
                                            p_seq bigint DEFAULT NULL,
                                            OUT snap pg_snapshot, OUT xid xid8, OUT seq bigint, OUT inserted bigint,
                                            OUT deleted bigint, OUT updated bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_runner regprocedure;
    v_path   text;
BEGIN
    -- the statements come from the catalog, which pgstream_admin writes: never a superuser's for anyone else
    IF pgstream._is_superuser(p_role) AND NOT pgstream._is_superuser(session_user::regrole) THEN
        RAISE EXCEPTION 'stream tables owned by the superuser % are refreshed and changed only by superusers', p_role::regrole
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Run the engine as a superuser, or give the stream table an owner that is not a superuser.';
    END IF;
    IF p_role = pgstream._install_role() THEN
        v_path := current_setting('search_path');
        PERFORM set_config('search_path', pgstream._default_search_path(p_role), true);
        IF p_returns THEN
            EXECUTE p_statement INTO snap, xid, seq, inserted, deleted, updated USING p_snap, p_xid, p_seq;
        ELSE
            EXECUTE p_statement;
        END IF;
        PERFORM set_config('search_path', v_path, true);  -- (an error leaves with the transaction or subtransaction)
        RETURN;
    END IF;
    v_runner := pgstream._runner(p_role);
    IF v_runner IS NULL THEN
        RAISE EXCEPTION 'role % has no pg_stream runner, so nothing can run with its rights', p_role::regrole
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('Have %s (a member of pgstream_user) call pgstream.enable_user().', p_role::regrole);
    END IF;
    EXECUTE format('SELECT * FROM %s($1, $2, $3, $4, $5)', v_runner::oid::regproc)
       INTO snap, xid, seq, inserted, deleted, updated USING p_statement, p_returns, p_snap, p_xid, p_seq;
END $$;

-- The relation a name designates in the caller's search_path (which a SECURITY DEFINER function replaces).
CREATE OR REPLACE FUNCTION pgstream._resolve(p_name text, p_search_path text) RETURNS regclass LANGUAGE plpgsql AS $$
DECLARE
    v_path text := current_setting('search_path');
    v_rel  regclass;
BEGIN
    PERFORM set_config('search_path', p_search_path, true);
    v_rel := to_regclass(p_name);
    PERFORM set_config('search_path', v_path, true);
    RETURN v_rel;
END $$;

-- The role a relation belongs to.
CREATE OR REPLACE FUNCTION pgstream._owner(p_relid oid) RETURNS oid LANGUAGE sql STABLE AS
$$ SELECT relowner FROM pg_catalog.pg_class WHERE oid = p_relid $$;

CREATE OR REPLACE FUNCTION pgstream._authorize(p_st pgstream.stream_table, p_what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pgstream._may_manage(pgstream._owner(p_st.relid)) THEN
        RAISE EXCEPTION 'permission denied to % stream table %', p_what, p_st.relid::regclass
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('It belongs to %s; role %s is neither a member of it nor of pgstream_admin.',
                                  pgstream._owner(p_st.relid)::regrole, session_user);
    END IF;
END $$;

/* The owner of a stream table must be able to read every column its query reads from each source
   (tables under views included: the delta reads them directly), and to see all of their rows. Checked
   at creation and before every refresh, so a revoked privilege stops the refresh instead of the engine
   reading on the owner's behalf. */
CREATE OR REPLACE FUNCTION pgstream._check_owner_reads(p_owner oid, p_relid oid, p_columns name[], p_stream_table text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_class   pg_class;
    v_missing text;
BEGIN
    SELECT * INTO v_class FROM pg_class WHERE oid = p_relid;
    IF NOT has_schema_privilege(p_owner, v_class.relnamespace, 'USAGE') THEN
        RAISE EXCEPTION 'permission denied for schema %: role % cannot read source %', v_class.relnamespace::regnamespace,
            p_owner::regrole, p_relid::regclass || coalesce(' of stream table ' || p_stream_table, '')
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- (a column dropped since is the refresh's own error to report)
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO v_missing
      FROM pg_attribute a
     WHERE a.attrelid = p_relid AND a.attname = ANY (p_columns) AND NOT a.attisdropped
       AND NOT has_column_privilege(p_owner, p_relid, a.attnum, 'SELECT');
    IF v_missing IS NOT NULL OR (p_columns = '{}' AND NOT has_table_privilege(p_owner, p_relid, 'SELECT')) THEN
        RAISE EXCEPTION 'permission denied for table %: role % cannot read %', p_relid::regclass, p_owner::regrole,
            CASE WHEN has_any_column_privilege(p_owner, p_relid, 'SELECT') THEN 'column ' || v_missing ELSE 'it' END
            || coalesce(' for stream table ' || p_stream_table, '')
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'The owner of a stream table needs SELECT on the tables its query reads, also through views.';
    END IF;
    IF v_class.relrowsecurity AND NOT (pgstream._is_superuser(p_owner)
            OR (SELECT rolbypassrls FROM pg_roles WHERE oid = p_owner)
            OR (v_class.relowner = p_owner AND NOT v_class.relforcerowsecurity)) THEN
        RAISE EXCEPTION 'source % has row-level security, which would not apply to its changes%', p_relid::regclass,
            coalesce(' (stream table ' || p_stream_table || ')', '')
            USING ERRCODE = 'feature_not_supported',
                  HINT = 'A stream table holds what its query returns over every row; its owner must see every row '
                      || '(own the table without FORCE ROW LEVEL SECURITY, or have BYPASSRLS).';
    END IF;
END $$;

-- Before every refresh, so in one query for the usual case (SELECT on the whole table, no row-level
-- security); the sources that fail it get the full check, which says what is missing.
CREATE OR REPLACE FUNCTION pgstream._check_owner_reads_sources(p_st pgstream.stream_table) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_owner  oid := pgstream._owner(p_st.relid);
    v_source pgstream.source;
BEGIN
    IF pgstream._is_superuser(v_owner) THEN
        RETURN;
    END IF;
    FOR v_source IN
        SELECT s.* FROM pgstream.source s JOIN pg_class c ON c.oid = s.source_relid
         WHERE s.stream_table_id = p_st.id
           AND NOT (has_table_privilege(v_owner, c.oid, 'SELECT') AND has_schema_privilege(v_owner, c.relnamespace, 'USAGE')
                    AND NOT c.relrowsecurity)
    LOOP
        PERFORM pgstream._check_owner_reads(v_owner, v_source.source_relid, v_source.columns, p_st.relid::regclass::text);
    END LOOP;
END $$;

/* Lets exactly the owners of the stream tables reading a source read its changes, as their delta
   statements do: SELECT on its buffer and EXECUTE on its reader, revoked from anyone else. */
CREATE OR REPLACE FUNCTION pgstream._grant_buffer(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_buffer  regclass := to_regclass(pgstream._buffer(p_relid));
    v_reader  regprocedure := to_regprocedure(pgstream._reader_signature(p_relid));
    v_readers oid[] := ARRAY(SELECT DISTINCT c.relowner
                               FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                                    JOIN pg_catalog.pg_class c ON c.oid = st.relid
                              WHERE s.source_relid = p_relid);
    v_role    oid;
BEGIN
    IF v_buffer IS NULL OR v_reader IS NULL THEN
        RETURN;
    END IF;
    FOR v_role IN SELECT a.grantee FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
                   WHERE c.oid = v_buffer AND a.grantee NOT IN (c.relowner, 'pgstream_admin'::regrole) AND a.grantee <> ALL (v_readers)
                  UNION
                  SELECT a.grantee FROM pg_proc p CROSS JOIN LATERAL aclexplode(p.proacl) a
                   WHERE p.oid = v_reader AND a.grantee <> p.proowner AND a.grantee <> ALL (v_readers) LOOP
        EXECUTE format('REVOKE ALL ON %s FROM %s', v_buffer, CASE WHEN v_role = 0 THEN 'PUBLIC' ELSE v_role::regrole::text END);
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %s', v_reader,
                       CASE WHEN v_role = 0 THEN 'PUBLIC' ELSE v_role::regrole::text END);
    END LOOP;
    FOREACH v_role IN ARRAY v_readers LOOP
        CONTINUE WHEN v_role IS NULL OR v_role = pgstream._install_role();
        EXECUTE format('GRANT SELECT ON %s TO %s', v_buffer, v_role::regrole);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %s', v_reader, v_role::regrole);
    END LOOP;
END $$;

/* Runs DDL on a source table (its capture triggers) as the install role when that may (a superuser, or
   the table's owner), else as the table's owner through its runner. */
CREATE OR REPLACE FUNCTION pgstream._run_on_source(p_relid oid, p_statement text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_owner oid := pgstream._owner(p_relid);
BEGIN
    IF pgstream._is_superuser(pgstream._install_role()) OR v_owner = pgstream._install_role() THEN
        EXECUTE p_statement;
    ELSIF pgstream._runner(v_owner) IS NULL THEN
        RAISE EXCEPTION 'pg_stream cannot capture the changes of %: only its owner % can create or drop its triggers',
            p_relid::regclass, v_owner::regrole
            USING ERRCODE = 'insufficient_privilege',
                  HINT = format('Have %s (a member of pgstream_user) call pgstream.enable_user(); or install pg_stream as a superuser.',
                                v_owner::regrole);
    ELSE
        PERFORM pgstream._run_as(v_owner, p_statement);
    END IF;
END $$;

/* Lets pg_stream act with the calling role's rights: refresh the stream tables it owns, and create or drop
   capture triggers on its tables when the install role is not a superuser (managed PostgreSQL). Creates
   the role's runner; creating a stream table does it too. */
CREATE OR REPLACE FUNCTION pgstream.enable_user() RETURNS void LANGUAGE sql AS $$ SELECT pgstream._ensure_runner() $$;

-- Settings are checked when written: a wrong value is refused here, not found broken at the next refresh.
CREATE OR REPLACE FUNCTION pgstream._check_setting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_kind text := CASE NEW.name
        WHEN 'calculated_interval' THEN 'duration'
        WHEN 'history_retention' THEN 'interval' WHEN 'alert_interval' THEN 'interval'
        WHEN 'wal_wait_timeout' THEN 'interval' WHEN 'wal_consumer_timeout' THEN 'interval'
        WHEN 'wal_retry_after' THEN 'interval'
        WHEN 'differential_max_change_ratio' THEN 'non-negative number'
        WHEN 'stale_alert_factor' THEN 'positive number'
        WHEN 'max_consecutive_errors' THEN 'non-negative integer (0: never suspend)'
        WHEN 'wal_decoder_max_failures' THEN 'positive integer'
        WHEN 'slot_lag_alert_bytes' THEN 'byte count'
        WHEN 'wal_capture' THEN 'on or off' WHEN 'auto_cost_choice' THEN 'on or off' END;
    v_ok boolean;
BEGIN
    IF v_kind IS NULL THEN
        RAISE EXCEPTION 'unknown pg_stream setting "%"', NEW.name USING ERRCODE = 'undefined_object',
            HINT = 'SELECT name FROM pgstream.settings lists them.';
    END IF;
    BEGIN
        v_ok := CASE v_kind
            WHEN 'duration' THEN pgstream._declared_interval(NEW.value) > interval '0'
            WHEN 'interval' THEN NEW.value::interval >= interval '0'
            WHEN 'non-negative number' THEN NEW.value::numeric >= 0
            WHEN 'positive number' THEN NEW.value::numeric > 0
            WHEN 'non-negative integer (0: never suspend)' THEN NEW.value::integer >= 0
            WHEN 'positive integer' THEN NEW.value::integer > 0
            WHEN 'byte count' THEN NEW.value::bigint >= 0
            WHEN 'on or off' THEN NEW.value IN ('on', 'off') END;
    EXCEPTION WHEN data_exception OR invalid_parameter_value THEN
        v_ok := false;
    END;
    IF NOT coalesce(v_ok, false) THEN
        RAISE EXCEPTION 'invalid value "%" for pg_stream setting %: expected %', NEW.value, NEW.name,
            CASE WHEN v_kind ~ '^[aeio]' THEN 'an ' ELSE 'a ' END || v_kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER settings_checked BEFORE INSERT OR UPDATE ON pgstream.settings
    FOR EACH ROW EXECUTE FUNCTION pgstream._check_setting();

------------------------------------------------------------------------------------------------
-- Grants. Everything is closed to PUBLIC, then opened: pgstream_user gets the API and what the delta
-- statements it owns call; pgstream_admin what the engine reads and calls.
------------------------------------------------------------------------------------------------
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA pgstream FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA pgstream FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA pgstream FROM PUBLIC;
REVOKE ALL ON SCHEMA pgstream_changes, pgstream_run FROM PUBLIC;
GRANT USAGE ON SCHEMA pgstream TO PUBLIC;
GRANT USAGE ON SCHEMA pgstream_changes, pgstream_run TO pgstream_user;
GRANT CREATE ON SCHEMA pgstream_run TO pgstream_user;

DO $$
DECLARE
    -- Entry points: they run as the install role, with search_path pinned, and check their caller.
    v_definer text[] := ARRAY[
        'pgstream._create_stream_table(text, text, text, text, text, regrole)',
        'pgstream._alter_stream_table(text, text, text, text, text, text)',
        'pgstream._drop_stream_table(text, text, boolean)',
        'pgstream._refresh_stream_table(text, text)',
        'pgstream._explain_stream_table(text, text)',
        'pgstream.set_capture(regclass, text)',
        'pgstream.trim_history()',
        'pgstream.check_staleness()',
        'pgstream._install_plan(bigint, text, text, text[], text, text, text[], text[], text[])',
        'pgstream._install_full_only(bigint, text, text, text)',
        'pgstream._refresh_round(bigint[], text, boolean, boolean)',
        'pgstream._skip_unchanged(bigint[], text)',
        'pgstream._lock_round(bigint[], boolean)',
        'pgstream._step_capture(oid)',
        'pgstream._begin_wal_capture(oid)',
        'pgstream._fall_back(oid, text, boolean)',
        'pgstream._fall_back_all(text, boolean)',
        'pgstream._drop_slot_if_unused()',
        'pgstream._register_slot(name, pg_lsn)',
        'pgstream._record_decoder_failure(text)',
        'pgstream._check_slot_lag()',
        'pgstream._lock_capture_columns(oid, boolean)',
        'pgstream._repair_if_restored()',
        -- the event triggers, which fire in the session of whoever changes a source
        'pgstream._on_sql_drop()',
        'pgstream._on_ddl_end()',
        -- read the catalog or the buffers for the monitoring views
        'pgstream._pending_changes(pgstream.stream_table)',
        'pgstream._buffer_rows(oid)',
        'pgstream._nearest_suspended_upstream(bigint)',
        'pgstream._trigger_reason(oid)'];
    -- The API, open to everyone: it checks who calls (a role outside pgstream_user learns why it may not).
    v_public text[] := ARRAY[
        'pgstream.create_stream_table(text, text, text, text)',
        'pgstream.alter_stream_table(text, text, text, text, text)',
        'pgstream.drop_stream_table(text, boolean)',
        'pgstream.refresh_stream_table(text)',
        'pgstream.explain_stream_table(text)',
        'pgstream.enable_user()',
        'pgstream.version()',
        'pgstream._split_name(text)',
        'pgstream._ensure_runner()',
        'pgstream._create_runner(oid)',
        'pgstream._runner(oid)',
        'pgstream._runner_name(oid)',
        'pgstream._runner_signature(oid)',
        'pgstream._runner_source()',
        'pgstream._runner_arguments()',
        'pgstream._install_role()',
        'pgstream._default_search_path(oid)',
        'pgstream._create_stream_table(text, text, text, text, text, regrole)',
        'pgstream._alter_stream_table(text, text, text, text, text, text)',
        'pgstream._drop_stream_table(text, text, boolean)',
        'pgstream._refresh_stream_table(text, text)',
        'pgstream._explain_stream_table(text, text)'];
    -- What the monitoring views and the statements a stream table's owner runs call.
    v_user text[] := ARRAY[
        'pgstream.setting(text)',
        'pgstream._define(text, text)',
        'pgstream._current_frontier()',
        'pgstream._changed_between(xid8, bigint, pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint)',
        'pgstream._uses_decoder(pgstream.capture)',
        'pgstream._qualified_name(oid)',
        'pgstream._buffer(oid)',
        'pgstream._may_inspect(oid)',
        'pgstream._pending_changes(pgstream.stream_table)',
        'pgstream._buffer_rows(oid)',
        'pgstream._nearest_suspended_upstream(bigint)',
        'pgstream._trigger_reason(oid)'];
    v_fn text;
BEGIN
    FOREACH v_fn IN ARRAY v_definer LOOP
        EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, pg_temp', v_fn);
    END LOOP;
    FOREACH v_fn IN ARRAY v_public LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', v_fn);
    END LOOP;
    FOREACH v_fn IN ARRAY v_user LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pgstream_user', v_fn);
    END LOOP;
END $$;

GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgstream TO pgstream_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA pgstream TO pgstream_admin;
GRANT UPDATE ON pgstream.capture, pgstream.wal_capture, pgstream.settings TO pgstream_admin;
GRANT SELECT ON pgstream.settings, pgstream.change_seq TO pgstream_user;
GRANT SELECT ON pgstream.stream_tables, pgstream.stream_tables_info, pgstream.dependencies, pgstream.change_buffers
    TO pgstream_user;
GRANT USAGE ON pgstream.change_seq TO pgstream_admin;
