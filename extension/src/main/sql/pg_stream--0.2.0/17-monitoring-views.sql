------------------------------------------------------------------------------------------------
-- Monitoring views (docs/monitoring.md describes every column). Names are schema-qualified and quoted
-- where needed, as in the alerts.
------------------------------------------------------------------------------------------------
-- Changes committed to a stream table's sources since its frontier; NULL when not known (never
-- refreshed, a source's buffer gone with the source, or the caller may not inspect it).
CREATE OR REPLACE FUNCTION pgstream._pending_changes(p_st pgstream.stream_table) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_now record;
BEGIN
    IF p_st.frontier IS NULL OR NOT pgstream._may_inspect(p_st.relid) OR EXISTS (
           SELECT 1 FROM pgstream.source s
            WHERE s.stream_table_id = p_st.id
              AND NOT EXISTS (SELECT 1 FROM pgstream.capture c WHERE c.source_relid = s.source_relid)) THEN
        RETURN NULL;
    END IF;
    SELECT * INTO v_now FROM pgstream._current_frontier();
    RETURN (pgstream._count_changes(p_st, v_now.snap, v_now.xid, v_now.seq, false)).changes;
END $$;

CREATE OR REPLACE VIEW pgstream.stream_tables_info AS
SELECT st.id,
       coalesce(pgstream._qualified_name(st.relid), st.relid::text) AS name,
       st.status,
       st.suspended_reason,
       pgstream._nearest_suspended_upstream(st.id)                  AS blocked_by,
       st.schedule,
       st.effective_interval,
       st.effective_basis,
       st.refresh_mode,
       st.plan_status                                               AS plan,
       st.last_refresh_action,
       (SELECT h.action FROM pgstream.refresh_history h
         WHERE h.stream_table_id = st.id AND h.action IN ('FULL', 'DIFFERENTIAL')
         ORDER BY h.id DESC LIMIT 1)                                AS last_applied_action,
       st.data_timestamp,
       now() - st.data_timestamp                                    AS staleness,
       st.last_refresh_at,
       st.last_refresh_duration,
       CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint END      AS rows_estimate,
       CASE WHEN pgstream._may_inspect(st.relid) THEN pgstream._pending_changes(st) END AS pending_changes,
       st.consecutive_errors,
       CASE WHEN pgstream._may_inspect(st.relid) THEN st.last_error END AS last_error
  FROM pgstream.stream_table st
  LEFT JOIN pg_class c ON c.oid = st.relid;

CREATE OR REPLACE VIEW pgstream.dependencies AS
SELECT coalesce(pgstream._qualified_name(s.source_relid), s.source_name) AS upstream,
       CASE WHEN up.id IS NOT NULL THEN 'stream table'
            WHEN c.oid IS NULL THEN 'dropped table'
            WHEN c.relkind = 'p' THEN 'partitioned table'
            ELSE 'table' END                                             AS upstream_kind,
       up.schedule                                                       AS upstream_schedule,
       up.effective_interval                                             AS upstream_effective_interval,
       coalesce(pgstream._qualified_name(down.relid), down.relid::text)  AS downstream,
       down.schedule                                                     AS downstream_schedule,
       down.effective_interval                                           AS downstream_effective_interval,
       CASE WHEN pgstream._may_inspect(down.relid) THEN s.columns END     AS columns,
       up.id                                                             AS upstream_id,
       down.id                                                           AS downstream_id
  FROM pgstream.source s
  JOIN pgstream.stream_table down ON down.id = s.stream_table_id
  LEFT JOIN pgstream.stream_table up ON up.relid = s.source_relid
  LEFT JOIN pg_class c ON c.oid = s.source_relid;

-- Rows in a source's change buffer (NULL if the buffer is gone, or the caller may not read the source).
CREATE OR REPLACE FUNCTION pgstream._buffer_rows(p_relid oid) RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
    v_rows bigint;
BEGIN
    IF to_regclass(pgstream._buffer(p_relid)) IS NULL
       OR NOT (has_table_privilege(session_user, p_relid, 'SELECT') OR pg_has_role(session_user, 'pgstream_admin', 'MEMBER')) THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT count(*) FROM %s', pgstream._buffer(p_relid)) INTO v_rows;
    RETURN v_rows;
END $$;
