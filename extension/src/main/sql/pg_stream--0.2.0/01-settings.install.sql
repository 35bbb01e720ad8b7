------------------------------------------------------------------------------------------------
-- Settings (the table; its rows and functions are in 01-settings.sql)
------------------------------------------------------------------------------------------------
CREATE TABLE pgstream.settings (
    name        text PRIMARY KEY,
    value       text NOT NULL,
    description text NOT NULL
);
