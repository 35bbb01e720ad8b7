------------------------------------------------------------------------------------------------
-- Refresh
------------------------------------------------------------------------------------------------
-- Where a FULL refresh computes the query first: a temporary table of the owner's, filled by a statement of its
-- own, which PostgreSQL may run in parallel as it runs REFRESH MATERIALIZED VIEW (never a statement that writes:
-- computed inside the statement that applies it, an aggregate over a million rows took 1.5 times as long). NULL
-- for a plan with state tables, whose fills must read the sources in the same statement, and for an owner that
-- may not create temporary tables: their query is computed in the statement that applies it.
CREATE OR REPLACE FUNCTION pgstream._full_fresh_table(p_st pgstream.stream_table) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN CASE WHEN cardinality(p_st.state_tables) = 0
                 AND has_database_privilege(pgstream._owner(p_st.relid), current_database(), 'TEMPORARY')
           THEN format('pg_temp.%I', '__pgs_fresh_' || p_st.id) END;
END $$;

-- The statement that fills it: the query's rows with their text form and occurrence number, and a marker row
-- (number 0) holding the snapshot the statement read the sources in.
CREATE OR REPLACE FUNCTION pgstream._full_fresh_sql(p_st pgstream.stream_table, p_table text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN format($sql$
CREATE TEMPORARY TABLE %1$s ON COMMIT DROP AS
SELECT q.*, q::text AS __pgs_t, row_number() OVER (PARTITION BY q::text) AS __pgs_n FROM (%2$s) q
UNION ALL
SELECT %3$s, pg_current_snapshot()::text, 0
$sql$, p_table, coalesce(p_st.full_query, p_st.definition),
       (SELECT string_agg('NULL::' || pgstream._type_name(atttypid, atttypmod), ', ' ORDER BY attnum)
          FROM pg_attribute WHERE attrelid = p_st.relid AND attnum > 0 AND NOT attisdropped));
END $$;

-- The statement that applies only the difference between the query's rows and the stored ones, as a multiset
-- (rows are compared by their text form, duplicates by occurrence number), refills the plan's state tables,
-- and returns the frontier of the snapshot the query was computed in: this statement's own, or the one the
-- fresh table recorded (p_fresh; the refreshing transaction's own changes were all made before it). One
-- statement for the stored and state tables, so one snapshot, at any isolation level (its DELETE of a state
-- table's rows does not see the rows its INSERT adds).
CREATE OR REPLACE FUNCTION pgstream._full_refresh_sql(p_st pgstream.stream_table, p_fresh text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
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
WITH frontier AS MATERIALIZED (%1$s)%6$s,
fresh AS (%7$s),
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
       AND (SELECT count(*) FROM deleted) >= 0  -- all deletes first, for unique indexes on the table
    RETURNING 1)
SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM inserted), (SELECT count(*) FROM deleted), 0::bigint FROM frontier f
$sql$, CASE WHEN p_fresh IS NULL THEN 'SELECT * FROM pgstream._current_frontier()'
            ELSE format('SELECT t.__pgs_t::pg_snapshot AS snap, f.xid, f.seq FROM %s t, pgstream._current_frontier() f'
                        ' WHERE t.__pgs_n = 0', p_fresh) END,
       v_stored, v_target, v_columns, v_fresh, v_states,
       CASE WHEN p_fresh IS NULL
            THEN format(E'\n    SELECT q.*, q::text AS __pgs_t, row_number() OVER (PARTITION BY q::text) AS __pgs_n\n      FROM (%s) q',
                        coalesce(p_st.full_query, p_st.definition))
            ELSE format('SELECT * FROM %s WHERE __pgs_n > 0', p_fresh) END);
END $$;

-- A stream table's sources must still exist: their triggers went with them.
CREATE OR REPLACE FUNCTION pgstream._check_sources(p_st pgstream.stream_table) RETURNS void LANGUAGE plpgsql AS $$
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

CREATE OR REPLACE FUNCTION pgstream._result(p_relid oid, p_action text, p_reason text, p_inserted bigint, p_deleted bigint,
                                 p_started timestamptz, p_updated bigint DEFAULT 0)
RETURNS pgstream.refresh_result LANGUAGE sql VOLATILE AS
$$ SELECT p_relid::regclass::text, p_action, p_reason, p_inserted, p_deleted, clock_timestamp() - p_started, p_updated $$;

-- A cycle with no source change: the frontier moves to now, nothing else does. Skipped cycles in a row share
-- one history row. One statement: a cycle that does nothing should cost little.
CREATE OR REPLACE FUNCTION pgstream._record_unchanged(p_id bigint, p_snap pg_snapshot, p_xid xid8, p_seq bigint,
                                           p_data_ts timestamptz, p_initiated_by text, p_started timestamptz)
RETURNS void LANGUAGE sql AS $$
    WITH moved AS (
        UPDATE pgstream.stream_table
           SET frontier = p_snap, frontier_xid = p_xid, frontier_seq = p_seq,
               data_timestamp = p_data_ts, last_refresh_at = p_started, last_refresh_action = 'SKIP',
               last_refresh_duration = clock_timestamp() - p_started,
               status = CASE WHEN status = 'error' THEN 'active' ELSE status END,
               last_error = NULL, consecutive_errors = 0
         WHERE id = p_id),
    counted AS (
        UPDATE pgstream.refresh_history h
           SET finished_at = clock_timestamp(), cycles = cycles + 1
         WHERE h.id = (SELECT max(id) FROM pgstream.refresh_history WHERE stream_table_id = p_id)
           AND h.action = 'SKIP'
        RETURNING 1)
    INSERT INTO pgstream.refresh_history (stream_table_id, started_at, finished_at, initiated_by, action, reason)
    SELECT p_id, p_started, clock_timestamp(), p_initiated_by, 'SKIP', 'no source changed'
     WHERE NOT EXISTS (SELECT 1 FROM counted)
$$;

-- The engine's cheap path for due stream tables that read no stream table: in one call, those whose
-- sources have not changed are refreshed as SKIP (what _refresh would do, under the same lock); the
-- others are returned as 'refresh', for a full round, or 'busy' when someone else holds their lock.
CREATE OR REPLACE FUNCTION pgstream._skip_unchanged(p_ids bigint[], p_initiated_by text)
RETURNS TABLE (stream_table_id bigint, outcome text) LANGUAGE plpgsql AS $$
DECLARE
    v_st      pgstream.stream_table;
    v_now     record;
    v_started timestamptz;
    v_data_ts timestamptz;
    v_capture text;
BEGIN
    PERFORM pgstream._repair_if_restored();  -- before any catalog row is locked (see 20-restore.sql)
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
            SELECT * INTO v_now FROM pgstream._current_frontier();
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

-- What recent refreshes of a stream table say a cycle of p_changes changes would cost (milliseconds): a
-- differential refresh, from its last five with changes (the least of them taken as the cost of any cycle, the
-- rest spread over their changes), and a FULL one, its last. NULL until both were measured. Fan-out through
-- joins, recomputed groups and the size of the stored table are all in what was measured.
CREATE OR REPLACE FUNCTION pgstream._estimate(p_id bigint, p_changes bigint, OUT differential_ms double precision,
                                   OUT full_ms double precision)
LANGUAGE sql STABLE AS $$
    SELECT d.fixed + greatest(d.total - d.n * d.fixed, 0) / d.changes * p_changes,
           (SELECT extract(epoch FROM h.duration) * 1000 FROM pgstream.refresh_history h
             WHERE h.stream_table_id = p_id AND h.action = 'FULL' ORDER BY h.id DESC LIMIT 1)
      FROM (SELECT min(ms) AS fixed, sum(ms) AS total, count(*) AS n, sum(changes_consumed) AS changes
              FROM (SELECT extract(epoch FROM h.duration) * 1000 AS ms, h.changes_consumed
                      FROM pgstream.refresh_history h
                     WHERE h.stream_table_id = p_id AND h.action = 'DIFFERENTIAL' AND h.changes_consumed > 0
                     ORDER BY h.id DESC LIMIT 5) recent) d
     WHERE d.n > 0
$$;

-- Why this cycle must refresh in full, or NULL when it can go differential. p_differential_ms, p_full_ms:
-- _estimate's, in refresh mode auto.
CREATE OR REPLACE FUNCTION pgstream._full_refresh_reason(p_st pgstream.stream_table, p_force boolean, p_changes bigint,
                                              p_truncated boolean, p_differential_ms double precision,
                                              p_full_ms double precision)
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
        IF p_differential_ms > p_full_ms THEN
            RETURN 'cheaper in full: ' || pgstream._estimate_text(p_changes, p_differential_ms, p_full_ms);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION pgstream._estimate_text(p_changes bigint, p_differential_ms double precision,
                                         p_full_ms double precision) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT format('for %s changes, recent refreshes estimate differential %s ms, FULL %s ms (setting auto_cost_choice)',
                 p_changes, round(p_differential_ms::numeric, 1), round(p_full_ms::numeric, 1)) $$;

-- The data timestamp a refresh starting now gives a stream table: every change committed before it is
-- reflected. Taken before the refresh's snapshot; what it reads from other stream tables reflects only
-- their own data timestamps.
CREATE OR REPLACE FUNCTION pgstream._data_timestamp(p_id bigint) RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
    SELECT least(clock_timestamp(), (SELECT min(up.data_timestamp)
                                       FROM pgstream._edges e JOIN pgstream.stream_table up ON up.id = e.upstream_id
                                      WHERE e.downstream_id = p_id))
$$;

-- The function that runs a stream table's delta statement (see _generated_function), as its owner.
CREATE OR REPLACE FUNCTION pgstream._delta_function(p_st pgstream.stream_table) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_owner oid := pgstream._owner(p_st.relid);
BEGIN
    RETURN pgstream._ensure_generated(pgstream._generated_function('delta', p_st.id, p_st.delta_sql || v_owner),
        'delta', p_st.id, '(pg_snapshot, xid8, bigint)',
        '(pg_snapshot, xid8, bigint) RETURNS TABLE (snap pg_snapshot, xid xid8, seq bigint, inserted bigint,'
        ' deleted bigint, updated bigint) LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan',
        E'BEGIN\nRETURN QUERY\n' || p_st.delta_sql || E';\nEND', v_owner);
END $$;

-- The statement a refresh runs the delta by, given the changes counted before it: its generated function, whose
-- plan was made once for any frontier, or for a large delta the statement itself, planned for this frontier
-- (its planning, about 0.4 ms, is then small beside the work, which a plan made for a few changes may not fit).
CREATE OR REPLACE FUNCTION pgstream._delta_statement(p_st pgstream.stream_table, p_changes bigint) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    RETURN CASE WHEN p_changes <= 1000 THEN format('SELECT * FROM %s($1, $2, $3)', pgstream._delta_function(p_st))
                ELSE p_st.delta_sql END;
END $$;

-- Refreshes a stream table whose lock is held and whose catalog row was read after taking it. What reads
-- the sources and writes the table runs as the table's owner.
CREATE OR REPLACE FUNCTION pgstream._refresh_locked(p_st pgstream.stream_table, p_initiated_by text, p_force boolean,
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
    v_pending  record;
    v_differential_ms double precision;
    v_full_ms  double precision;
    v_fresh    text;
    v_capture  text;
    v_owner    oid := pgstream._owner(p_st.relid);
BEGIN
    PERFORM pgstream._check_sources(p_st);
    PERFORM pgstream._check_owner_reads_sources(p_st);
    v_capture := pgstream._check_capture(p_st);
    SELECT * INTO p_st FROM pgstream.stream_table WHERE id = p_st.id;  -- a capture fallback may ask for a FULL refresh
    p_st.pending_full_reason := coalesce(p_st.pending_full_reason, v_capture);
    v_data_ts := pgstream._data_timestamp(p_st.id);  -- before any snapshot this refresh reads
    IF p_st.frontier IS NOT NULL THEN
        SELECT * INTO v_now FROM pgstream._current_frontier();
        v_pending := pgstream._changes_since_frontier(p_st, v_now.snap, v_now.xid, v_now.seq);
        v_changes := v_pending.changes;
        IF v_changes = 0 AND NOT p_force AND p_st.pending_full_reason IS NULL THEN
            PERFORM pgstream._record_unchanged(p_st.id, v_now.snap, v_now.xid, v_now.seq, v_data_ts, p_initiated_by,
                                               p_started);
            RETURN pgstream._result(p_st.relid, 'SKIP', 'no source changed', 0, 0, p_started);
        END IF;
        v_truncated := v_pending.truncates > 0;
    END IF;

    -- small deltas go differential unasked: a FULL refresh is hardly ever faster
    IF p_st.refresh_mode = 'auto' AND v_changes >= 100 AND pgstream.setting('auto_cost_choice') = 'on' THEN
        SELECT * INTO v_differential_ms, v_full_ms FROM pgstream._estimate(p_st.id, v_changes);
    END IF;
    v_reason := pgstream._full_refresh_reason(p_st, p_force, v_changes, v_truncated, v_differential_ms, v_full_ms);
    IF v_reason IS NULL THEN
        v_action := 'DIFFERENTIAL';
        v_reason := 'refresh mode ' || p_st.refresh_mode
                    || coalesce('; ' || pgstream._estimate_text(v_changes, v_differential_ms, v_full_ms), '');
        BEGIN
            SELECT r.snap, r.xid, r.seq, r.inserted, r.deleted, r.updated
              INTO v_snap, v_xid, v_seq, v_inserted, v_deleted, v_updated
              FROM pgstream._run_as(v_owner, pgstream._delta_statement(p_st, v_changes), true,
                                    p_st.frontier, p_st.frontier_xid, p_st.frontier_seq) r;
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
        v_fresh := pgstream._full_fresh_table(p_st);
        IF v_fresh IS NOT NULL THEN
            PERFORM pgstream._run_as(v_owner, pgstream._full_fresh_sql(p_st, v_fresh));
        END IF;
        SELECT r.snap, r.xid, r.seq, r.inserted, r.deleted INTO v_snap, v_xid, v_seq, v_inserted, v_deleted
          FROM pgstream._run_as(v_owner, pgstream._full_refresh_sql(p_st, v_fresh), true) r;
        IF v_fresh IS NOT NULL THEN
            PERFORM pgstream._run_as(v_owner, format('DROP TABLE %s', v_fresh));
        END IF;
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

    IF EXISTS (SELECT 1 FROM pgstream.source WHERE stream_table_id = p_st.id) THEN
        EXECUTE format('SELECT %s()', pgstream._trim_function(p_st.id));
    END IF;
    RETURN pgstream._result(p_st.relid, v_action, v_reason, v_inserted, v_deleted, p_started, v_updated);
END $$;

-- Refreshes one stream table under its lock. With p_raise false (the engine's way), a failure is
-- recorded in the catalog and history and returned as action ERROR instead of raised; a lock timeout or a
-- deadlock is still raised (as a cancellation is, which no handler catches).
CREATE OR REPLACE FUNCTION pgstream._refresh(p_id bigint, p_initiated_by text, p_raise boolean, p_force boolean DEFAULT false)
RETURNS pgstream.refresh_result LANGUAGE plpgsql AS $$
DECLARE
    v_started timestamptz := clock_timestamp();
    v_st      pgstream.stream_table;
    v_message text;
BEGIN
    PERFORM pgstream._repair_if_restored();  -- before any catalog row is locked (see 20-restore.sql)
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
    EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
        RAISE;  -- another session's lock, not a failure of the stream table: the round rolls back and runs again
    WHEN OTHERS THEN
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
CREATE OR REPLACE FUNCTION pgstream._refresh_round(p_ids bigint[], p_initiated_by text, p_raise boolean,
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
