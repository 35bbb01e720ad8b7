package io.pgstream.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the WAL capture tests share: the items workload, an engine that polls often, and the oracle check. */
final class WalTesting {

    private WalTesting() {}

    /** Two stream tables over {@code items}: an aggregate and a self join. */
    static final Map<String, String> ITEMS = Map.of(
            "totals", "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k",
            "pairs", "SELECT i.k, i.v, j.v AS next_v FROM items i JOIN items j ON j.id = i.id + 1");

    static Engine engine(TestDatabase db) throws Exception {
        return Engine.start(new EngineConfig(List.of(db.url()), 2, Duration.ofMillis(200)));
    }

    static void awaitMode(TestDatabase db, String source, String mode) throws Exception {
        Await.until(Duration.ofSeconds(60), source + " is captured in mode " + mode, () -> mode.equals(
                db.queryString("SELECT capture_mode FROM pgstream.change_buffers WHERE source = 'public." + source + "'")));
    }

    /** Asserts the only source's capture mode, saying why it is on triggers when it should not be. */
    static void assertOnlySourceInMode(TestDatabase db, String mode) throws Exception {
        assertEquals(mode, db.queryString("SELECT capture_mode FROM pgstream.change_buffers"),
                db.queryString("SELECT format('trigger reason: %s; fallback reason: %s', trigger_reason, fallback_reason)"
                        + " FROM pgstream.change_buffers"));
    }

    /**
     * Refreshes each stream table and compares it with its query while the writers are held off by a SHARE
     * lock on the sources, so that both sides see the same rows.
     */
    static void assertEqualNow(TestDatabase db, String sources, Map<String, String> streamTables) throws Exception {
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            c.setAutoCommit(false);
            statement.execute("LOCK TABLE " + sources + " IN SHARE MODE");
            for (var entry : streamTables.entrySet()) {
                statement.execute("SELECT pgstream.refresh_stream_table('" + entry.getKey() + "')");
                Oracle.assertMatches(c, entry.getKey(), entry.getValue());
            }
            c.commit();
        }
    }

    static void createItems(TestDatabase db, int rows) throws Exception {
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, " + rows + ") g");
        for (var entry : ITEMS.entrySet()) {
            db.execute("SELECT pgstream.create_stream_table('" + entry.getKey() + "', '" + entry.getValue() + "', '1s')");
        }
    }
}
