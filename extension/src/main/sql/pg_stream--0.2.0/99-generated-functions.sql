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
