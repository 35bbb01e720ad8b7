package io.pgstream.engine.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.catalog.StreamTables.RefreshResult;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.differential.OracleCorpus.QueryCase;
import io.pgstream.engine.differential.OracleCorpus.Table;
import io.pgstream.engine.differential.Workload.Op;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

/**
 * Differential refresh under concurrent writers. Three writers commit interleaved transactions of random
 * changes (the oracle's workload, without TRUNCATE, updates and deletes by id or by one column value)
 * to the join and aggregate sources, some rolled back, each writer about 20 transactions a second;
 * meanwhile this thread refreshes nine differential stream tables (aggregates, joins, a TopK, a window,
 * a LATERAL top-k and a recursion over state tables, a ROLLUP) about every 50 ms. Most refreshes run
 * in a REPEATABLE READ transaction followed by the oracle in the same transaction (same snapshot): a
 * change consumed twice, skipped, or applied wrongly shows up as a difference. Every fourth round
 * refreshes in READ COMMITTED, which also trims the change buffers. At the end the writers stop and
 * one more refresh must bring every table to its query, and the next one must be a SKIP.
 */
class ConcurrentWritersDifferentialTest {

    private static final long SEED = 7_2025;
    private static final int ROUNDS = 100;
    private static final List<String> CASES = List.of("agg_over_join", "join_three", "agg_float8",
            "agg_numeric_unconstrained", "topk_aggregate", "window_row_number", "lateral_top_per_row", "recursive_closure",
            "grouping_rollup");

    @Example
    void refreshesStayEqualToTheirQueriesWhileWritersCommit() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute(OracleCorpus.schema().toArray(String[]::new));
        db.execute(OracleCorpus.INITIAL_DATA.toArray(String[]::new));
        db.execute("INSERT INTO a (k, g, v, f, t, flag) SELECT i % 5, i * 7 % 5, i % 13 * 1.25, i % 7 * 0.5,"
                        + " (ARRAY['a', 'ab', 'b', 'x', NULL])[i % 5 + 1], i % 3 = 0 FROM generate_series(1, 40) i",
                "INSERT INTO b (k, w, label) SELECT i % 5, i % 7, (ARRAY['p', 'q', 'r', NULL])[i % 4 + 1]"
                        + " FROM generate_series(1, 20) i",
                "INSERT INTO c (k, g, x) SELECT i % 5, i * 3 % 5, (ARRAY[1, 2.5, -0.75, 0.125, 3.50])[i % 5 + 1]"
                        + " FROM generate_series(1, 30) i");
        List<QueryCase> tables = CASES.stream()
                .map(name -> OracleCorpus.SUPPORTED.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow())
                .toList();
        try (Connection c = db.connect()) {
            for (QueryCase table : tables) {
                StreamTables.create(c, table.name(), table.query(), "1h", "differential");
                PlanInstaller.Outcome outcome = PlanInstaller.install(c, table.name());
                assertTrue(outcome.differential(), () -> table.name() + ": " + outcome.reason());
                Oracle.assertMatches(c, table.name(), table.query());
            }
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<int[]>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            long seed = SEED + w;
            List<List<Op>> transactions = transactions(seed, 2000);
            writers.add(pool.submit(() -> write(db, seed, transactions, writing)));
        }
        int checked = 0;
        int differential = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (Connection c = db.connect()) {
            ScenarioRunner.execute(c, "SET statement_timeout = '60s'"); // a stuck refresh fails instead of hanging
            c.setAutoCommit(false);
            for (int round = 1; round <= ROUNDS; round++) {
                if (System.nanoTime() > deadline) {
                    fail("refreshes are too slow: only " + (round - 1) + " of " + ROUNDS + " rounds in 3 minutes");
                }
                boolean repeatableRead = round % 4 != 0;
                for (QueryCase table : tables) {
                    c.setTransactionIsolation(repeatableRead ? Connection.TRANSACTION_REPEATABLE_READ
                            : Connection.TRANSACTION_READ_COMMITTED);
                    RefreshResult result;
                    try {
                        result = StreamTables.refresh(c, table.name());
                    } catch (SQLException e) {
                        c.rollback();
                        throw new AssertionError("round " + round + (repeatableRead ? ", REPEATABLE READ" : ", READ COMMITTED")
                                + ": refreshing " + table.name() + " failed after " + differential + " differential refreshes;"
                                + " change buffers now hold " + bufferSizes(db) + " rows", e);
                    }
                    assertEquals(repeatableRead ? "repeatable read" : "read committed",
                            ScenarioRunner.queryString(c, "SELECT current_setting('transaction_isolation')"));
                    if (!result.action().equals("DIFFERENTIAL") && !result.action().equals("SKIP")) {
                        fail("round " + round + ": " + result.describe());
                    }
                    differential += result.action().equals("DIFFERENTIAL") ? 1 : 0;
                    if (repeatableRead) {
                        long[] difference = Oracle.differences(c, table.name(), table.query());
                        if (difference[0] + difference[1] != 0) {
                            fail("round " + round + ", REPEATABLE READ: " + table.name() + " differs from its query right after "
                                    + result.describe() + ": " + difference[0] + " row(s) missing, " + difference[1] + " extra"
                                    + differences(c, table) + "\nquery: " + table.query());
                        }
                        checked++;
                    }
                    c.commit();
                }
                Thread.sleep(50);
            }
        } finally {
            writing.set(false);
            pool.shutdown();
        }
        int committed = 0;
        for (Future<int[]> writer : writers) {
            committed += writer.get(60, TimeUnit.SECONDS)[0];
        }
        assertTrue(committed >= 100, "the writers committed only " + committed + " transactions");
        assertTrue(differential >= ROUNDS, "only " + differential + " refreshes were differential");
        assertEquals(ROUNDS * 3 / 4 * tables.size(), checked);

