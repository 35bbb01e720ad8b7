------------------------------------------------------------------------------------------------
-- Change capture: statement-level AFTER triggers with transition tables write the changed rows
-- (the columns consumers read) to the source's buffer, each with its writer's top-level xid.
------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION pgstream._buffer(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'changes_' || p_relid) $$;

CREATE OR REPLACE FUNCTION pgstream._capture_function(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'capture_' || p_relid) $$;

-- The function through which delta statements read a source's changes (see _write_reader).
CREATE OR REPLACE FUNCTION pgstream._reader(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'read_' || p_relid) $$;

-- Whether a source's changes come, or still come, from the WAL decoder: on the WAL, joining it, or leaving
-- it (a cutover back to triggers whose earlier transactions the decoder writes).
CREATE OR REPLACE FUNCTION pgstream._uses_decoder(p_capture pgstream.capture) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT p_capture.mode <> 'trigger' OR p_capture.cutover IS NOT NULL $$;

-- Whether a buffer row counts, given the capture state of its source: during a cutover, the origin
-- responsible for its transaction; while the WAL is being joined, triggers only; otherwise every row
-- (the rows of the origin a source left are those of transactions before its cutover).
CREATE OR REPLACE FUNCTION pgstream._counted(p_wal boolean, p_xid xid8, p_mode text, p_cutover pg_snapshot, p_cutover_to text)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_cutover IS NOT NULL
                THEN p_wal = (pg_visible_in_snapshot(p_xid, p_cutover) = (p_cutover_to = 'trigger'))
                WHEN p_mode = 'transitioning' THEN NOT p_wal
                ELSE true END
$$;

