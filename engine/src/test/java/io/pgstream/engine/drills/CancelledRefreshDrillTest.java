package io.pgstream.engine.drills;

import static io.pgstream.engine.drills.Drills.ITEMS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.engine.Engine;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.EngineBackends;
import io.pgstream.engine.testing.LogCapture;
import io.pgstream.engine.testing.Pause;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A refresh cancelled in the middle (pg_cancel_backend, or the statement_timeout of the engine's role or
 * database) leaves nothing half applied: the stream table keeps its rows and its frontier, it is not put in
 * error (a cancellation is not the query failing), and the engine retries and catches up. While the refresh
 * sleeps in {@link Pause}, no retry can commit either, so the comparison with the state before is exact.
 */
class CancelledRefreshDrillTest {

    @Test
    void aRefreshCancelledMidwayChangesNothingAndIsRetried() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 20000);
        try (LogCapture log = new LogCapture(); Engine engine = Drills.engine(db)) {
            try (Writer writer = new Writer(db, 41, 2)) {
                Pause.set(db, 30);
                Await.until(Duration.ofSeconds(20), "a refresh is under way",
                        () -> !EngineBackends.pausedInRefresh(db).isEmpty());
                String before = Drills.state(db, "totals");
                String firstCancel = Drills.serverNow(db);
                for (int cancel = 0; cancel < 2; cancel++) {  // the retry, cancelled too
                    String cancelled = Drills.serverNow(db);
                    assertEquals(1, db.queryLong("SELECT count(*) FILTER (WHERE pg_cancel_backend(pid))"
                            + " FROM unnest(ARRAY" + EngineBackends.pausedInRefresh(db) + "::int[]) pid"));
                    Await.until(Duration.ofSeconds(10), "the refresh is retried",
                            () -> !EngineBackends.pausedInRefreshSince(db, cancelled).isEmpty());
                    assertEquals(before, Drills.state(db, "totals"), "totals after a cancelled refresh");
                }
                Await.until(Duration.ofSeconds(10), "pairs is refreshed meanwhile",
                        () -> Drills.refreshedSince(db, "pairs", firstCancel));
                assertEquals(before, Drills.state(db, "totals"), "totals while its refresh is retried");
                Pause.set(db, 0);
                Await.until(Duration.ofSeconds(10), "totals is refreshed",
                        () -> Drills.refreshedSince(db, "totals", firstCancel));
            }
            Drills.awaitEqual(db, ITEMS);
            assertEquals(2, log.lines().stream().filter(line -> line.message().contains("canceling statement")).count(),
                    () -> "logged: " + log.lines());
        }
        Drills.assertHealthy(db);
    }

    @Test
    void aRefreshTimedOutChangesNothingAndCatchesUpOnceFaster() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 20000);
        db.execute("ALTER DATABASE " + db.name() + " SET statement_timeout = '1s'");  // for the engine's sessions
        try (LogCapture log = new LogCapture(); Engine engine = Drills.engine(db)) {
            try (Writer writer = new Writer(db, 42, 2)) {
                Pause.set(db, 3);  // longer than the timeout: no refresh of totals can commit
                String slowed = Drills.serverNow(db);
                Await.until(Duration.ofSeconds(20), "a refresh sleeps",
                        () -> !EngineBackends.pausedInRefreshSince(db, slowed).isEmpty());
                String before = Drills.state(db, "totals");
                Await.until(Duration.ofSeconds(20), "two refreshes timed out", () -> log.lines().stream()
                        .filter(line -> line.message().contains("canceling statement due to statement timeout")).count() >= 2);
                assertEquals(before, Drills.state(db, "totals"), "totals after refreshes timed out");
                Pause.set(db, 0);
                Await.until(Duration.ofSeconds(10), "totals is refreshed", () -> Drills.refreshedSince(db, "totals", slowed));
            }
            Drills.awaitEqual(db, ITEMS);
        }
        Drills.assertHealthy(db);
    }
}
