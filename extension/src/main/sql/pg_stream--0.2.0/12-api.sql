------------------------------------------------------------------------------------------------
-- The SQL API
------------------------------------------------------------------------------------------------
-- Our own DDL must not be mistaken for a user's by the event triggers below.
CREATE OR REPLACE FUNCTION pgstream._internal_ddl(p_on boolean) RETURNS void LANGUAGE sql AS
$$ SELECT set_config('pgstream.internal_ddl', CASE WHEN p_on THEN 'on' ELSE 'off' END, true) $$;

/* Creates a stream table: validates the query through PostgreSQL, creates the table, captures the
   sources and populates it, all in the caller's transaction. Returns the new table. */
CREATE OR REPLACE FUNCTION pgstream.create_stream_table(name text, query text, schedule text DEFAULT 'calculated',
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
CREATE OR REPLACE FUNCTION pgstream.alter_stream_table(name text, query text DEFAULT NULL, schedule text DEFAULT NULL,
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
CREATE OR REPLACE FUNCTION pgstream._columns_of(p_rel oid) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT array_agg(quote_ident(attname) || ' ' || format_type(atttypid, atttypmod) ORDER BY attnum)
      FROM pg_attribute WHERE attrelid = p_rel AND attnum > 0 AND NOT attisdropped
$$;

/* Drops a stream table: its table, its catalog rows and history, and the capture of every source no
   other stream table reads. Stream tables that read it are dropped too with cascade, else it is refused. */
CREATE OR REPLACE FUNCTION pgstream.drop_stream_table(name text, cascade boolean DEFAULT false) RETURNS void
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

CREATE OR REPLACE FUNCTION pgstream._drop_one(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE FUNCTION pgstream.refresh_stream_table(name text) RETURNS pgstream.refresh_result LANGUAGE plpgsql AS $$
DECLARE
    v_st pgstream.stream_table := pgstream._find(name);
BEGIN
    RETURN (SELECT r FROM pgstream._refresh_round(ARRAY[v_st.id], 'manual', true) r
             WHERE r.stream_table = v_st.relid::regclass::text);
END $$;

/* Deletes refresh history older than the history_retention setting; the engine calls it now and then. */
CREATE OR REPLACE FUNCTION pgstream.trim_history() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_deleted bigint;
BEGIN
    DELETE FROM pgstream.refresh_history WHERE finished_at < now() - pgstream.setting('history_retention')::interval;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END $$;
