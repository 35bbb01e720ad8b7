package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;

import io.pgstream.embedded.EmbeddedPostgres;
import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.EngineProcess;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The long robustness drills, {@code pg-stream bench kill}: under writers, run after run, the engine is killed
 * with SIGKILL (mode {@code engine}: a new engine process each run, killed at a random instant once a refresh
 * is under way) or PostgreSQL is shut down immediately (mode {@code postgres}: one engine throughout, which
 * reconnects by itself). After each run, with an engine up again, every stream table is refreshed and compared
 * with its query while the writers are held off (a SHARE lock on the sources): each difference is a divergence.
 * Sources: {@code items}, decoded from the WAL once the engine has moved it, and {@code events}, pinned to
 * capture triggers.
 */
final class KillDrill {

    enum Mode { ENGINE, POSTGRES }

    /** What the drill did: runs (kills or crashes), those that hit a refresh under way, divergences found. */
    record Figures(Mode mode, int runs, int midRefresh, int divergences, long writes, double seconds) {}

    static final String SCHEMA = "kill_drill";
    private static final Map<String, String> STREAM_TABLES = new LinkedHashMap<>();

    static {
        STREAM_TABLES.put("totals", "SELECT k, count(*) AS n, sum(v) AS total FROM kill_drill.items GROUP BY k");
        STREAM_TABLES.put("pairs", "SELECT i.k, i.v, j.v AS next_v FROM kill_drill.items i"
                + " JOIN kill_drill.items j ON j.id = i.id + 1");
        STREAM_TABLES.put("event_totals", "SELECT k, count(*) AS n, max(v) AS top FROM kill_drill.events GROUP BY k");
        STREAM_TABLES.put("items_with_events", "SELECT i.k, count(*) AS n FROM kill_drill.items i"
                + " JOIN kill_drill.events e ON e.id = i.id GROUP BY i.k");
    }

    private static final Duration AWAIT = Duration.ofSeconds(60);
    private static final String REFRESHING = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND application_name LIKE 'pg-stream engine%' AND state = 'active' AND query LIKE '%pgstream._refresh_round(%'";

    private final String jdbcUrl;
    private final EmbeddedPostgres server;  // null unless mode postgres
    private final PrintWriter out;
    private final Random random = new Random(7);
    private final List<String> firstDivergences = new ArrayList<>();
    private int divergences;
    private Connection monitor;

    /** {@code server} is the embedded server the URL points to: needed to crash it in mode postgres. */
    KillDrill(String jdbcUrl, EmbeddedPostgres server, PrintWriter out) {
        this.jdbcUrl = jdbcUrl;
        this.server = server;
        this.out = out;
    }

    Figures run(Mode mode, int runs) throws Exception {
        createSchema();
        long start = System.nanoTime();
        int midRefresh;
        long writes;
        try (DrillWriters writers = new DrillWriters(jdbcUrl, List.of(SCHEMA + ".items", SCHEMA + ".events"), 11)) {
            midRefresh = mode == Mode.ENGINE ? killEngines(runs) : crashServer(runs);
            writes = writers.committed();
        } finally {
            closeMonitor();
        }
        Figures figures = new Figures(mode, runs, midRefresh, divergences, writes, (System.nanoTime() - start) / 1e9);
        firstDivergences.forEach(d -> out.println("divergence: " + d));
        return figures;
    }

    private int killEngines(int runs) throws Exception {
        int midRefresh = 0;
        for (int run = 1; run <= runs; run++) {
            Process engine = EngineProcess.start(jdbcUrl);
            try {
                awaitRefreshing(engine);
                if (run == 1) {
                    awaitWalCapture();
                } else {
                    check(run);  // what the previous kill left, with this engine decoding
                }
                awaitRefreshing(engine);
                Thread.sleep(random.nextInt(20));  // somewhere in the refresh, or just after it
                midRefresh += refreshing() ? 1 : 0;
            } finally {
                engine.destroyForcibly();  // SIGKILL
                engine.waitFor(10, TimeUnit.SECONDS);
            }
            progress(run, runs, midRefresh);
        }
        Process engine = EngineProcess.start(jdbcUrl);
        try {
            awaitRefreshing(engine);
            check(runs + 1);
        } finally {
            engine.destroyForcibly();
            engine.waitFor(10, TimeUnit.SECONDS);
        }
        return midRefresh;
    }

