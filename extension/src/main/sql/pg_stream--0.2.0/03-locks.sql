------------------------------------------------------------------------------------------------
-- Locks. Advisory locks die with their session, so a crashed engine never leaves anything locked.
------------------------------------------------------------------------------------------------
-- Maps a bigint id into the int4 half of a two-key advisory lock.
CREATE OR REPLACE FUNCTION pgstream._lock_id(p_id bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS
$$ SELECT ((p_id % 4294967296) - 2147483648)::integer $$;

-- Held for the whole refresh (and by drop/alter) of one stream table. key1 is 'PGST'.
CREATE OR REPLACE FUNCTION pgstream._lock_stream_table(p_id bigint) RETURNS void LANGUAGE sql AS
$$ SELECT pg_advisory_xact_lock(1346851668, pgstream._lock_id(p_id)) $$;

-- What an engine calls before a scheduled refresh, so that it never waits behind another engine.
CREATE OR REPLACE FUNCTION pgstream.try_lock_stream_table(p_id bigint) RETURNS boolean LANGUAGE sql AS
$$ SELECT pg_try_advisory_xact_lock(1346851668, pgstream._lock_id(p_id)) $$;

-- Held by whoever adds a consumer to a source, and tried by buffer trimming: a trim must see every
-- consumer's frontier, including one being created.
CREATE OR REPLACE FUNCTION pgstream._lock_capture(p_relid oid, p_wait boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF p_wait THEN
        PERFORM pg_advisory_xact_lock(1346851669, pgstream._lock_id(p_relid::bigint));
        RETURN true;
    END IF;
    RETURN pg_try_advisory_xact_lock(1346851669, pgstream._lock_id(p_relid::bigint));
END $$;
