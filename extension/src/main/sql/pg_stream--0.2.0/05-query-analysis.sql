------------------------------------------------------------------------------------------------
-- Query analysis: PostgreSQL validates and normalizes the query through a temporary view.
------------------------------------------------------------------------------------------------
-- Creates pg_temp.pgstream_query over the query, its names resolved through p_search_path (the
-- caller's) when given; errors are PostgreSQL's own, positioned in the query (the query starts on line 2
-- of the statement, after the CREATE line). Runs as the stream table's owner.
CREATE OR REPLACE FUNCTION pgstream._define(p_query text, p_search_path text DEFAULT NULL) RETURNS regclass
LANGUAGE plpgsql AS $$
DECLARE
    v_query text := regexp_replace(coalesce(p_query, ''), '[[:space:];]+$', '');
    v_path  text := current_setting('search_path');
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
        PERFORM set_config('search_path', coalesce(p_search_path, v_path), true);
        EXECUTE E'CREATE TEMP VIEW pgstream_query AS\n' || v_query;
        PERFORM set_config('search_path', v_path, true);
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
CREATE OR REPLACE FUNCTION pgstream._definition(p_view regclass) RETURNS text LANGUAGE sql STABLE
SET search_path = '' AS
$$ SELECT pg_catalog.rtrim(pg_catalog.pg_get_viewdef(p_view, false), ';') $$;

-- The tables a view reads (through other views too) and the columns it reads from each.
CREATE OR REPLACE FUNCTION pgstream._view_sources(p_view regclass)
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

-- Records the sources of a stream table, which its owner must be able to read, and makes sure each one
-- is captured. The capture locks of every source come first, before any buffer is altered: a session that
-- held one source's altered buffer while it waited for another source's lock would deadlock with the
-- holder of that lock reading the buffer (dbt creates models that share sources in parallel threads).
CREATE OR REPLACE FUNCTION pgstream._attach_sources(p_id bigint, p_view regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st  pgstream.stream_table := (SELECT st FROM pgstream.stream_table st WHERE id = p_id);
    v_src record;
BEGIN
    PERFORM pgstream._repair_if_restored();  -- a restored capture is built anew first (see _ensure_capture)
    FOR v_src IN SELECT relid FROM pgstream._view_sources(p_view) ORDER BY relid LOOP
        PERFORM pgstream._lock_capture(v_src.relid, true);
        PERFORM pgstream._lock_capture_columns(v_src.relid, false);
    END LOOP;
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
        PERFORM pgstream._check_owner_reads(pgstream._owner(v_st.relid), v_src.relid, v_src.columns, NULL);
        INSERT INTO pgstream.source (stream_table_id, source_relid, source_name, columns)
        VALUES (p_id, v_src.relid, v_src.relid::regclass::text, v_src.columns);
        PERFORM pgstream._ensure_capture(v_src.relid, v_src.columns);
        PERFORM pgstream._grant_buffer(v_src.relid);
    END LOOP;
END $$;
