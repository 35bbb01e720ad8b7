package io.pgstream.engine.drills;

import static io.pgstream.engine.drills.Drills.ITEMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.EngineBackends;
import io.pgstream.engine.testing.LogCapture;
import io.pgstream.engine.testing.Pause;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's connections are terminated with pg_terminate_backend: a refresh's in the middle of the round,
 * the catalog listener's while it LISTENs, then every one of them at once (pool, listener, capture, WAL
 * decoder). Each time the engine is refreshing again within a few seconds, says so in one line per connection
 * lost (no stack trace), and loses nothing.
 */
class LostConnectionsDrillTest {

    private static final Duration RECOVERY = Duration.ofSeconds(5);

    @Test
    void aRefreshCutMidRoundIsRetriedAndLogsOneLine() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 20000);
        try (LogCapture log = new LogCapture(); Engine engine = Drills.engine(db)) {
            try (Writer writer = new Writer(db, 21, 2)) {
                Pause.set(db, 30);
                Await.until(Duration.ofSeconds(20), "a refresh is under way",
                        () -> !EngineBackends.pausedInRefresh(db).isEmpty());
                log.clear();
                String cut = Drills.serverNow(db);
                assertEquals(1, EngineBackends.terminate(db, EngineBackends.pausedInRefresh(db)));
                Pause.set(db, 0);
                Await.until(RECOVERY, "totals is refreshed again", () -> Drills.refreshedSince(db, "totals", cut));
                assertEquals(1, log.lines().size(), () -> "logged: " + log.lines());
                assertTrue(log.lines().stream().noneMatch(LogCapture.Line::stackTrace), () -> "logged: " + log.lines());
            }
            Drills.awaitEqual(db, ITEMS);
        }
        Drills.assertHealthy(db);
    }

    @Test
    void theListenerCutWhileListeningReconnectsAndLogsOneLine() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 2000);
        try (LogCapture log = new LogCapture(); Engine engine = Drills.engine(db)) {
            Await.until(RECOVERY, "the listener listens", () -> !EngineBackends.listening(db).isEmpty());
            List<Integer> listener = EngineBackends.listening(db);
            log.clear();
            assertEquals(1, EngineBackends.terminate(db, listener));
            Await.until(RECOVERY, "the listener listens again", () -> !EngineBackends.listening(db).isEmpty()
                    && !EngineBackends.listening(db).equals(listener));
            assertEquals(1, log.lines().size(), () -> "logged: " + log.lines());
            assertTrue(log.lines().stream().noneMatch(LogCapture.Line::stackTrace), () -> "logged: " + log.lines());
            // and the catalog changes it reports are acted on
            db.execute("SELECT pgstream.create_stream_table('item_count', 'SELECT count(*) AS n FROM items', '1s')");
            Drills.awaitEqual(db, Map.of("item_count", "SELECT count(*) AS n FROM items"));
        }
        Drills.assertHealthy(db);
    }

    @Test
    void everyConnectionCutAtOnceMidRefreshAndWhileDecoding() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 20000);
        try (LogCapture log = new LogCapture(); Engine engine = Drills.engine(db)) {
            Await.until(Duration.ofSeconds(60), "items is decoded from the WAL", () -> "wal".equals(
                    db.queryString("SELECT capture_mode FROM pgstream.change_buffers WHERE source = 'public.items'")));
            try (Writer writer = new Writer(db, 22, 2)) {
                Pause.set(db, 30);
                Await.until(Duration.ofSeconds(20), "a refresh is under way",
                        () -> !EngineBackends.pausedInRefresh(db).isEmpty());
                log.clear();
                String cut = Drills.serverNow(db);
                long terminated = EngineBackends.terminate(db, EngineBackends.all(db));
                Pause.set(db, 0);
                Await.until(RECOVERY, "totals and pairs are refreshed again", () ->
                        Drills.refreshedSince(db, "totals", cut) && Drills.refreshedSince(db, "pairs", cut));
                Await.until(RECOVERY, "the listener and the decoder are back", () ->
                        !EngineBackends.listening(db).isEmpty() && db.queryLong("SELECT count(*) FROM pg_stat_activity"
                                + " WHERE backend_type = 'walsender' AND datname = current_database()") == 1);
                Thread.sleep(1000); // whatever else notices the cut, does so by now
                // one line from each component that lost a connection it was using: listener, decoder, a refresh
                assertTrue(terminated >= 4, terminated + " connections cut");
                assertEquals(log.lines().size(), log.lines().stream().map(LogCapture.Line::logger).distinct().count(),
                        () -> "logged: " + log.lines());
                assertTrue(log.lines().stream().noneMatch(LogCapture.Line::stackTrace), () -> "logged: " + log.lines());
            }
            Drills.awaitEqual(db, ITEMS);
        }
        Drills.assertHealthy(db);
    }
}
