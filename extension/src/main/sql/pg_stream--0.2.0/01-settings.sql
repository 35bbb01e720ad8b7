------------------------------------------------------------------------------------------------
-- Settings: the defaults, and the function that reads one.
------------------------------------------------------------------------------------------------
-- Re-run by every upgrade: a new setting gets its default, a described one its new description, and every
-- value stays as it is.
WITH defaults (name, value, description) AS (VALUES
  ('calculated_interval', '1m',
   'Refresh interval (a duration such as 30s, 5m) of a stream table whose schedule is ''calculated''.'),
  ('history_retention', '7 days',
   'How long rows are kept in pgstream.refresh_history (a PostgreSQL interval).'),
  ('differential_max_change_ratio', '0.3',
   'In refresh mode auto, a cycle whose pending changes exceed this fraction of the sources'' rows refreshes in full.'),
  ('auto_cost_choice', 'on',
   'In refresh mode auto, a cycle refreshes in full when recent refreshes of the stream table say a FULL refresh would be faster than a differential one for this many changes (the estimate is recorded in pgstream.refresh_history).'),
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
   'A slot_lag alert is sent when the WAL not yet decoded exceeds this many bytes (0 turns it off).')
),
described AS (
    UPDATE pgstream.settings s SET description = d.description
      FROM defaults d WHERE s.name = d.name AND s.description <> d.description)
INSERT INTO pgstream.settings (name, value, description)
SELECT d.name, d.value, d.description FROM defaults d
 WHERE NOT EXISTS (SELECT 1 FROM pgstream.settings s WHERE s.name = d.name);

CREATE OR REPLACE FUNCTION pgstream.setting(p_name text) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT value FROM pgstream.settings WHERE name = p_name $$;

-- A dump of an extension install restores the settings' rows after CREATE EXTENSION has inserted the
-- defaults: a row whose name exists already updates its value instead of failing.
CREATE OR REPLACE FUNCTION pgstream._restore_setting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE pgstream.settings SET value = NEW.value WHERE name = NEW.name;
    RETURN CASE WHEN FOUND THEN NULL ELSE NEW END;
END $$;
CREATE OR REPLACE TRIGGER settings_restored BEFORE INSERT ON pgstream.settings
    FOR EACH ROW EXECUTE FUNCTION pgstream._restore_setting();
