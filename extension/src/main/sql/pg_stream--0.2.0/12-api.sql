------------------------------------------------------------------------------------------------
-- The SQL API
------------------------------------------------------------------------------------------------
-- Our own DDL must not be mistaken for a user's by the event triggers below.
CREATE OR REPLACE FUNCTION pgstream._internal_ddl(p_on boolean) RETURNS void LANGUAGE sql AS
$$ SELECT set_config('pgstream.internal_ddl', CASE WHEN p_on THEN 'on' ELSE 'off' END, true) $$;

/* Creates a stream table, owned by the calling role: validates the query through PostgreSQL, creates the
   table, captures the sources and populates it, all in the caller's transaction. Returns the new table.
   Names resolve through the caller's search_path; the rest runs in _create_stream_table. */
CREATE OR REPLACE FUNCTION pgstream.create_stream_table(name text, query text, schedule text DEFAULT 'calculated',
                                                        refresh_mode text DEFAULT 'auto')
RETURNS regclass LANGUAGE plpgsql AS $$
DECLARE
    v_name record := pgstream._split_name(name);
BEGIN
    PERFORM pgstream._ensure_runner();
    RETURN pgstream._create_stream_table(format('%I.%I', v_name.schema_name, v_name.table_name), query,
                                         current_setting('search_path'), schedule, refresh_mode, current_user::regrole);
END $$;

CREATE OR REPLACE FUNCTION pgstream._create_stream_table(p_target text, p_query text, p_search_path text,
                                                         p_schedule text, p_refresh_mode text, p_owner regrole)
RETURNS regclass LANGUAGE plpgsql AS $$
DECLARE
    v_schedule text := pgstream._check_schedule(p_schedule);
    v_mode     text := pgstream._check_refresh_mode(p_refresh_mode);
    v_existing regclass;
    v_view     regclass;
    v_id       bigint;
BEGIN
    IF NOT pg_has_role(session_user, p_owner, 'MEMBER') THEN
        RAISE EXCEPTION 'permission denied to create a stream table owned by %', p_owner
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pgstream._require_read_committed('create a stream table');
    v_existing := to_regclass(p_target);
    IF v_existing IS NOT NULL THEN
        RAISE EXCEPTION '% "%" already exists',
            CASE WHEN EXISTS (SELECT 1 FROM pgstream.stream_table WHERE relid = v_existing)
                 THEN 'stream table' ELSE 'relation' END, v_existing
            USING ERRCODE = 'duplicate_table';
    END IF;
    PERFORM pgstream._internal_ddl(true);
    v_view := pgstream._define_as(p_owner, p_query, p_search_path);
    PERFORM pgstream._create_table_as(p_owner, p_target, v_view);
    INSERT INTO pgstream.stream_table (relid, query, definition, schedule, refresh_mode)
    VALUES (p_target::regclass, p_query, pgstream._definition(v_view), v_schedule, v_mode)
    RETURNING id INTO v_id;
    PERFORM pgstream._attach_sources(v_id, v_view);
    PERFORM pgstream._recompute_schedules();
    PERFORM pgstream._run_as(p_owner, format('DROP VIEW %s', v_view));
    PERFORM pgstream._refresh_round(ARRAY[v_id], 'initial', true, true);
    PERFORM pgstream._internal_ddl(false);
    RETURN p_target::regclass;
END $$;

-- pg_temp.pgstream_query over a query, created as the role that will own the stream table.
CREATE OR REPLACE FUNCTION pgstream._define_as(p_owner oid, p_query text, p_search_path text) RETURNS regclass
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pgstream._run_as(p_owner, format('SELECT pgstream._define(%L, %L)', p_query, p_search_path));
    RETURN 'pg_temp.pgstream_query'::regclass;
END $$;

