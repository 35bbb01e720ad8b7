package io.pgstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** pg-stream run keeps stream tables fresh until it is told to stop, then lets go of the database. */
class RunCommandTest {

    private static final String ENGINE_SESSIONS =
            "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pg-stream engine%' AND datname = ";

    @Test
    void refreshesOnScheduleAndStopsCleanly() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE events (id int)", "INSERT INTO events VALUES (1), (2)");
        assertEquals(0, Cli.run("create", "--db", db.url(), "event_count", "SELECT count(*) AS n FROM events",
                "--schedule", "1s").exitCode());

        Thread[] runner = new Thread[1];
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> {
            runner[0] = Thread.currentThread();
            return Cli.run("run", "--db", db.url(), "--db", db.url().replace("jdbc:", ""), "--poll-interval", "1s");
        });
        db.execute("INSERT INTO events VALUES (3)");
        awaitTrue(() -> query(db, "SELECT n FROM event_count") == 3, "the engine refreshed event_count");
        assertTrue(query(db, ENGINE_SESSIONS + "'" + db.name() + "'") > 0);

        runner[0].interrupt(); // what the shutdown hook amounts to
        Cli result = run.get(30, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result::toString);
        awaitTrue(() -> query(db, ENGINE_SESSIONS + "'" + db.name() + "'") == 0, "the engine's sessions ended");
    }

    private static long query(TestDatabase db, String sql) {
        try {
            return db.queryLong(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting until " + what);
            Thread.sleep(100);
        }
    }
}