        try (Connection c = db.connect()) {
            for (QueryCase table : tables) {
                RefreshResult last = StreamTables.refresh(c, table.name());
                long[] difference = Oracle.differences(c, table.name(), table.query());
                assertEquals(0, difference[0] + difference[1], () -> table.name() + " differs from its query after "
                        + last.describe() + differences(c, table));
                assertEquals("SKIP", StreamTables.refresh(c, table.name()).action(), table.name());
            }
        }
    }

    /** Rows in each source's change buffer. */
    private static List<String> bufferSizes(TestDatabase db) throws SQLException {
        return db.queryColumn("""
                SELECT source_name || ': ' || (xpath('/row/n/text()', query_to_xml(
                           'SELECT count(*) AS n FROM ' || pgstream._buffer(source_relid), false, true, '')))[1]::text
                  FROM pgstream.capture ORDER BY 1""");
    }

    private static String differences(Connection c, QueryCase table) {
        try {
            return ScenarioRunner.describeDifference(c, table.name(), table.query());
        } catch (SQLException e) {
            return "\n(could not list the differing rows: " + e.getMessage() + ")";
        }
    }

    /** A writer's transactions, generated up front (jqwik generators run on jqwik's own threads only). */
    private static List<List<Op>> transactions(long seed, int count) {
        Random random = new Random(seed);
        Map<Table, RandomGenerator<Op>> generators = new EnumMap<>(Table.class);
        for (Table table : Table.values()) {
            Arbitrary<Op> op = Workload.op(table, false, true);
            generators.put(table, op.generator(100));
        }
        List<List<Op>> transactions = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            List<Op> ops = new ArrayList<>();
            for (int i = random.nextInt(3) + 1; i > 0; i--) {
                ops.add(generators.get(Table.values()[random.nextInt(3)]).next(random).value());
            }
            transactions.add(ops);
        }
        return transactions;
    }

    /**
     * One writer: its transactions in turn, with short pauses between statements and between transactions,
     * one in ten rolled back;
     * a transaction that deadlocks with another writer is rolled back. Returns {committed, aborted}.
     */
    private static int[] write(TestDatabase db, long seed, List<List<Op>> transactions, AtomicBoolean writing)
            throws SQLException, InterruptedException {
        Random random = new Random(seed);
        int committed = 0;
        int aborted = 0;
        try (Connection c = db.connect()) {
            ScenarioRunner.execute(c, "SET statement_timeout = '60s'");
            c.setAutoCommit(false);
            for (int t = 0; writing.get(); t++) {
                try {
                    for (Op op : transactions.get(t % transactions.size())) {
                        ScenarioRunner.execute(c, op.sql());
                        Thread.sleep(random.nextInt(5));
                    }
                    if (random.nextInt(10) == 0) {
                        c.rollback();
                    } else {
                        c.commit();
                        committed++;
                    }
                    Thread.sleep(20 + random.nextInt(40));
                } catch (SQLException e) {
                    if (!Set.of("40P01", "40001", "23505").contains(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback();
                    aborted++;
                }
            }
        }
        return new int[] {committed, aborted};
    }
}
