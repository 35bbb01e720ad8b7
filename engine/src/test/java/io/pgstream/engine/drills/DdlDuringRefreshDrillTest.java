package io.pgstream.engine.drills;

import static io.pgstream.engine.drills.Drills.ITEMS;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.EngineBackends;
import io.pgstream.engine.testing.LogCapture;
import io.pgstream.engine.testing.Pause;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A user's DDL on a source while the engine refreshes: the DDL does not wait behind a long refresh (the
 * refresh gives way), a migration holding a source's lock while it alters stream tables does not deadlock with the engine (whose lock waits are short), and DDL, DML and refreshes mixed end with every
 * stream table equal to its query, none in error.
 */
class DdlDuringRefreshDrillTest {

    @Test
    void anAlterTableDoesNotWaitBehindALongRefresh() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 20000);
        try (LogCapture log = new LogCapture(); Engine engine = Drills.engine(db)) {
            try (Writer writer = new Writer(db, 51, 2)) {
                Pause.set(db, 20);
                Await.until(Duration.ofSeconds(20), "a refresh is under way",
                        () -> !EngineBackends.pausedInRefresh(db).isEmpty());
                String altered = Drills.serverNow(db);
                long started = System.nanoTime();
                db.execute("ALTER TABLE items ADD COLUMN note text");
                long waitedMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(waitedMillis < 3000, "ALTER TABLE waited " + waitedMillis + " ms behind a 20 s refresh");
                Pause.set(db, 0);
                Await.until(Duration.ofSeconds(10), "totals is refreshed after the ALTER",
                        () -> Drills.refreshedSince(db, "totals", altered));
            }
            Drills.awaitEqual(db, ITEMS);
            assertTrue(log.lines().isEmpty(), () -> "logged: " + log.lines());
        }
        Drills.assertHealthy(db);
    }

    @Test
    void aMigrationHoldingASourceLockDoesNotDeadlockWithTheEngine() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 20000);
        try (Engine engine = Drills.engine(db); Writer writer = new Writer(db, 52, 2)) {
            for (int migration = 0; migration < 3; migration++) {
                try (Connection c = db.connect(); Statement statement = c.createStatement()) {
                    c.setAutoCommit(false);
                    statement.execute("ALTER TABLE items ADD COLUMN extra_" + migration + " int");
                    Thread.sleep(1500);  // the engine's rounds come to items meanwhile, and wait for it
                    // each waits for the stream table's lock, which a round waiting for items would hold
                    statement.execute("SELECT pgstream.alter_stream_table('totals', schedule => '1s')");
                    statement.execute("SELECT pgstream.alter_stream_table('pairs', schedule => '" + (migration + 1) + "s')");
                    c.commit();
                }
            }
        }
        Drills.assertHealthy(db);
    }

    @Test
    void ddlDmlAndRefreshesMixedNeitherDeadlockNorDiverge() throws Exception {
        TestDatabase db = TestPostgres.database();
        Drills.createItems(db, 20000);
        int statements = 0;
        try (Engine engine = Drills.engine(db)) {
            Pause.set(db, 0.3);  // refreshes of totals hold their locks a while
            try (Writer writer = new Writer(db, 53, 1); Writer another = new Writer(db, 54, 1);
                 Connection c = db.connect(); Statement statement = c.createStatement()) {
                Random random = new Random(55);
                long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                while (System.nanoTime() < end) {
                    runDdl(c, statement, random.nextInt(5));
                    statements++;
                }
            }
            Pause.set(db, 0);
            Drills.awaitEqual(db, ITEMS);
        }
        assertTrue(statements > 20, "only " + statements + " DDL statements ran");
        Drills.assertHealthy(db);
    }

    /** One of a few kinds of DDL a user runs on a source, alone or in a migration's transaction. */
    private static void runDdl(Connection c, Statement statement, int kind) throws Exception {
        switch (kind) {
            case 0 -> statement.execute("ALTER TABLE items ADD COLUMN IF NOT EXISTS extra int");
            case 1 -> statement.execute("ALTER TABLE items DROP COLUMN IF EXISTS extra");
            case 2 -> {
                statement.execute("CREATE INDEX IF NOT EXISTS items_v ON items (v)");
                statement.execute("DROP INDEX items_v");
            }
            case 3 -> {
                c.setAutoCommit(false);
                statement.execute("ALTER TABLE items ALTER COLUMN k SET STATISTICS 200");
                statement.execute("UPDATE items SET v = v + 1 WHERE id = (SELECT max(id) FROM items)");
                statement.execute("SELECT pgstream.alter_stream_table('totals', schedule => '1s')");
                c.commit();
                c.setAutoCommit(true);
            }
            default -> {
                c.setAutoCommit(false);
                statement.execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
                Thread.sleep(100);
                c.commit();
                c.setAutoCommit(true);
            }
        }
    }
}
