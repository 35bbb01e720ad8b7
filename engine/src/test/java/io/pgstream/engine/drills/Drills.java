package io.pgstream.engine.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.Pause;
import io.pgstream.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the drills share: their tables and stream tables, an engine that polls often, and the checks after. */
final class Drills {

    private Drills() {}

    /**
     * Over {@code items}: an aggregate that refreshes differentially and sleeps in {@link Pause} when asked to,
     * and a self join refreshed in full.
     */
    static final Map<String, String> ITEMS = Map.of(
            "totals", "SELECT k, count(*) AS n, sum(v) AS total FROM items WHERE pause() GROUP BY k",
            "pairs", "SELECT i.k, i.v, j.v AS next_v FROM items i JOIN items j ON j.id = i.id + 1");

    /** {@code items} with {@code rows} rows and the {@link #ITEMS} stream tables, refreshed every second. */
    static void createItems(TestDatabase db, int rows) throws SQLException {
        Pause.install(db);
        createTable(db, "items", rows);
        db.execute("SELECT pgstream.create_stream_table('totals', '" + ITEMS.get("totals") + "', '1s')",
                "SELECT pgstream.create_stream_table('pairs', '" + ITEMS.get("pairs") + "', '1s', 'full')");
    }

    static void createTable(TestDatabase db, String table, int rows) throws SQLException {
        db.execute("CREATE TABLE " + table + " (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO " + table + " (k, v) SELECT g % 10, g FROM generate_series(1, " + rows + ") g");
    }

    /** An engine, once it has compiled every stream table's plan (compiling evaluates {@code pause()} too). */
    static Engine engine(TestDatabase db) throws Exception {
        Engine engine = Engine.start(new EngineConfig(List.of(db.url()), 2, Duration.ofMillis(300)));
        try {
            Await.until(Duration.ofSeconds(30), "the plans are compiled",
                    () -> db.queryLong("SELECT count(*) FROM pgstream.stream_tables WHERE plan = 'pending'") == 0);
        } catch (Exception | AssertionError e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    /** Waits until the engine, by itself, has brought every stream table to its query (writers stopped). */
    static void awaitEqual(TestDatabase db, Map<String, String> streamTables) throws Exception {
        for (var entry : streamTables.entrySet()) {
            Await.until(Duration.ofSeconds(30), entry.getKey() + " equals its query", () -> {
                try (Connection c = db.connect()) {
                    return Oracle.matches(c, entry.getKey(), entry.getValue());
                }
            });
        }
    }

    /** Whether the stream table was refreshed (not skipped, not failed) after {@code since}, a server timestamp. */
    static boolean refreshedSince(TestDatabase db, String streamTable, String since) throws SQLException {
        return db.queryLong("SELECT count(*) FROM pgstream.refresh_history h JOIN pgstream.stream_table st"
                + " ON st.id = h.stream_table_id WHERE st.relid = '" + streamTable + "'::regclass"
                + " AND h.action IN ('DIFFERENTIAL', 'FULL') AND h.finished_at > '" + since + "'") > 0;
    }

    /** A stream table's frontier and every row, hidden columns included, in one string to compare. */
    static String state(TestDatabase db, String streamTable) throws SQLException {
        return db.queryString("SELECT (SELECT concat_ws(' ', frontier, frontier_xid, frontier_seq, last_refresh_at)"
                + " FROM pgstream.stream_table WHERE relid = '" + streamTable + "'::regclass) || ': '"
                + " || (SELECT string_agg(t::text, ', ' ORDER BY t::text) FROM " + streamTable + " t)");
    }

    static String serverNow(TestDatabase db) throws SQLException {
        return db.queryString("SELECT clock_timestamp()::text");
    }

    /** No stream table in error or with a failed refresh recorded, and no advisory lock held by a session gone. */
    static void assertHealthy(TestDatabase db) throws SQLException {
        assertEquals(List.of(), db.queryColumn("SELECT name || ': ' || status || ' ' || coalesce(last_error, '')"
                + " FROM pgstream.stream_tables WHERE status <> 'active'"), "stream tables not active");
        assertEquals(List.of(), db.queryColumn("SELECT error FROM pgstream.refresh_history WHERE action = 'ERROR'"),
                "failed refreshes recorded");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_locks l WHERE l.locktype = 'advisory'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = l.pid)"));
    }
}
