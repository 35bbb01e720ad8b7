package io.pgstream.engine.capture;

import static io.pgstream.engine.capture.WalTesting.ITEMS;
import static io.pgstream.engine.capture.WalTesting.assertEqualNow;
import static io.pgstream.engine.capture.WalTesting.awaitMode;
import static io.pgstream.engine.capture.WalTesting.createItems;
import static io.pgstream.engine.capture.WalTesting.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Frontier exactness with changes decoded from the WAL: writers whose transactions interleave (they begin in
 * one order and commit in another, some roll back, some roll back a savepoint) while refreshes take their
 * snapshots at any moment. A refresh must find in the buffers every change of every transaction its snapshot
 * sees and nothing else, or the counts drift for good.
 */
class WalFrontierTest {


    @Test
    void interleavedTransactionsAreConsumedExactlyOnce() throws Exception {
        TestDatabase db = TestPostgres.database();
        createItems(db, 3000);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger committed = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Engine engine = engine(db)) {
            awaitMode(db, "items", "wal");
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long seed = w;
                writers.add(Thread.ofPlatform().start(() -> write(db, seed, running, committed, failure)));
            }
            int refreshes = 0;
            while (committed.get() < 400 && failure.get() == null) {
                db.execute("SELECT pgstream.refresh_stream_table('totals')", "SELECT pgstream.refresh_stream_table('pairs')");
                refreshes++;
            }
            running.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            assertEquals(null, failure.get());
            assertTrue(refreshes > 10, "only " + refreshes + " refreshes ran among the writers");
            assertEqualNow(db, "items", ITEMS);
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'ERROR'"));
    }

    /** Transactions of several statements with pauses between them: their commits interleave with other writers'. */
    private static void write(TestDatabase db, long seed, AtomicBoolean running, AtomicInteger committed,
                              AtomicReference<Throwable> failure) {
        Random random = new Random(seed);
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            c.setAutoCommit(false);
            while (running.get()) {
                statement.execute("INSERT INTO items (k, v) VALUES (" + random.nextInt(10) + ", " + random.nextInt(1000) + ")");
                Thread.sleep(random.nextInt(15));
                statement.execute("SAVEPOINT s");
                statement.execute("UPDATE items SET v = v + 1 WHERE id = " + (1 + random.nextInt(3000)));
                if (random.nextInt(4) == 0) {
                    statement.execute("ROLLBACK TO SAVEPOINT s");
                }
                statement.execute("DELETE FROM items WHERE id = " + (1 + random.nextInt(3000)));
                Thread.sleep(random.nextInt(15));
                if (random.nextInt(10) == 0) {
                    c.rollback();
                } else {
                    c.commit();
                    committed.incrementAndGet();
                }
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}