-- A stream table's (empty) table, created by its owner with the columns of the query's view.
CREATE OR REPLACE FUNCTION pgstream._create_table_as(p_owner oid, p_target text, p_view regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pgstream._run_as(p_owner, format('CREATE TABLE %s AS SELECT * FROM %s WITH NO DATA', p_target, p_view));
    PERFORM pgstream._run_as(p_owner, format('COMMENT ON TABLE %s IS %L', p_target, 'pg_stream stream table'));
END $$;

CREATE OR REPLACE FUNCTION pgstream._alter_stream_table(p_name text, p_search_path text, p_query text, p_schedule text,
                                                        p_refresh_mode text, p_status text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st      pgstream.stream_table := pgstream._stream_table(pgstream._resolve(p_name, p_search_path), p_name);
    v_owner   oid := pgstream._owner(v_st.relid);
    v_view    regclass;
    v_old     oid[];
    v_relid   oid;
    v_target  text;
    v_readers text;
    v_grants  text[];
BEGIN
    PERFORM pgstream._authorize(v_st, 'alter');
    PERFORM pgstream._lock_round(ARRAY[v_st.id], true);  -- a new query repopulates it in its round
    IF p_schedule IS NOT NULL THEN
        UPDATE pgstream.stream_table SET schedule = pgstream._check_schedule(p_schedule) WHERE id = v_st.id;
    END IF;
    IF p_refresh_mode IS NOT NULL THEN
        UPDATE pgstream.stream_table SET refresh_mode = pgstream._check_refresh_mode(p_refresh_mode) WHERE id = v_st.id;
    END IF;
    IF p_status IS NOT NULL THEN
        PERFORM pgstream._set_status(v_st.id, pgstream._check_status(p_status));
    END IF;
    IF p_query IS NULL THEN
        PERFORM pgstream._recompute_schedules();
        RETURN;
    END IF;

    PERFORM pgstream._require_read_committed('change the query of a stream table');
    PERFORM pgstream._internal_ddl(true);
    v_view := pgstream._define_as(v_owner, p_query, p_search_path);
    v_target := v_st.relid::regclass::text;
    -- a table kept through many query changes piles up dropped hidden columns, which count toward
    -- PostgreSQL's 1600 columns: past 1000 it is recreated, if nothing reads it
    IF pgstream._columns_of(v_view) IS DISTINCT FROM pgstream._columns_of(v_st.relid)
       OR (SELECT count(*) FROM pg_attribute WHERE attrelid = v_st.relid AND attisdropped) > 1000
          AND pgstream._dependent_names(v_st.id) IS NULL THEN
        -- the table is recreated: stream tables reading it would lose their source
        v_readers := pgstream._dependent_names(v_st.id);
        IF v_readers IS NOT NULL THEN
            RAISE EXCEPTION 'cannot change the columns of stream table % because other stream tables read it: %',
                v_st.relid::regclass, v_readers
                USING ERRCODE = 'dependent_objects_still_exist',
                      HINT = 'Keep the column names and types, or drop the stream tables that read it first.';
        END IF;
        v_grants := pgstream._grants_of(v_st.relid);
        PERFORM pgstream._run_as(v_owner, format('DROP TABLE %s', v_target));
        PERFORM pgstream._create_table_as(v_owner, v_target, v_view);
        PERFORM pgstream._run_as(v_owner, g) FROM unnest(v_grants) g;
    ELSE
        PERFORM pgstream._drop_hidden_columns(v_owner, v_st.relid);  -- the old plan's; the new plan adds its own
    END IF;
    PERFORM pgstream._drop_state_tables(v_st.id);
    PERFORM pgstream._drop_generated(NULL, v_st.id);
    SELECT array_agg(source_relid) INTO v_old FROM pgstream.source WHERE stream_table_id = v_st.id;
    DELETE FROM pgstream.source WHERE stream_table_id = v_st.id;
    UPDATE pgstream.stream_table
       SET relid = v_target::regclass, query = p_query, definition = pgstream._definition(v_view),
           frontier = NULL, frontier_xid = NULL, frontier_seq = NULL,
           plan_status = 'pending', plan_reason = NULL, operator_tree = NULL, full_query = NULL, delta_sql = NULL
     WHERE id = v_st.id;
    PERFORM pgstream._attach_sources(v_st.id, v_view);
    PERFORM pgstream._check_acyclic(v_st.id);
    PERFORM pgstream._recompute_schedules();
    PERFORM pgstream._run_as(v_owner, format('DROP VIEW %s', v_view));
    FOREACH v_relid IN ARRAY coalesce(v_old, '{}') LOOP
        PERFORM pgstream._grant_buffer(v_relid);
        PERFORM pgstream._drop_capture_if_unused(v_relid);
    END LOOP;
    PERFORM pgstream._refresh_round(ARRAY[v_st.id], 'initial', true, true);
    PERFORM pgstream._internal_ddl(false);
END $$;

/* Changes a stream table; NULL leaves a property as it is. A new query re-initializes the table
   (recreated only when its columns change, keeping its grants). Names resolve through the caller's
   search_path, here and in the functions below. */
CREATE OR REPLACE FUNCTION pgstream.alter_stream_table(name text, query text DEFAULT NULL, schedule text DEFAULT NULL,
                                                       refresh_mode text DEFAULT NULL, status text DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
    SELECT pgstream._alter_stream_table(name, current_setting('search_path'), query, schedule, refresh_mode, status)
$$;

-- The GRANT statements that give a relation its table privileges again (run by its owner).
CREATE OR REPLACE FUNCTION pgstream._grants_of(p_rel oid) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(format('GRANT %s ON %s TO %s%s', a.privilege_type, c.oid::regclass,
                                     CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,
                                     CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
                              ORDER BY a.grantee, a.privilege_type), '{}')
      FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
     WHERE c.oid = p_rel AND a.grantee <> c.relowner
$$;

-- Column names and types of a relation, for comparing shapes: a stream table's own, not its plan's hidden ones.
CREATE OR REPLACE FUNCTION pgstream._columns_of(p_rel oid) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT array_agg(quote_ident(attname) || ' ' || format_type(atttypid, atttypmod) ORDER BY attnum)
      FROM pg_attribute WHERE attrelid = p_rel AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\_\_pgs\_%'
$$;

-- Drops the hidden columns of a stream table's plan (its index on them goes with them), as its owner.
CREATE OR REPLACE FUNCTION pgstream._drop_hidden_columns(p_owner oid, p_rel oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_drops text := (SELECT string_agg(format('DROP COLUMN %I', attname), ', ' ORDER BY attnum) FROM pg_attribute
                      WHERE attrelid = p_rel AND attnum > 0 AND NOT attisdropped AND attname LIKE '\_\_pgs\_%');
BEGIN
    IF v_drops IS NOT NULL THEN
        PERFORM pgstream._run_as(p_owner, format('ALTER TABLE %s %s', p_rel::regclass, v_drops));
    END IF;
END $$;

CREATE OR REPLACE FUNCTION pgstream._drop_stream_table(p_name text, p_search_path text, p_cascade boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_st         pgstream.stream_table := pgstream._stream_table(pgstream._resolve(p_name, p_search_path), p_name);
    v_dependents text;
    v_id         bigint;
BEGIN
    PERFORM pgstream._authorize(v_st, 'drop');
    v_dependents := pgstream._dependent_names(v_st.id);
    IF v_dependents IS NOT NULL AND NOT p_cascade THEN
        RAISE EXCEPTION 'cannot drop stream table % because other stream tables read it: %',
            v_st.relid::regclass, v_dependents
            USING ERRCODE = 'dependent_objects_still_exist',
                  HINT = 'Drop them first, or use pgstream.drop_stream_table(name, cascade => true) to drop them too.';
    END IF;
    PERFORM pgstream._internal_ddl(true);
    FOR v_id IN SELECT d.id FROM pgstream._dependents(v_st.id) d LOOP  -- deepest first
        PERFORM pgstream._authorize(st, 'drop') FROM pgstream.stream_table st WHERE st.id = v_id;
        PERFORM pgstream._drop_one(v_id);
    END LOOP;
    PERFORM pgstream._drop_one(v_st.id);
    PERFORM pgstream._recompute_schedules();
    PERFORM pgstream._internal_ddl(false);
END $$;

/* Drops a stream table: its table, its catalog rows and history, and the capture of every source no
   other stream table reads. Stream tables that read it are dropped too with cascade, else it is refused. */
CREATE OR REPLACE FUNCTION pgstream.drop_stream_table(name text, cascade boolean DEFAULT false) RETURNS void
LANGUAGE sql AS $$ SELECT pgstream._drop_stream_table(name, current_setting('search_path'), cascade) $$;

CREATE OR REPLACE FUNCTION pgstream._drop_one(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_relid   oid := (SELECT relid FROM pgstream.stream_table WHERE id = p_id);
    v_sources oid[];
    v_source  oid;
BEGIN
    PERFORM pgstream._lock_stream_table(p_id);
    SELECT array_agg(source_relid) INTO v_sources FROM pgstream.source WHERE stream_table_id = p_id;
    PERFORM pgstream._drop_state_tables(p_id);
    PERFORM pgstream._drop_generated(NULL, p_id);
    DELETE FROM pgstream.stream_table WHERE id = p_id;
    PERFORM pgstream._run_as(pgstream._owner(v_relid), format('DROP TABLE %s', v_relid::regclass));
    FOREACH v_source IN ARRAY coalesce(v_sources, '{}') LOOP
        PERFORM pgstream._grant_buffer(v_source);
        PERFORM pgstream._drop_capture_if_unused(v_source);
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION pgstream._refresh_stream_table(p_name text, p_search_path text) RETURNS pgstream.refresh_result
LANGUAGE plpgsql AS $$
DECLARE
    v_st pgstream.stream_table := pgstream._stream_table(pgstream._resolve(p_name, p_search_path), p_name);
BEGIN
    PERFORM pgstream._authorize(v_st, 'refresh');
    RETURN (SELECT r FROM pgstream._refresh_round(ARRAY[v_st.id], 'manual', true) r
             WHERE r.stream_table = v_st.relid::regclass::text);
END $$;

/* Refreshes a stream table now, in the caller's transaction, after the stream tables it reads (so it
   reflects their sources as of now), and says what it did to it. Waits for refreshes of the same
   tables already under way. Works whether or not an engine runs. */
CREATE OR REPLACE FUNCTION pgstream.refresh_stream_table(name text) RETURNS pgstream.refresh_result LANGUAGE sql AS
$$ SELECT pgstream._refresh_stream_table(name, current_setting('search_path')) $$;

/* Deletes refresh history older than the history_retention setting; the engine calls it now and then. */
CREATE OR REPLACE FUNCTION pgstream.trim_history() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_deleted bigint;
BEGIN
    DELETE FROM pgstream.refresh_history WHERE finished_at < now() - pgstream.setting('history_retention')::interval;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END $$;
