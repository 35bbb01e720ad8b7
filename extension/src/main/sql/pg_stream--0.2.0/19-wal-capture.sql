------------------------------------------------------------------------------------------------
-- Capture from the WAL. A source starts on capture triggers. Once every stream table reading it has
-- refreshed, the engine moves it to logical decoding: it joins the publication (transitioning: both
-- origins write its buffer), a cutover snapshot C is taken once every older transaction has ended
-- (transactions in C count from the triggers, the others from the WAL, see _counted), and when the
-- decoder has passed C the triggers go (mode wal). The engine's decoder writes decoded rows into the
-- same buffers, with the writer's xid, so refreshes and frontiers keep one code path. Back to triggers:
-- without loss when the decoder still works (the same cutover, the other way), else with one FULL
-- refresh of every stream table reading the source.
------------------------------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION pgstream._publication() RETURNS name LANGUAGE sql IMMUTABLE AS $$ SELECT 'pgstream_capture'::name $$;

-- The slot of this database: slot names are cluster-wide.
CREATE OR REPLACE FUNCTION pgstream._slot_name() RETURNS name LANGUAGE sql STABLE AS
$$ SELECT ('pgstream_' || (SELECT oid FROM pg_database WHERE datname = current_database()))::name $$;

-- Why no source of this database can be decoded from the WAL now, or NULL.
CREATE OR REPLACE FUNCTION pgstream._wal_unavailable_reason() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN pgstream.setting('wal_capture') <> 'on' THEN 'WAL capture is off (setting wal_capture)'
                WHEN current_setting('wal_level') <> 'logical'
                THEN format('wal_level is %s, not logical', current_setting('wal_level'))
                WHEN current_setting('server_version_num')::integer < 140000
                THEN 'WAL capture needs PostgreSQL 14 or later' END
$$;

-- Why a source stays on triggers, or NULL when it can move to the WAL.
CREATE OR REPLACE FUNCTION pgstream._trigger_reason(p_relid oid) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(pgstream._wal_unavailable_reason(),
           CASE WHEN cap.capture_setting = 'trigger' THEN 'pinned to triggers (pgstream.set_capture)'
                WHEN EXISTS (SELECT 1 FROM pgstream.stream_table st WHERE st.relid = p_relid)
                THEN 'a stream table: its readers refresh in its own transaction, so triggers capture it'
                WHEN c.relpersistence <> 'p' THEN 'not a permanent table: its changes are not in the WAL'
                WHEN NOT (pgstream._is_superuser(pgstream._install_role()) OR c.relowner = pgstream._install_role())
                THEN 'pg_stream''s install role is not its owner, so it cannot publish it or set its replica identity'
                WHEN c.relkind <> 'r' THEN 'a partitioned table: replica identity is set per partition'
                WHEN c.relreplident = 'i'
                THEN 'its replica identity is an index: make it REPLICA IDENTITY FULL to decode it from the WAL'
                WHEN EXISTS (SELECT 1 FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                              WHERE s.source_relid = p_relid AND st.frontier IS NULL)
                THEN 'waiting for the first refresh of every stream table reading it' END)
      FROM pgstream.capture cap JOIN pg_class c ON c.oid = cap.source_relid
     WHERE cap.source_relid = p_relid
$$;

-- The sources whose triggers could give way to the WAL now. One that fell back waits wal_retry_after, so
-- that a failing decoder does not flap; one that was pinned (set_capture) returns as soon as it is unpinned.
CREATE OR REPLACE FUNCTION pgstream._wal_candidates() RETURNS SETOF oid LANGUAGE sql STABLE AS $$
    SELECT source_relid FROM pgstream.capture
     WHERE mode = 'trigger' AND cutover IS NULL AND pgstream._trigger_reason(source_relid) IS NULL
       AND (fallback_at IS NULL OR fallback_reason = 'pinned to triggers'
            OR fallback_at < now() - pgstream.setting('wal_retry_after')::interval)
     ORDER BY source_relid
$$;