-- (Re)writes the reader of a source: the buffer rows a refresh consumes between two frontiers. While the
-- capture triggers have every change (mode trigger, or transitioning: the triggers are only dropped under
-- the locks of the stream tables reading the source, so never during their refresh), it is a plain query
-- PostgreSQL inlines into the delta statement, reading the trigger rows at the statement's snapshot. While
-- changes come from the WAL it is VOLATILE, so that in READ COMMITTED it reads with a snapshot of its own,
-- taken after it has made sure the decoder wrote every change of a transaction the new frontier sees (rows
-- the decoder committed after the delta statement's snapshot are read too); the capture state is read after
-- that snapshot as well, so a cutover taken since includes every transaction the frontier sees (see
-- _counted). Without p_await it returns what is written so far (for monitoring). Rewritten whenever the
-- capture state changes which one applies.
CREATE OR REPLACE FUNCTION pgstream._write_reader(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_signature text := format('%s(p_old_snap pg_snapshot, p_old_xid xid8, p_old_seq bigint, p_new_snap pg_snapshot,'
                               ' p_new_xid xid8, p_new_seq bigint, p_await boolean DEFAULT true) RETURNS SETOF %s',
                               pgstream._reader(p_relid), pgstream._buffer(p_relid));
    v_between text := 'b.__pgs_xid >= coalesce(pg_snapshot_xmin(p_old_snap), ''0''::xid8)
       AND pgstream._changed_between(b.__pgs_xid, b.__pgs_seq, p_old_snap, p_old_xid, p_old_seq,
                                     p_new_snap, p_new_xid, p_new_seq)';
BEGIN
    IF (SELECT mode = 'wal' OR cutover IS NOT NULL AND cutover_to = 'trigger'
          FROM pgstream.capture WHERE source_relid = p_relid) THEN
        EXECUTE format($fn$
CREATE OR REPLACE FUNCTION %1$s LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
DECLARE
    c pgstream.capture;
BEGIN
    SELECT * INTO c FROM pgstream.capture WHERE source_relid = %3$s;
    IF p_await AND pgstream._uses_decoder(c) THEN
        PERFORM pgstream._await_decoder(%3$s, p_new_snap);
    END IF;
    RETURN QUERY
    SELECT * FROM %2$s b
     WHERE %4$s
       AND pgstream._counted(b.__pgs_wal, b.__pgs_xid, c.mode, c.cutover, c.cutover_to);
END
$body$ $fn$, v_signature, pgstream._buffer(p_relid), p_relid, v_between);
    ELSE
        EXECUTE format($fn$
CREATE OR REPLACE FUNCTION %1$s LANGUAGE sql STABLE AS $body$
    SELECT * FROM %2$s b WHERE %3$s AND NOT b.__pgs_wal
$body$ $fn$, v_signature, pgstream._buffer(p_relid), v_between);
    END IF;
    -- a new function is executable by PUBLIC; the consumers' owners are granted it by _grant_buffer
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', pgstream._reader_signature(p_relid));
END $$;

CREATE OR REPLACE FUNCTION pgstream._reader_signature(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT pgstream._reader(p_relid) || '(pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint, boolean)' $$;

-- Held by whoever changes a buffer's columns, and shared by the WAL decoder while it writes buffers: a
-- decoder transaction started after a column was added writes it, and one started before commits before
-- the stream table that reads the column takes its first snapshot.
CREATE OR REPLACE FUNCTION pgstream._lock_capture_columns(p_relid oid, p_shared boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_shared THEN
        PERFORM pg_advisory_xact_lock_shared(1346851670, pgstream._lock_id(p_relid::bigint));
    ELSE
        PERFORM pg_advisory_xact_lock(1346851670, pgstream._lock_id(p_relid::bigint));
    END IF;
END $$;

-- (Re)writes the capture function of a source from its capture row.
CREATE OR REPLACE FUNCTION pgstream._write_capture_function(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_columns name[] := (SELECT columns FROM pgstream.capture WHERE source_relid = p_relid);
    v_list    text := (SELECT string_agg(', ' || quote_ident(c), '') FROM unnest(v_columns) c);
    v_new     text := (SELECT string_agg(', n.' || quote_ident(c), '') FROM unnest(v_columns) c);
    v_old     text := (SELECT string_agg(', o.' || quote_ident(c), '') FROM unnest(v_columns) c);
    v_buffer  text := pgstream._buffer(p_relid);
BEGIN
    v_list := coalesce(v_list, '');
    v_new := coalesce(v_new, '');
    v_old := coalesce(v_old, '');
    EXECUTE format($fn$
CREATE OR REPLACE FUNCTION %1$s() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO %2$s (__pgs_op%3$s) SELECT 'I'%4$s FROM pgstream_new_rows n;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO %2$s (__pgs_op%3$s)
        SELECT 'D'%5$s FROM pgstream_old_rows o UNION ALL SELECT 'I'%4$s FROM pgstream_new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO %2$s (__pgs_op%3$s) SELECT 'D'%5$s FROM pgstream_old_rows o;
    ELSE
        INSERT INTO %2$s (__pgs_op) VALUES ('T');
    END IF;
    RETURN NULL;
END
$body$ $fn$, pgstream._capture_function(p_relid), v_buffer, v_list, v_new, v_old);
    -- attached to another table it would write changes that never happened to this one
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s() FROM PUBLIC', pgstream._capture_function(p_relid));
END $$;

-- Makes sure a source has a buffer with at least the given columns, a capture function and triggers.
CREATE OR REPLACE FUNCTION pgstream._ensure_capture(p_relid oid, p_columns name[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_capture pgstream.capture;
    v_buffer  text := pgstream._buffer(p_relid);
    v_column  record;
BEGIN
    PERFORM pgstream._repair_if_restored();  -- a restored capture is built anew first
    PERFORM pgstream._lock_capture(p_relid, true);
    PERFORM pgstream._lock_capture_columns(p_relid, false);
    SELECT * INTO v_capture FROM pgstream.capture WHERE source_relid = p_relid;
    IF v_capture.source_relid IS NULL THEN
        -- __pgs_wal: written by the WAL decoder (with the writer's xid), not by a capture trigger
        EXECUTE format('CREATE TABLE %s (
            __pgs_seq bigint NOT NULL DEFAULT nextval(''pgstream.change_seq''),
            __pgs_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            __pgs_op  "char" NOT NULL,
            __pgs_wal boolean NOT NULL DEFAULT false)', v_buffer);
        EXECUTE format('CREATE INDEX ON %s (__pgs_xid)', v_buffer);
        EXECUTE format('GRANT SELECT, INSERT ON %s TO pgstream_admin', v_buffer);  -- the engine's WAL decoder writes it
        INSERT INTO pgstream.capture (source_relid, source_name, columns, buffer_oid, instance)
        VALUES (p_relid, p_relid::regclass::text, '{}', p_relid, pgstream._instance()) RETURNING * INTO v_capture;
    END IF;

    FOR v_column IN
        SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type
          FROM pg_attribute a
         WHERE a.attrelid = p_relid AND a.attname = ANY (p_columns) AND a.attname <> ALL (v_capture.columns)
           AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum
    LOOP
        EXECUTE format('ALTER TABLE %s ADD COLUMN %I %s', v_buffer, v_column.attname, v_column.type);
        UPDATE pgstream.capture SET columns = columns || v_column.attname WHERE source_relid = p_relid;
    END LOOP;
    PERFORM pgstream._write_capture_function(p_relid);
    PERFORM pgstream._write_reader(p_relid);
    IF v_capture.mode = 'trigger' THEN
        PERFORM pgstream._install_capture_triggers(p_relid);
    END IF;
END $$;

-- The capture triggers of a source, unless it has them.
CREATE OR REPLACE FUNCTION pgstream._install_capture_triggers(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_fn text := pgstream._capture_function(p_relid);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = p_relid AND tgname = 'pgstream_capture_insert') THEN
        -- the table's owner may attach it when pg_stream itself may not (_run_on_source)
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s() TO %s', v_fn, pgstream._owner(p_relid)::regrole);
        PERFORM pgstream._run_on_source(p_relid, format($ddl$
            CREATE TRIGGER pgstream_capture_insert AFTER INSERT ON %1$s
                REFERENCING NEW TABLE AS pgstream_new_rows FOR EACH STATEMENT EXECUTE FUNCTION %2$s();
            CREATE TRIGGER pgstream_capture_update AFTER UPDATE ON %1$s
                REFERENCING OLD TABLE AS pgstream_old_rows NEW TABLE AS pgstream_new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION %2$s();
            CREATE TRIGGER pgstream_capture_delete AFTER DELETE ON %1$s
                REFERENCING OLD TABLE AS pgstream_old_rows FOR EACH STATEMENT EXECUTE FUNCTION %2$s();
            CREATE TRIGGER pgstream_capture_truncate AFTER TRUNCATE ON %1$s
                FOR EACH STATEMENT EXECUTE FUNCTION %2$s()$ddl$, p_relid::regclass, v_fn));
    END IF;
END $$;

-- The capture triggers of a source, if it has them.
CREATE OR REPLACE FUNCTION pgstream._drop_capture_triggers(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid = p_relid) THEN
        PERFORM pgstream._run_on_source(p_relid, string_agg(format('DROP TRIGGER IF EXISTS %I ON %s',
                                                                   'pgstream_capture_' || t, p_relid::regclass), '; '))
           FROM unnest(ARRAY['insert', 'update', 'delete', 'truncate']) t;
    END IF;
END $$;

-- Removes the capture of a source that no stream table reads any more: its triggers, its place in the
-- publication (and the slot, when it was the last source decoded from the WAL), its functions and buffer.
CREATE OR REPLACE FUNCTION pgstream._drop_capture_if_unused(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pgstream.source WHERE source_relid = p_relid) THEN
        RETURN;
    END IF;
    PERFORM pgstream._forget_capture(p_relid);
END $$;

-- Removes everything the capture of a source has (the source itself may be gone).
CREATE OR REPLACE FUNCTION pgstream._forget_capture(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pgstream._lock_capture(p_relid, true);
    PERFORM pgstream._lock_capture_columns(p_relid, false);
    PERFORM pgstream._drop_capture_triggers(p_relid);
    PERFORM pgstream._leave_wal(p_relid);
    EXECUTE format('DROP FUNCTION IF EXISTS %s(pg_snapshot, xid8, bigint, pg_snapshot, xid8, bigint, boolean)',
                   pgstream._reader(p_relid));
    EXECUTE format('DROP TABLE IF EXISTS %s', pgstream._buffer(p_relid));
    EXECUTE format('DROP FUNCTION IF EXISTS %s()', pgstream._capture_function(p_relid));
    DELETE FROM pgstream.capture WHERE source_relid = p_relid;
    PERFORM pgstream._drop_slot_if_unused();
END $$;
