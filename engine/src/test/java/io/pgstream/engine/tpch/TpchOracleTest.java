package io.pgstream.engine.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.catalog.StreamTables.RefreshResult;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.tpch.TopNOracle;
import io.pgstream.tpch.TpchLoader;
import io.pgstream.tpch.TpchQueries;
import io.pgstream.tpch.TpchQueries.Query;
import io.pgstream.tpch.TpchWorkload;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 22 TPC-H queries as stream tables over generated TPC-H data, refreshed after the spec's refresh
 * functions and a few updates, cycle after cycle: after every refresh each stream table must equal its
 * query (the {@link Oracle}; the {@link TopNOracle} for the five ending in ORDER BY ... LIMIT).
 *
 * <p>The test also tracks differential coverage: {@link #EXPECTED_DIFFERENTIAL} names exactly the
 * queries that refresh DIFFERENTIAL in every cycle. One of them that does not fails the test, and so
 * does a query outside the set that does, asking for it to be added: coverage can only go up.
 *
 * <p>System properties: {@code pgstream.tpch.sf} (scale factor, default {@value #DEFAULT_SCALE_FACTOR}),
 * {@code pgstream.tpch.cycles} (default {@value #DEFAULT_CYCLES}), {@code pgstream.tpch.seed} (the
 * workload's, default {@value #DEFAULT_SEED}). See docs/tpch.md.
 */
class TpchOracleTest {

    /** The queries whose stream tables refresh DIFFERENTIAL in every cycle, measured; only ever add to it. */
    static final Set<String> EXPECTED_DIFFERENTIAL = Set.of("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10",
            "Q11", "Q12", "Q13", "Q14", "Q15", "Q16", "Q17", "Q18", "Q19", "Q20", "Q21", "Q22");

    static final String DEFAULT_SCALE_FACTOR = "0.01";
    static final int DEFAULT_CYCLES = 3;
    static final long DEFAULT_SEED = 20250901L;

    /** A hang guard: at SF 0.01 the slowest statement takes well under a second. */
    private static final String STATEMENT_TIMEOUT = "10min";

    private static final double SCALE_FACTOR = Double.parseDouble(System.getProperty("pgstream.tpch.sf", DEFAULT_SCALE_FACTOR));
    private static final int CYCLES = Integer.getInteger("pgstream.tpch.cycles", DEFAULT_CYCLES);
    private static final long SEED = Long.getLong("pgstream.tpch.seed", DEFAULT_SEED);

    private static TestDatabase db;
    private static Map<String, Long> loadedRows;
    private static double loadSeconds;

    /** One query's stream table: how it was planned and what its refreshes did. */
    private static final class StreamTableRun {
        final Query query;
        String createError;
        String plan = "-";
        String reason = "";
        final List<String> actions = new ArrayList<>();
        long refreshNanos;

        StreamTableRun(Query query) {
            this.query = query;
        }

        boolean differentialEveryCycle() {
            return actions.size() == CYCLES && actions.stream().allMatch("DIFFERENTIAL"::equals);
        }

        long count(String action) {
            return actions.stream().filter(action::equals).count();
        }
    }

    @BeforeAll
    static void loadData() throws SQLException {
        long start = System.nanoTime();
        db = TestPostgres.database();
        try (Connection c = db.connect()) {
            loadedRows = TpchLoader.load(c, SCALE_FACTOR);
        }
        loadSeconds = (System.nanoTime() - start) / 1e9;
    }

    @Test
    void loadsTheSpecifiedRowCounts() {
        // clause 4.2.5: SF * 1,500,000 orders, SF * 150,000 customers, SF * 200,000 parts, 4 partsupp per part
        assertEquals(Math.round(SCALE_FACTOR * 1_500_000), loadedRows.get("orders"));
        assertEquals(Math.round(SCALE_FACTOR * 150_000), loadedRows.get("customer"));
        assertEquals(Math.round(SCALE_FACTOR * 200_000), loadedRows.get("part"));
        assertEquals(4 * loadedRows.get("part"), loadedRows.get("partsupp"));
        assertEquals(25L, loadedRows.get("nation"));
        assertEquals(5L, loadedRows.get("region"));
        long lineitems = loadedRows.get("lineitem");
        assertTrue(lineitems >= loadedRows.get("orders") && lineitems <= 7 * loadedRows.get("orders"),
                "1 to 7 lineitems per order, got " + lineitems);
    }

    @Test
    void everyStreamTableEqualsItsQueryAfterEveryRefresh() throws SQLException {
        assertTrue(CYCLES >= 1, "pgstream.tpch.cycles must be at least 1");
        List<String> problems = new ArrayList<>();
        List<StreamTableRun> runs = TpchQueries.ALL.stream().map(StreamTableRun::new).toList();
        List<String> log = new ArrayList<>();
        long createStart = System.nanoTime();
        try (Connection c = db.connect()) {
            execute(c, "set statement_timeout = '" + STATEMENT_TIMEOUT + "'");
            // the ratchet is about differential refresh: auto mode must not choose FULL because it is cheaper
            execute(c, "UPDATE pgstream.settings SET value = 'off' WHERE name = 'auto_cost_choice'");
            for (StreamTableRun run : runs) {
                create(c, run, problems);
            }
            double createSeconds = (System.nanoTime() - createStart) / 1e9;
            log.add("load %.1f s, create and install %d stream tables %.1f s".formatted(loadSeconds, runs.size(),
                    createSeconds));
            TpchWorkload workload = TpchWorkload.over(c, SEED);
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                long cycleStart = System.nanoTime();
                TpchWorkload.CycleChanges changes = workload.runCycle(c);
                for (StreamTableRun run : runs) {
                    if (run.createError == null) {
                        refreshAndCheck(c, run, "cycle " + cycle, problems);
                    }
                }
                log.add("cycle %d: %s; refreshed and checked in %.1f s".formatted(cycle, changes,
                        (System.nanoTime() - cycleStart) / 1e9));
            }
        }
        printSummary(runs, log);
        problems.addAll(ratchet(runs));
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    /** Creates the stream table in auto mode, installs its plan as the engine would, and checks it once. */
    private static void create(Connection c, StreamTableRun run, List<String> problems) {
        String name = run.query.streamTable();
        try {
            StreamTables.create(c, name, run.query.sql(), "1h", "auto");
            PlanInstaller.install(c, name);
            try (Statement statement = c.createStatement();
                 ResultSet rs = statement.executeQuery("select plan, reason from pgstream.explain_stream_table('" + name + "')")) {
                rs.next();
                run.plan = rs.getString("plan");
                run.reason = rs.getString("reason");
            }
        } catch (SQLException e) {
            run.createError = e.getMessage();
            run.plan = "error";
            run.reason = e.getMessage();
            problems.add(run.query.name() + ": create failed: " + e.getMessage());
            return;
        }
        try {
            check(c, run, "after create", problems);
        } catch (SQLException e) {
            problems.add(run.query.name() + ", after create: the oracle failed: " + e.getMessage());
        }
    }

    private static void refreshAndCheck(Connection c, StreamTableRun run, String when, List<String> problems) {
        try {
            long start = System.nanoTime();
            RefreshResult result = StreamTables.refresh(c, run.query.streamTable());
            run.refreshNanos += System.nanoTime() - start;
            run.actions.add(result.action());
        } catch (SQLException e) {
            run.actions.add("ERROR");
            problems.add(run.query.name() + ", " + when + ": refresh failed: " + e.getMessage());
            return;
        }
        try {
            check(c, run, when, problems);
        } catch (SQLException e) {
            problems.add(run.query.name() + ", " + when + ": the oracle failed: " + e.getMessage());
        }
    }

    /** The oracle: the stream table equals its query recomputed now (for a top-N, one of its correct results). */
    private static void check(Connection c, StreamTableRun run, String when, List<String> problems) throws SQLException {
        String name = run.query.streamTable();
        if (run.query.topN() != null) {
            TopNOracle.Check check = TopNOracle.check(c, name, run.query);
            if (!check.matches()) {
                problems.add(run.query.name() + ", " + when + ": differs from its query: " + check.describe());
            }
            return;
        }
        long[] difference = Oracle.differences(c, name, run.query.sql());
        if (difference[0] + difference[1] != 0) {
            try {
                Oracle.assertMatches(c, name, run.query.sql()); // fails, with a sample of the differing rows
                problems.add(run.query.name() + ", " + when + ": differs from its query");
            } catch (AssertionError e) {
                String message = e.getMessage();
                int query = message.indexOf("; query: "); // the query is in TpchQueries: keep the report short
                problems.add(run.query.name() + ", " + when + ": " + (query < 0 ? message : message.substring(0, query)));
            }
        }
    }

    /** The set of queries refreshing DIFFERENTIAL in every cycle must be exactly {@link #EXPECTED_DIFFERENTIAL}. */
    private static List<String> ratchet(List<StreamTableRun> runs) {
        List<String> problems = new ArrayList<>();
        Set<String> measured = new TreeSet<>();
        for (StreamTableRun run : runs) {
            if (run.differentialEveryCycle()) {
                measured.add(run.query.name());
            }
        }
        for (StreamTableRun run : runs) {
            String name = run.query.name();
            if (EXPECTED_DIFFERENTIAL.contains(name) && !measured.contains(name)) {
                problems.add(name + " is expected to refresh DIFFERENTIAL in every cycle, but its refreshes were "
                        + run.actions + " (plan " + run.plan + ": " + run.reason + ")");
            } else if (!EXPECTED_DIFFERENTIAL.contains(name) && measured.contains(name)) {
                problems.add(name + " now refreshes DIFFERENTIAL in every cycle: add it to"
                        + " TpchOracleTest.EXPECTED_DIFFERENTIAL, so that it stays differential");
            }
        }
        for (String name : EXPECTED_DIFFERENTIAL) {
            if (runs.stream().noneMatch(run -> run.query.name().equals(name))) {
                problems.add("EXPECTED_DIFFERENTIAL names " + name + ", which is not a TPC-H query");
            }
        }
        return problems;
    }

    private static void printSummary(List<StreamTableRun> runs, List<String> log) {
        StringBuilder out = new StringBuilder("\nTPC-H oracle, SF %s, %d cycle(s), seed %d\n".formatted(
                SCALE_FACTOR, CYCLES, SEED));
        log.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("%-5s %-12s %5s %5s %5s %5s %11s  %s%n".formatted(
                "query", "plan", "DIFF", "FULL", "SKIP", "ERROR", "refresh ms", "reason"));
        for (StreamTableRun run : runs) {
            double averageMillis = run.actions.isEmpty() ? 0 : run.refreshNanos / 1e6 / run.actions.size();
            out.append("%-5s %-12s %5d %5d %5d %5d %11.1f  %s%n".formatted(run.query.name(), run.plan,
                    run.count("DIFFERENTIAL"), run.count("FULL"), run.count("SKIP"), run.count("ERROR"),
                    averageMillis, run.reason == null ? "" : run.reason.replace('\n', ' ')));
        }
        System.out.print(out);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
