------------------------------------------------------------------------------------------------
-- Monitoring
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
       st.last_error,
       st.query,
       st.created_at
  FROM pgstream.stream_table st;
