package io.pgstream.engine.testing;

import java.sql.SQLException;
import java.util.List;

/** The engines' server processes in a test database, found in pg_stat_activity by their application name. */
public final class EngineBackends {

    private static final String ENGINE = "application_name LIKE 'pg-stream engine%' AND datname = current_database()";

    private EngineBackends() {}

    /** Backends running a scheduled refresh round. */
    public static List<Integer> refreshing(TestDatabase db) throws SQLException {
        return pids(db, ENGINE + " AND state = 'active' AND query LIKE '%pgstream._refresh_round(%'");
    }

    /** Backends in the middle of a refresh round that sleeps in {@link Pause}. */
    public static List<Integer> pausedInRefresh(TestDatabase db) throws SQLException {
        return pausedInRefreshSince(db, "-infinity");
    }

    /** Those whose round started after {@code since}, a server timestamp. */
    public static List<Integer> pausedInRefreshSince(TestDatabase db, String since) throws SQLException {
        return pids(db, ENGINE + " AND state = 'active' AND query LIKE '%pgstream._refresh_round(%'"
                + " AND wait_event = 'PgSleep' AND query_start > '" + since + "'");
    }

    /** The catalog listeners' connections. */
    public static List<Integer> listening(TestDatabase db) throws SQLException {
        return pids(db, ENGINE + " AND query = 'LISTEN pgstream_catalog'");
    }

    /** Every connection of the engines, the WAL decoder's replication connection included. */
    public static List<Integer> all(TestDatabase db) throws SQLException {
        return pids(db, ENGINE);
    }

    private static List<Integer> pids(TestDatabase db, String condition) throws SQLException {
        return db.queryColumn("SELECT pid FROM pg_stat_activity WHERE " + condition + " AND pid <> pg_backend_pid()"
                + " ORDER BY pid").stream().map(Integer::valueOf).toList();
    }

    /** Terminates these backends; returns how many were still there. */
    public static long terminate(TestDatabase db, List<Integer> pids) throws SQLException {
        return pids.isEmpty() ? 0 : db.queryLong("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM unnest("
                + "ARRAY" + pids + "::int[]) pid");
    }
}
