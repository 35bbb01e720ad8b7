package io.pgstream.bench;

import com.sun.management.OperatingSystemMXBean;
import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.extension.ExtensionInstaller;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs the benchmarks on the embedded PostgreSQL 18 (or on a given database) and records the figures. */
public final class BenchRunner {

    private BenchRunner() {}

    /** Database {@code bench} on the server, with pg_stream installed. */
    private static void createBenchDatabase(EmbeddedPostgres server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE bench");
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("bench"))) {
            ExtensionInstaller.install(c, ExtensionInstaller.Method.AUTO);
        }
    }

    /**
     * The capture benchmark; with no URL, on a fresh embedded server with production-like durability and WAL
     * room enough that no checkpoint is forced in the middle of a measurement.
     */
    public static List<CaptureBenchmark.Figure> capture(String jdbcUrl, CaptureBenchmark.Sizes sizes, Path resultsDir,
                                                        PrintWriter out)
            throws IOException, SQLException, InterruptedException {
        if (jdbcUrl != null) {
            return captureOn(jdbcUrl, sizes, resultsDir, out);
        }
        // fsync stays off as in every embedded run; synchronous_commit on makes single-row commits realistic
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setting("synchronous_commit", "on")
                .setting("max_wal_size", "4GB")
                .setting("checkpoint_timeout", "30min")
                .start()) {
            createBenchDatabase(server);
            out.printf("embedded PostgreSQL %s; %d rows per bulk statement, %d for the decoder's throughput, "
                    + "%d s per OLTP measurement%n", server.version(), sizes.rows(), sizes.decoderRows(), sizes.oltpSeconds());
            out.flush();
            return captureOn(server.jdbcUrl("bench"), sizes, resultsDir, out);
        }
    }

    private static List<CaptureBenchmark.Figure> captureOn(String jdbcUrl, CaptureBenchmark.Sizes sizes, Path resultsDir,
                                                           PrintWriter out)
            throws IOException, SQLException, InterruptedException {
        List<CaptureBenchmark.Figure> figures = new CaptureBenchmark(jdbcUrl, sizes).run();
        CaptureReport.print(figures, out);
        Path csv = resultsDir.resolve("capture-" + LocalDate.now() + ".csv");
        CaptureReport.writeCsv(figures, csv);
        out.println("figures written to " + csv);
        return figures;
    }

    /**
     * The refresh benchmark; with no URL, on a fresh embedded server: durable commits as in production
     * (fsync stays off, as in every embedded run), shared buffers large enough for the 10M-row table, and
     * WAL room enough that no checkpoint is forced in the middle of a measurement.
     */
    public static RefreshBenchmark.Result refresh(String jdbcUrl, long rows, long scale, List<BenchTable> tables,
                                                  Path resultsDir, PrintWriter out)
            throws IOException, SQLException, InterruptedException {
        RefreshBenchmark.checkSizes(rows, scale);
        if (jdbcUrl != null) {
            return refreshOn(jdbcUrl, rows, scale, tables, resultsDir, out);
        }
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setting("synchronous_commit", "on")
                .setting("shared_buffers", "1GB")
                .setting("max_wal_size", "4GB")
                .setting("checkpoint_timeout", "30min")
                .setting("maintenance_work_mem", "256MB")
                .start()) {
            createBenchDatabase(server);
            out.printf("embedded PostgreSQL %s (fsync off, synchronous_commit on, shared_buffers 1GB)%n", server.version());
            return refreshOn(server.jdbcUrl("bench"), rows, scale, tables, resultsDir, out);
        }
    }

    private static RefreshBenchmark.Result refreshOn(String jdbcUrl, long rows, long scale, List<BenchTable> tables,
                                                     Path resultsDir, PrintWriter out)
            throws IOException, SQLException, InterruptedException {
        Map<String, String> machine = machine(jdbcUrl);
        out.printf("refresh benchmark: %,d orders%s; %s%n", rows,
                scale > 0 ? String.format(", then %,d", scale) : "", machine);
        long start = System.nanoTime();
        RefreshBenchmark.Result result = new RefreshBenchmark(jdbcUrl, rows, scale, tables, 50, 10, out).run();
        double minutes = (System.nanoTime() - start) / 60e9;
        machine.put("benchmark_minutes", String.format(Locale.ROOT, "%.1f", minutes));
        RefreshReport.print(result, rows, scale, out);
        String stem = "refresh-" + LocalDate.now();
        Path csv = resultsDir.resolve(stem + ".csv");
        Path json = resultsDir.resolve(stem + ".json");
        Path explain = resultsDir.resolve(stem + "-explain.txt");
        RefreshReport.writeCsv(result.figures(), machine, csv);
        RefreshReport.writeJson(result, machine, rows, scale, json);
        Files.writeString(explain, result.diagnostics());
        List<Path> charts = RefreshReport.writeCharts(result.figures(), rows, scale,
                resultsDir.resolve(stem + "-source-size.png"), resultsDir.resolve(stem + "-delta-size.png"));
        out.printf("%nbenchmark took %.1f min; figures written to %s and %s, charts to %s, delta statement plans to %s%n",
                minutes, csv, json, charts, explain);
        return result;
    }

    /**
     * The TPC-H benchmark; with no URL, on a fresh embedded server as the refresh benchmark's, with work_mem for
     * analytic queries (the same for the refreshes, the views and the queries alone).
     */
    public static TpchBenchmark.Result tpch(String jdbcUrl, double scaleFactor, int cycles, Path resultsDir,
                                            PrintWriter out) throws IOException, SQLException {
        TpchBenchmark.checkArguments(scaleFactor, cycles);
        if (jdbcUrl != null) {
            return tpchOn(jdbcUrl, scaleFactor, cycles, resultsDir, out);
        }
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setting("synchronous_commit", "on")
                .setting("shared_buffers", "1GB")
                .setting("work_mem", "64MB")
                .setting("max_wal_size", "8GB")
                .setting("checkpoint_timeout", "30min")
                .setting("maintenance_work_mem", "256MB")
                .start()) {
            createBenchDatabase(server);
            out.printf("embedded PostgreSQL %s (fsync off, synchronous_commit on, shared_buffers 1GB, work_mem 64MB)%n",
                    server.version());
            return tpchOn(server.jdbcUrl("bench"), scaleFactor, cycles, resultsDir, out);
        }
    }

    private static TpchBenchmark.Result tpchOn(String jdbcUrl, double scaleFactor, int cycles, Path resultsDir,
                                               PrintWriter out) throws IOException, SQLException {
        Map<String, String> machine = machine(jdbcUrl);
        out.printf("TPC-H benchmark: SF %s, %d cycles; %s%n", TpchBenchmark.scaleFactorText(scaleFactor), cycles, machine);
        long start = System.nanoTime();
        TpchBenchmark.Result result = new TpchBenchmark(jdbcUrl, scaleFactor, cycles, out).run();
        double minutes = (System.nanoTime() - start) / 60e9;
        machine.put("benchmark_minutes", String.format(Locale.ROOT, "%.1f", minutes));
        TpchReport.print(result, out);
        String stem = "tpch-" + LocalDate.now() + "-sf" + TpchBenchmark.scaleFactorText(scaleFactor);
        Path csv = resultsDir.resolve(stem + ".csv");
        Path json = resultsDir.resolve(stem + ".json");
        Path explain = resultsDir.resolve(stem + "-explain.txt");
        TpchReport.writeCsv(result, machine, csv);
        TpchReport.writeJson(result, machine, json);
        Files.writeString(explain, result.diagnostics());
        List<Path> charts = TpchReport.writeCharts(result, resultsDir.resolve(stem + "-speedup.png"),
                resultsDir.resolve(stem + "-times.png"));
        out.printf("%nbenchmark took %.1f min; figures written to %s and %s, charts to %s, plans and profiles of the"
                + " misses to %s%n", minutes, csv, json, charts, explain);
        return result;
    }

    /** The recursion benchmark; with no URL, on a fresh embedded server as the refresh benchmark's. */
    public static List<RecursionBenchmark.Figure> recursion(String jdbcUrl, int chains, int length, Path resultsDir,
                                                            PrintWriter out) throws IOException, SQLException {
        if (jdbcUrl != null) {
            return recursionOn(jdbcUrl, chains, length, resultsDir, out);
        }
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setting("synchronous_commit", "on")
                .setting("shared_buffers", "1GB")
                .start()) {
            createBenchDatabase(server);
            out.printf("embedded PostgreSQL %s; %s%n", server.version(), machine(server.jdbcUrl("bench")));
            return recursionOn(server.jdbcUrl("bench"), chains, length, resultsDir, out);
        }
    }

    private static List<RecursionBenchmark.Figure> recursionOn(String jdbcUrl, int chains, int length, Path resultsDir,
                                                               PrintWriter out) throws IOException, SQLException {
        RecursionBenchmark benchmark = new RecursionBenchmark(jdbcUrl, chains, length, 20, out);
        List<RecursionBenchmark.Figure> figures = benchmark.run();
        Path csv = resultsDir.resolve("recursion-" + LocalDate.now() + ".csv");
        Path explain = resultsDir.resolve("recursion-" + LocalDate.now() + "-explain.txt");
        Files.createDirectories(resultsDir);
        List<String> lines = new ArrayList<>(List.of("measure,edges,value,unit"));
        figures.forEach(f -> lines.add(String.format(Locale.ROOT, "\"%s\",%d,%.2f,%s", f.measure(), (long) chains * length, f.value(), f.unit())));
        Files.write(csv, lines);
        Files.writeString(explain, benchmark.diagnostics());
        out.printf("figures written to %s, delta statement plans to %s%n", csv, explain);
        return figures;
    }

    /**
     * The scheduler benchmark on a fresh embedded server (or a given database on this machine, whose CPU it
     * reads from /proc): idle stream tables at two schedules, then a chain's end-to-end latency.
     */
    public static void scheduler(String jdbcUrl, int streamTables, Duration window, Path resultsDir, PrintWriter out)
            throws IOException, SQLException, InterruptedException {
        if (jdbcUrl != null) {
            schedulerOn(jdbcUrl, streamTables, window, resultsDir, out);
            return;
        }
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setting("synchronous_commit", "on").start()) {
            createBenchDatabase(server);
            out.printf("embedded PostgreSQL %s; %s%n", server.version(), machine(server.jdbcUrl("bench")));
            schedulerOn(server.jdbcUrl("bench"), streamTables, window, resultsDir, out);
        }
    }

    private static void schedulerOn(String jdbcUrl, int streamTables, Duration window, Path resultsDir, PrintWriter out)
            throws IOException, SQLException, InterruptedException {
        SchedulerBenchmark benchmark = new SchedulerBenchmark(jdbcUrl, ServerCpu.of(jdbcUrl), out);
        List<SchedulerBenchmark.IdleFigure> idle = new ArrayList<>();
        for (String schedule : List.of("calculated", "10s")) {
            idle.add(benchmark.idle(streamTables, schedule, window));
            out.flush();
        }
        SchedulerBenchmark.ChainFigure chain = benchmark.chain(10, "1s", 20);
        SchedulerBenchmark.print(idle, chain, out);
        Path csv = resultsDir.resolve("scheduler-" + LocalDate.now() + ".csv");
        SchedulerBenchmark.writeCsv(idle, chain, csv);
        out.println("figures written to " + csv);
    }

    /**
     * The long kill drill ({@link KillDrill}); with no URL, on a fresh embedded server (the only one mode
     * postgres can crash). Returns the figures, also written as CSV.
     */
    public static int kill(String jdbcUrl, String mode, int runs, Path resultsDir, PrintWriter out) throws Exception {
        KillDrill.Mode drillMode = switch (mode) {
            case "engine" -> KillDrill.Mode.ENGINE;
            case "postgres" -> KillDrill.Mode.POSTGRES;
            default -> throw new IllegalArgumentException("unknown mode \"" + mode + "\": the modes are engine and postgres");
        };
        if (jdbcUrl != null) {
            if (drillMode == KillDrill.Mode.POSTGRES) {
                throw new IllegalArgumentException("mode postgres shuts the server down: it runs on the embedded one only");
            }
            return killOn(jdbcUrl, null, drillMode, runs, resultsDir, out);
        }
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            createBenchDatabase(server);
            out.printf("embedded PostgreSQL %s; %s%n", server.version(), machine(server.jdbcUrl("bench")));
            return killOn(server.jdbcUrl("bench"), server, drillMode, runs, resultsDir, out);
        }
    }

    private static int killOn(String jdbcUrl, EmbeddedPostgres server, KillDrill.Mode mode, int runs, Path resultsDir,
                              PrintWriter out) throws Exception {
        out.printf("kill drill, mode %s: %d runs under two writers%n", mode.name().toLowerCase(Locale.ROOT), runs);
        out.flush();
        KillDrill.Figures figures = new KillDrill(jdbcUrl, server, out).run(mode, runs);
        KillDrill.print(figures, out);
        Files.createDirectories(resultsDir);
        Path csv = resultsDir.resolve("kill-" + mode.name().toLowerCase(Locale.ROOT) + "-" + LocalDate.now() + ".csv");
        Files.write(csv, List.of("mode,runs,mid_refresh,divergences,writes,seconds",
                String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.0f", mode.name().toLowerCase(Locale.ROOT), figures.runs(),
                        figures.midRefresh(), figures.divergences(), figures.writes(), figures.seconds())));
        out.println("figures written to " + csv);
        return figures.divergences();
    }

    /**
     * The pg_ivm benchmark (issue 12) on PostgreSQL 18 and pg_ivm built from source by {@code buildScript} into
     * {@code prefix} (a later run reuses the build), pg_stream installed beside pg_ivm, settings as the refresh
     * benchmark's. Writes CSV and JSON, and the chart's series (writer TPS by clients) as a CSV of its own.
     */
    public static PgIvmBenchmark.Result pgivm(long rows, int seconds, Path buildScript, Path prefix, Path resultsDir,
                                              PrintWriter out) throws IOException, SQLException, InterruptedException {
        PgIvmBenchmark.checkRows(rows);
        buildPgIvm(buildScript, prefix, out);
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .installation(prefix)
                .setting("shared_preload_libraries", "pg_ivm") // pg_ivm's README asks for it (or session_preload_libraries)
                .setting("synchronous_commit", "on")
                .setting("shared_buffers", "1GB")
                .setting("max_wal_size", "4GB")
                .setting("checkpoint_timeout", "30min")
                .setting("maintenance_work_mem", "256MB")
                .start()) {
            createBenchDatabase(server);
            String jdbcUrl = server.jdbcUrl("bench");
            Map<String, String> machine = machine(jdbcUrl);
            try (Connection c = DriverManager.getConnection(jdbcUrl)) {
                BenchSql.execute(c, "CREATE EXTENSION pg_ivm");
                machine.put("pg_ivm", BenchSql.queryString(c, "SELECT extversion FROM pg_extension WHERE extname = 'pg_ivm'"));
            }
            out.printf("pg_ivm benchmark: %,d orders, %d s per writer measurement; self-built PostgreSQL in %s; %s%n",
                    rows, seconds, prefix, machine);
            out.flush();
            long start = System.nanoTime();
            PgIvmBenchmark.Result result = new PgIvmBenchmark(jdbcUrl, rows, seconds, out).run();
            double minutes = (System.nanoTime() - start) / 60e9;
            machine.put("benchmark_minutes", String.format(Locale.ROOT, "%.1f", minutes));
            PgIvmReport.print(result, out);
            String stem = "pgivm-" + LocalDate.now();
            Path csv = resultsDir.resolve(stem + ".csv");
            Path json = resultsDir.resolve(stem + ".json");
            Path tps = resultsDir.resolve(stem + "-tps.csv");
            PgIvmReport.writeCsv(result.figures(), machine, csv);
            PgIvmReport.writeJson(result, machine, rows, json);
            PgIvmReport.writeTpsTable(result.figures(), tps);
            Path chart = resultsDir.resolve(stem + "-tps.png");
            PgIvmReport.writeTpsChart(result.figures(), chart);
            out.printf("%nbenchmark took %.1f min; figures written to %s and %s, writer TPS by clients to %s and %s%n",
                    minutes, csv, json, tps, chart);
            return result;
        }
    }

    /** Runs the build script, its output shown as it goes; it does nothing when the prefix holds the build. */
    private static void buildPgIvm(Path script, Path prefix, PrintWriter out) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IOException(script + " not found: run the pg_ivm benchmark from the repository's root directory");
        }
        long start = System.nanoTime();
        Process build = new ProcessBuilder("bash", script.toString(), prefix.toString()).redirectErrorStream(true).start();
        try (BufferedReader output = build.inputReader()) {
            output.lines().forEach(line -> {
                out.println(line);
                out.flush();
            });
        }
        int exitCode = build.waitFor();
        if (exitCode != 0) {
            throw new IOException(script + " failed with exit code " + exitCode + " (its output is above)");
        }
        out.printf("%s took %.0f s%n", script, (System.nanoTime() - start) / 1e9);
    }

    /** Cores and memory of this machine (the server's, when it is embedded), and the server's version. */
    private static Map<String, String> machine(String jdbcUrl) throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", LocalDate.now().toString());
        facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            facts.put("memory_gib", String.format(Locale.ROOT, "%.1f", os.getTotalMemorySize() / (double) (1L << 30)));
        }
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        facts.put("java", System.getProperty("java.version"));
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('shared_buffers'),"
                     + " current_setting('synchronous_commit'), current_setting('fsync'), current_setting('jit')")) {
            rs.next();
            facts.put("postgresql", rs.getString(1));
            facts.put("shared_buffers", rs.getString(2));
            facts.put("synchronous_commit", rs.getString(3));
            facts.put("fsync", rs.getString(4));
            facts.put("jit", rs.getString(5));
        }
        return facts;
    }
}
