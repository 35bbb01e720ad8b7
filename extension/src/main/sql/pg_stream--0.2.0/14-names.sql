------------------------------------------------------------------------------------------------
-- Names and upstream lookups shared by alerts and the monitoring views.
------------------------------------------------------------------------------------------------
-- A relation's schema-qualified name, quoted where needed; the same in every session (unlike regclass
-- output, which depends on search_path), so alerts and monitoring rows can be matched by name.
CREATE OR REPLACE FUNCTION pgstream._qualified_name(p_relid oid) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format('%I.%I', n.nspname, c.relname)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = p_relid
$$;

-- The closest suspended stream table among those a stream table reads, directly or not (NULL if none):
-- while it is suspended, what it feeds cannot get fresher than it.
CREATE OR REPLACE FUNCTION pgstream._nearest_suspended_upstream(p_id bigint) RETURNS text LANGUAGE sql STABLE AS $$
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