-- Creates the publication unless it exists. The engine commits it before it creates the slot: pgoutput looks
-- the publication up as of each change it decodes and may fail on a change older than it (PostgreSQL 14 does).
CREATE OR REPLACE FUNCTION pgstream._create_publication() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = pgstream._publication()) THEN
        EXECUTE format('CREATE PUBLICATION %I WITH (publish = ''insert, update, delete, truncate'')',
                       pgstream._publication());
    END IF;
END $$;

-- Records the slot an engine created for this database (outside any transaction that wrote).
CREATE OR REPLACE FUNCTION pgstream._register_slot(p_slot name, p_lsn pg_lsn) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pgstream.wal_capture (slot_name, publication, decoded_lsn) VALUES (p_slot, pgstream._publication(), p_lsn);
    PERFORM pgstream._create_publication();
END $$;

-- Whether a decoder streams the slot now; NULL when there is no usable slot at all.
CREATE OR REPLACE FUNCTION pgstream._decoder_alive() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN current_setting('wal_level') <> 'logical' OR s.slot_name IS NULL OR s.wal_status = 'lost'
                THEN NULL ELSE s.active END
      FROM pgstream.wal_capture w LEFT JOIN pg_replication_slots s ON s.slot_name = w.slot_name
$$;

-- Whether a decoder streams the slot within the next two seconds (an engine reconnecting takes about one).
CREATE OR REPLACE FUNCTION pgstream._decoder_comes() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_deadline timestamptz := clock_timestamp() + interval '2 seconds';
BEGIN
    LOOP
        IF pgstream._decoder_alive() THEN
            RETURN true;
        ELSIF clock_timestamp() > v_deadline THEN
            RETURN false;
        END IF;
        PERFORM pg_sleep(0.05);
    END LOOP;
END $$;

-- What the WAL capture of this database is missing, or NULL: the sources depending on it must fall back.
CREATE OR REPLACE FUNCTION pgstream._decoder_missing_reason() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pgstream.wal_capture) THEN 'the slot is not registered'
                WHEN current_setting('wal_level') <> 'logical'
                THEN format('wal_level is %s, not logical', current_setting('wal_level'))
                WHEN NOT EXISTS (SELECT 1 FROM pg_replication_slots s JOIN pgstream.wal_capture w ON w.slot_name = s.slot_name)
                THEN 'the replication slot was dropped'
                WHEN (SELECT s.wal_status FROM pg_replication_slots s JOIN pgstream.wal_capture w ON w.slot_name = s.slot_name) = 'lost'
                THEN 'the replication slot was invalidated (max_slot_wal_keep_size)'
                WHEN (SELECT decoded_at < clock_timestamp() - pgstream.setting('wal_consumer_timeout')::interval
                        FROM pgstream.wal_capture)
                     AND NOT (SELECT s.active FROM pg_replication_slots s JOIN pgstream.wal_capture w ON w.slot_name = s.slot_name)
                THEN format('no engine has decoded the slot for longer than %s (setting wal_consumer_timeout)',
                            pgstream.setting('wal_consumer_timeout')) END
$$;

