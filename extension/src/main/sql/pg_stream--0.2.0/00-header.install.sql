-- pg_stream 0.2.0: catalog, SQL API, change capture and refresh execution, in plain SQL and PL/pgSQL.
-- The engine (pg-stream run) schedules refreshes; everything a refresh needs lives here, so a manual
-- refresh works without it.
\echo Use "CREATE EXTENSION pg_stream" to load this file. \quit

CREATE SCHEMA pgstream_changes;
COMMENT ON SCHEMA pgstream_changes IS 'pg_stream change buffers: one table per captured source table';
