-- pg_stream 0.1.0 to 0.2.0: what changes in the objects the install creates once (the sections named
-- NN-topic.install.sql: schemas, tables, types, sequences). The build appends every other 0.2.0 section,
-- re-run as it is (functions, views, triggers, grants; see extension/pom.xml), and the upgrade test
-- checks the result is what a fresh 0.2.0 install has.
\echo Use "ALTER EXTENSION pg_stream UPDATE TO '0.2.0'" to load this file. \quit

-- Relations are regclass, dumped by name. The views and the trigger that read those columns go first;
-- the sections re-create them.
DROP VIEW pgstream.change_buffers, pgstream.dependencies, pgstream.stream_tables_info, pgstream.stream_tables,
          pgstream._edges;
DROP TRIGGER stream_table_changed ON pgstream.stream_table;
ALTER TABLE pgstream.stream_table ALTER COLUMN relid TYPE regclass USING relid::regclass;
ALTER TABLE pgstream.source ALTER COLUMN source_relid TYPE regclass USING source_relid::regclass;
ALTER TABLE pgstream.capture ALTER COLUMN source_relid TYPE regclass USING source_relid::regclass;

-- Where each capture was built (see 20-restore.sql): here, for its own OID.
ALTER TABLE pgstream.capture ADD COLUMN buffer_oid oid, ADD COLUMN instance text;
UPDATE pgstream.capture
   SET buffer_oid = source_relid,
       instance = (SELECT system_identifier FROM pg_control_system()) || '/'
                  || (SELECT oid FROM pg_database WHERE datname = current_database());
ALTER TABLE pgstream.capture ALTER COLUMN buffer_oid SET NOT NULL, ALTER COLUMN instance SET NOT NULL;

-- Replaced: the query is analyzed with the caller's search_path, given since the API runs with a pinned one.
DROP FUNCTION pgstream._define(text);

-- Replaced: a set of one row, which the planner inlines.
DROP FUNCTION pgstream._current_frontier();

-- Replaced: a FULL refresh may compute the query first, in a statement of its own.
DROP FUNCTION pgstream._full_refresh_sql(pgstream.stream_table);
DROP FUNCTION pgstream._trim_buffer(oid);

-- Replaced: a skipped cycle is recorded in one statement.
DROP FUNCTION pgstream._record_skip(bigint, text, timestamptz);

-- Replaced: refresh mode auto also weighs what recent refreshes cost.
DROP FUNCTION pgstream._full_refresh_reason(pgstream.stream_table, boolean, bigint, boolean);
