------------------------------------------------------------------------------------------------
-- Change capture: statement-level AFTER triggers with transition tables write the changed rows
-- (the columns consumers read) to the source's buffer, each with its writer's top-level xid.
------------------------------------------------------------------------------------------------
CREATE FUNCTION pgstream._buffer(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'changes_' || p_relid) $$;

CREATE FUNCTION pgstream._capture_function(p_relid oid) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT format('pgstream_changes.%I', 'capture_' || p_relid) $$;

-- (Re)writes the capture function of a source from its capture row.
CREATE FUNCTION pgstream._write_capture_function(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
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
END $$;

-- Makes sure a source has a buffer with at least the given columns, a capture function and triggers.
CREATE FUNCTION pgstream._ensure_capture(p_relid oid, p_columns name[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_capture pgstream.capture;
    v_buffer  text := pgstream._buffer(p_relid);
    v_column  record;
    v_fn      text := pgstream._capture_function(p_relid);
BEGIN
    PERFORM pgstream._lock_capture(p_relid, true);
    SELECT * INTO v_capture FROM pgstream.capture WHERE source_relid = p_relid;
    IF v_capture.source_relid IS NULL THEN
        EXECUTE format('CREATE TABLE %s (
            __pgs_seq bigint NOT NULL DEFAULT nextval(''pgstream.change_seq''),
            __pgs_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
            __pgs_op  "char" NOT NULL)', v_buffer);
        EXECUTE format('CREATE INDEX ON %s (__pgs_xid)', v_buffer);
        INSERT INTO pgstream.capture (source_relid, source_name, columns)
        VALUES (p_relid, p_relid::regclass::text, '{}') RETURNING * INTO v_capture;
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

    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = p_relid AND tgname = 'pgstream_capture_insert') THEN
        EXECUTE format('CREATE TRIGGER pgstream_capture_insert AFTER INSERT ON %s
            REFERENCING NEW TABLE AS pgstream_new_rows FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
        EXECUTE format('CREATE TRIGGER pgstream_capture_update AFTER UPDATE ON %s
            REFERENCING OLD TABLE AS pgstream_old_rows NEW TABLE AS pgstream_new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
        EXECUTE format('CREATE TRIGGER pgstream_capture_delete AFTER DELETE ON %s
            REFERENCING OLD TABLE AS pgstream_old_rows FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
        EXECUTE format('CREATE TRIGGER pgstream_capture_truncate AFTER TRUNCATE ON %s
            FOR EACH STATEMENT EXECUTE FUNCTION %s()', p_relid::regclass, v_fn);
    END IF;
END $$;

-- Removes the triggers, function and buffer of a source that no stream table reads any more.
CREATE FUNCTION pgstream._drop_capture_if_unused(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_trigger text;
BEGIN
    IF EXISTS (SELECT 1 FROM pgstream.source WHERE source_relid = p_relid) THEN
        RETURN;
    END IF;
    PERFORM pgstream._lock_capture(p_relid, true);
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid = p_relid) THEN
        FOREACH v_trigger IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
            EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', 'pgstream_capture_' || v_trigger, p_relid::regclass);
        END LOOP;
    END IF;
    EXECUTE format('DROP TABLE IF EXISTS %s', pgstream._buffer(p_relid));
    EXECUTE format('DROP FUNCTION IF EXISTS %s()', pgstream._capture_function(p_relid));
    DELETE FROM pgstream.capture WHERE source_relid = p_relid;
END $$;
