------------------------------------------------------------------------------------------------
-- Frontiers. A change row is consumed by a refresh when its transaction is visible in the refresh's
-- snapshot and was not in the previous one; the refreshing transaction's own rows count up to the
-- change number it had reached (pg_visible_in_snapshot says nothing reliable about one's own xid).
------------------------------------------------------------------------------------------------
-- The frontier of the calling statement: call it in the statement whose snapshot matters. STABLE is
-- essential: a VOLATILE SQL function takes a snapshot of its own in READ COMMITTED, newer than the
-- statement's, and changes committed in between would count as consumed without having been read.
CREATE OR REPLACE FUNCTION pgstream._current_frontier(OUT snap pg_snapshot, OUT xid xid8, OUT seq bigint)
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

-- How many change rows, and how many of them TRUNCATEs, of a stream table's sources lie between its
-- frontier and the given one (one pass over each buffer). Not p_exact: what the WAL decoder has written
-- so far (for monitoring; an exact count waits for it).
CREATE OR REPLACE FUNCTION pgstream._count_changes(p_st pgstream.stream_table, p_snap pg_snapshot, p_xid xid8, p_seq bigint,
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
CREATE OR REPLACE FUNCTION pgstream._trim_buffer(p_relid oid) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_horizon xid8;
    v_deleted bigint;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' OR NOT pgstream._lock_capture(p_relid, false) THEN
        RETURN 0;
    END IF;
    -- the least xmin by array_agg: min(xid8) exists only from PostgreSQL 15
    SELECT CASE WHEN bool_and(st.frontier IS NOT NULL)
                THEN (array_agg(pg_snapshot_xmin(st.frontier) ORDER BY pg_snapshot_xmin(st.frontier)))[1] END
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
