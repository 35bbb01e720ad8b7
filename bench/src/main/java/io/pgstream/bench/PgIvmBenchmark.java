package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryString;
import static io.pgstream.bench.RefreshBenchmark.median;
import static io.pgstream.bench.RefreshBenchmark.timedMillis;
import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.compile.PlanInstaller;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * pg_ivm side by side with pg_stream (issue 12), on one server that has both. The refresh benchmark's {@code orders}
 * ({@code rows} rows) and {@code customers} tables, loaded alike in four schemas, one per {@link Variant}, with the
 * refresh benchmark's {@code agg} and {@code join_agg} kept up to date over them by pg_ivm, by pg_stream, or not
 * at all. Measured:
 * <ul>
 *   <li>single-row UPDATEs by key, autocommit, from 1, 4 and 8 clients: TPS, mean and p99 latency, the four
 *       copies measured in turn in two rounds (the order reversed in the second);
 *   <li>batches of 1, 100 and 10,000 changed rows (one UPDATE of a range of ids, the same ranges in each copy):
 *       pg_ivm maintains its views inside the writing transaction, so its cost is that transaction's time minus
 *       the same UPDATE's on the copy without views, run just before it; pg_stream's is what capture adds to the
 *       transaction, measured the same way, plus one refresh of each stream table afterwards. Medians of
 *       {@value #SMALL_BATCH_RUNS} runs ({@value #LARGE_BATCH_RUNS} of 10,000 rows), after a warm-up run.
 * </ul>
 * Copies rather than one table re-created per variant, so that each client count measures the variants in turn
 * within minutes (drift on a shared machine weighs on all alike), on tables loaded, indexed and vacuumed the same
 * way. The engine, needed for WAL capture, runs only while the WAL copy is written and refreshed: its decoder reads
 * all of the server's WAL, and that work must weigh on the WAL variant alone. The stream tables never refresh on
 * their own (schedule 1d); they are refreshed after each measurement, untimed in the OLTP phase, so that every view
 * can be checked against its query at the end of each phase.
 */
public final class PgIvmBenchmark {

    /**
     * One measured figure: {@code phase} "oltp" (then {@code size} is the client count) or "batch" ({@code size}
     * is the rows changed).
     */
    public record Figure(String phase, String variant, String measure, long size, double value, String unit) {}

    /** The figures, and what went wrong without stopping the benchmark (a view that differs from its query). */
    public record Result(List<Figure> figures, List<String> problems) {}

    /** How the views over a copy are kept up to date; each copy lives in schema {@code pgivm_<label>}. */
    enum Variant {
        NONE, PG_IVM, TRIGGERS, WAL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        String schema() {
            return "pgivm_" + label();
        }

        String orders() {
            return schema() + ".orders";
        }

        boolean streamTables() {
            return this == TRIGGERS || this == WAL;
        }
    }

    /** The variants whose views are kept up to date. */
    static final List<Variant> MAINTAINED = List.of(Variant.PG_IVM, Variant.TRIGGERS, Variant.WAL);
    static final List<BenchTable> VIEWS = BenchTable.select(List.of(BenchTable.AGG, BenchTable.JOIN_AGG));
    static final int[] CLIENTS = {1, 4, 8};
    static final long[] BATCH_SIZES = {1, 100, 10_000};
    static final long LARGE_BATCH = 10_000;
    static final int SMALL_BATCH_RUNS = 15;
    static final int LARGE_BATCH_RUNS = 5;
    private static final Duration DECODER_START_TIMEOUT = Duration.ofSeconds(60);

    private final String jdbcUrl;
    private final long rows;
    private final int oltpSeconds;
    private final PrintWriter out;
    private final SplittableRandom random = new SplittableRandom(20261202L);
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** @param oltpSeconds measured seconds per variant and client count, over the two rounds */
    public PgIvmBenchmark(String jdbcUrl, long rows, int oltpSeconds, PrintWriter out) {
        checkRows(rows);
        this.jdbcUrl = jdbcUrl;
        this.rows = rows;
        this.oltpSeconds = oltpSeconds;
        this.out = out;
    }

    /**
     * Refuses a table too small for the largest batch, before anything is built or started: below ten times its
     * size, pg_stream would refresh it in FULL (setting differential_max_change_ratio, 0.3 by default, counts an
     * updated row twice), and the benchmark measures differential refreshes.
     */
    public static void checkRows(long rows) {
        long least = 10 * BATCH_SIZES[BATCH_SIZES.length - 1];
        if (rows < least) {
            throw new IllegalArgumentException("--rows must be at least " + least + " (ten times the largest batch)");
        }
    }

    public Result run() throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            // the engine is stopped while the other copies are measured: its slot must not count as abandoned
            execute(c, "UPDATE pgstream.settings SET value = '1 day' WHERE name = 'wal_consumer_timeout'");
            for (Variant variant : Variant.values()) {
                setUp(c, variant);
            }
            try (Engine engine = startEngine(c)) {
                CaptureBenchmark.awaitWalCapture(c, Variant.WAL.orders());
                refreshAll(c, Variant.WAL);
            }
            oltp(c);
            verify(c, "the single-row UPDATEs");
            batches(c);
            verify(c, "the batches");
        }
        return new Result(List.copyOf(figures), List.copyOf(problems));
    }

    // ------------------------------------------------------------------------------------------ set-up

    private void setUp(Connection c, Variant variant) throws SQLException {
        out.printf("%s: loading %,d orders into %s ...%n", variant.label(), rows, variant.schema());
        out.flush();
        long start = System.nanoTime();
        execute(c, "CREATE SCHEMA " + variant.schema(), "SET search_path = " + variant.schema());
        RefreshBenchmark.createSourceTables(c, rows);
        for (BenchTable view : VIEWS) {
            if (variant == Variant.PG_IVM) {
                execute(c, "SELECT pgivm.create_immv('" + qualified(variant, view) + "', $q$" + view.query() + "$q$)");
            } else if (variant.streamTables()) {
                createStreamTable(c, variant, view);
            }
        }
        if (variant == Variant.TRIGGERS) {
            execute(c, "SELECT pgstream.set_capture('" + variant.orders() + "', 'trigger')",
                    "SELECT pgstream.set_capture('" + variant.schema() + ".customers', 'trigger')");
        }
        execute(c, "RESET search_path");
        out.printf("    loaded and views created in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** A stream table with its differential plan compiled and installed now, as the engine would. */
    private static void createStreamTable(Connection c, Variant variant, BenchTable view) throws SQLException {
        String name = qualified(variant, view);
        execute(c, "SELECT pgstream.create_stream_table('" + name + "', $q$" + view.query()
                + "$q$, schedule => '1d', refresh_mode => 'auto')");
        PlanInstaller.install(c, name);
        String plan = queryString(c, "SELECT plan || ': ' || coalesce(reason, '')"
                + " FROM pgstream.explain_stream_table('" + name + "')");
        if (!plan.startsWith("differential")) {
            throw new IllegalStateException("stream table " + name + " got no differential plan: " + plan);
        }
    }

    /**
     * An engine whose decoder streams the slot, once there is one: a refresh of a WAL-captured source before the
     * decoder is back would move the source to triggers.
     */
    private Engine startEngine(Connection c) throws SQLException, InterruptedException {
        Engine engine = Engine.start(new EngineConfig(List.of(jdbcUrl), 2, Duration.ofMillis(200)));
        long deadline = System.nanoTime() + DECODER_START_TIMEOUT.toNanos();
        while (queryString(c, "SELECT coalesce(pgstream._decoder_alive(), true)::text").equals("false")) {
            if (System.nanoTime() > deadline) {
                engine.close();
                throw new IllegalStateException("the engine's decoder did not stream the slot within "
                        + DECODER_START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        return engine;
    }

    // ------------------------------------------------------------------------------------------ OLTP

    private void oltp(Connection c) throws SQLException, InterruptedException {
        out.printf("single-row UPDATEs, %d s per variant and client count ...%n", oltpSeconds);
        out.flush();
        RefreshBenchmark.steadyState(c, schemas());
        List<String> tables = Arrays.stream(Variant.values()).map(Variant::orders).toList();
        OltpWriters writers = new OltpWriters(() -> DriverManager.getConnection(jdbcUrl),
                "UPDATE %s SET amount = amount + 1 WHERE id = ?", rows, random.nextLong());
        EngineWhileWal engine = new EngineWhileWal(c);
        for (int clients : CLIENTS) {
            Map<String, OltpWriters.Result> results =
                    writers.compare(tables, clients, oltpSeconds, engine::before, engine::after);
            for (Variant variant : Variant.values()) {
                addOltpFigures(variant, clients, results.get(variant.orders()), results.get(Variant.NONE.orders()));
            }
            out.printf("    %d %s: %s%n", clients, clients == 1 ? "client" : "clients", String.join(", ",
                    Arrays.stream(Variant.values()).map(v -> String.format(Locale.ROOT, "%s %.0f TPS", v.label(),
                            results.get(v.orders()).tps())).toList()));
            out.flush();
        }
    }

    /**
     * Starts the engine before the WAL copy is measured, and after it lets the decoder catch up, refreshes that
     * copy's stream tables and stops the engine; the trigger copy's stream tables are refreshed after it is measured.
     */
    private final class EngineWhileWal {
        private final Connection c;
        private Engine engine;

        EngineWhileWal(Connection c) {
            this.c = c;
        }

        void before(String table) throws SQLException, InterruptedException {
            if (table.equals(Variant.WAL.orders())) {
                engine = startEngine(c);
                refreshAll(c, Variant.WAL); // the decoder has caught up on the WAL written while it was stopped
            }
        }

        void after(String table) throws SQLException {
            if (table.equals(Variant.TRIGGERS.orders())) {
                refreshAll(c, Variant.TRIGGERS);
            } else if (table.equals(Variant.WAL.orders())) {
                refreshAll(c, Variant.WAL);
                engine.close();
                engine = null;
            }
        }
    }

    private void addOltpFigures(Variant variant, int clients, OltpWriters.Result result, OltpWriters.Result none) {
        add("oltp", variant, "TPS", clients, result.tps(), "tx/s");
        add("oltp", variant, "mean latency", clients, result.meanLatencyMicros(), "µs");
        add("oltp", variant, "p99 latency", clients, result.latencyPercentileMicros(0.99), "µs");
        if (variant != Variant.NONE) {
            add("oltp", variant, "TPS / TPS without views", clients, result.tps() / none.tps(), "x");
        }
    }

    // ------------------------------------------------------------------------------------------ batches

    /**
     * The times of one batch size, run by run, per variant: its writer's, the uncaptured copy's UPDATE of the same
     * range just before it (paired, so that drift on a shared machine cancels out of the difference), its refreshes.
     */
    private static final class BatchRuns {
        private final int runs;
        private final double[][] writer;
        private final double[][] pairedNone;
        private final double[][][] refresh;

        BatchRuns(int runs) {
            this.runs = runs;
            writer = new double[Variant.values().length][runs];
            pairedNone = new double[Variant.values().length][runs];
            refresh = new double[Variant.values().length][VIEWS.size()][runs];
        }

        void record(Variant variant, int run, double noneMillis, double writerMillis, double[] refreshMillis) {
            pairedNone[variant.ordinal()][run] = noneMillis;
            writer[variant.ordinal()][run] = writerMillis;
            for (int v = 0; v < refreshMillis.length; v++) {
                refresh[variant.ordinal()][v][run] = refreshMillis[v];
            }
        }

        double writer(Variant variant) {
            return median(writer[variant.ordinal()]);
        }

        /** The uncaptured UPDATE's median over the pairs of every variant with views. */
        double none() {
            return median(MAINTAINED.stream().flatMapToDouble(v -> Arrays.stream(pairedNone[v.ordinal()])).toArray());
        }

        /** What the variant adds to the writing transaction: the median of its time minus its pair's. */
        double overhead(Variant variant) {
            double[] differences = new double[runs];
            Arrays.setAll(differences, r -> writer[variant.ordinal()][r] - pairedNone[variant.ordinal()][r]);
            return median(differences);
        }

        double refresh(Variant variant, int view) {
            return median(refresh[variant.ordinal()][view]);
        }

        /** The median over the runs of every view's refresh, summed per run. */
        double refreshAll(Variant variant) {
            double[] sums = new double[runs];
            for (double[] view : refresh[variant.ordinal()]) {
                Arrays.setAll(sums, r -> sums[r] + view[r]);
            }
            return median(sums);
        }
    }

    private void batches(Connection c) throws SQLException, InterruptedException {
        out.printf("batches of %s changed rows, %d runs each (%d from %,d rows on), after a warm-up run ...%n",
                String.join(", ", Arrays.stream(BATCH_SIZES).mapToObj(k -> String.format("%,d", k)).toList()),
                SMALL_BATCH_RUNS, LARGE_BATCH_RUNS, LARGE_BATCH);
        out.flush();
        for (long k : BATCH_SIZES) {
            RefreshBenchmark.steadyState(c, schemas());
            long[] firsts = new long[1 + (k < LARGE_BATCH ? SMALL_BATCH_RUNS : LARGE_BATCH_RUNS)];
            Arrays.setAll(firsts, r -> 1 + random.nextLong(rows - k + 1));
            BatchRuns runs = new BatchRuns(firsts.length - 1);
            measureBatches(c, List.of(Variant.PG_IVM, Variant.TRIGGERS), firsts, k, runs);
            try (Engine engine = startEngine(c)) {
                refreshAll(c, Variant.WAL);
                measureBatches(c, List.of(Variant.WAL), firsts, k, runs);
            }
            addBatchFigures(k, runs);
            out.printf(Locale.ROOT, "    %,6d rows: pg_ivm in the writer %.2f ms; triggers %.2f + refreshes %.2f ms;"
                            + " WAL %.2f + refreshes %.2f ms%n", k, runs.overhead(Variant.PG_IVM),
                    runs.overhead(Variant.TRIGGERS), runs.refreshAll(Variant.TRIGGERS),
                    runs.overhead(Variant.WAL), runs.refreshAll(Variant.WAL));
            out.flush();
        }
    }

    /**
     * Run by run, for each variant: the uncaptured copy's UPDATE of the run's range, the same UPDATE on the variant's
     * copy, then its stream tables refreshed; {@code firsts[0]} is the warm-up run's range, not recorded.
     */
    private void measureBatches(Connection c, List<Variant> variants, long[] firsts, long k, BatchRuns runs)
            throws SQLException {
        for (int r = 0; r < firsts.length; r++) {
            for (Variant variant : variants) {
                double none = timedMillis(c, batchUpdate(Variant.NONE, firsts[r], k));
                double writer = timedMillis(c, batchUpdate(variant, firsts[r], k));
                double[] refreshes = new double[variant.streamTables() ? VIEWS.size() : 0];
                for (int v = 0; v < refreshes.length; v++) {
                    refreshes[v] = refresh(c, qualified(variant, VIEWS.get(v)));
                }
                if (r > 0) {
                    runs.record(variant, r - 1, none, writer, refreshes);
                }
            }
        }
    }

    private static String batchUpdate(Variant variant, long first, long k) {
        return "UPDATE " + variant.orders() + " SET amount = amount + 1 WHERE id BETWEEN " + first + " AND "
                + (first + k - 1);
    }

    private void addBatchFigures(long k, BatchRuns runs) {
        add("batch", Variant.NONE, "writer transaction, median", k, runs.none(), "ms");
        for (Variant variant : MAINTAINED) {
            add("batch", variant, "writer transaction, median", k, runs.writer(variant), "ms");
        }
        add("batch", Variant.PG_IVM, "maintenance in the writer (with IMMVs minus without)", k,
                runs.overhead(Variant.PG_IVM), "ms");
        for (Variant variant : List.of(Variant.TRIGGERS, Variant.WAL)) {
            add("batch", variant, "capture in the writer (captured minus uncaptured)", k, runs.overhead(variant), "ms");
            for (int v = 0; v < VIEWS.size(); v++) {
                add("batch", variant, "refresh " + VIEWS.get(v).name() + ", median", k, runs.refresh(variant, v), "ms");
            }
            add("batch", variant, "refresh of both views, median", k, runs.refreshAll(variant), "ms");
            add("batch", variant, "capture + refresh", k, runs.overhead(variant) + runs.refreshAll(variant), "ms");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Milliseconds of one refresh; an action other than DIFFERENTIAL is recorded as a problem. */
    private double refresh(Connection c, String streamTable) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT action, reason FROM pgstream.refresh_stream_table(?)")) {
            statement.setString(1, streamTable);
            long start = System.nanoTime();
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                double millis = (System.nanoTime() - start) / 1e6;
                if (!rs.getString(1).equals("DIFFERENTIAL")) {
                    problem("refresh of " + streamTable + " was " + rs.getString(1) + " (" + rs.getString(2)
                            + "), expected DIFFERENTIAL");
                }
                return millis;
            }
        }
    }

    /** Refreshes the variant's stream tables, untimed, whatever the action. */
    private static void refreshAll(Connection c, Variant variant) throws SQLException {
        for (BenchTable view : VIEWS) {
            execute(c, "SELECT pgstream.refresh_stream_table('" + qualified(variant, view) + "')");
        }
    }

    /** Every maintained view must equal its query over its own copy, and the WAL copy must still be on the WAL. */
    private void verify(Connection c, String when) throws SQLException {
        String capture = CaptureBenchmark.captureState(c, Variant.WAL.orders());
        if (!capture.startsWith("wal ")) {
            problem("after " + when + ": " + Variant.WAL.orders() + " is not captured from the WAL: " + capture);
        }
        List<String> checked = new ArrayList<>();
        for (Variant variant : MAINTAINED) {
            execute(c, "SET search_path = " + variant.schema());
            for (BenchTable view : VIEWS) {
                long[] differing = BenchStreamTables.differences(c, qualified(variant, view), view.query());
                if (differing[0] + differing[1] > 0) {
                    problem("after " + when + ": " + qualified(variant, view) + " differs from its query: "
                            + differing[0] + " rows only in the view, " + differing[1] + " only in the query");
                } else {
                    checked.add(qualified(variant, view));
                }
            }
        }
        execute(c, "RESET search_path");
        out.printf("    verified after %s: %s equal their queries%n", when, String.join(", ", checked));
        out.flush();
    }

    private static List<String> schemas() {
        return Arrays.stream(Variant.values()).map(Variant::schema).toList();
    }

    private static String qualified(Variant variant, BenchTable view) {
        return variant.schema() + "." + view.name();
    }

    private void problem(String message) {
        out.println("    PROBLEM: " + message);
        out.flush();
        problems.add(message);
    }

    private void add(String phase, Variant variant, String measure, long size, double value, String unit) {
        figures.add(new Figure(phase, variant.label(), measure, size, value, unit));
    }
}
