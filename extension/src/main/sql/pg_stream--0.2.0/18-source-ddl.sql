------------------------------------------------------------------------------------------------
-- Source DDL. Event triggers need a superuser; without them a refresh still reports a dropped
-- source or column, but a dropped captured column breaks writes to the source until the stream
-- table is altered or dropped (see the README).
------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION pgstream._on_sql_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    v_obj     record;
    v_sources oid[];
    v_relid   oid;
    v_forgot  boolean := false;  -- a stream table's own table was dropped
BEGIN
    IF current_setting('pgstream.internal_ddl', true) = 'on' THEN
        RETURN;
    END IF;
    PERFORM pgstream._internal_ddl(true); -- what this handler drops needs no handling
    FOR v_obj IN SELECT * FROM pg_event_trigger_dropped_objects() WHERE classid = 'pg_class'::regclass LOOP
        IF v_obj.objsubid = 0 THEN
            -- a stream table's own table dropped with DROP TABLE: forget it, as drop_stream_table would
            SELECT array_agg(s.source_relid) INTO v_sources
              FROM pgstream.stream_table st JOIN pgstream.source s ON s.stream_table_id = st.id
             WHERE st.relid = v_obj.objid;
            DELETE FROM pgstream.stream_table WHERE relid = v_obj.objid;
            v_forgot := v_forgot OR FOUND;
            FOREACH v_relid IN ARRAY coalesce(v_sources, '{}') LOOP
                PERFORM pgstream._drop_capture_if_unused(v_relid);
            END LOOP;
            IF EXISTS (SELECT 1 FROM pgstream.capture WHERE source_relid = v_obj.objid) THEN
                PERFORM pgstream._needs_reinitialize(
                    ARRAY(SELECT stream_table_id FROM pgstream.source WHERE source_relid = v_obj.objid),
                    format('source table %s was dropped', v_obj.object_identity));
                PERFORM pgstream._forget_capture(v_obj.objid);
            END IF;
        ELSIF v_obj.address_names[3]::name = ANY (coalesce((SELECT c.columns FROM pgstream.capture c
                                                             WHERE c.source_relid = v_obj.objid), '{}')) THEN
            -- a captured column dropped: stop capturing it, so that writes to the source keep working
            UPDATE pgstream.capture SET columns = array_remove(columns, v_obj.address_names[3]::name)
             WHERE source_relid = v_obj.objid;
            EXECUTE format('ALTER TABLE %s DROP COLUMN %I', pgstream._buffer(v_obj.objid), v_obj.address_names[3]);
            PERFORM pgstream._write_capture_function(v_obj.objid);
            PERFORM pgstream._needs_reinitialize(
                ARRAY(SELECT stream_table_id FROM pgstream.source
                       WHERE source_relid = v_obj.objid AND v_obj.address_names[3]::name = ANY (columns)),
                format('column %s of source table %s was dropped', quote_ident(v_obj.address_names[3]),
                       (SELECT source_name FROM pgstream.capture WHERE source_relid = v_obj.objid)));
        END IF;
    END LOOP;
    IF v_forgot THEN
        PERFORM pgstream._recompute_schedules();
    END IF;
    PERFORM pgstream._internal_ddl(false);
EXCEPTION WHEN OTHERS THEN
    -- never block the user's DDL: refreshes will report what is wrong
    RAISE WARNING 'pg_stream could not follow this DROP: %', SQLERRM;
END $$;

-- ALTER TABLE of a captured source. A captured column whose type changed: the buffer column follows
-- (pending values are not needed by a full refresh). A captured column renamed: capture goes on under
-- the new name, so writes to the source keep working. Then every stream table whose stored query no
-- longer plans (a renamed column or table, a changed type) is flagged with PostgreSQL's message.
CREATE OR REPLACE FUNCTION pgstream._on_ddl_end() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    v_col     record;
    v_sources oid[];
