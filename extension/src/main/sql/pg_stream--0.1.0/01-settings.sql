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
   'The least time between two alerts of the same kind for the same stream table (a PostgreSQL interval).');

CREATE FUNCTION pgstream.setting(p_name text) RETURNS text LANGUAGE sql STABLE AS
$$ SELECT value FROM pgstream.settings WHERE name = p_name $$;
