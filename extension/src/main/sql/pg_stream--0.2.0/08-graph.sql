------------------------------------------------------------------------------------------------
-- The stream table graph. An edge is a source row whose table is another stream table's table.
------------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW pgstream._edges AS
SELECT up.id AS upstream_id, down.id AS downstream_id
  FROM pgstream.source s
  JOIN pgstream.stream_table up ON up.relid = s.source_relid
  JOIN pgstream.stream_table down ON down.id = s.stream_table_id;

-- Raises when a stream table reads itself, directly or through other stream tables (checked after
-- its sources are recorded, so an altered query that closes a loop rolls back).
CREATE OR REPLACE FUNCTION pgstream._check_acyclic(p_id bigint) RETURNS void LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE FUNCTION pgstream._dependents(p_id bigint) RETURNS TABLE (id bigint, depth int) LANGUAGE sql STABLE AS $$
    WITH RECURSIVE readers(id, depth) AS (
        SELECT e.downstream_id, 1 FROM pgstream._edges e WHERE e.upstream_id = p_id
        UNION
        SELECT e.downstream_id, r.depth + 1 FROM readers r JOIN pgstream._edges e ON e.upstream_id = r.id
    )
    SELECT id, max(depth)::int FROM readers GROUP BY id ORDER BY max(depth) DESC, id
$$;

-- The names of those stream tables, nearest first, for messages that refuse a change because of them
-- (NULL when none).
CREATE OR REPLACE FUNCTION pgstream._dependent_names(p_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(st.relid::regclass::text, ', ' ORDER BY d.depth, st.id)
      FROM pgstream._dependents(p_id) d JOIN pgstream.stream_table st ON st.id = d.id
$$;

-- The stream tables a refresh round covers: the given ones and every stream table they read, directly
-- or not, ordered by depth (the longest chain of stream tables below it) then id. Each comes after
-- everything it reads, and the order is the same in every round, so rounds that wait for locks never
-- deadlock.
CREATE OR REPLACE FUNCTION pgstream._round_members(p_ids bigint[]) RETURNS bigint[] LANGUAGE plpgsql STABLE AS $$
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
CREATE OR REPLACE FUNCTION pgstream._lock_round(p_ids bigint[], p_wait boolean) RETURNS bigint[] LANGUAGE plpgsql AS $$
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
