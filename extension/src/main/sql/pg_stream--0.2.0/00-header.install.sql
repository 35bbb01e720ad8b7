-- pg_stream 0.2.0: catalog, SQL API, change capture and refresh execution, in plain SQL and PL/pgSQL.
-- The engine (pg-stream run) schedules refreshes; everything a refresh needs lives here, so a manual
-- refresh works without it.
\echo Use "CREATE EXTENSION pg_stream" to load this file. \quit

-- xid8 snapshots, pgoutput's logical messages and the analyzed trees the compiler reads: 14 is the oldest
DO $$
BEGIN
    IF current_setting('server_version_num')::integer < 140000 THEN
        RAISE EXCEPTION 'pg_stream needs PostgreSQL 14 or later; this server is PostgreSQL %',
                        current_setting('server_version')
            USING ERRCODE = 'feature_not_supported';
    END IF;
END $$;

CREATE SCHEMA pgstream_changes;
COMMENT ON SCHEMA pgstream_changes IS 'pg_stream change buffers: one table per captured source table';