BEGIN
    IF current_setting('pgstream.internal_ddl', true) = 'on' THEN
        RETURN;
    END IF;
    PERFORM pgstream._internal_ddl(true);
    SELECT array_agg(DISTINCT c.source_relid) INTO v_sources
      FROM pg_event_trigger_ddl_commands() cmd JOIN pgstream.capture c ON c.source_relid = cmd.objid
     WHERE cmd.classid = 'pg_class'::regclass AND cmd.command_tag = 'ALTER TABLE';
    IF v_sources IS NULL THEN
        PERFORM pgstream._internal_ddl(false);
        RETURN;
    END IF;
    FOR v_col IN
        SELECT c.source_relid, c.source_name, a.attname, format_type(a.atttypid, a.atttypmod) AS new_type,
               format_type(b.atttypid, b.atttypmod) AS old_type
          FROM pgstream.capture c
          JOIN pg_attribute a ON a.attrelid = c.source_relid AND a.attname = ANY (c.columns) AND NOT a.attisdropped
          JOIN pg_attribute b ON b.attrelid = pgstream._buffer(c.source_relid)::regclass AND b.attname = a.attname
         WHERE c.source_relid = ANY (v_sources)
           AND (a.atttypid, a.atttypmod) IS DISTINCT FROM (b.atttypid, b.atttypmod)
    LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I TYPE %s USING NULL',
                       pgstream._buffer(v_col.source_relid), v_col.attname, v_col.new_type);
        PERFORM pgstream._needs_reinitialize(
            ARRAY(SELECT stream_table_id FROM pgstream.source
                   WHERE source_relid = v_col.source_relid AND v_col.attname = ANY (columns)),
            format('column %s of source table %s changed type from %s to %s',
                   quote_ident(v_col.attname), v_col.source_name, v_col.old_type, v_col.new_type));
    END LOOP;
    -- RENAME COLUMN reports the column's attnum; the captured name no longer found is its old name
    FOR v_col IN
        SELECT c.source_relid, old.name AS old_name, a.attname AS new_name
          FROM pg_event_trigger_ddl_commands() cmd
          JOIN pgstream.capture c ON c.source_relid = cmd.objid
          JOIN pg_attribute a ON a.attrelid = cmd.objid AND a.attnum = cmd.objsubid
          CROSS JOIN LATERAL (SELECT n AS name FROM unnest(c.columns) n
                               WHERE NOT EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.source_relid
                                                    AND x.attname = n AND NOT x.attisdropped)) old
         WHERE cmd.object_type = 'table column' AND cmd.objsubid > 0 AND a.attname <> ALL (c.columns)
    LOOP
        EXECUTE format('ALTER TABLE %s RENAME COLUMN %I TO %I', pgstream._buffer(v_col.source_relid),
                       v_col.old_name, v_col.new_name);
        UPDATE pgstream.capture SET columns = array_replace(columns, v_col.old_name, v_col.new_name)
         WHERE source_relid = v_col.source_relid;
        PERFORM pgstream._write_capture_function(v_col.source_relid);
    END LOOP;
    PERFORM pgstream._flag_unplannable(v_sources);
    PERFORM pgstream._internal_ddl(false);
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_stream could not follow this ALTER TABLE: %', SQLERRM;
END $$;

-- Flags the stream tables reading these sources whose stored query no longer plans, with PostgreSQL's
-- message (a renamed table or column, a changed type).
CREATE OR REPLACE FUNCTION pgstream._flag_unplannable(p_sources oid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st record;
BEGIN
    FOR v_st IN
        SELECT DISTINCT st.id, st.relid, st.definition, st.status, st.last_error
          FROM pgstream.stream_table st JOIN pgstream.source s ON s.stream_table_id = st.id
         WHERE s.source_relid = ANY (p_sources)
    LOOP
        BEGIN
            -- planning may run the owner's functions: as the owner
            PERFORM pgstream._run_as(pgstream._owner(v_st.relid), format('EXPLAIN (COSTS OFF) %s', v_st.definition));
        EXCEPTION WHEN OTHERS THEN
            IF v_st.status <> 'error' OR v_st.last_error IS NULL THEN
                PERFORM pgstream._needs_reinitialize(ARRAY[v_st.id],
                    'a change to a source table broke its query: ' || SQLERRM);
            END IF;
        END;
    END LOOP;
END $$;

DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        -- re-created by every upgrade, with what this version says
        DROP EVENT TRIGGER IF EXISTS pgstream_sql_drop;
        DROP EVENT TRIGGER IF EXISTS pgstream_ddl_end;
        CREATE EVENT TRIGGER pgstream_sql_drop ON sql_drop EXECUTE FUNCTION pgstream._on_sql_drop();
        CREATE EVENT TRIGGER pgstream_ddl_end ON ddl_command_end WHEN TAG IN ('ALTER TABLE')
            EXECUTE FUNCTION pgstream._on_ddl_end();
    ELSE
        RAISE NOTICE 'pg_stream: not a superuser, so no event triggers: see the README on source DDL';
    END IF;
END $$;
