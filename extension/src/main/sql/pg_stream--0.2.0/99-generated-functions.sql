------------------------------------------------------------------------------------------------
-- Last, after every function: the functions generated per captured source (its capture function and
-- reader) are written anew from this version's templates. Nothing to do in a fresh install; an upgrade
-- re-runs this section with the others. They belong to no extension (pg_dump dumps them with the buffers
-- they read and write), and an extension script may replace only its own objects: for an extension each
-- joins it while it is rewritten.
------------------------------------------------------------------------------------------------
DO $$
DECLARE
    v_extension boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stream');
    v_relid     oid;
    v_functions text[];
    v_function  text;
BEGIN
    FOR v_relid IN SELECT source_relid FROM pgstream.capture
                    WHERE to_regclass(pgstream._buffer(source_relid)) IS NOT NULL ORDER BY 1 LOOP
        v_functions := ARRAY[pgstream._capture_function(v_relid) || '()',
                             pgstream._reader(v_relid) || '(pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint, boolean)'];
        IF v_extension THEN
            FOREACH v_function IN ARRAY v_functions LOOP
                EXECUTE format('ALTER EXTENSION pg_stream ADD FUNCTION %s', v_function);
            END LOOP;
        END IF;
        PERFORM pgstream._write_capture_function(v_relid);
        PERFORM pgstream._write_reader(v_relid);
        IF v_extension THEN
            FOREACH v_function IN ARRAY v_functions LOOP
                EXECUTE format('ALTER EXTENSION pg_stream DROP FUNCTION %s', v_function);
            END LOOP;
        END IF;
    END LOOP;
END $$;

-- Stream tables made before the privilege model (0.1.0) refresh as their owners from now on: each owner gets
-- its runner (made here by a superuser; else the owner runs pgstream.enable_user(), and its refreshes say so
-- until then), its state tables, and read access to its sources' buffers. Nothing to do in a fresh install.
DO $$
DECLARE
    v_extension boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stream');
    v_superuser boolean := pgstream._is_superuser(current_user::regrole);
    v_st        record;
    v_table     text;
    v_relid     oid;
BEGIN
    FOR v_st IN SELECT DISTINCT pgstream._owner(st.relid) AS owner FROM pgstream.stream_table st
                 WHERE pgstream._owner(st.relid) <> pgstream._install_role() LOOP
        IF pgstream._runner(v_st.owner) IS NULL AND v_superuser THEN
            -- the owner's, not the extension's: dumped with the owner's other objects
            v_table := pgstream._create_runner(v_st.owner)::text;
            IF v_extension THEN
                EXECUTE format('ALTER EXTENSION pg_stream DROP FUNCTION %s', v_table);
            END IF;
        ELSIF pgstream._runner(v_st.owner) IS NULL THEN
            RAISE NOTICE 'pg_stream: role % must run SELECT pgstream.enable_user() before its stream tables refresh again',
                v_st.owner::regrole;
        END IF;
    END LOOP;
    FOR v_st IN SELECT pgstream._owner(st.relid) AS owner, t AS state_table
                  FROM pgstream.stream_table st CROSS JOIN LATERAL unnest(st.state_tables) t
                 WHERE v_superuser AND to_regclass(t) IS NOT NULL
                   AND pgstream._owner(to_regclass(t)) IS DISTINCT FROM pgstream._owner(st.relid) LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO %s', v_st.state_table, v_st.owner::regrole);
    END LOOP;
    FOR v_relid IN SELECT source_relid FROM pgstream.capture LOOP
        PERFORM pgstream._grant_buffer(v_relid);
    END LOOP;
END $$;
