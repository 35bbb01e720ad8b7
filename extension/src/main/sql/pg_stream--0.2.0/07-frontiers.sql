------------------------------------------------------------------------------------------------
-- Frontiers. A change row is consumed by a refresh when its transaction is visible in the refresh's
-- snapshot and was not in the previous one; the refreshing transaction's own rows count up to the
-- change number it had reached (pg_visible_in_snapshot says nothing reliable about one's own xid).
------------------------------------------------------------------------------------------------
-- The frontier of the calling statement: call it in the statement whose snapshot matters. STABLE is
-- essential: a VOLATILE SQL function takes a snapshot of its own in READ COMMITTED, newer than the
-- statement's, and changes committed in between would count as consumed without having been read. A set of
-- one row, so that the planner inlines it into the statement: called as a function it costs ten times more.
CREATE OR REPLACE FUNCTION pgstream._current_frontier() RETURNS TABLE (snap pg_snapshot, xid xid8, seq bigint)
LANGUAGE sql STABLE AS $$
    -- a sequence never called reports last_value 1 although nextval will return 1: nothing is numbered yet
    SELECT pg_current_snapshot(), pg_current_xact_id_if_assigned(),
           (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM pgstream.change_seq)
$$;

-- Whether a change row (xid, seq) lies after the old frontier and at or before the new one. Inlined
-- into the delta statements; callers add `xid >= pg_snapshot_xmin(old snapshot)` for the index.
CREATE OR REPLACE FUNCTION pgstream._changed_between(p_xid xid8, p_seq bigint,
                                          p_old_snap pg_snapshot, p_old_xid xid8, p_old_seq bigint,
                                          p_new_snap pg_snapshot, p_new_xid xid8, p_new_seq bigint)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_xid = p_new_xid THEN p_seq <= p_new_seq ELSE pg_visible_in_snapshot(p_xid, p_new_snap) END
       AND NOT coalesce(CASE WHEN p_xid = p_old_xid THEN p_seq <= p_old_seq
                             ELSE pg_visible_in_snapshot(p_xid, p_old_snap) END, false)
$$;

-- A function generated for one stream table. Its static statements keep their plans for the session, where a
-- statement run by EXECUTE is planned at every call, and they keep generic plans: with PostgreSQL's choice
-- (plan_cache_mode auto), a delta statement was planned again at every call, its generic plan estimated dearer
-- than custom ones, and a one-row refresh took 1.0 to 2.0 ms in the function instead of 0.26 to 0.36 ms. Each
-- is written when first called for (so also after an upgrade), and dropped with what it was written from: the
-- stream table's sources (alter, drop, a restore's new readers) or, for a delta statement, its plan, whose
-- digest names the function. Generated functions belong to no extension, as readers do.
CREATE OR REPLACE FUNCTION pgstream._generated_function(p_kind text, p_id bigint, p_digest text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', concat_ws('_', p_kind, p_id, left(md5(p_digest), 16))) $$;

-- Writes a generated function unless it exists, and drops the stream table's others of its kind. Only the
-- install role may call it, and p_runner, who runs it as itself.
CREATE OR REPLACE FUNCTION pgstream._ensure_generated(p_name text, p_kind text, p_id bigint, p_types text,
                                           p_header text, p_body text, p_runner oid DEFAULT NULL)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF to_regprocedure(p_name || p_types) IS NULL THEN
        PERFORM pgstream._drop_generated(p_kind, p_id);
        EXECUTE format('CREATE FUNCTION %s%s AS %L', p_name, p_header, p_body);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s%s FROM PUBLIC', p_name, p_types);
        IF p_runner IS NOT NULL AND p_runner <> pgstream._install_role() THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s%s TO %s', p_name, p_types, p_runner::regrole);
        END IF;
    END IF;
    RETURN p_name;
END $$;

-- Drops a stream table's generated functions of a kind (every kind when NULL).
CREATE OR REPLACE FUNCTION pgstream._drop_generated(p_kind text, p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_function regprocedure;
BEGIN
    FOR v_function IN SELECT p.oid FROM pg_proc p
                       WHERE p.pronamespace = 'pgstream_changes'::regnamespace
                         AND p.proname ~ ('^(' || coalesce(p_kind, 'count|delta|trim') || ')_' || p_id || '(_[0-9a-f]{16})?$') LOOP
        EXECUTE format('DROP FUNCTION %s', v_function);
    END LOOP;
END $$;

-- The function that counts a stream table's pending changes (see _count_changes): one pass over each
-- source's reader, in one static statement.
CREATE OR REPLACE FUNCTION pgstream._count_function(p_id bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_name text := pgstream._generated_function('count', p_id);
BEGIN
    IF to_regprocedure(v_name || '(pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint, boolean)') IS NOT NULL THEN
        RETURN v_name;
    END IF;
    RETURN pgstream._ensure_generated(v_name, 'count', p_id, '(pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint, boolean)',
        '(p_old_snap pg_snapshot, p_old_xid xid8, p_old_seq bigint, p_snap pg_snapshot, p_xid xid8, p_seq bigint,'
        ' p_exact boolean, OUT changes bigint, OUT truncates bigint)'
        ' LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan',
        format($body$
BEGIN
    SELECT count(*), count(*) FILTER (WHERE b.__pgs_op = 'T') INTO changes, truncates
      FROM (%s) b;
END
$body$, (SELECT string_agg(format('SELECT b.__pgs_op FROM %s($1, $2, $3, $4, $5, $6, $7) b', pgstream._reader(source_relid)),
                           E'\n     UNION ALL ' ORDER BY source_relid)
           FROM pgstream.source WHERE stream_table_id = p_id)));
END $$;

-- How many change rows, and how many of them TRUNCATEs, of a stream table's sources lie between its
-- frontier and the given one (one pass over each buffer). Not p_exact: what the WAL decoder has written
-- so far (for monitoring; an exact count waits for it).
CREATE OR REPLACE FUNCTION pgstream._count_changes(p_st pgstream.stream_table, p_snap pg_snapshot, p_xid xid8, p_seq bigint,
                                        p_exact boolean DEFAULT true, OUT changes bigint, OUT truncates bigint)
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pgstream.source WHERE stream_table_id = p_st.id) THEN
        changes := 0;
        truncates := 0;
        RETURN;
    END IF;
    EXECUTE format('SELECT * FROM %s($1, $2, $3, $4, $5, $6, $7)', pgstream._count_function(p_st.id))
       INTO changes, truncates
      USING p_st.frontier, p_st.frontier_xid, p_st.frontier_seq, p_snap, p_xid, p_seq, p_exact;
END $$;

-- The function that deletes from each source's buffer of a stream table the rows every consumer of that source
-- has consumed. Opportunistic: a source is skipped while a consumer is being added, and everything outside READ
-- COMMITTED (the trim must see every committed frontier). The least xmin by array_agg: min(xid8) exists only
-- from PostgreSQL 15. A buffer emptied of a backlog is analyzed at once: the generic plans of the delta statements
-- estimate a delta from the buffer's statistics, and statistics taken during a backlog made a one-row refresh
-- plan for a thousand rows, four times as slow, until autovacuum analyzed the buffer again.
CREATE OR REPLACE FUNCTION pgstream._trim_function(p_id bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_name text := pgstream._generated_function('trim', p_id);
BEGIN
    IF to_regprocedure(v_name || '()') IS NOT NULL THEN
        RETURN v_name;
    END IF;
    RETURN pgstream._ensure_generated(v_name, 'trim', p_id, '()',
        '() RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp SET plan_cache_mode = force_generic_plan',
        format(E'DECLARE\n    v_deleted bigint;\nBEGIN\n    IF current_setting(\'transaction_isolation\') <> \'read committed\' THEN\n        RETURN;\n    END IF;%s\nEND',
               (SELECT string_agg(format($trim$
    IF pgstream._lock_capture(%1$s, false) THEN
        DELETE FROM %2$s
         WHERE __pgs_xid < (SELECT CASE WHEN bool_and(st.frontier IS NOT NULL)
                                        THEN (array_agg(pg_snapshot_xmin(st.frontier) ORDER BY pg_snapshot_xmin(st.frontier)))[1] END
                              FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                             WHERE s.source_relid = %1$s);
        GET DIAGNOSTICS v_deleted = ROW_COUNT;
        IF v_deleted >= 1000 THEN
            ANALYZE %2$s;
        END IF;
    END IF;$trim$, source_relid::oid, pgstream._buffer(source_relid)), '' ORDER BY source_relid)
                  FROM pgstream.source WHERE stream_table_id = p_id)));
END $$;

-- The changes a refresh would consume, counted before it: what the WAL decoder has written so far is enough
-- to know there is something to do (and to judge differential_max_change_ratio); only "nothing" must be
-- exact, since a refresh that skips moves the frontier past every change its snapshot sees.
CREATE OR REPLACE FUNCTION pgstream._changes_since_frontier(p_st pgstream.stream_table, p_snap pg_snapshot, p_xid xid8,
                                                 p_seq bigint, OUT changes bigint, OUT truncates bigint)
LANGUAGE plpgsql AS $$
BEGIN
    SELECT * INTO changes, truncates FROM pgstream._count_changes(p_st, p_snap, p_xid, p_seq, false);
    IF changes = 0 AND EXISTS (SELECT 1 FROM pgstream.source s JOIN pgstream.capture c ON c.source_relid = s.source_relid
                                WHERE s.stream_table_id = p_st.id AND pgstream._uses_decoder(c)) THEN
        SELECT * INTO changes, truncates FROM pgstream._count_changes(p_st, p_snap, p_xid, p_seq, true);
    END IF;
END $$;
