package io.pgstream.engine.capture;

import static io.pgstream.engine.capture.WalTesting.ITEMS;
import static io.pgstream.engine.capture.WalTesting.assertEqualNow;
import static io.pgstream.engine.capture.WalTesting.assertOnlySourceInMode;
import static io.pgstream.engine.capture.WalTesting.awaitMode;
import static io.pgstream.engine.capture.WalTesting.createItems;
import static io.pgstream.engine.capture.WalTesting.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.engine.Engine;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.EngineProcess;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import io.pgstream.extension.ExtensionInstaller;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * In WAL mode, the engine is killed with SIGKILL while it decodes and while it refreshes, and PostgreSQL
 * is shut down immediately: each time the engine resumes from what it had committed (the slot never runs
 * ahead of the buffers), so no decoded transaction is lost or buffered twice.
 */
class WalRecoveryTest {


    @Test
    void anEngineKilledWhileDecodingAndRefreshingLosesNothing() throws Exception {
        TestDatabase db = TestPostgres.database();
        createItems(db, 20000);
        int killedMidRefresh = 0;
        try (Writer writer = new Writer(db, 7, 1); Writer another = new Writer(db, 8, 1)) {
            for (int round = 0; round < 4; round++) {
                Process engine = EngineProcess.start(db.url());
                try {
                    if (round == 0) {
                        awaitMode(db, "items", "wal");
                    }
                    Await.until(Duration.ofSeconds(30), "the engine is refreshing",
                            () -> refreshesUnderWay(db) > 0 || !engine.isAlive());
                    killedMidRefresh += refreshesUnderWay(db) > 0 ? 1 : 0;
                } finally {
                    engine.destroyForcibly(); // SIGKILL
                    assertTrue(engine.waitFor(10, TimeUnit.SECONDS));
                }
            }
        }
        assertTrue(killedMidRefresh >= 2, "only " + killedMidRefresh + " of 4 kills hit a refresh under way");
        assertOnlySourceInMode(db, "wal");
        try (Engine engine = engine(db)) {
            assertEqualNow(db, "items", ITEMS);
        }
        assertOnlySourceInMode(db, "wal");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_table WHERE pending_full_reason IS NOT NULL"));
    }

    @Test
    @Tag("smoke")
    void postgresRestartedImmediatelyResumesDecoding() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            String url = server.jdbcUrl("postgres");
            try (Connection c = DriverManager.getConnection(url)) {
                ExtensionInstaller.install(c, ExtensionInstaller.Method.EXTENSION);
            }
            TestDatabase db = new TestDatabase("postgres", url);
            createItems(db, 2000);
            try (Engine engine = engine(db)) {
                awaitMode(db, "items", "wal");
                try (TolerantWriter writer = new TolerantWriter(db)) {
                    Await.until(Duration.ofSeconds(30), "writes go on", () -> writer.committed() > 300);
                    server.crashAndRestart();
                    int after = writer.committed();
                    Await.until(Duration.ofSeconds(60), "writes go on after the restart",
                            () -> writer.committed() > after + 300);
                }
                assertEqualNow(db, "items", ITEMS);
                assertOnlySourceInMode(db, "wal");
            }
        }
    }

    private static long refreshesUnderWay(TestDatabase db) throws Exception {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pg-stream engine%'"
                + " AND state = 'active' AND query LIKE '%pgstream._refresh_round(%'");
    }

    /** Random single-row writes that carry on, on a new connection, across a server restart. */
    private static final class TolerantWriter implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger committed = new AtomicInteger();
        private final Thread thread;

        TolerantWriter(TestDatabase db) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                Random random = new Random(9);
                while (running.get()) {
                    try (Connection c = db.connect(); Statement statement = c.createStatement()) {
                        while (running.get()) {
                            statement.execute(random.nextBoolean()
                                    ? "INSERT INTO items (k, v) VALUES (" + random.nextInt(10) + ", " + random.nextInt(1000) + ")"
                                    : "UPDATE items SET v = v + 1 WHERE id = (SELECT max(id) - " + random.nextInt(50) + " FROM items)");
                            committed.incrementAndGet();
                        }
                    } catch (SQLException restarting) {
                        sleep();
                    }
                }
            });
        }

        int committed() {
            return committed.get();
        }

        private static void sleep() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
