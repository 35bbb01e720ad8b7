package io.pgstream.engine.capture;

import static io.pgstream.engine.capture.WalTesting.ITEMS;
import static io.pgstream.engine.capture.WalTesting.assertEqualNow;
import static io.pgstream.engine.capture.WalTesting.assertOnlySourceInMode;
import static io.pgstream.engine.capture.WalTesting.awaitMode;
import static io.pgstream.engine.capture.WalTesting.createItems;
import static io.pgstream.engine.capture.WalTesting.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineProcess;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.EngineBackends;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import io.pgstream.extension.ExtensionInstaller;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
                            () -> !EngineBackends.refreshing(db).isEmpty() || !engine.isAlive());
                    killedMidRefresh += EngineBackends.refreshing(db).isEmpty() ? 0 : 1;
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
                try (Writer writer = Writer.reconnecting(db, "items", 9, 0)) {
                    Await.until(Duration.ofSeconds(30), "writes go on", () -> writer.committed() > 300);
                    server.crashAndRestart();
                    int after = writer.committed();
                    Await.until(Duration.ofSeconds(60), "writes go on after the restart",
                            () -> writer.committed() > after + 300);
                }
                assertEqualNow(db, "items", ITEMS);
                // the server commits asynchronously, so a step of the capture committed just before the crash may be
                // lost with it (with everything it did): the engine takes it again
                awaitMode(db, "items", "wal");
                assertNull(db.queryString("SELECT fallback_reason FROM pgstream.change_buffers"), "it never fell back");
            }
        }
    }

}
