------------------------------------------------------------------------------------------------
-- Catalog: its tables and types (the functions and triggers on them are in 02-catalog.sql). Relations are
-- regclass, which pg_dump writes by name, so a restored catalog names the restored tables.
------------------------------------------------------------------------------------------------
CREATE TABLE pgstream.stream_table (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relid                 regclass NOT NULL UNIQUE,          -- the table that stores the result
    query                 text NOT NULL,                -- as the user wrote it
    definition            text NOT NULL,                -- as PostgreSQL normalized it, schema-qualified
    schedule              text NOT NULL,
    refresh_mode          text NOT NULL CHECK (refresh_mode IN ('full', 'differential', 'auto')),
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'error')),
    suspended_reason      text,                         -- why status is 'suspended'
    last_error            text,
    -- How often it refreshes: a duration schedule's interval, a cron schedule's shortest period, or for
    -- 'calculated' the tightest effective interval of its dependents (see _recompute_schedules).
    effective_interval    interval,
    effective_basis       text,                         -- where effective_interval comes from
    consecutive_errors    integer NOT NULL DEFAULT 0,
    -- The frontier: the snapshot of the last refresh, plus the refreshing transaction's own xid and
    -- the change sequence it had reached (its own uncommitted changes are consumed up to there).
    frontier              pg_snapshot,
    frontier_xid          xid8,
    frontier_seq          bigint,
    data_timestamp        timestamptz,                  -- when the frontier snapshot was taken
    last_refresh_at       timestamptz,
    last_refresh_action   text,
    last_refresh_duration interval,
    -- The differential plan, compiled by the engine from the definition (pending until then).
    plan_status           text NOT NULL DEFAULT 'pending' CHECK (plan_status IN ('pending', 'differential', 'full_only')),
    plan_reason           text,                         -- why not differential
    operator_tree         text,
    full_query            text,                         -- the definition plus hidden columns
    delta_sql             text,                         -- one statement: consume changes, apply them
    -- Tables the delta statement keeps beside the stored one (a TopK's input), and the query of each
    -- one's rows, by which a FULL refresh refills it in its own statement.
    state_tables          text[] NOT NULL DEFAULT '{}',
    state_fills           text[] NOT NULL DEFAULT '{}',
    -- Why the next refresh must be FULL whatever its mode (a capture fallback that may have missed changes).
    pending_full_reason   text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    created_by            name NOT NULL DEFAULT current_user
);

CREATE TABLE pgstream.source (
    stream_table_id bigint NOT NULL REFERENCES pgstream.stream_table ON DELETE CASCADE,
    source_relid    regclass NOT NULL,
    source_name     text NOT NULL,  -- the name when the stream table was defined, for messages after a drop
    columns         name[] NOT NULL,
    PRIMARY KEY (stream_table_id, source_relid)
);
CREATE INDEX source_relid_idx ON pgstream.source (source_relid);

-- One row per captured table; its buffer is pgstream_changes."changes_<relid>". Its changes come from
-- capture triggers (mode trigger) or from the engine's WAL decoder (mode wal); in between (transitioning,
-- and back) a cutover snapshot says which origin counts for which transaction (see _counted).
CREATE TABLE pgstream.capture (
    source_relid     regclass PRIMARY KEY,
    source_name      text NOT NULL,
    columns          name[] NOT NULL,  -- the union of the columns its consumers read
    capture_setting  text NOT NULL DEFAULT 'auto' CHECK (capture_setting IN ('auto', 'trigger')),
    mode             text NOT NULL DEFAULT 'trigger' CHECK (mode IN ('trigger', 'transitioning', 'wal')),
    mode_since       timestamptz NOT NULL DEFAULT now(),
    -- A cutover in progress: transactions visible in cutover count from the origin the source leaves,
    -- the others from cutover_to. cutover_after: the cutover may be taken once it and every older
    -- transaction have ended; cutover_lsn: the decoder has passed the cutover once it has decoded this far.
    cutover          pg_snapshot,
    cutover_after    xid8,
    cutover_lsn      pg_lsn,
    cutover_to       text CHECK (cutover_to IN ('trigger', 'wal')),
    trigger_reason   text,             -- why it is on triggers (NULL when it is not, or nothing stops it)
    fallback_reason  text,             -- why it last fell back from the WAL to triggers
    fallback_at      timestamptz,
    last_decoded_lsn pg_lsn,           -- the commit of the last decoded transaction that changed it
    last_decoded_at  timestamptz,
    replica_identity_before "char",    -- set when pg_stream made it REPLICA IDENTITY FULL: what to restore
    -- Where its buffer, reader and capture function were built: the OID they are named by (source_relid's,
    -- until a dump is restored) and the database (see _instance), whose transaction ids its buffer holds.
    buffer_oid       oid NOT NULL,
    instance         text NOT NULL
);

-- The database's slot and how far its decoder has written: every transaction whose commit record lies
-- before decoded_lsn has its rows in the buffers (committed with this row).
CREATE TABLE pgstream.wal_capture (
    singleton            boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    slot_name            name NOT NULL,
    publication          name NOT NULL,
    decoded_lsn          pg_lsn NOT NULL,
    decoded_at           timestamptz NOT NULL DEFAULT now(),  -- when a decoder last wrote or confirmed it
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_error           text,
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pgstream.refresh_history (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_table_id  bigint NOT NULL REFERENCES pgstream.stream_table ON DELETE CASCADE,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    duration         interval GENERATED ALWAYS AS (finished_at - started_at) STORED,
    initiated_by     text NOT NULL CHECK (initiated_by IN ('initial', 'manual', 'scheduled')),
    action           text NOT NULL CHECK (action IN ('FULL', 'DIFFERENTIAL', 'SKIP', 'ERROR')),
    reason           text,
    rows_inserted    bigint NOT NULL DEFAULT 0,
    rows_deleted     bigint NOT NULL DEFAULT 0,
    rows_updated     bigint NOT NULL DEFAULT 0,
    changes_consumed bigint NOT NULL DEFAULT 0,
    cycles           integer NOT NULL DEFAULT 1,  -- consecutive skipped cycles share one row
    error            text,
    refreshed_by     text NOT NULL DEFAULT current_setting('application_name')
);
CREATE INDEX refresh_history_st_idx ON pgstream.refresh_history (stream_table_id, id);
CREATE INDEX refresh_history_finished_idx ON pgstream.refresh_history (finished_at);  -- trim_history, every few seconds

-- Every change row gets a number; a transaction's own rows are consumed up to a number (see frontier_seq).
-- CACHE 1 keeps the numbers one session draws increasing in the order it writes them.
CREATE SEQUENCE pgstream.change_seq CACHE 1;

CREATE TYPE pgstream.refresh_result AS (
    stream_table  text,
    action        text,
    reason        text,
    rows_inserted bigint,
    rows_deleted  bigint,
    duration      interval,
    rows_updated  bigint
);
