------------------------------------------------------------------------------------------------
-- Catalog: change notifications
------------------------------------------------------------------------------------------------
-- Engines LISTEN on this channel and reload their schedule.
CREATE OR REPLACE FUNCTION pgstream._notify_catalog() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pgstream_catalog', TG_OP);
    RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER stream_table_added_or_dropped AFTER INSERT OR DELETE
    ON pgstream.stream_table FOR EACH STATEMENT EXECUTE FUNCTION pgstream._notify_catalog();
-- Only real changes of what schedules: every refresh sets status, and reloading a large catalog after
-- each refresh would cost every engine more than the refreshes themselves. (pg_notify sends one
-- notification per transaction for identical payloads, so a row trigger is cheap.)
CREATE OR REPLACE TRIGGER stream_table_changed AFTER UPDATE ON pgstream.stream_table FOR EACH ROW
    WHEN ((OLD.schedule, OLD.refresh_mode, OLD.status, OLD.relid, OLD.effective_interval, OLD.plan_status)
          IS DISTINCT FROM (NEW.schedule, NEW.refresh_mode, NEW.status, NEW.relid, NEW.effective_interval, NEW.plan_status))
    EXECUTE FUNCTION pgstream._notify_catalog();
