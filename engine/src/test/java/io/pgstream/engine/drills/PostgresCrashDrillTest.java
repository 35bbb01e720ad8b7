package io.pgstream.engine.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.engine.Engine;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.EngineBackends;
import io.pgstream.engine.testing.LogCapture;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.Writer;
import io.pgstream.extension.ExtensionInstaller;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is shut down immediately (as a crash would) several times, in the middle of the engine's refreshes
 * and of writes, on a source decoded from the WAL and one captured by triggers. The engine, left running,
 * reconnects by itself each time; afterwards every stream table equals its query, none is in error, and no lock
 * is left behind.
 */
class PostgresCrashDrillTest {

    private static final int CRASHES = 3;

    @Test
    void theEngineRidesOutImmediateShutdownsAndLosesNothing() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            TestDatabase db = new TestDatabase("postgres", server.jdbcUrl("postgres"));
            try (Connection c = db.connect()) {
                ExtensionInstaller.install(c, ExtensionInstaller.Method.EXTENSION);
            }
            Map<String, String> streamTables = createStreamTables(db);
            try (LogCapture log = new LogCapture(); Engine engine = Drills.engine(db)) {
                Await.until(Duration.ofSeconds(60), "items is decoded from the WAL", () -> "wal".equals(db.queryString(
                        "SELECT capture_mode FROM pgstream.change_buffers WHERE source = 'public.items'")));
                int midRefresh = 0;
                try (Writer items = Writer.reconnecting(db, "items", 31, 1);
                     Writer events = Writer.reconnecting(db, "events", 32, 1)) {
                    for (int crash = 0; crash < CRASHES; crash++) {
                        Await.until(Duration.ofSeconds(30), "the engine is refreshing",
                                () -> !EngineBackends.refreshing(db).isEmpty());
                        midRefresh += EngineBackends.refreshing(db).isEmpty() ? 0 : 1;
                        server.crashAndRestart();
                        String restarted = Drills.serverNow(db);
                        int written = items.committed() + events.committed();
                        Await.until(Duration.ofSeconds(30), "writes and refreshes go on after the restart", () ->
                                items.committed() + events.committed() > written + 100
                                        && streamTables.keySet().stream().allMatch(name -> refreshedSince(db, name, restarted)));
                    }
                }
                assertTrue(midRefresh >= CRASHES - 1, "only " + midRefresh + " of " + CRASHES + " crashes hit a refresh");
                Drills.awaitEqual(db, streamTables);
                assertTrue(log.lines().stream().noneMatch(LogCapture.Line::stackTrace), () -> "logged: " + log.lines());
            }
            Drills.assertHealthy(db);
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"),
                    "advisory locks left once the engine stopped");
            assertEquals(Map.of("public.items", "wal", "public.events", "pinned"), captureModes(db));
        }
    }

    /** Stream tables over items (to be decoded from the WAL) and events (pinned to triggers), and one over both. */
    private static Map<String, String> createStreamTables(TestDatabase db) throws Exception {
        Drills.createItems(db, 20000);
        Drills.createTable(db, "events", 5000);
        Map<String, String> streamTables = new HashMap<>(Drills.ITEMS);
        streamTables.put("event_totals", "SELECT k, count(*) AS n, max(v) AS top FROM events GROUP BY k");
        streamTables.put("items_with_events",
                "SELECT i.k, count(*) AS n FROM items i JOIN events e ON e.id = i.id GROUP BY i.k");
        for (String name : new String[] {"event_totals", "items_with_events"}) {
            db.execute("SELECT pgstream.create_stream_table('" + name + "', '" + streamTables.get(name) + "', '1s')");
        }
        db.execute("SELECT pgstream.set_capture('events', 'trigger')");
        return streamTables;
    }

    /** As {@link Drills#refreshedSince}, false while the server restarts. */
    private static boolean refreshedSince(TestDatabase db, String name, String since) {
        try {
            return Drills.refreshedSince(db, name, since);
        } catch (SQLException restarting) {
            return false;
        }
    }

    private static Map<String, String> captureModes(TestDatabase db) throws Exception {
        Map<String, String> modes = new HashMap<>();
        for (String row : db.queryColumn("SELECT source || '=' || capture_mode FROM pgstream.change_buffers")) {
            modes.put(row.substring(0, row.indexOf('=')), row.substring(row.indexOf('=') + 1));
        }
        return modes;
    }
}
