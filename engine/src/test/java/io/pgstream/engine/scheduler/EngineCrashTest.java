package io.pgstream.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.EngineProcess;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.EngineBackends;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine is killed with SIGKILL in the middle of refreshes, under a write workload, and restarted:
 * the killed refresh rolls back with its session, nothing is lost or applied twice, and the restarted
 * engine brings every stream table back to its query.
 */
@Tag("smoke")
class EngineCrashTest {

    private static final Map<String, String> STREAM_TABLES = Map.of(
            "totals", "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k",
            "pairs", "SELECT i.k, i.v, j.v AS next_v FROM items i JOIN items j ON j.id = i.id + 1");

    @Test
    void killedMidRefreshAndRestartedLosesNothing() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, 60000) g");
        // totals refreshes differentially (exact consumption must survive the kills); pairs in full, whose
        // longer refreshes the kills can reliably land in
        db.execute("SELECT pgstream.create_stream_table('totals', '" + STREAM_TABLES.get("totals") + "', '1s')",
                "SELECT pgstream.create_stream_table('pairs', '" + STREAM_TABLES.get("pairs") + "', '1s', 'full')");
        int killedMidRefresh = 0;
        try (Writer writer = new Writer(db, 3, 2); Writer another = new Writer(db, 4, 2)) {
            for (int round = 0; round < 4; round++) {
                Process engine = EngineProcess.start(db.url());
                try {
                    Await.until(Duration.ofSeconds(30), "the engine is refreshing",
                            () -> !EngineBackends.refreshing(db).isEmpty() || !engine.isAlive());
                    if (!EngineBackends.refreshing(db).isEmpty()) {
                        killedMidRefresh++;
                    }
                } finally {
                    engine.destroyForcibly(); // SIGKILL
                    assertTrue(engine.waitFor(10, TimeUnit.SECONDS));
                }
            }
        }
        assertTrue(killedMidRefresh >= 3, "only " + killedMidRefresh + " of 4 kills hit a refresh under way");

        Process engine = EngineProcess.start(db.url());
        try {
            for (var entry : STREAM_TABLES.entrySet()) {
                Await.until(Duration.ofSeconds(60), entry.getKey() + " equals its query after the restart", () -> {
                    try (Connection c = db.connect()) {
                        return Oracle.matches(c, entry.getKey(), entry.getValue());
                    }
                });
            }
        } finally {
            engine.destroyForcibly();
            engine.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'ERROR'"));
        assertEquals("differential", db.queryString("SELECT plan FROM pgstream.stream_tables WHERE name = 'totals'"));
        assertTrue(db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'DIFFERENTIAL'") > 0);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_table WHERE status <> 'active'"));
    }
}
