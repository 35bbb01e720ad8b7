------------------------------------------------------------------------------------------------
-- Settings
------------------------------------------------------------------------------------------------
CREATE TABLE pgstream.settings (
    name        text PRIMARY KEY,
    value       text NOT NULL,
    description text NOT NULL
);
INSERT INTO pgstream.settings (name, value, description) VALUES
  ('calculated_interval', '1m',
   'Refresh interval (a duration such as 30s, 5m) of a stream table whose schedule is ''calculated''.'),
  ('history_retention', '7 days',
   'How long rows are kept in pgstream.refresh_history (a PostgreSQL interval).'),
  ('differential_max_change_ratio', '0.3',
   'In refresh mode auto, a cycle whose pending changes exceed this fraction of the sources'' rows refreshes in full.'),
  ('max_consecutive_errors', '3',
   'A stream table whose refresh fails this many times in a row is suspended automatically.'),
  ('stale_alert_factor', '2',
   'A stale alert is sent when a stream table''s staleness exceeds this multiple of its effective schedule.'),
  ('alert_interval', '1 minute',
   'The least time between two alerts of the same kind for the same stream table (a PostgreSQL interval).'),
  ('wal_capture', 'on',
   'on: a source moves from capture triggers to logical decoding of the WAL once every stream table reading it has refreshed (needs wal_level = logical and an engine); off: every source stays on triggers.'),
  ('wal_wait_timeout', '1 minute',
   'How long a refresh waits for the engine''s WAL decoder to write the changes its snapshot sees (a PostgreSQL interval).'),
  ('wal_consumer_timeout', '10 minutes',
   'A slot no engine has decoded for this long is dropped, and its sources fall back to triggers (the WAL it retains is the risk).'),
  ('wal_retry_after', '1 minute',
   'A source that fell back from the WAL to triggers waits this long before moving to the WAL again.'),
  ('wal_decoder_max_failures', '3',
   'WAL-captured sources fall back to triggers after the decoder fails this many times in a row.'),
  ('slot_lag_alert_bytes', '1073741824',
   'A slot_lag alert is sent when the WAL not yet decoded exceeds this many bytes (0 turns it off).');

CREATE OR REPLACE FUNCTION pgstream.setting(p_name text) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT value FROM pgstream.settings WHERE name = p_name $$;