-- A position in the WAL after every commit record the calling statement's snapshot sees, that the decoder
-- reports as soon as it reaches it: a non-transactional logical message, flushed at once where the
-- server can (17+; before, only a commit flushes it, and the engine's decoder commits one when WAL stays
-- unflushed: see the engine's WalFlushNudge).
CREATE OR REPLACE FUNCTION pgstream._emit_marker() RETURNS pg_lsn LANGUAGE plpgsql AS $$
DECLARE
    v_lsn pg_lsn;
BEGIN
    IF current_setting('server_version_num')::integer >= 170000 THEN
        EXECUTE 'SELECT pg_logical_emit_message(false, ''pgstream'', '''', true)' INTO v_lsn;
    ELSE
        v_lsn := pg_logical_emit_message(false, 'pgstream', '');
    END IF;
    RETURN v_lsn;
END $$;

-- A refresh must not read a WAL-captured source its own transaction changed: those changes are decoded
-- only after it commits, while the source as it reads it already shows them.
CREATE OR REPLACE FUNCTION pgstream._check_unchanged_here(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'relation' AND l.relation = p_relid AND l.pid = pg_backend_pid() AND l.granted
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')) THEN
        RAISE EXCEPTION 'this transaction changed %, whose changes pg_stream decodes from the WAL after they commit',
                        p_relid::regclass
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Commit the changes before creating or refreshing a stream table that reads it, or pin the table '
                         'to capture triggers: SELECT pgstream.set_capture(''' || p_relid::regclass::text || ''', ''trigger'').';
    END IF;
END $$;

-- Waits until the decoder has written every change of every transaction visible in p_snap (the frontier
-- a refresh is about to consume up to), or wal_wait_timeout passes. Once per snapshot and transaction.
CREATE OR REPLACE FUNCTION pgstream._await_decoder(p_relid oid, p_snap pg_snapshot) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_target   pg_lsn;
    v_decoded  pg_lsn;
    v_deadline timestamptz;
    v_gone_since timestamptz;
    v_pause    double precision := 0.0002;
BEGIN
    PERFORM pgstream._check_unchanged_here(p_relid);
    IF current_setting('pgstream.decoded_for', true) = p_snap::text THEN
        RETURN;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'a refresh that reads %, whose changes are decoded from the WAL, must run in READ COMMITTED',
                        p_relid::regclass
            USING ERRCODE = 'invalid_transaction_state',
                  HINT = 'It waits for the engine''s decoder and then reads what it wrote, which a transaction snapshot would not show.';
    END IF;
    v_target := pgstream._emit_marker();
    v_deadline := clock_timestamp() + pgstream.setting('wal_wait_timeout')::interval;
    LOOP
        SELECT decoded_lsn INTO v_decoded FROM pgstream.wal_capture;
        EXIT WHEN v_decoded >= v_target;
        IF pgstream._decoder_alive() THEN
            v_gone_since := NULL;
        ELSE
            v_gone_since := coalesce(v_gone_since, clock_timestamp());
        END IF;
        IF v_gone_since < clock_timestamp() - interval '5 seconds' THEN
            RAISE EXCEPTION 'no engine decodes the WAL any more, so the changes of % up to % cannot be read', p_relid::regclass,
                            v_target
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Start an engine (pg-stream run), or refresh again: a refresh with no engine moves its sources back to triggers.';
        ELSIF v_decoded IS NULL OR clock_timestamp() > v_deadline THEN
            RAISE EXCEPTION 'the WAL decoder has not written the changes of % up to % within % (it is at %)',
                            p_relid::regclass, v_target, pgstream.setting('wal_wait_timeout'), coalesce(v_decoded::text, 'no slot')
                USING ERRCODE = 'lock_not_available',
                      HINT = 'Is an engine (pg-stream run) serving this database? See pgstream.change_buffers.';
        END IF;
        PERFORM pg_sleep(v_pause);
        v_pause := least(v_pause * 2, 0.001);
    END LOOP;
    PERFORM set_config('pgstream.decoded_for', p_snap::text, true);
END $$;

-- Before a refresh: a source whose changes should come from the WAL while nothing can decode it falls
-- back to triggers now (and the stream tables reading it refresh in full). Returns why this refresh must be
-- FULL without a fallback of its own: another transaction is moving that source (waiting for it while
-- holding this stream table's lock could deadlock); its fallback then asks this one for a FULL refresh too.
CREATE OR REPLACE FUNCTION pgstream._check_capture(p_st pgstream.stream_table) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_relid  oid;
    v_reason text;
BEGIN
    FOR v_relid IN
        SELECT c.source_relid FROM pgstream.source s JOIN pgstream.capture c ON c.source_relid = s.source_relid
         WHERE s.stream_table_id = p_st.id AND pgstream._uses_decoder(c)
         ORDER BY 1
    LOOP
        v_reason := coalesce(v_reason, pgstream._decoder_missing_reason(),
                             CASE WHEN NOT pgstream._decoder_comes() THEN 'refreshed with no engine decoding the WAL' END);
        EXIT WHEN v_reason IS NULL;
        IF NOT pgstream._lock_capture(v_relid, false) THEN
            RETURN format('the capture of %s is falling back to triggers (%s)', v_relid::regclass, v_reason);
        END IF;
        PERFORM pgstream._fall_back(v_relid, v_reason, false);
    END LOOP;
    RETURN NULL;
END $$;

-- Takes the locks of the stream tables reading a source, without waiting (a refresh holds one); false,
-- holding none of them for good, when one is busy: the caller tries again later.
CREATE OR REPLACE FUNCTION pgstream._try_lock_consumers(p_relid oid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    FOR v_id IN SELECT stream_table_id FROM pgstream.source WHERE source_relid = p_relid ORDER BY 1 LOOP
        IF NOT pgstream.try_lock_stream_table(v_id) THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
END $$;

CREATE OR REPLACE FUNCTION pgstream._alert_consumers(p_relid oid, p_event text, p_details jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    FOR v_id IN SELECT stream_table_id FROM pgstream.source WHERE source_relid = p_relid ORDER BY 1 LOOP
        PERFORM pgstream._alert(v_id, p_event,
                                jsonb_build_object('source', coalesce(pgstream._qualified_name(p_relid), p_relid::text))
                                || p_details);
    END LOOP;
END $$;

-- Moves a source back to triggers. With p_decoder_works, changes committed before the triggers exist still
-- come from the WAL (a cutover the other way, finished by _step_capture); otherwise the WAL rows go and
-- every stream table reading the source refreshes in full once, with that reason.
CREATE OR REPLACE FUNCTION pgstream._fall_back(p_relid oid, p_reason text, p_decoder_works boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_cap pgstream.capture;
    v_gap boolean;
BEGIN
    -- No lock of the stream tables reading it: a refresh under way read a consistent state, and one that
    -- refreshes in full meanwhile leaves the reason set here for the next (see _refresh_locked).
    PERFORM pgstream._lock_capture(p_relid, true);
    PERFORM pgstream._lock_capture_columns(p_relid, false);  -- a decoder transaction writing it commits first
    SELECT * INTO v_cap FROM pgstream.capture WHERE source_relid = p_relid FOR UPDATE;
    IF v_cap.mode = 'trigger' AND (v_cap.cutover IS NULL OR p_decoder_works) THEN
        RETURN;
    END IF;
    PERFORM pgstream._internal_ddl(true);
    -- waits for the source's writers: every transaction that changed it without a trigger ends before C
    PERFORM pgstream._install_capture_triggers(p_relid);
    PERFORM pgstream._leave_publication(p_relid);
    -- a transitioning source never lost its triggers: they have every change
    v_gap := NOT p_decoder_works AND (v_cap.mode = 'wal' OR v_cap.cutover_to = 'trigger');
    IF p_decoder_works AND v_cap.mode = 'wal' THEN
        UPDATE pgstream.capture
           SET mode = 'trigger', cutover = pg_current_snapshot(), cutover_lsn = pg_current_wal_insert_lsn(),
               cutover_to = 'trigger', cutover_after = NULL
         WHERE source_relid = p_relid;
    ELSE
        EXECUTE format('DELETE FROM %s WHERE __pgs_wal', pgstream._buffer(p_relid));
        UPDATE pgstream.capture SET mode = 'trigger', cutover = NULL, cutover_lsn = NULL, cutover_to = NULL,
                                    cutover_after = NULL
         WHERE source_relid = p_relid;
    END IF;
    UPDATE pgstream.capture
       SET mode_since = now(), fallback_reason = p_reason, fallback_at = now(),
           trigger_reason = coalesce(pgstream._trigger_reason(p_relid), 'fell back: ' || p_reason)
     WHERE source_relid = p_relid;
    IF v_gap THEN
        UPDATE pgstream.stream_table st
           SET pending_full_reason = format('the capture of %s fell back to triggers (%s) and may have missed changes',
                                            v_cap.source_name, p_reason)
          FROM pgstream.source s WHERE s.source_relid = p_relid AND s.stream_table_id = st.id;
    END IF;
    PERFORM pgstream._write_reader(p_relid);
    PERFORM pgstream._alert_consumers(p_relid, 'capture_fallback',
                                      jsonb_build_object('from', v_cap.mode, 'reason', p_reason, 'full_refresh', v_gap));
    PERFORM pgstream._internal_ddl(false);
END $$;

-- Every source that depends on the decoder falls back (the slot is gone or unusable); then the slot goes.
CREATE OR REPLACE FUNCTION pgstream._fall_back_all(p_reason text, p_decoder_works boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_relid oid;
    v_count integer := 0;
BEGIN
    FOR v_relid IN SELECT source_relid FROM pgstream.capture c WHERE pgstream._uses_decoder(c) ORDER BY 1 LOOP
        PERFORM pgstream._fall_back(v_relid, p_reason, p_decoder_works);
        v_count := v_count + 1;
    END LOOP;
    IF NOT p_decoder_works THEN
        PERFORM pgstream._drop_slot_if_unused();
    END IF;
    RETURN v_count;
END $$;

CREATE OR REPLACE FUNCTION pgstream._leave_publication(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
                WHERE p.pubname = pgstream._publication() AND pr.prrelid = p_relid) THEN
        EXECUTE format('ALTER PUBLICATION %I DROP TABLE %s', pgstream._publication(), p_relid::regclass);
    END IF;
END $$;

-- A source no stream table reads leaves the WAL capture: the publication, and the replica identity pg_stream set.
CREATE OR REPLACE FUNCTION pgstream._leave_wal(p_relid oid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_before "char" := (SELECT replica_identity_before FROM pgstream.capture WHERE source_relid = p_relid);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = p_relid) THEN
        RETURN;
    END IF;
    PERFORM pgstream._leave_publication(p_relid);
    IF v_before IS NOT NULL THEN
        EXECUTE format('ALTER TABLE %s REPLICA IDENTITY %s', p_relid::regclass,
                       CASE v_before WHEN 'n' THEN 'NOTHING' ELSE 'DEFAULT' END);
    END IF;
END $$;

-- The slot goes with the last source that needs it. A slot being streamed is left to its engine, which
-- calls this again once it has stopped. (Dropping a slot does not roll back: were the transaction to abort,
-- the sources still on the WAL would find the slot missing and fall back.)
CREATE OR REPLACE FUNCTION pgstream._drop_slot_if_unused() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    v_slot name := (SELECT slot_name FROM pgstream.wal_capture);
BEGIN
    IF v_slot IS NULL OR EXISTS (SELECT 1 FROM pgstream.capture c WHERE pgstream._uses_decoder(c))
       OR EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = v_slot AND active) THEN
        RETURN false;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = v_slot) THEN
        PERFORM pg_drop_replication_slot(v_slot);
    END IF;
    DELETE FROM pgstream.wal_capture;
    RETURN true;
END $$;

-- Starts moving a source to the WAL: REPLICA IDENTITY FULL (so that updates and deletes carry the old
-- row; pg_stream restores the old setting when it stops capturing the table), into the publication.
CREATE OR REPLACE FUNCTION pgstream._begin_wal_capture(p_relid oid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_reason text;
    v_ident  "char";
BEGIN
    PERFORM pgstream._lock_capture(p_relid, true);
    v_reason := coalesce(pgstream._trigger_reason(p_relid),
                         CASE WHEN NOT EXISTS (SELECT 1 FROM pgstream.wal_capture) THEN 'no replication slot yet' END);
    IF v_reason IS NULL AND (SELECT mode FROM pgstream.capture WHERE source_relid = p_relid) = 'trigger' THEN
        PERFORM pgstream._internal_ddl(true);
        v_ident := (SELECT relreplident FROM pg_class WHERE oid = p_relid);
        BEGIN
            IF v_ident <> 'f' THEN
                EXECUTE format('ALTER TABLE %s REPLICA IDENTITY FULL', p_relid::regclass);
                RAISE NOTICE 'pg_stream made % REPLICA IDENTITY FULL, to decode its changes from the WAL', p_relid::regclass;
            END IF;
            EXECUTE format('ALTER PUBLICATION %I ADD TABLE %s', pgstream._publication(), p_relid::regclass);
        EXCEPTION WHEN insufficient_privilege OR lock_not_available THEN
            v_reason := 'cannot join the WAL capture: ' || SQLERRM;
        END;
        PERFORM pgstream._internal_ddl(false);
    END IF;
    IF v_reason IS NOT NULL THEN
        UPDATE pgstream.capture SET trigger_reason = v_reason WHERE source_relid = p_relid;
        RETURN v_reason;
    END IF;
    UPDATE pgstream.capture
       SET mode = 'transitioning', mode_since = now(), trigger_reason = NULL, cutover = NULL, cutover_after = NULL,
           cutover_lsn = NULL, cutover_to = 'wal',
           replica_identity_before = CASE WHEN v_ident <> 'f' THEN v_ident ELSE replica_identity_before END
     WHERE source_relid = p_relid;
    RETURN NULL;
END $$;

-- Takes the next step of a source's cutover, if it is due; returns where the source stands. Called by the
-- engine, each call its own transaction.
CREATE OR REPLACE FUNCTION pgstream._step_capture(p_relid oid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v_cap     pgstream.capture;
    v_decoded pg_lsn := (SELECT decoded_lsn FROM pgstream.wal_capture);
BEGIN
    SELECT * INTO v_cap FROM pgstream.capture WHERE source_relid = p_relid;
    IF v_cap.mode = 'transitioning' AND v_cap.cutover_after IS NULL THEN
        -- this transaction began after the source joined the publication, so a transaction with a later xid
        -- (assigned at its first write) changes the source only while it is published
        UPDATE pgstream.capture SET cutover_after = pg_current_xact_id() WHERE source_relid = p_relid;
        RETURN 'waiting for older transactions to end';
    ELSIF v_cap.mode = 'transitioning' AND v_cap.cutover IS NULL THEN
        IF pg_snapshot_xmin(pg_current_snapshot()) <= v_cap.cutover_after THEN
            RETURN 'waiting for older transactions to end';
        END IF;
        UPDATE pgstream.capture SET cutover = pg_current_snapshot(), cutover_lsn = pg_current_wal_insert_lsn()
         WHERE source_relid = p_relid;
        PERFORM pgstream._emit_marker();
        RETURN 'waiting for the decoder to pass the cutover';
    ELSIF v_cap.cutover IS NOT NULL AND (v_decoded IS NULL OR v_decoded < v_cap.cutover_lsn) THEN
        PERFORM pgstream._emit_marker();
        RETURN 'waiting for the decoder to pass the cutover';
    ELSIF v_cap.mode = 'transitioning' THEN
        RETURN pgstream._finish_wal_capture(v_cap);
    ELSIF v_cap.cutover IS NOT NULL THEN
        RETURN pgstream._finish_trigger_capture(v_cap);
    END IF;
    RETURN v_cap.mode;
END $$;

-- The decoder has passed the cutover: the triggers go, and with them the rows of the origin that does
-- not count for their transaction.
CREATE OR REPLACE FUNCTION pgstream._finish_wal_capture(p_cap pgstream.capture) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('lock_timeout', '2s', true);
    BEGIN
        -- the table first (waiting for its writers), then the readers without waiting: a refresh under way
        -- may be reading the trigger rows (see _write_reader), and waiting for it while holding the table
        -- could deadlock with a transaction that locked the table and refreshes
        EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', p_cap.source_relid::regclass);
        IF NOT pgstream._try_lock_consumers(p_cap.source_relid) THEN
            RETURN 'waiting for the stream tables reading it to finish refreshing';
        END IF;
        PERFORM pgstream._internal_ddl(true);
        PERFORM pgstream._drop_capture_triggers(p_cap.source_relid);
        PERFORM pgstream._internal_ddl(false);
    EXCEPTION WHEN lock_not_available THEN
        RETURN 'waiting for a lock to drop the capture triggers';
    END;
    EXECUTE format('DELETE FROM %s b WHERE NOT pgstream._counted(b.__pgs_wal, b.__pgs_xid, $1, $2, $3)',
                   pgstream._buffer(p_cap.source_relid))
      USING p_cap.mode, p_cap.cutover, p_cap.cutover_to;
    UPDATE pgstream.capture
       SET mode = 'wal', mode_since = now(), cutover = NULL, cutover_after = NULL, cutover_lsn = NULL, cutover_to = NULL,
           trigger_reason = NULL
     WHERE source_relid = p_cap.source_relid;
    PERFORM pgstream._write_reader(p_cap.source_relid);
    PERFORM pgstream._alert_consumers(p_cap.source_relid, 'capture_transition', '{"from": "trigger", "to": "wal"}');
    RETURN 'wal';
END $$;

-- Back on triggers, and the decoder has written what came before them: once every stream table reading the
-- source has a frontier past the cutover, its WAL rows are consumed and the cutover can go.
CREATE OR REPLACE FUNCTION pgstream._finish_trigger_capture(p_cap pgstream.capture) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                WHERE s.source_relid = p_cap.source_relid
                  AND (st.frontier IS NULL OR pg_snapshot_xmin(st.frontier) < pg_snapshot_xmax(p_cap.cutover))) THEN
        RETURN 'waiting for its stream tables to consume the changes decoded before the cutover';
    END IF;
    IF NOT pgstream._try_lock_consumers(p_cap.source_relid) THEN
        RETURN 'waiting for the stream tables reading it to finish refreshing';
    END IF;
    EXECUTE format('DELETE FROM %s WHERE __pgs_wal', pgstream._buffer(p_cap.source_relid));
    UPDATE pgstream.capture SET cutover = NULL, cutover_lsn = NULL, cutover_to = NULL WHERE source_relid = p_cap.source_relid;
    PERFORM pgstream._write_reader(p_cap.source_relid);
    PERFORM pgstream._alert_consumers(p_cap.source_relid, 'capture_transition', '{"from": "wal", "to": "trigger"}');
    PERFORM pgstream._drop_slot_if_unused();
    RETURN 'trigger';
END $$;

-- A decoder failure; after wal_decoder_max_failures in a row every source falls back.
CREATE OR REPLACE FUNCTION pgstream._record_decoder_failure(p_error text) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_failures integer;
BEGIN
    UPDATE pgstream.wal_capture SET consecutive_failures = consecutive_failures + 1, last_error = p_error
    RETURNING consecutive_failures INTO v_failures;
    IF v_failures >= pgstream.setting('wal_decoder_max_failures')::integer THEN
        PERFORM pgstream._fall_back_all(format('the WAL decoder failed %s times in a row: %s', v_failures, p_error));
    END IF;
    RETURN v_failures;
END $$;

-- A slot_lag alert for the stream tables reading WAL-captured sources, when the WAL not yet decoded
-- exceeds slot_lag_alert_bytes.
CREATE OR REPLACE FUNCTION pgstream._check_slot_lag() RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    v_lag   numeric := (SELECT pg_current_wal_insert_lsn() - decoded_lsn FROM pgstream.wal_capture);
    v_limit numeric := pgstream.setting('slot_lag_alert_bytes')::numeric;
    v_relid oid;
BEGIN
    IF v_lag > v_limit AND v_limit > 0 THEN
        FOR v_relid IN SELECT source_relid FROM pgstream.capture WHERE mode <> 'trigger' LOOP
            PERFORM pgstream._alert_consumers(v_relid, 'slot_lag',
                jsonb_build_object('slot', (SELECT slot_name FROM pgstream.wal_capture), 'lag_bytes', v_lag));
        END LOOP;
    END IF;
    RETURN v_lag;
END $$;

/* Pins a source to capture triggers ('trigger') or lets pg_stream decode it from the WAL when it can
   ('auto', the default). Pinning a source on the WAL moves it back now, without loss while the engine's
   decoder works. */
CREATE OR REPLACE FUNCTION pgstream.set_capture(source regclass, capture text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF set_capture.capture IS NULL OR set_capture.capture NOT IN ('auto', 'trigger') THEN
        RAISE EXCEPTION 'capture must be ''auto'' or ''trigger'', not %', quote_nullable(set_capture.capture)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pgstream.capture c WHERE c.source_relid = set_capture.source) THEN
        RAISE EXCEPTION '% is not read by any stream table', source USING ERRCODE = 'undefined_object';
    END IF;
    IF set_capture.capture = 'trigger' THEN
        PERFORM pgstream._require_read_committed('pin a source to capture triggers');
        -- _fall_back's locks before the capture's row: a decoder transaction holds the column lock while it
        -- updates that row, and the other order deadlocked with it
        PERFORM pgstream._lock_capture(set_capture.source, true);
        PERFORM pgstream._lock_capture_columns(set_capture.source, false);
    END IF;
    UPDATE pgstream.capture c SET capture_setting = set_capture.capture WHERE c.source_relid = set_capture.source;
    IF set_capture.capture = 'trigger' THEN
        PERFORM pgstream._fall_back(set_capture.source, 'pinned to triggers', coalesce(pgstream._decoder_alive(), false));
        UPDATE pgstream.capture c SET trigger_reason = pgstream._trigger_reason(set_capture.source)
         WHERE c.source_relid = set_capture.source;
    END IF;
END $$;

-- One row per captured source (docs/monitoring.md describes every column), with its capture: here, after
-- the functions it calls.
CREATE OR REPLACE VIEW pgstream.change_buffers AS
SELECT coalesce(pgstream._qualified_name(cap.source_relid), cap.source_name) AS source,
       pgstream._buffer(cap.source_relid)                                   AS buffer,
       b.pending_changes,
       pg_total_relation_size(to_regclass(pgstream._buffer(cap.source_relid))) AS buffer_bytes,
       consumer.consumers,
       -- every change a consumer has not read was committed after that consumer's data timestamp
       CASE WHEN b.pending_changes > 0 THEN now() - consumer.oldest_data_timestamp END AS oldest_change_age_bound,
       cap.columns,
       CASE WHEN cap.mode = 'trigger' AND cap.capture_setting = 'trigger' THEN 'pinned' ELSE cap.mode END AS capture_mode,
       cap.mode_since                                                       AS capture_since,
       CASE WHEN cap.mode = 'trigger'
            THEN coalesce(pgstream._trigger_reason(cap.source_relid), cap.trigger_reason,
                          'moves to the WAL once an engine runs') END          AS trigger_reason,
       cap.last_decoded_lsn,
       cap.last_decoded_at,
       wal.lag_bytes,
       wal.lag,
       cap.fallback_reason,
       cap.fallback_at
  FROM pgstream.capture cap
  -- the decoder's lag, for a source whose changes come (or still come) from the WAL
  LEFT JOIN LATERAL (SELECT greatest(pg_current_wal_insert_lsn() - w.decoded_lsn, 0) AS lag_bytes,
                            CASE WHEN pg_current_wal_insert_lsn() > w.decoded_lsn THEN now() - w.decoded_at
                                 ELSE interval '0' END AS lag
                       FROM pgstream.wal_capture w
                      WHERE pgstream._uses_decoder(cap)) wal ON true
 CROSS JOIN LATERAL (SELECT pgstream._buffer_rows(cap.source_relid) AS pending_changes) b
 CROSS JOIN LATERAL (SELECT count(*) AS consumers, min(st.data_timestamp) AS oldest_data_timestamp
                       FROM pgstream.source s JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                      WHERE s.source_relid = cap.source_relid) consumer
 -- what is captured of a table shows to those who may read it
 WHERE pg_has_role('pgstream_admin', 'MEMBER')
    OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = cap.source_relid AND has_table_privilege(c.oid, 'SELECT'));