    private int crashServer(int runs) throws Exception {
        int midRefresh = 0;
        try (Engine engine = Engine.start(new EngineConfig(List.of(jdbcUrl), 2, Duration.ofMillis(300)))) {
            awaitRefreshing(null);
            awaitWalCapture();
            for (int run = 1; run <= runs; run++) {
                awaitRefreshing(null);
                Thread.sleep(random.nextInt(20));
                midRefresh += refreshing() ? 1 : 0;
                server.crashAndRestart();
                awaitRefreshing(null);  // the engine is back by itself
                check(run);
                progress(run, runs, midRefresh);
            }
        }
        return midRefresh;
    }

    private void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            execute(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
            // items large enough that its full refreshes (pairs) last a few hundred milliseconds, for kills to land in
            for (var table : Map.of("items", 60000, "events", 20000).entrySet()) {
                execute(c, "CREATE TABLE " + SCHEMA + "." + table.getKey() + " (id serial PRIMARY KEY, k int, v int)",
                        "INSERT INTO " + SCHEMA + "." + table.getKey() + " (k, v) SELECT g % 10, g"
                                + " FROM generate_series(1, " + table.getValue() + ") g");
            }
            for (var entry : STREAM_TABLES.entrySet()) {
                execute(c, "SELECT pgstream.create_stream_table('" + SCHEMA + "." + entry.getKey() + "', '"
                        + entry.getValue() + "', '1s'" + (entry.getKey().equals("pairs") ? ", 'full'" : "") + ")");
            }
            execute(c, "SELECT pgstream.set_capture('" + SCHEMA + ".events', 'trigger')");
        }
    }

    /**
     * Refreshes every stream table and compares it with its query, writers held off; a difference counts once
     * per stream table and check, and the first few are kept to be printed.
     */
    private void check(int run) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            c.setAutoCommit(false);
            execute(c, "LOCK TABLE " + SCHEMA + ".items, " + SCHEMA + ".events IN SHARE MODE");
            for (var entry : STREAM_TABLES.entrySet()) {
                String name = SCHEMA + "." + entry.getKey();
                execute(c, "SELECT pgstream.refresh_stream_table('" + name + "')");
                long[] differing = BenchStreamTables.differences(c, new BenchTable(name, entry.getValue(), false));
                if (differing[0] + differing[1] > 0) {
                    divergences++;
                    if (firstDivergences.size() < 5) {
                        firstDivergences.add(String.format("run %d: %s has %d rows not in its query, lacks %d", run,
                                name, differing[0], differing[1]));
                    }
                }
            }
            c.commit();
        }
    }

    private void awaitWalCapture() throws Exception {
        await("items is decoded from the WAL", () -> count("SELECT count(*) FROM pgstream.change_buffers"
                + " WHERE source = '" + SCHEMA + ".items' AND capture_mode = 'wal'") == 1);
    }

    /** Until a refresh round of an engine is under way (the engine process, if any, still alive). */
    private void awaitRefreshing(Process engine) throws Exception {
        await("an engine refreshes", () -> {
            if (engine != null && !engine.isAlive()) {
                throw new IllegalStateException("the engine process exited with " + engine.exitValue());
            }
            return refreshing();
        });
    }

    /** On a connection kept open (and opened again after a crash), so that a kill follows the check closely. */
    private boolean refreshing() throws SQLException {
        try {
            if (monitor == null) {
                monitor = DriverManager.getConnection(jdbcUrl);
            }
            return BenchSql.queryLong(monitor, REFRESHING) > 0;
        } catch (SQLException e) {
            closeMonitor();
            throw e;
        }
    }

    private void closeMonitor() {
        if (monitor != null) {
            try {
                monitor.close();
            } catch (SQLException e) {
                // already gone
            }
            monitor = null;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return BenchSql.queryLong(c, sql);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls every 2 ms; a failing poll (the server restarting) counts as not yet. */
    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (SQLException notYet) {
                // the server is restarting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + AWAIT.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    private void progress(int run, int runs, int midRefresh) {
        if (run % 10 == 0 || run == runs) {
            out.printf("  %d of %d runs, %d mid-refresh, %d divergences%n", run, runs, midRefresh, divergences);
            out.flush();
        }
    }

    static void print(Figures f, PrintWriter out) {
        out.printf(Locale.ROOT, "%n%s: %d runs in %.0f s under %,d writes%n", f.mode() == Mode.ENGINE
                ? "engine killed with SIGKILL" : "PostgreSQL shut down immediately", f.runs(), f.seconds(), f.writes());
        out.printf(Locale.ROOT, "%-12s %-12s %-12s%n", f.mode() == Mode.ENGINE ? "kills" : "crashes", "mid-refresh",
                "divergences");
        out.printf(Locale.ROOT, "%-12d %-12d %-12d%n", f.runs(), f.midRefresh(), f.divergences());
    }
}
