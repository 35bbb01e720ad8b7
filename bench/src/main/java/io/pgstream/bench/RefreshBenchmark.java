package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryString;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * What a refresh costs. Stream tables over an {@code orders} table of {@code rows} rows (and a 10,000-row
 * {@code customers} table), each beside a materialized view of the same query (see {@link BenchTable}):
 * <ul>
 *   <li>(a) a one-row change, then a refresh, against {@code REFRESH MATERIALIZED VIEW}, for every table: a
 *       differential refresh where the compiler found a plan, FULL where it did not (the figures say which);
 *   <li>(b) the same at {@code scale} rows (0 skips it): does the latency stay flat as the table grows?
 *   <li>(c) deltas of 1 to 100,000 changed rows on {@code agg}: differential against FULL, and where FULL starts winning;
 *   <li>(d) single-row UPDATE transactions from 1 and 4 clients, on the captured table and an uncaptured copy;
 *   <li>(e) a refresh when nothing changed.
 * </ul>
 * (c), (d), (e) and the diagnostics run on the two baseline tables alone, as they always did, and only when both are
 * among the tables chosen. Beside the figures, diagnostics: the plan of each delta statement and the time by
 * pg_stream function of a one-row refresh. Every phase ends by checking that each stream table equals its query.
 * Everything lives in schema {@value #SCHEMA}, dropped and recreated at the start. Latencies are measured
 * client-side, around the statement, in autocommit (so they include the commit).
 */
public final class RefreshBenchmark {

    /** One measured figure; {@code table} is a stream table, "orders" or "orders_plain" in (d), or empty */
    public record Figure(String phase, String table, String measure, long rows, double value, String unit) {}

    /**
     * How a stream table was refreshed at {@code rows} orders: its plan and the reason given by
     * {@code explain_stream_table}, and the actions its measured refreshes reported, with the last one's reason.
     */
    public record TablePlan(String table, long rows, String plan, String planReason, String actions,
                            String refreshReason) {
        public boolean differential() {
            return plan.equals("differential");
        }

        /** How the figures name the refresh: "differential" or "FULL". */
        public String label() {
            return differential() ? "differential" : "FULL";
        }
    }

    /** All figures, the plans, the problems met (a failed verification, an unexpected refresh action), diagnostics. */
    public record Result(List<Figure> figures, List<TablePlan> plans, List<String> problems, String diagnostics) {}

    static final String SCHEMA = "refresh_bench";
    static final int CUSTOMERS = 10_000;
    static final long[] DELTA_SIZES = {1, 100, 10_000, 100_000};

    private final String jdbcUrl;
    private final long rows;
    private final long scale;
    private final List<BenchTable> chosen;
    private final int repetitions;
    private final int oltpSeconds;
    private final PrintWriter out;
    private final SplittableRandom random = new SplittableRandom(20261124L);
    private final List<Figure> figures = new ArrayList<>();
    private final List<TablePlan> plans = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final StringBuilder diagnostics = new StringBuilder();
    private final BenchStreamTables streamTables = new BenchStreamTables(this::problem);

    /**
     * @param chosen      the stream tables to measure (see {@link BenchTable#select})
     * @param repetitions one-row refreshes measured per stream table in (a), (b) and (e), when differential
     * @param oltpSeconds measured seconds per configuration in (d), split over two interleaved rounds
     */
    public RefreshBenchmark(String jdbcUrl, long rows, long scale, List<BenchTable> chosen, int repetitions,
                            int oltpSeconds, PrintWriter out) {
        checkSizes(rows, scale);
        this.jdbcUrl = jdbcUrl;
        this.rows = rows;
        this.scale = scale;
        this.chosen = List.copyOf(chosen);
        this.repetitions = repetitions;
        this.oltpSeconds = oltpSeconds;
        this.out = out;
    }

    /** Refuses sizes the benchmark cannot run with, before anything is started. */
    public static void checkSizes(long rows, long scale) {
        if (rows < 200_000) {
            throw new IllegalArgumentException("--rows must be at least 200000 (the largest delta is 100,000 rows)");
        }
        if (scale < 0) {
            throw new IllegalArgumentException("--scale must be 0 (skip) or a number of rows");
        }
    }

    public Result run() throws SQLException, InterruptedException {
        boolean allPhases = BenchTable.includesBaseline(chosen);
        try (Connection c = connect()) {
            load(c, rows);
            oneRowChange(c, rows, 3);
            if (allPhases) {
                explainDelta(c);
                streamTables.dropConstructs(c);
                withoutVacuum(c, rows);
                noChange(c, rows);
                deltaSizes(c);
                oltp(c);
            }
            if (scale > 0) {
                long start = System.nanoTime();
                load(c, scale);
                oneRowChange(c, scale, 1);
                if (allPhases) {
                    streamTables.dropConstructs(c);
                    noChange(c, scale);
                }
                add("load", "", "the whole --scale phase (load, create, (b), (e), verifications)", scale,
                        (System.nanoTime() - start) / 1e9, "s");
                addFlatness();
            }
            streamTables.dropAll(c);
        }
        return new Result(List.copyOf(figures), List.copyOf(plans), List.copyOf(problems), diagnostics.toString());
    }

    /** The one-row refresh median at --scale over the one at --rows, for each table. */
    private void addFlatness() {
        for (BenchTable table : chosen) {
            TablePlan small = planAt(plans, table.name(), rows);
            TablePlan large = planAt(plans, table.name(), scale);
            double ratio = value("b", table.name(), large.label() + " refresh, median", scale)
                    / value("a", table.name(), small.label() + " refresh, median", rows);
            add("b", table.name(), large.label() + " median, ratio to --rows", scale, ratio, "x");
        }
    }

    static TablePlan planAt(List<TablePlan> plans, String table, long n) {
        return plans.stream().filter(p -> p.table().equals(table) && p.rows() == n).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------------ set-up

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl);
        execute(c, "SET search_path = " + SCHEMA + ", public");
        return c;
    }

    /**
     * What autovacuum would have done by now on a server that has been running: dead rows vacuumed and
     * statistics gathered, for the sources as well as for the stream tables, the catalog and change buffers.
     */
    private static void steadyState(Connection c) throws SQLException {
        steadyState(c, List.of(SCHEMA));
    }

    /** The same for the tables of these schemas (names that need no quoting) and pg_stream's own. */
    static void steadyState(Connection c, List<String> schemas) throws SQLException {
        execute(c, "VACUUM ANALYZE " + queryString(c, "SELECT string_agg(format('%I.%I', n.nspname, c.relname), ', ')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm')"
                + " AND n.nspname IN ('" + String.join("', '", schemas) + "', 'pgstream', 'pgstream_changes')"));
    }

    /** Loads the tables with {@code n} orders, then creates the stream tables and materialized views. */
    private void load(Connection c, long n) throws SQLException {
        streamTables.dropAll(c);
        out.printf("%nloading %,d orders ...%n", n);
        out.flush();
        long start = System.nanoTime();
        execute(c, "CREATE SCHEMA " + SCHEMA);
        createSourceTables(c, n);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        add("load", "", "load orders (insert, indexes, VACUUM ANALYZE)", n, loadSeconds, "s");
        out.printf("loaded in %.1f s (%s)%n", loadSeconds,
                queryString(c, "SELECT pg_size_pretty(pg_total_relation_size('orders'))"));

        start = System.nanoTime();
        for (BenchTable table : chosen) {
            TablePlan plan = streamTables.create(c, table, n);
            out.printf("    %-16s %s%n", table.name(), plan.differential() ? "differential plan"
                    : "refreshes FULL: plan " + plan.plan() + ": " + plan.planReason());
        }
        double createSeconds = (System.nanoTime() - start) / 1e9;
        add("load", "", "create stream tables, install plans, create views", n, createSeconds, "s");
        out.printf("stream tables (plans installed) and materialized views created in %.1f s%n", createSeconds);
        steadyState(c);
        verify(c, "set-up at " + n + " rows");
    }

    /**
     * The tables {@code customers} ({@value #CUSTOMERS} rows) and {@code orders} ({@code n} rows), loaded, indexed
     * and vacuumed, in the first schema of the search path. The pg_ivm benchmark loads the same.
     */
    static void createSourceTables(Connection c, long n) throws SQLException {
        execute(c, "CREATE TABLE customers (id int PRIMARY KEY, region text, segment text)",
                "INSERT INTO customers SELECT g, (ARRAY['north', 'south', 'east', 'west', 'central'])[1 + g % 5],"
                        + " (ARRAY['retail', 'smb', 'enterprise'])[1 + g % 3] FROM generate_series(1, " + CUSTOMERS + ") g",
                "CREATE TABLE orders (id bigint, customer_id int, amount numeric(12,2), status text)",
                // ids spread over the customers, so that a range of ids touches as many groups as it has rows
                "INSERT INTO orders SELECT g, (1 + g * 7919 % " + CUSTOMERS + ")::int, (g * 37 % 100000) / 100.0,"
                        + " (ARRAY['new', 'paid', 'shipped', 'returned'])[1 + g % 4]"
                        + " FROM generate_series(1::bigint, " + n + ") g",
                "ALTER TABLE orders ADD PRIMARY KEY (id)",
                "CREATE INDEX orders_customer_id_idx ON orders (customer_id)",
                "VACUUM ANALYZE customers, orders");
    }

    // ------------------------------------------------------------------------------------------ (a), (b)

    /**
     * One committed one-row change, then each stream table refreshed; then the views, {@code mvRuns} times. The
     * differential tables go first: 5 warm-up rounds, then {@code repetitions} measured. The tables that refresh in
     * full follow, in rounds of their own, measured as the views are ({@code mvRuns} runs, no warm-up), since each of
     * their refreshes costs about what a view's does; the differential tables then catch up on those rounds' changes,
     * so that every table ends the phase equal to its query.
     */
    private void oneRowChange(Connection c, long n, int mvRuns) throws SQLException {
        String phase = n == rows ? "a" : "b";
        steadyState(c);
        List<BenchTable> differential = streamTables.withPlan(true);
        List<BenchTable> full = streamTables.withPlan(false);
        Map<String, Samples> samples = new LinkedHashMap<>();
        samples.putAll(measureRounds(c, phase, differential, 5, repetitions, n));
        samples.putAll(measureRounds(c, phase, full, 0, mvRuns, n));
        if (!full.isEmpty()) {
            for (BenchTable table : differential) {
                refresh(c, table.name(), streamTables.expectedAction(table));
            }
        }
        for (BenchTable table : streamTables.all()) {
            addOneRowFigures(c, phase, streamTables.plan(table), samples.get(table.name()), mvRuns);
        }
        verify(c, "(" + phase + ") at " + n + " rows");
    }

    /** The refreshes measured for one table, and what they reported. */
    private static final class Samples {
        final double[] client;
        final double[] server;
        final Set<String> actions = new TreeSet<>();
        String lastReason = "";

        Samples(int rounds) {
            client = new double[rounds];
            server = new double[rounds];
        }

        void add(int round, Refresh refresh) {
            client[round] = refresh.clientMillis();
            server[round] = refresh.serverMillis();
            actions.add(refresh.action());
            lastReason = Objects.requireNonNullElse(refresh.reason(), "");
        }
    }

    /** Rounds of one committed one-row change followed by a refresh of each table of the group. */
    private Map<String, Samples> measureRounds(Connection c, String phase, List<BenchTable> group, int warmUps,
                                               int rounds, long n) throws SQLException {
        Map<String, Samples> samples = new LinkedHashMap<>();
        if (group.isEmpty()) {
            return samples;
        }
        String label = streamTables.plan(group.get(0)).label();
        out.printf("(%s) one-row change, %s refresh, %d repetitions at %,d rows: %s ...%n", phase, label, rounds, n,
                String.join(", ", group.stream().map(BenchTable::name).toList()));
        out.flush();
        group.forEach(table -> samples.put(table.name(), new Samples(rounds)));
        try (PreparedStatement update = c.prepareStatement("UPDATE orders SET amount = amount + 1 WHERE id = ?")) {
            for (int r = -warmUps; r < rounds; r++) {
                update.setLong(1, 1 + random.nextLong(n));
                update.executeUpdate();
                for (BenchTable table : group) {
                    Refresh refresh = refresh(c, table.name(), streamTables.expectedAction(table));
                    if (r >= 0) {
                        samples.get(table.name()).add(r, refresh);
                    }
                }
            }
        }
        return samples;
    }

    /**
     * (f) The one-row change of (a) again with no VACUUM before it, after three times as many unmeasured rounds:
     * what a server that relies on autovacuum sees between its runs, the change buffers and stream tables holding
     * the dead rows of every refresh since the last VACUUM.
     */
    private void withoutVacuum(Connection c, long n) throws SQLException {
        List<BenchTable> group = streamTables.withPlan(true);
        Map<String, Samples> samples = measureRounds(c, "f", group, 3 * repetitions, repetitions, n);
        for (BenchTable table : group) {
            Samples measured = samples.get(table.name());
            add("f", table.name(), "differential refresh without VACUUM, median", n, median(measured.client), "ms");
            add("f", table.name(), "differential refresh without VACUUM, server-side median", n, median(measured.server),
                    "ms");
        }
        verify(c, "(f) at " + n + " rows");
    }

    /** The refresh figures of one table (named by how it refreshes), its view's, and the plan it was measured with. */
    private void addOneRowFigures(Connection c, String phase, TablePlan plan, Samples samples, int mvRuns)
            throws SQLException {
        String table = plan.table();
        long n = plan.rows();
        double median = median(samples.client);
        add(phase, table, plan.label() + " refresh, median", n, median, "ms");
        add(phase, table, plan.label() + " refresh, p95", n, percentile(samples.client, 0.95), "ms");
        add(phase, table, plan.label() + " refresh, server-side median", n, median(samples.server), "ms");
        double[] mv = new double[mvRuns];
        for (int r = 0; r < mvRuns; r++) {
            mv[r] = timedMillis(c, "REFRESH MATERIALIZED VIEW " + table + "_mv");
        }
        double mvMedian = median(mv);
        add(phase, table, mvRuns == 1 ? "REFRESH MATERIALIZED VIEW, one run" : "REFRESH MATERIALIZED VIEW, median of "
                + mvRuns, n, mvMedian, "ms");
        add(phase, table, "speed-up over REFRESH MATERIALIZED VIEW", n, mvMedian / median, "x");
        plans.add(new TablePlan(table, n, plan.plan(), plan.planReason(), String.join(", ", samples.actions),
                samples.lastReason));
    }

    /**
     * Where a one-row refresh spends its time: EXPLAIN (ANALYZE, BUFFERS) of the delta statement after a
     * one-row change (in a transaction rolled back, its parameters bound to the stored frontier), then the
     * time by pg_stream function over 20 one-row refreshes. Written to the diagnostics, not measured figures.
     */
    private void explainDelta(Connection c) throws SQLException {
        for (String table : streamTables.names()) {
            execute(c, "UPDATE orders SET amount = amount + 1 WHERE id = " + (1 + random.nextLong(rows)));
            String plan = DeltaProfile.explainedDelta(c, table);
            for (String each : streamTables.names()) {
                refresh(c, each, "DIFFERENTIAL");
            }
            diagnostics.append("-- ").append(table).append(": EXPLAIN (ANALYZE, BUFFERS) of the delta statement after a")
                    .append(" one-row change, ").append(rows).append(" rows\n").append(plan).append("\n\n");
            diagnostics.append(functionTimes(c, table, 20)).append("\n");
        }
        verify(c, "the diagnostics");
    }

    /** Where the time of one-row refreshes of {@code table} goes, by pg_stream function (see {@link DeltaProfile}). */
    private String functionTimes(Connection c, String table, int refreshes) throws SQLException {
        String times = DeltaProfile.functionTimes(c, table + ": per one-row refresh", refreshes, () -> {
            execute(c, "UPDATE orders SET amount = amount + 1 WHERE id = " + (1 + random.nextLong(rows)));
            return refresh(c, table, "DIFFERENTIAL").clientMillis();
        });
        for (String each : streamTables.names()) {
            refresh(c, each, null);
        }
        return times;
    }

    // ------------------------------------------------------------------------------------------ (e)

    private void noChange(Connection c, long n) throws SQLException {
        out.printf("(e) refresh with nothing changed, %d repetitions at %,d rows ...%n", repetitions, n);
        out.flush();
        for (String table : streamTables.names()) {
            refresh(c, table, null);
            double[] millis = new double[repetitions];
            for (int r = -5; r < repetitions; r++) {
                Refresh refresh = refresh(c, table, "SKIP");
                if (r >= 0) {
                    millis[r] = refresh.clientMillis();
                }
            }
            add("e", table, "no-change refresh (SKIP), median", n, median(millis), "ms");
            add("e", table, "no-change refresh (SKIP), p95", n, percentile(millis, 0.95), "ms");
        }
        verify(c, "(e) at " + n + " rows");
    }

    // ------------------------------------------------------------------------------------------ (c)

    /**
     * Deltas of growing size on {@code agg}: the same kind of change refreshed in refresh mode differential,
     * then in refresh mode full (median of 5 runs up to 10,000 rows, 3 at 100,000). {@code join_agg} is
     * refreshed first, untimed, so that {@code agg}'s refresh is the one that trims the buffer, as it would be
     * if it were the only reader of {@code orders}. While differential is still the faster at the largest size,
     * a quarter, half, then all of the table follow (one run each) until FULL wins.
     */
    private void deltaSizes(Connection c) throws SQLException {
        out.printf("(c) delta sizes on %s at %,d rows ...%n", BenchTable.AGG, rows);
        out.flush();
        List<Long> sizes = new ArrayList<>(Arrays.stream(DELTA_SIZES).boxed().toList());
        for (int i = 0; i < sizes.size(); i++) {
            long k = sizes.get(i);
            steadyState(c);
            int runs = k <= 10_000 ? 5 : k <= 100_000 ? 3 : 1;
            double differential = medianRefresh(c, k, runs, "differential", "DIFFERENTIAL");
            double full = medianRefresh(c, k, runs, "full", "FULL");
            add("c", BenchTable.AGG, "differential refresh, median", k, differential, "ms");
            add("c", BenchTable.AGG, "FULL refresh, median", k, full, "ms");
            out.printf("    %,9d changed rows: differential %.1f ms, FULL %.1f ms%n", k, differential, full);
            out.flush();
            // no crossover yet: go on with a quarter, half and all of the table
            if (i == sizes.size() - 1 && differential < full && k < rows) {
                for (long more : new long[] {rows / 4, rows / 2, rows}) {
                    if (more > k) {
                        sizes.add(more);
                        break;
                    }
                }
            }
        }
        execute(c, "SELECT pgstream.alter_stream_table('" + BenchTable.AGG + "', refresh_mode => 'auto')");
        verify(c, "(c)");
    }

    private double medianRefresh(Connection c, long k, int runs, String mode, String action) throws SQLException {
        execute(c, "SELECT pgstream.alter_stream_table('" + BenchTable.AGG + "', refresh_mode => '" + mode + "')");
        double[] millis = new double[runs];
        for (int r = 0; r < runs; r++) {
            long first = 1 + random.nextLong(rows - k + 1);
            execute(c, "UPDATE orders SET amount = amount + 1 WHERE id BETWEEN " + first + " AND " + (first + k - 1));
            refresh(c, BenchTable.JOIN_AGG, null);
            millis[r] = refresh(c, BenchTable.AGG, action).clientMillis();
        }
        return median(millis);
    }

    /** Where FULL becomes faster: interpolated between the measured sizes on a log scale, or -1. */
    static double crossover(List<Figure> figures) {
        List<Figure> differential = figures.stream()
                .filter(f -> f.phase().equals("c") && f.measure().startsWith("differential")).toList();
        double previousK = 0;
        double previousLog = 0;
        for (Figure d : differential) {
            Figure full = figures.stream().filter(f -> f.phase().equals("c") && f.measure().startsWith("FULL")
                    && f.rows() == d.rows()).findFirst().orElseThrow();
            double log = Math.log(d.value() / full.value());
            if (log >= 0) {
                if (previousK == 0) {
                    return d.rows();
                }
                double t = -previousLog / (log - previousLog);
                return Math.exp(Math.log(previousK) + t * (Math.log(d.rows()) - Math.log(previousK)));
            }
            previousK = d.rows();
            previousLog = log;
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------ (d)

    /**
     * Single-row UPDATEs by primary key, autocommit, on orders (captured: both stream tables read it) and on
     * an identical uncaptured copy; 1 and 4 clients; two rounds, the order of the tables swapped in the second.
     */
    private void oltp(Connection c) throws SQLException, InterruptedException {
        out.printf("(d) single-row UPDATE transactions, %d s per configuration ...%n", oltpSeconds);
        out.flush();
        execute(c, "CREATE TABLE orders_plain (LIKE orders INCLUDING ALL)",
                "INSERT INTO orders_plain SELECT * FROM orders");
        steadyState(c);
        OltpWriters writers = new OltpWriters(this::connect, "UPDATE %s SET amount = amount + 1 WHERE id = ?", rows,
                random.nextLong());
        for (int clients : new int[] {1, 4}) {
            String suffix = ", " + clients + (clients == 1 ? " client" : " clients");
            Map<String, OltpWriters.Result> results =
                    writers.compare(List.of("orders_plain", "orders"), clients, oltpSeconds, table -> { });
            results.forEach((table, result) -> {
                add("d", table, "TPS" + suffix, rows, result.tps(), "tx/s");
                add("d", table, "mean latency" + suffix, rows, result.meanLatencyMicros(), "µs");
            });
            add("d", "", "captured / uncaptured TPS" + suffix, rows,
                    results.get("orders").tps() / results.get("orders_plain").tps(), "x");
        }
        execute(c, "DROP TABLE orders_plain");
        for (String table : streamTables.names()) {
            refresh(c, table, null);
        }
        verify(c, "(d)");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private record Refresh(String action, String reason, double clientMillis, double serverMillis) {}

    /** Refreshes now; a different action than {@code expected} (when given) is recorded as a problem. */
    private Refresh refresh(Connection c, String table, String expected) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT action, reason, extract(epoch FROM duration) * 1000 FROM pgstream.refresh_stream_table(?)")) {
            statement.setString(1, table);
            long start = System.nanoTime();
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                double millis = (System.nanoTime() - start) / 1e6;
                String action = rs.getString(1);
                if (expected != null && !expected.equals(action)) {
                    problem("refresh of " + table + " was " + action + " (" + rs.getString(2) + "), expected " + expected);
                }
                return new Refresh(action, rs.getString(2), millis, rs.getDouble(3));
            }
        }
    }

    /** Each stream table must equal its query, as a multiset of its visible columns. */
    private void verify(Connection c, String when) throws SQLException {
        List<String> checked = new ArrayList<>();
        for (BenchTable table : streamTables.all()) {
            long[] differing = BenchStreamTables.differences(c, table);
            long onlyStored = differing[0];
            long onlyFresh = differing[1];
            if (onlyStored + onlyFresh > 0) {
                problem("after " + when + ": " + table.name() + " differs from its query: " + onlyStored
                        + " rows only in the table, " + onlyFresh + " only in the query");
            } else {
                checked.add(table.name());
            }
        }
        out.printf("    verified after %s: %s equal their queries%n", when, String.join(", ", checked));
        out.flush();
    }

    private void problem(String message) {
        out.println("    PROBLEM: " + message);
        out.flush();
        problems.add(message);
    }

    private void add(String phase, String table, String measure, long n, double value, String unit) {
        figures.add(new Figure(phase, table, measure, n, value, unit));
    }

    private double value(String phase, String table, String measure, long n) {
        return value(figures, phase, table, measure, n);
    }

    static double value(List<Figure> figures, String phase, String table, String measure, long n) {
        return figures.stream()
                .filter(f -> f.phase().equals(phase) && f.table().equals(table) && f.measure().equals(measure)
                        && f.rows() == n)
                .findFirst().map(Figure::value).orElse(Double.NaN);
    }

    static double timedMillis(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            long start = System.nanoTime();
            statement.execute(sql);
            return (System.nanoTime() - start) / 1e6;
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest rank. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
