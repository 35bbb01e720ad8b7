-- Alerts: what was sent when (the functions are in 15-alerts.sql).
CREATE TABLE pgstream.alert_state (
    stream_table_id bigint NOT NULL REFERENCES pgstream.stream_table ON DELETE CASCADE,
    event           text NOT NULL,
    last_sent_at    timestamptz,
    suppressed      bigint NOT NULL DEFAULT 0,  -- alerts held back since last_sent_at
    PRIMARY KEY (stream_table_id, event)
);
