package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryLong;
import static io.pgstream.bench.BenchSql.queryString;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.tpch.ResultDifference;
import io.pgstream.tpch.TopNOracle;
import io.pgstream.tpch.TpchLoader;
import io.pgstream.tpch.TpchQueries;
import io.pgstream.tpch.TpchQueries.Query;
import io.pgstream.tpch.TpchWorkload;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The 22 TPC-H queries as stream tables (refresh mode auto), each beside a materialized view of its query, over
 * TPC-H data at a scale factor, in schema {@value #SCHEMA} (dropped and recreated at the start, dropped at the end):
 * <ol>
 *   <li>load: the eight tables generated and loaded with COPY, then their indexes and ANALYZE ({@link TpchLoader});
 *   <li>{@code cycles} cycles of the spec's refresh functions RF1 and RF2 (0.1% of the orders inserted, as many
 *       deleted, with their lineitems) and a few updates ({@link TpchWorkload}), each followed by a refresh of every
 *       stream table, in refresh mode differential where its plan is (see {@link Run#measuredMode}): the
 *       differential refresh time is the median over the cycles;
 *   <li>each stream table checked against its query: a multiset; the five ending in ORDER BY ... LIMIT one of their
 *       correct results ({@link TopNOracle});
 *   <li>one more cycle, then each stream table refreshed FULL (refresh mode full, then back), each view
 *       refreshed (REFRESH MATERIALIZED VIEW), each query run alone;
 *   <li>for each query that misses its target (differential refresh at least {@value #TARGET_SPEED_UP}x faster than
 *       REFRESH MATERIALIZED VIEW, every cycle differential, equal to its query): EXPLAIN (ANALYZE, BUFFERS) of its
 *       delta statement over one more cycle's changes, with a plan for that frontier and with the generic plan,
 *       and the time by pg_stream function of its refresh in the last measured cycle.
 * </ol>
 * Latencies are measured client-side, around the statement, in autocommit (so they include the commit).
 */
public final class TpchBenchmark {

    /** What was measured for one query; times in milliseconds. */
    public record QueryFigures(String query, String streamTable, String plan, String planReason, List<String> actions,
                               double differentialMillis, double fullMillis, String fullAction,
                               double materializedViewMillis, double queryMillis, boolean equal, String equality) {

        /** REFRESH MATERIALIZED VIEW over the differential refresh median. */
        public double speedUp() {
            return materializedViewMillis / differentialMillis;
        }

        public boolean differentialEveryCycle() {
            return !actions.isEmpty() && actions.stream().allMatch("DIFFERENTIAL"::equals);
        }

        /** Why the query misses its target, or null when it meets it. */
        public String miss() {
            List<String> why = new ArrayList<>();
            if (!plan.equals("differential")) {
                why.add("plan " + plan + ": " + planReason);
            } else if (!differentialEveryCycle()) {
                why.add("refreshes were " + actions);
            }
            if (!(speedUp() >= TARGET_SPEED_UP)) {
                why.add("speed-up " + RefreshReport.number(speedUp()) + "x < " + TARGET_SPEED_UP + "x");
            }
            if (!equal) {
                why.add("differs from its query: " + equality);
            }
            return why.isEmpty() ? null : String.join("; ", why);
        }
    }

    /** The whole run: load, the figures per query, the problems met, and the plans and profiles of the misses. */
    public record Result(double scaleFactor, int cycles, Map<String, Long> rows, double loadSeconds,
                         double createSeconds, List<String> cycleChanges, List<QueryFigures> queries,
                         List<String> problems, String diagnostics) {

        /** Geometric mean of the speed-ups over REFRESH MATERIALIZED VIEW (NaN if one is missing). */
        public double geometricMeanSpeedUp() {
            return Math.exp(queries.stream().mapToDouble(q -> Math.log(q.speedUp())).average().orElse(Double.NaN));
        }

        public List<QueryFigures> misses() {
            return queries.stream().filter(q -> q.miss() != null).toList();
        }
    }

    /** A scale factor as people write it: 1, 0.1, 0.01. */
    static String scaleFactorText(double scaleFactor) {
        return BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
    }

    static final String SCHEMA = "tpch_bench";
    static final int TARGET_SPEED_UP = 10;
    static final int TARGET_GEOMETRIC_MEAN = 100;
    static final long SEED = 20250901L;

    private final String jdbcUrl;
    private final double scaleFactor;
    private final int cycles;
    private final PrintWriter out;
    private final List<String> problems = new ArrayList<>();
    private final StringBuilder diagnostics = new StringBuilder();

    public TpchBenchmark(String jdbcUrl, double scaleFactor, int cycles, PrintWriter out) {
        checkArguments(scaleFactor, cycles);
        this.jdbcUrl = jdbcUrl;
        this.scaleFactor = scaleFactor;
        this.cycles = cycles;
        this.out = out;
    }

    /** The data generator's text pool (dbgen's 300 MB of random sentences) must fit in the heap. */
    static final long MIN_HEAP_BYTES = 450L << 20;

    /** Refuses arguments the benchmark cannot run with, and a heap too small for the generator, before anything is started. */
    public static void checkArguments(double scaleFactor, int cycles) {
        if (Runtime.getRuntime().maxMemory() < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException("the TPC-H data generator needs a Java heap of 1 GB (its text pool is"
                    + " 300 MB): run PG_STREAM_JAVA_OPTS=-Xmx1g ./pg-stream bench tpch ...");
        }
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("--sf must be a positive scale factor");
        }
        if (cycles < 1) {
            throw new IllegalArgumentException("--cycles must be at least 1");
        }
    }

    public Result run() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            dropAll(c);
            execute(c, "CREATE SCHEMA " + SCHEMA, "SET search_path = " + SCHEMA + ", public");
            out.printf("%nloading TPC-H at SF %s ...%n", scaleFactorText(scaleFactor));
            out.flush();
            long start = System.nanoTime();
            Map<String, Long> rows = TpchLoader.load(c, scaleFactor);
            double loadSeconds = seconds(start);
            out.printf("loaded in %.1f s (COPY, indexes, ANALYZE; %s): %s%n", loadSeconds,
                    queryString(c, "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c"
                            + " WHERE c.relnamespace = '" + SCHEMA + "'::regnamespace AND c.relkind = 'r'"), rows);
            start = System.nanoTime();
            List<Run> runs = TpchQueries.ALL.stream().map(Run::new).toList();
            for (Run run : runs) {
                create(c, run);
            }
            double createSeconds = seconds(start);
            out.printf("22 stream tables (plans installed) and materialized views created in %.1f s%n", createSeconds);
            steadyState(c);
            TpchWorkload workload = TpchWorkload.over(c, SEED);
            List<String> changes = differentialCycles(c, workload, runs);
            check(c, runs);
            changes.add(workload.runCycle(c).toString());
            baselines(c, runs);
            List<QueryFigures> figures = runs.stream().map(Run::figures).toList();
            List<QueryFigures> misses = figures.stream().filter(q -> q.miss() != null).toList();
            if (!misses.isEmpty()) {
                changes.add(workload.runCycle(c).toString());
                profile(c, runs, misses);
            }
            dropAll(c);
            return new Result(scaleFactor, cycles, rows, loadSeconds, createSeconds, changes, figures,
                    List.copyOf(problems), diagnostics.toString());
        }
    }

    /** One query's stream table and what was measured on it so far. */
    private static final class Run {
        final Query query;
        String plan = "error";
        String planReason = "";
        final List<String> actions = new ArrayList<>();
        final List<Double> differentialMillis = new ArrayList<>();
        double fullMillis = Double.NaN;
        String fullAction = "-";
        double materializedViewMillis = Double.NaN;
        double queryMillis = Double.NaN;
        boolean equal;
        String equality = "not checked";
        String profile = "";

        Run(Query query) {
            this.query = query;
        }

        String name() {
            return query.streamTable();
        }

        /**
         * The refresh mode of the measured cycles: differential where the plan is, so that the figure is the
         * differential refresh's (in mode auto, a cycle whose differential refreshes cost more than a FULL one
         * refreshes in full: auto_cost_choice); auto, hence FULL, where the plan is not differential.
         */
        String measuredMode() {
            return plan.equals("differential") ? "differential" : "auto";
        }

        /** Records a measured differential cycle's refresh; returns its milliseconds. */
        double add(Refresh refresh) {
            actions.add(refresh.action());
            differentialMillis.add(refresh.millis());
            return refresh.millis();
        }

        QueryFigures figures() {
            double median = differentialMillis.isEmpty() ? Double.NaN
                    : RefreshBenchmark.median(differentialMillis.stream().mapToDouble(Double::doubleValue).toArray());
            return new QueryFigures(query.name(), name(), plan, planReason, List.copyOf(actions), median, fullMillis,
                    fullAction, materializedViewMillis, queryMillis, equal, equality);
        }
    }

    // ------------------------------------------------------------------------------------------ set-up

    /** Drops the benchmark's stream tables through the API (their capture goes with them), then the schema. */
    private static void dropAll(Connection c) throws SQLException {
        for (Query query : TpchQueries.ALL) {
            String name = SCHEMA + "." + query.streamTable();
            if (queryLong(c, "SELECT count(*) FROM pgstream.stream_table WHERE relid = to_regclass('" + name + "')") > 0) {
                execute(c, "SELECT pgstream.drop_stream_table('" + name + "')");
            }
        }
        execute(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    /** The stream table in auto mode with its plan installed as the engine would, and its materialized view. */
    private void create(Connection c, Run run) throws SQLException {
        StreamTables.create(c, run.name(), run.query.sql(), "1d", "auto");
        try {
            PlanInstaller.install(c, run.name());
        } catch (SQLException | RuntimeException e) {
            // the compiler failing is a bug to report, not a reason to stop measuring: the table refreshes in full
            problem("compiling " + run.query.name() + " failed: " + e);
        }
        try (PreparedStatement statement = c.prepareStatement("SELECT plan, reason FROM pgstream.explain_stream_table(?)")) {
            statement.setString(1, run.name());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                run.plan = rs.getString(1);
                run.planReason = Objects.requireNonNullElse(rs.getString(2), "");
            }
        }
        execute(c, "CREATE MATERIALIZED VIEW " + run.name() + "_mv AS " + run.query.sql());
    }

    /** What autovacuum would have done by now on a running server: the sources, stream tables and catalog analyzed. */
    private static void steadyState(Connection c) throws SQLException {
        execute(c, "VACUUM ANALYZE " + queryString(c, "SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm')"
                + " AND n.nspname IN ('" + SCHEMA + "', 'pgstream', 'pgstream_changes')"));
    }

    // ------------------------------------------------------------------------------------------ measurements

    /**
     * The cycles, each RF1, RF2 and the updates, then every stream table refreshed; returns what each cycle changed.
     * The last cycle's refreshes are also profiled by pg_stream function (a few function-call timings per refresh).
     */
    private List<String> differentialCycles(Connection c, TpchWorkload workload, List<Run> runs) throws SQLException {
        List<String> changes = new ArrayList<>();
        for (Run run : runs) {
            setRefreshMode(c, run, run.measuredMode());
        }
        for (int cycle = 1; cycle <= cycles; cycle++) {
            long start = System.nanoTime();
            String changed = workload.runCycle(c).toString();
            double writeSeconds = seconds(start);
            start = System.nanoTime();
            for (Run run : runs) {
                if (cycle < cycles) {
                    run.add(refresh(c, run.name()));
                } else {
                    run.profile = DeltaProfile.functionTimes(c, run.query.name() + ": its refresh in cycle " + cycle, 1,
                            () -> run.add(refresh(c, run.name())));
                }
            }
            changes.add(changed);
            out.printf("cycle %d: %s (%.1f s); 22 refreshes in %.1f s%n", cycle, changed, writeSeconds, seconds(start));
            out.flush();
        }
        return changes;
    }

    /** Each stream table against its query; a difference is a problem. */
    private void check(Connection c, List<Run> runs) throws SQLException {
        long start = System.nanoTime();
        for (Run run : runs) {
            if (run.query.topN() != null) {
                TopNOracle.Check check = TopNOracle.check(c, run.name(), run.query);
                run.equal = check.matches();
                run.equality = check.describe();
            } else {
                ResultDifference difference = ResultDifference.between(c, run.name(), run.query.sql());
                run.equal = difference.none();
                run.equality = "%d row(s) missing, %d extra".formatted(difference.missing(), difference.extra());
            }
            if (!run.equal) {
                problem(run.query.name() + " differs from its query after the cycles: " + run.equality);
            }
        }
        out.printf("checked against their queries in %.1f s: %d of 22 equal%n", seconds(start),
                runs.stream().filter(run -> run.equal).count());
        out.flush();
    }

    /** After one more cycle: each stream table refreshed FULL, each view refreshed, each query run alone. */
    private void baselines(Connection c, List<Run> runs) throws SQLException {
        out.println("FULL refresh, REFRESH MATERIALIZED VIEW and the query alone, one query after the other ...");
        out.flush();
        for (Run run : runs) {
            setRefreshMode(c, run, "full");
            Refresh full = refresh(c, run.name());
            setRefreshMode(c, run, run.measuredMode());
            run.fullMillis = full.millis();
            run.fullAction = full.action();
            if (!full.action().equals("FULL")) {
                problem(run.query.name() + ": the refresh in refresh mode full was " + full.action());
            }
            run.materializedViewMillis = timedMillis(c, "REFRESH MATERIALIZED VIEW " + run.name() + "_mv");
            run.queryMillis = timedMillis(c, run.query.sql());
            out.printf(Locale.ROOT, "    %-4s FULL %.1f ms, REFRESH MATERIALIZED VIEW %.1f ms, the query %.1f ms%n",
                    run.query.name(), run.fullMillis, run.materializedViewMillis, run.queryMillis);
            out.flush();
        }
    }

    /**
     * For each miss: EXPLAIN (ANALYZE, BUFFERS) of its delta statement over the changes of one more cycle (rolled
     * back), and the profile of its refresh in the last measured cycle.
     */
    private void profile(Connection c, List<Run> runs, List<QueryFigures> misses) throws SQLException {
        out.printf("explaining the delta statements of the %d quer%s that miss a target ...%n", misses.size(),
                misses.size() == 1 ? "y" : "ies");
        out.flush();
        for (QueryFigures miss : misses) {
            Run run = runs.stream().filter(r -> r.query.name().equals(miss.query())).findFirst().orElseThrow();
            diagnostics.append("-- ").append(miss.query()).append(" (").append(miss.streamTable()).append("): ")
                    .append(miss.miss()).append("\n");
            if (miss.plan().equals("differential")) {
                diagnostics.append("-- EXPLAIN (ANALYZE, BUFFERS) of the delta statement over one cycle's changes,"
                                + " planned for its frontier (as a refresh of more than a few changes runs it)\n")
                        .append(DeltaProfile.explainedDelta(c, miss.streamTable())).append("\n\n")
                        .append("-- the same with its generic plan (as a refresh of few changes runs it, through the"
                                + " stream table's generated delta function)\n")
                        .append(DeltaProfile.explainedGenericDelta(c, miss.streamTable())).append("\n\n");
            }
            diagnostics.append(run.profile).append("\n");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void setRefreshMode(Connection c, Run run, String mode) throws SQLException {
        execute(c, "SELECT pgstream.alter_stream_table('" + run.name() + "', refresh_mode => '" + mode + "')");
    }

    private record Refresh(String action, double millis) {}

    private static Refresh refresh(Connection c, String table) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT action FROM pgstream.refresh_stream_table(?)")) {
            statement.setString(1, table);
            long start = System.nanoTime();
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Refresh(rs.getString(1), (System.nanoTime() - start) / 1e6);
            }
        }
    }

    /** The statement's time, its rows (if any) read to the end as a client would. */
    private static double timedMillis(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            long start = System.nanoTime();
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void problem(String message) {
        out.println("    PROBLEM: " + message);
        out.flush();
        problems.add(message);
    }
}
