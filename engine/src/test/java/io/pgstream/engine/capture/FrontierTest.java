package io.pgstream.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Frontiers: a refresh consumes exactly the changes visible in its snapshot and not in the previous
 * one, whatever the commit order of concurrent writers, including its own transaction's changes.
 */
class FrontierTest {

    private static final String QUERY = "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k";

    private TestDatabase db;

    @BeforeEach
    void schema() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v numeric)",
                "INSERT INTO items (k, v) SELECT g % 7, g FROM generate_series(1, 100) g",
                "SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1m')");
    }

    @Test
    void aWriterThatCommitsAfterANewerOneIsNotSkipped() throws SQLException {
        try (Connection older = db.connect(); Connection newer = db.connect(); Connection refresher = db.connect()) {
            older.setAutoCommit(false);
            newer.setAutoCommit(false);
            execute(older, "INSERT INTO items (k, v) VALUES (1, 1000)"); // takes the lower xid
            execute(newer, "INSERT INTO items (k, v) VALUES (2, 2000)");
            newer.commit();

            assertEquals("FULL", StreamTables.refresh(refresher, "totals").action());
            Oracle.assertMatches(refresher, "totals", QUERY);

            older.commit();
            assertEquals("FULL", StreamTables.refresh(refresher, "totals").action(),
                    "the older transaction's change was not visible to the previous refresh");
            Oracle.assertMatches(refresher, "totals", QUERY);
            assertEquals("SKIP", StreamTables.refresh(refresher, "totals").action());
        }
    }

    @Test
    void changesWrittenAfterARefreshInTheSameTransactionAreConsumedLater() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO items (k, v) VALUES (3, 1)");
            assertEquals("FULL", StreamTables.refresh(c, "totals").action());
            Oracle.assertMatches(c, "totals", QUERY);
            execute(c, "INSERT INTO items (k, v) VALUES (3, 2)");
            c.commit();
        }
        try (Connection c = db.connect()) {
            assertEquals("FULL", StreamTables.refresh(c, "totals").action());
            Oracle.assertMatches(c, "totals", QUERY);
            assertEquals("SKIP", StreamTables.refresh(c, "totals").action());
        }
    }

    @Test
    void rolledBackChangesAreNeverConsumed() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            execute(c, "INSERT INTO items (k, v) VALUES (4, 1)");
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("SKIP", StreamTables.refresh(c, "totals").action());
        }
    }

    @Test
    void truncateIsCaptured() throws SQLException {
        db.execute("TRUNCATE items");
        try (Connection c = db.connect()) {
            assertEquals("FULL", StreamTables.refresh(c, "totals").action());
            Oracle.assertMatches(c, "totals", QUERY);
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM totals"));
    }

    @Test
    void buffersAreTrimmedOnceEveryConsumerHasPassedThem() throws SQLException {
        db.execute("SELECT pgstream.create_stream_table('item_count', 'SELECT count(*) AS n FROM items', '1m')");
        String buffer = "pgstream_changes.changes_" + db.queryString("SELECT 'items'::regclass::oid");
        db.execute("UPDATE items SET v = v + 1 WHERE id <= 10");
        assertEquals(20, db.queryLong("SELECT count(*) FROM " + buffer), "10 deletes and 10 inserts");

        db.execute("SELECT pgstream.refresh_stream_table('totals')");
        db.execute("SELECT pgstream.refresh_stream_table('totals')");
        assertEquals(20, db.queryLong("SELECT count(*) FROM " + buffer), "item_count has not consumed them yet");

        db.execute("SELECT pgstream.refresh_stream_table('item_count')");
        db.execute("SELECT pgstream.refresh_stream_table('totals')");
        assertEquals(0, db.queryLong("SELECT count(*) FROM " + buffer));
    }

    /**
     * Writers commit in random, interleaved order while refreshes run. Each checked refresh runs in a
     * REPEATABLE READ transaction followed by the oracle in the same snapshot: a change wrongly
     * considered consumed would show as a difference. READ COMMITTED refreshes in between trim buffers.
     */
    @Test
    void concurrentWritersNeverLoseAChange() throws Exception {
        runConcurrentWriters();
    }

    /** The same with differential refresh, which consumes changes exactly rather than recomputing. */
    @Test
    void concurrentWritersNeverLoseAChangeDifferentially() throws Exception {
        try (Connection c = db.connect()) {
            PlanInstaller.Outcome plan = PlanInstaller.install(c, "totals");
            assertTrue(plan.differential(), plan::reason);
        }
        // mode differential: no cycle falls back to FULL because many changes are pending
        db.execute("SELECT pgstream.alter_stream_table('totals', refresh_mode => 'differential')");
        runConcurrentWriters();
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'FULL' AND initiated_by <> 'initial'"));
        assertTrue(db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'DIFFERENTIAL'") > 0);
    }

    private void runConcurrentWriters() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            long seed = 42 + w;
            writers.add(pool.submit(() -> write(seed, writing)));
        }
        int checked = 0;
        try (Connection c = db.connect()) {
            for (int round = 0; round < 60; round++) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(round % 3 == 0 ? Connection.TRANSACTION_READ_COMMITTED
                        : Connection.TRANSACTION_REPEATABLE_READ);
                StreamTables.refresh(c, "totals");
                if (round % 3 != 0) {
                    Oracle.assertMatches(c, "totals", QUERY);
                    checked++;
                }
                c.commit();
                Thread.sleep(20);
            }
            writing.set(false);
            int transactions = 0;
            for (Future<Integer> writer : writers) {
                transactions += writer.get(30, TimeUnit.SECONDS);
            }
            assertTrue(transactions > 50, "writers committed only " + transactions + " transactions");
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            StreamTables.refresh(c, "totals");
            Oracle.assertMatches(c, "totals", QUERY);
            assertEquals("SKIP", StreamTables.refresh(c, "totals").action());
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertEquals(40, checked);
    }

    /** Random inserts, updates and deletes, several statements per transaction, some rolled back. */
    private int write(long seed, AtomicBoolean writing) throws SQLException, InterruptedException {
        Random random = new Random(seed);
        int committed = 0;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            while (writing.get()) {
                try {
                    committed += writeOneTransaction(c, random);
                } catch (SQLException e) {
                    if (!"40P01".equals(e.getSQLState())) { // writers may deadlock each other: retry, as applications do
                        throw e;
                    }
                    c.rollback();
                }
            }
        }
        return committed;
    }

    /** One transaction of 1-3 statements; 1 if it committed, 0 if it rolled back. */
    private int writeOneTransaction(Connection c, Random random) throws SQLException, InterruptedException {
        for (int i = random.nextInt(3) + 1; i > 0; i--) {
            int k = random.nextInt(9);
            execute(c, switch (random.nextInt(3)) {
                case 0 -> "INSERT INTO items (k, v) VALUES (" + k + ", " + (random.nextBoolean() ? "NULL" : random.nextInt(100)) + ")";
                case 1 -> "UPDATE items SET k = " + k + ", v = v + 1 WHERE id IN (SELECT id FROM items ORDER BY random() LIMIT 2)";
                default -> "DELETE FROM items WHERE id IN (SELECT id FROM items ORDER BY random() LIMIT 1)";
            });
            Thread.sleep(random.nextInt(5));
        }
        if (random.nextInt(10) == 0) {
            c.rollback();
            return 0;
        }
        c.commit();
        return 1;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
