package io.pgstream.bench;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What the scheduler costs: (a) many stream tables with nothing to refresh, the CPU of the engine (this
 * process) and of the database server over a measured window; (b) a chain of stream tables, the time from a
 * committed change at the root to its visibility in the leaf, against the leaf's schedule.
 */
final class SchedulerBenchmark {

    /** One idle measurement: CPU as a percentage of one core, over the window. */
    record IdleFigure(int streamTables, String schedule, double seconds, double engineCpuPercent,
                      double databaseCpuPercent, long refreshRounds) {}

    /** The chain measurement: latencies from commit at the root to visibility in the leaf. */
    record ChainFigure(int length, String leafSchedule, List<Double> latenciesMillis) {
        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(latenciesMillis);
            Collections.sort(sorted);
            return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
        }
    }

    private final String jdbcUrl;
    private final ServerCpu serverCpu;
    private final PrintWriter out;

    SchedulerBenchmark(String jdbcUrl, ServerCpu serverCpu, PrintWriter out) {
        this.jdbcUrl = jdbcUrl;
        this.serverCpu = serverCpu;
        this.out = out;
    }

    /** Creates {@code count} stream tables over a few small tables, starts an engine, and measures it idle. */
    IdleFigure idle(int count, String schedule, Duration window) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS scheduler_bench CASCADE");
            s.execute("CREATE SCHEMA scheduler_bench");
            for (int t = 0; t < 10; t++) {
                s.execute("CREATE TABLE scheduler_bench.src_" + t + " (id int PRIMARY KEY, k int, v int)");
                s.execute("INSERT INTO scheduler_bench.src_" + t + " SELECT g, g % 10, g FROM generate_series(1, 100) g");
            }
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                s.execute("SELECT pgstream.create_stream_table('scheduler_bench.st_" + i + "',"
                        + " 'SELECT k, count(*) AS n, sum(v) AS total FROM scheduler_bench.src_" + (i % 10)
                        + " GROUP BY k', schedule => '" + schedule + "')");
            }
            out.printf("created %d stream tables (schedule %s) in %.1f s%n", count, schedule,
                    (System.nanoTime() - start) / 1e9);
        }
        try (Engine engine = Engine.start(new EngineConfig(List.of(jdbcUrl), 2, Duration.ofSeconds(5)))) {
            awaitSettled(count);
            quiesce();
            long rounds0 = scheduledRefreshes();
            double engine0 = processCpuSeconds();
            double server0 = serverCpu.seconds();
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            double engineCpu = processCpuSeconds() - engine0;
            double serverCpuUsed = serverCpu.seconds() - server0;
            long rounds = scheduledRefreshes() - rounds0;
            return new IdleFigure(count, schedule, seconds, 100 * engineCpu / seconds, 100 * serverCpuUsed / seconds,
                    rounds);
        }
    }

    /** Waits until the engine has compiled every plan and refreshed every table once on its own. */
    private void awaitSettled(int count) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE plan_status <> 'pending'),"
                         + " count(*) FILTER (WHERE last_refresh_at > created_at + interval '1 second')"
                         + " FROM pgstream.stream_table")) {
                rs.next();
                if (rs.getInt(1) == count && rs.getInt(2) == count) {
                    Thread.sleep(2000);
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the engine did not settle within 10 minutes");
    }

    /**
     * Lets the server finish the maintenance that thousands of new tables set off (autovacuum analyzes each),
     * so that the window measures the scheduler, not the aftermath of creating the stream tables.
     */
    private void quiesce() throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("VACUUM (ANALYZE)");
        }
        Thread.sleep(10_000);
    }

    private long scheduledRefreshes() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return BenchSql.queryLong(c, "SELECT coalesce(sum(cycles), 0) FROM pgstream.refresh_history"
                    + " WHERE initiated_by = 'scheduled'");
        }
    }

    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        throw new IllegalStateException("this JVM does not report its CPU time");
    }

    /**
     * A chain root → s1 → … → s{length}: every table calculated except the leaf. Commits a row at the root
     * {@code samples} times, at random moments, and times until the leaf shows it.
     */
    ChainFigure chain(int length, String leafSchedule, int samples) throws SQLException, InterruptedException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS chain_bench CASCADE");
            s.execute("CREATE SCHEMA chain_bench");
            s.execute("CREATE TABLE chain_bench.root (id int PRIMARY KEY, v int)");
            String upstream = "chain_bench.root";
            for (int i = 1; i <= length; i++) {
                String name = "chain_bench.s" + i;
                s.execute("SELECT pgstream.create_stream_table('" + name + "', 'SELECT id, v FROM " + upstream
                        + "', schedule => '" + (i == length ? leafSchedule : "calculated") + "')");
                upstream = name;
            }
        }
        List<Double> latencies = new ArrayList<>();
        Random random = new Random(2026);
        try (Engine engine = Engine.start(new EngineConfig(List.of(jdbcUrl), 2, Duration.ofSeconds(5)));
             Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement insert = c.prepareStatement("INSERT INTO chain_bench.root VALUES (?, ?)");
             PreparedStatement visible = c.prepareStatement("SELECT 1 FROM chain_bench.s" + length + " WHERE id = ?")) {
            Thread.sleep(3000); // plans compiled, first rounds done
            for (int sample = 1; sample <= samples; sample++) {
                Thread.sleep(200 + random.nextInt(1000));
                insert.setInt(1, sample);
                insert.setInt(2, sample);
                insert.executeUpdate();
                long committed = System.nanoTime();
                visible.setInt(1, sample);
                while (true) {
                    try (ResultSet rs = visible.executeQuery()) {
                        if (rs.next()) {
                            break;
                        }
                    }
                    Thread.sleep(2);
                }
                latencies.add((System.nanoTime() - committed) / 1e6);
            }
        }
        return new ChainFigure(length, leafSchedule, latencies);
    }

    static void print(List<IdleFigure> idle, ChainFigure chain, PrintWriter out) {
        out.println();
        out.println("(a) idle stream tables: CPU as % of one core over the window");
        out.printf("%-14s %-10s %8s %12s %14s %16s%n", "stream tables", "schedule", "window", "engine CPU",
                "database CPU", "refreshes/s");
        for (IdleFigure f : idle) {
            out.printf(Locale.ROOT, "%-14d %-10s %7.0fs %11.2f%% %13.2f%% %16.1f%n", f.streamTables(), f.schedule(),
                    f.seconds(), f.engineCpuPercent(), f.databaseCpuPercent(), f.refreshRounds() / f.seconds());
        }
        out.println("    targets: engine < 2%, database < 5%");
        out.println();
        out.printf(Locale.ROOT, "(b) chain of %d stream tables, leaf every %s: commit at the root → visible in the leaf%n",
                chain.length(), chain.leafSchedule());
        out.printf(Locale.ROOT, "    %d samples: p50 %.0f ms, p90 %.0f ms, max %.0f ms (target: within the leaf's"
                        + " schedule + 100 ms)%n", chain.latenciesMillis().size(), chain.percentile(0.5),
                chain.percentile(0.9), chain.percentile(1.0));
    }

    static void writeCsv(List<IdleFigure> idle, ChainFigure chain, Path csv) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("measurement,stream_tables,schedule,seconds,engine_cpu_percent,database_cpu_percent,refreshes,"
                + "p50_ms,p90_ms,max_ms");
        for (IdleFigure f : idle) {
            lines.add(String.format(Locale.ROOT, "idle,%d,%s,%.1f,%.3f,%.3f,%d,,,", f.streamTables(), f.schedule(),
                    f.seconds(), f.engineCpuPercent(), f.databaseCpuPercent(), f.refreshRounds()));
        }
        lines.add(String.format(Locale.ROOT, "chain,%d,%s,,,,%d,%.1f,%.1f,%.1f", chain.length(), chain.leafSchedule(),
                chain.latenciesMillis().size(), chain.percentile(0.5), chain.percentile(0.9), chain.percentile(1.0)));
        Files.createDirectories(csv.getParent());
        Files.write(csv, lines);
    }
}
