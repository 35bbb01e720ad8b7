------------------------------------------------------------------------------------------------
-- Restored from a dump. pg_dump writes the catalog's rows (an extension's through
-- pg_extension_config_dump), the stream tables, the buffers, readers, capture functions and triggers.
-- Restored, the catalog's regclass columns name the new tables, but the buffers and generated functions
-- keep the old OIDs in their names, and frontiers and buffer rows hold transaction ids of the dumped
-- database. Whoever first needs the buffers (a refresh, manual or scheduled: _refresh, _skip_unchanged; a
-- new capture: _ensure_capture; an engine starting) repairs it: the captures are built anew and every
-- stream table refreshes in full once.
------------------------------------------------------------------------------------------------
-- The database as transaction ids and relation OIDs are valid in: its cluster, and itself within it. Kept
-- for the session (pg_control_system reads a file, and every refresh asks).
CREATE OR REPLACE FUNCTION pgstream._instance() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(pg_catalog.current_setting('pgstream.instance', true), ''),
                    pg_catalog.set_config('pgstream.instance',
                        (SELECT system_identifier FROM pg_catalog.pg_control_system()) || '/'
                        || (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()),
                        false))
$$;

-- Whether the catalog came from another database: a capture built there, or for another OID. (Every
-- refresh asks: the instance is computed once, not per row; 0.1 ms for 400 sources.)
CREATE OR REPLACE FUNCTION pgstream._restored() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM pgstream.capture
                    WHERE instance <> (SELECT pgstream._instance()) OR buffer_oid <> source_relid::oid)
$$;

-- A plan's SQL with the readers of the old OIDs replaced by those of the new ones, in two passes, since an
-- old OID may be the new one of another source.
CREATE OR REPLACE FUNCTION pgstream._renumbered(p_sql text, p_from oid[], p_to oid[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    v_sql text := p_sql;
BEGIN
    FOR i IN 1 .. coalesce(array_length(p_from, 1), 0) LOOP
        v_sql := regexp_replace(v_sql, replace(pgstream._reader(p_from[i]), '.', '\.') || '\M',
                                pgstream._reader(p_to[i]) || '__pgs_renumbered', 'g');
    END LOOP;
    RETURN replace(v_sql, '__pgs_renumbered', '');
END $$;

-- Repairs a restored catalog; false when it was not restored. Once: a concurrent caller waits, then finds
-- it repaired. Called before a refresh locks its catalog row (the repair updates every row), and before a
-- source's capture is used or made. The WAL capture starts again (the slot the catalog names belongs to
-- the dumped database, unless pg_upgrade brought it along): every source is captured by triggers again,
-- into a new, empty buffer, and every stream table refreshes in full next, since neither its frontier nor
-- the buffered changes mean anything here. Capture triggers restored with the dump, which may have fired
-- since, wrote the old buffers: their changes are in the sources that the full refresh reads.
CREATE OR REPLACE FUNCTION pgstream._repair_if_restored() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_caps  pgstream.capture[];
    v_cap   pgstream.capture;
    v_from  oid[] := '{}';
    v_to    oid[] := '{}';
    v_table regclass;
BEGIN
    IF NOT pgstream._restored() THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(1346851671, 0);
    IF NOT pgstream._restored() THEN
        RETURN false;
    END IF;
    PERFORM pgstream._internal_ddl(true);
    -- the slot of the dumped database stays behind; one of this database (after pg_upgrade) goes
    IF EXISTS (SELECT 1 FROM pgstream.wal_capture w JOIN pg_replication_slots s ON s.slot_name = w.slot_name
                WHERE s.database = current_database() AND NOT s.active) THEN
        PERFORM pg_drop_replication_slot((SELECT slot_name FROM pgstream.wal_capture));
    END IF;
    DELETE FROM pgstream.wal_capture;
    -- the restored publication stays (a slot created later decodes it from its start), without its tables
    FOR v_table IN SELECT pr.prrelid::regclass FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
                    WHERE p.pubname = pgstream._publication() LOOP
        EXECUTE format('ALTER PUBLICATION %I DROP TABLE %s', pgstream._publication(), v_table);
    END LOOP;
    SELECT coalesce(array_agg(c ORDER BY c.source_relid), '{}') INTO v_caps FROM pgstream.capture c;
    -- everything named by an old OID goes first: a new OID may be the old one of another source
    FOREACH v_cap IN ARRAY v_caps LOOP
        PERFORM pgstream._drop_capture_triggers(v_cap.source_relid);
        EXECUTE format('DROP FUNCTION IF EXISTS %s(pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint, boolean)',
                       pgstream._reader(v_cap.buffer_oid));
        EXECUTE format('DROP TABLE IF EXISTS %s', pgstream._buffer(v_cap.buffer_oid));
        EXECUTE format('DROP FUNCTION IF EXISTS %s()', pgstream._capture_function(v_cap.buffer_oid));
    END LOOP;
    DELETE FROM pgstream.capture;
    PERFORM pgstream._drop_generated(NULL, st.id) FROM pgstream.stream_table st;  -- they read the old readers
    FOREACH v_cap IN ARRAY v_caps LOOP
        -- a source dropped before the dump stays dropped: its stream tables say so when refreshed
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = v_cap.source_relid);
        PERFORM pgstream._ensure_capture(v_cap.source_relid, v_cap.columns);
        UPDATE pgstream.capture
           SET source_name = v_cap.source_name, capture_setting = v_cap.capture_setting,
               replica_identity_before = v_cap.replica_identity_before
         WHERE source_relid = v_cap.source_relid;
        v_from := v_from || v_cap.buffer_oid;
        v_to := v_to || v_cap.source_relid::oid;
    END LOOP;
    -- a frontier of now: the next refresh is not skipped, and says why it is FULL
    UPDATE pgstream.stream_table st
       SET frontier = f.snap, frontier_xid = f.xid, frontier_seq = f.seq,
           pending_full_reason = 'restored from a dump',
           delta_sql = pgstream._renumbered(st.delta_sql, v_from, v_to)
      FROM pgstream._current_frontier() f;
    PERFORM pgstream._internal_ddl(false);
    RAISE NOTICE 'pg_stream: this database was restored from a dump; its change capture is rebuilt and every stream table refreshes in full next';
    RETURN true;
END $$;

-- An extension's own tables are not dumped unless marked: the catalog's rows and identities go into a dump
-- (and come back after CREATE EXTENSION on restore). The WAL capture's state does not
-- (its slot does not come along). A schema install is dumped whole anyway.
DO $$
DECLARE
    v_table text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stream') THEN
        FOREACH v_table IN ARRAY ARRAY['pgstream.settings', 'pgstream.stream_table', 'pgstream.source',
                                       'pgstream.capture', 'pgstream.refresh_history', 'pgstream.alert_state'] LOOP
            PERFORM pg_extension_config_dump(v_table::regclass, '');
        END LOOP;
        PERFORM pg_extension_config_dump(pg_get_serial_sequence('pgstream.stream_table', 'id')::regclass, '');
        PERFORM pg_extension_config_dump(pg_get_serial_sequence('pgstream.refresh_history', 'id')::regclass, '');
    END IF;
END $$;
