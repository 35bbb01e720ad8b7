------------------------------------------------------------------------------------------------
-- Monitoring. The query and errors of a stream table (which may quote its sources' data) show only to
-- its owner's members and pgstream_admin.
------------------------------------------------------------------------------------------------
CREATE OR REPLACE VIEW pgstream.stream_tables AS
SELECT st.id,
       st.relid::regclass::text                            AS name,
       st.status,
       st.schedule,
       st.effective_interval,
       st.effective_basis,
       st.refresh_mode,
       st.plan_status                                      AS plan,
       st.plan_reason,
       st.last_refresh_at,
       st.last_refresh_action,
       st.last_refresh_duration,
       st.data_timestamp,
       now() - st.data_timestamp                           AS staleness,
       st.consecutive_errors,
       CASE WHEN pgstream._may_inspect(st.relid) THEN st.last_error END AS last_error,
       CASE WHEN pgstream._may_inspect(st.relid) THEN st.query END      AS query,
       st.created_at
  FROM pgstream.stream_table st;
