------------------------------------------------------------------------------------------------
-- Alerts: NOTIFY pgstream_alert with a JSON payload (docs/monitoring.md has the schema). At most one
-- alert per stream table and event within the alert_interval setting; the next one that goes out says
-- how many were held back. A NOTIFY goes out when its transaction commits, so a rolled-back cause sends
-- nothing.
------------------------------------------------------------------------------------------------
-- Error messages are cut to this many characters (marked with …): with the two names, which are at most
-- about 500 bytes each even when every character needs quoting and escaping, the payload stays below
-- PostgreSQL's 8000-byte limit however the message's characters are encoded or escaped (at most 6 bytes each).
CREATE OR REPLACE FUNCTION pgstream._alert_error_limit() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 1000 $$;

CREATE OR REPLACE FUNCTION pgstream._shorten(p_text text, p_max integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN length(p_text) > p_max THEN left(p_text, p_max - 1) || '…' ELSE p_text END
$$;

CREATE OR REPLACE FUNCTION pgstream._alert_payload(p_id bigint, p_event text, p_at timestamptz, p_suppressed bigint,
                                        p_details jsonb)
RETURNS text LANGUAGE sql STABLE AS $$
    SELECT (jsonb_build_object('event', p_event,
                               'stream_table', pgstream._qualified_name(st.relid),
                               'at', p_at,
                               'suppressed', p_suppressed)
            || p_details
            || CASE WHEN p_details ? 'error'
                    THEN jsonb_build_object('error',
                             pgstream._shorten(p_details ->> 'error', pgstream._alert_error_limit()))
                    ELSE '{}' END)::text
      FROM pgstream.stream_table st
     WHERE st.id = p_id
$$;

-- Sends one alert unless the same one went out less than alert_interval ago; says whether it was sent.
-- Never raises: an alert that cannot be sent must not undo what caused it (a recorded failure, a
-- source DDL's handling).
CREATE OR REPLACE FUNCTION pgstream._alert(p_id bigint, p_event text, p_details jsonb DEFAULT '{}') RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    v_now   timestamptz := clock_timestamp();
    v_state pgstream.alert_state;
BEGIN
    INSERT INTO pgstream.alert_state (stream_table_id, event) VALUES (p_id, p_event) ON CONFLICT DO NOTHING;
    -- the row lock makes concurrent senders of the same alert take turns
    SELECT * INTO v_state FROM pgstream.alert_state WHERE stream_table_id = p_id AND event = p_event FOR UPDATE;
    IF v_state.last_sent_at > v_now - pgstream.setting('alert_interval')::interval THEN
        UPDATE pgstream.alert_state SET suppressed = suppressed + 1 WHERE stream_table_id = p_id AND event = p_event;
        RETURN false;
    END IF;
    UPDATE pgstream.alert_state SET last_sent_at = v_now, suppressed = 0
     WHERE stream_table_id = p_id AND event = p_event;
    PERFORM pg_notify('pgstream_alert', pgstream._alert_payload(p_id, p_event, v_now, v_state.suppressed, p_details));
    RETURN true;
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pg_stream could not send the % alert of stream table %: %', p_event, p_id, SQLERRM;
    RETURN false;
END $$;
