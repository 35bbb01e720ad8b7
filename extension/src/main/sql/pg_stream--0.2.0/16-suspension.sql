------------------------------------------------------------------------------------------------
-- Suspension. A suspended stream table is not refreshed by the engine; its consumers' frontiers keep
-- its sources' changes in their buffers (trimming stops at the oldest frontier), so it catches up when
-- resumed.
------------------------------------------------------------------------------------------------
-- Suspends a stream table, and tells every stream table that reads it, directly or not.
CREATE OR REPLACE FUNCTION pgstream._suspend(p_id bigint, p_reason text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_name       text;
    v_dependent  bigint;
BEGIN
    UPDATE pgstream.stream_table SET status = 'suspended', suspended_reason = p_reason
     WHERE id = p_id
    RETURNING pgstream._qualified_name(relid) INTO v_name;
    FOR v_dependent IN SELECT d.id FROM pgstream._dependents(p_id) d LOOP
        PERFORM pgstream._alert(v_dependent, 'upstream_suspended',
                                jsonb_build_object('upstream', v_name, 'upstream_reason', p_reason));
    END LOOP;
    PERFORM pgstream._recompute_schedules();  -- a suspended reader asks nothing of what it reads
END $$;

-- What alter_stream_table(status => ...) does. Suspending keeps the last error; resuming clears the
-- reason, the error count and the error (the engine refreshes the table when next due).
CREATE OR REPLACE FUNCTION pgstream._set_status(p_id bigint, p_status text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st pgstream.stream_table;
BEGIN
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id FOR UPDATE;
    IF p_status = 'suspended' THEN
        IF v_st.status <> 'suspended' THEN
            PERFORM pgstream._suspend(p_id, 'suspended by user');
        END IF;
        RETURN;
    END IF;
    UPDATE pgstream.stream_table
       SET status = 'active', suspended_reason = NULL, consecutive_errors = 0, last_error = NULL
     WHERE id = p_id;
    IF v_st.status = 'suspended' THEN
        PERFORM pgstream._alert(p_id, 'resumed', jsonb_build_object('previous_reason', v_st.suspended_reason));
    END IF;
END $$;

-- Called by _refresh once a failure is recorded: alerts, and suspends the stream table when it has
-- failed max_consecutive_errors times in a row (0 turns that off).
CREATE OR REPLACE FUNCTION pgstream._refresh_failed(p_id bigint, p_message text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_st     pgstream.stream_table;
    v_max    integer := pgstream.setting('max_consecutive_errors')::integer;
    v_reason text;
BEGIN
    SELECT * INTO v_st FROM pgstream.stream_table WHERE id = p_id;
    PERFORM pgstream._alert(p_id, 'refresh_failed',
                            jsonb_build_object('error', p_message, 'consecutive_errors', v_st.consecutive_errors));
    IF v_st.status = 'suspended' OR v_max <= 0 OR v_st.consecutive_errors < v_max THEN
        RETURN;
    END IF;
    v_reason := format('suspended after %s consecutive failures', v_st.consecutive_errors);
    PERFORM pgstream._suspend(p_id, v_reason);
    PERFORM pgstream._alert(p_id, 'auto_suspended',
                            jsonb_build_object('reason', v_reason, 'error', p_message,
                                               'consecutive_errors', v_st.consecutive_errors));
END $$;

-- Source DDL broke these stream tables: status 'error' (a suspended one stays suspended) with the message,
-- and a reinitialize_needed alert for each.
CREATE OR REPLACE FUNCTION pgstream._needs_reinitialize(p_ids bigint[], p_message text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_id bigint;
BEGIN
    FOR v_id IN
        UPDATE pgstream.stream_table
           SET status = CASE WHEN status = 'suspended' THEN status ELSE 'error' END, last_error = p_message
         WHERE id = ANY (p_ids)
        RETURNING id
    LOOP
        PERFORM pgstream._alert(v_id, 'reinitialize_needed', jsonb_build_object('error', p_message));
    END LOOP;
END $$;

/* Sends a stale alert for every stream table whose data is older than stale_alert_factor times its
   effective interval (0 turns that off); returns how many went out. Suspended tables are left out (their
   suspension was alerted or chosen), and so are those whose effective interval is not known. The engine
   calls it every few seconds. */
CREATE OR REPLACE FUNCTION pgstream.check_staleness() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_factor double precision := pgstream.setting('stale_alert_factor')::double precision;
    v_st     record;
    v_sent   integer := 0;
BEGIN
    FOR v_st IN
        SELECT id, now() - data_timestamp AS staleness, effective_interval, data_timestamp
          FROM pgstream.stream_table
         WHERE status <> 'suspended' AND v_factor > 0
           AND now() - data_timestamp > v_factor * effective_interval
         ORDER BY id
    LOOP
        IF pgstream._alert(v_st.id, 'stale', jsonb_build_object(
               'staleness_seconds', round(extract(epoch FROM v_st.staleness), 3)::float8,
               'effective_interval_seconds', extract(epoch FROM v_st.effective_interval)::float8,
               'stale_alert_factor', v_factor,
               'data_timestamp', v_st.data_timestamp)) THEN
            v_sent := v_sent + 1;
        END IF;
    END LOOP;
    RETURN v_sent;
END $$;
