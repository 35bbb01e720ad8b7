package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryLong;
import static io.pgstream.bench.RefreshBenchmark.median;
import static io.pgstream.bench.RefreshBenchmark.percentile;
import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What change capture adds to writes. Identical tables: one without capture, one captured by pg_stream's
 * statement-level triggers with transition tables, one by equivalent row-level triggers writing the same buffer,
 * one captured from the WAL by an engine's decoder, which runs throughout. Measured: bulk INSERT, UPDATE and DELETE
 * per row (median of {@code repeats}), with the decoder's time to catch up on each; the decoder's throughput on one
 * large INSERT and UPDATE; single-row UPDATE transactions by primary key at 1 and 4 clients; and the time from a
 * commit to its visibility in a stream table refreshed every second, on triggers and on the WAL. Every stream table
 * but the latter refreshes once a day, so that no refresh runs in the middle of a measurement.
 */
public final class CaptureBenchmark {

    /** One measured figure. */
    public record Figure(String variant, String operation, double value, String unit) {}

    /**
     * How much the benchmark does.
     *
     * @param rows           rows per bulk statement
     * @param repeats        measurements of each bulk statement, of which the median counts
     * @param decoderRows    rows of the INSERT and UPDATE the decoder's throughput is measured on
     * @param oltpSeconds    measured seconds per table and client count, over two rounds
     * @param latencySamples commits whose visibility is timed, per capture mode
     */
    public record Sizes(int rows, int repeats, int decoderRows, int oltpSeconds, int latencySamples) {
        public static Sizes of(int rows, int oltpSeconds) {
            return new Sizes(rows, 3, 10 * rows, oltpSeconds, 75);
        }
    }

    static final List<String> BULK_VARIANTS = List.of("none", "statement", "row", "wal");
    static final List<String> OLTP_VARIANTS = List.of("none", "statement", "wal");
    static final List<String> BULK_OPERATIONS = List.of("INSERT", "UPDATE", "DELETE");
    static final List<String> LATENCY_VARIANTS = List.of("statement", "wal");
    static final int[] CLIENTS = {1, 4};
    static final double WAL_TPS_TARGET = 0.95;

    private static final int OLTP_ROWS = 10_000;
    private static final int REFRESHES = 200;
    private static final Duration WAL_CUTOVER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DECODER_TIMEOUT = Duration.ofMinutes(5);
    private static final long DECODER_POLL_MILLIS = 5;

    private final String jdbcUrl;
    private final Sizes sizes;

    public CaptureBenchmark(String jdbcUrl, Sizes sizes) {
        this.jdbcUrl = jdbcUrl;
        this.sizes = sizes;
    }

    public List<Figure> run() throws SQLException, InterruptedException {
        List<Figure> figures = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            for (String variant : BULK_VARIANTS) {
                setUp(c, variant);
            }
            try (Engine engine = Engine.start(new EngineConfig(List.of(jdbcUrl), 2, Duration.ofMillis(200)))) {
                awaitWalCapture(c, "public." + table("wal"));
                for (String variant : BULK_VARIANTS) {
                    figures.addAll(bulk(c, variant));
                }
                figures.addAll(decoderThroughput(c));
                figures.addAll(oltp(c));
                for (String variant : LATENCY_VARIANTS) {
                    figures.addAll(refreshCost(c, variant));
                }
                for (String variant : LATENCY_VARIANTS) {
                    figures.addAll(commitToVisible(c, variant));
                }
            }
        }
        return figures;
    }

    // ------------------------------------------------------------------------------------------ set-up

    private void setUp(Connection c, String variant) throws SQLException {
        String table = table(variant);
        execute(c, "DROP TABLE IF EXISTS " + table + " CASCADE",
                "CREATE TABLE " + table + " (id int PRIMARY KEY, k int, v numeric(12,2), note text)");
        if (variant.equals("none")) {
            return;
        }
        execute(c, "SELECT pgstream.create_stream_table('" + table + "_totals', "
                + "'SELECT k, sum(v) AS total, count(note) AS notes FROM " + table + " GROUP BY k', '1d')");
        if (!variant.equals("wal")) {
            execute(c, "SELECT pgstream.set_capture('" + table + "', 'trigger')");
        }
        if (variant.equals("row")) {
            replaceWithRowTriggers(c, table);
        }
    }

    /** The same buffer rows, written one trigger call per row. */
    private static void replaceWithRowTriggers(Connection c, String table) throws SQLException {
        execute(c,
                "DROP TRIGGER pgstream_capture_insert ON " + table,
                "DROP TRIGGER pgstream_capture_update ON " + table,
                "DROP TRIGGER pgstream_capture_delete ON " + table,
                """
                CREATE OR REPLACE FUNCTION bench_row_capture() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        INSERT INTO %1$s (__pgs_op, k, v, note) VALUES ('D', OLD.k, OLD.v, OLD.note);
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        INSERT INTO %1$s (__pgs_op, k, v, note) VALUES ('I', NEW.k, NEW.v, NEW.note);
                    END IF;
                    RETURN NULL;
                END $f$""".formatted(buffer(c, table)),
                "CREATE TRIGGER bench_row_capture AFTER INSERT OR UPDATE OR DELETE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION bench_row_capture()");
    }

    /** Waits until the engine has moved the table ({@code schema.name}) from its capture triggers to the WAL. */
    static void awaitWalCapture(Connection c, String qualifiedTable) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + WAL_CUTOVER_TIMEOUT.toNanos();
        String state;
        while (!(state = captureState(c, qualifiedTable)).startsWith("wal ")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine did not move " + qualifiedTable + " to WAL capture within "
                        + WAL_CUTOVER_TIMEOUT.toSeconds() + " s; pgstream.change_buffers says: " + state);
            }
            Thread.sleep(100);
        }
    }

    /** The capture mode and the reason for triggers, as pgstream.change_buffers shows them. */
    static String captureState(Connection c, String qualifiedTable) throws SQLException {
        return BenchSql.queryString(c, "SELECT capture_mode || ' (' || coalesce(trigger_reason, fallback_reason, '') || ')'"
                + " FROM pgstream.change_buffers WHERE source = '" + qualifiedTable + "'");
    }

    // ------------------------------------------------------------------------------------------ bulk

    /** Writer's time per row of each bulk statement and, on the WAL, the decoder's time to catch up on it. */
    private List<Figure> bulk(Connection c, String variant) throws SQLException, InterruptedException {
        String table = table(variant);
        double[][] writer = new double[BULK_OPERATIONS.size()][sizes.repeats()];
        double[][] decoder = new double[BULK_OPERATIONS.size()][sizes.repeats()];
        for (int r = 0; r < sizes.repeats(); r++) {
            long bufferRows = 0;
            for (int op = 0; op < BULK_OPERATIONS.size(); op++) {
                Write write = write(c, bulkStatement(table, BULK_OPERATIONS.get(op), sizes.rows()));
                writer[op][r] = write.micros() / write.rows();
                if (variant.equals("wal")) {
                    bufferRows += bufferRows(BULK_OPERATIONS.get(op), write.rows());
                    decoder[op][r] = secondsUntilDecoded(c, table, bufferRows, write.committedAt()) * 1e6 / write.rows();
                }
            }
            resetBuffer(c, table);
            execute(c, "VACUUM " + table);
        }
        List<Figure> figures = new ArrayList<>();
        for (int op = 0; op < BULK_OPERATIONS.size(); op++) {
            figures.add(new Figure(variant, "bulk " + BULK_OPERATIONS.get(op), median(writer[op]), "µs/row"));
            if (variant.equals("wal")) {
                figures.add(new Figure(variant, "bulk " + BULK_OPERATIONS.get(op) + ", decoder catch-up",
                        median(decoder[op]), "µs/row"));
            }
        }
        return figures;
    }

    private static String bulkStatement(String table, String operation, int rows) {
        return switch (operation) {
            case "INSERT" -> "INSERT INTO " + table + " SELECT g, g % 100, g * 0.5, 'note ' || g"
                    + " FROM generate_series(1, " + rows + ") g";
            case "UPDATE" -> "UPDATE " + table + " SET v = v + 1";
            case "DELETE" -> "DELETE FROM " + table;
            default -> throw new IllegalArgumentException(operation);
        };
    }

    /** An UPDATE's change is a deleted and an inserted row in the buffer. */
    private static long bufferRows(String operation, long rows) {
        return operation.equals("UPDATE") ? 2 * rows : rows;
    }

    /** The next round starts from the same state: an empty buffer. */
    private static void resetBuffer(Connection c, String table) throws SQLException {
        if (!table.equals(table("none"))) {
            execute(c, "TRUNCATE " + buffer(c, table));
        }
    }

    // ------------------------------------------------------------------------------------------ decoder

    /** The decoder's rows written per second, from the commit of one large INSERT, then of one large UPDATE. */
    private List<Figure> decoderThroughput(Connection c) throws SQLException, InterruptedException {
        String table = table("wal");
        List<Figure> figures = new ArrayList<>();
        long bufferRows = 0;
        for (String operation : List.of("INSERT", "UPDATE")) {
            Write write = write(c, bulkStatement(table, operation, sizes.decoderRows()));
            long written = bufferRows(operation, write.rows());
            bufferRows += written;
            double seconds = secondsUntilDecoded(c, table, bufferRows, write.committedAt());
            figures.add(new Figure("wal", "decoder throughput, " + operation + " of " + sizes.decoderRows() + " rows",
                    written / seconds, "rows/s"));
        }
        Write delete = write(c, bulkStatement(table, "DELETE", sizes.decoderRows()));
        secondsUntilDecoded(c, table, bufferRows + delete.rows(), delete.committedAt());
        resetBuffer(c, table);
        execute(c, "VACUUM " + table);
        return figures;
    }

    /** Seconds from {@code committedAt} until the table's buffer holds {@code bufferRows} rows. */
    private static double secondsUntilDecoded(Connection c, String table, long bufferRows, long committedAt)
            throws SQLException, InterruptedException {
        String count = "SELECT count(*) FROM " + buffer(c, table);
        long deadline = committedAt + DECODER_TIMEOUT.toNanos();
        while (queryLong(c, count) < bufferRows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the decoder did not write the " + bufferRows + " buffer rows of "
                        + table + " within " + DECODER_TIMEOUT.toMinutes() + " min; pgstream.change_buffers says: "
                        + captureState(c, "public." + table));
            }
            Thread.sleep(DECODER_POLL_MILLIS);
        }
        return (System.nanoTime() - committedAt) / 1e9;
    }

    /** Waits until the decoder has written every change committed so far: a refresh waits for it. */
    private static void awaitDecoder(Connection c) throws SQLException {
        execute(c, "SELECT pgstream.refresh_stream_table('" + table("wal") + "_totals')");
    }

    // ------------------------------------------------------------------------------------------ OLTP

    /** Single-row UPDATEs by primary key: TPS and mean latency, and the captured tables' TPS over the uncaptured. */
    private List<Figure> oltp(Connection c) throws SQLException, InterruptedException {
        List<String> tables = OLTP_VARIANTS.stream().map(CaptureBenchmark::table).toList();
        for (String table : tables) {
            execute(c, "INSERT INTO " + table + " SELECT g, g % 100, g, 'n' FROM generate_series(1, " + OLTP_ROWS + ") g",
                    "VACUUM ANALYZE " + table);
        }
        awaitDecoder(c);
        for (String table : tables) {
            resetBuffer(c, table);
        }
        OltpWriters writers = new OltpWriters(() -> DriverManager.getConnection(jdbcUrl),
                "UPDATE %s SET v = v + 1 WHERE id = ?", OLTP_ROWS, 20261124L);
        List<Figure> figures = new ArrayList<>();
        for (int clients : CLIENTS) {
            Map<String, OltpWriters.Result> results =
                    writers.compare(tables, clients, sizes.oltpSeconds(), table -> settle(c, table));
            figures.addAll(oltpFigures(results, clients));
        }
        return figures;
    }

    /** The decoder catches up on one table's writes before the next table is measured, and the buffer empties. */
    private static void settle(Connection c, String table) throws SQLException {
        if (table.equals(table("wal"))) {
            awaitDecoder(c);
        }
        resetBuffer(c, table);
    }

    private static List<Figure> oltpFigures(Map<String, OltpWriters.Result> results, int clients) {
        List<Figure> figures = new ArrayList<>();
        double uncaptured = results.get(table("none")).tps();
        for (String variant : OLTP_VARIANTS) {
            OltpWriters.Result result = results.get(table(variant));
            figures.add(new Figure(variant, tps(clients), result.tps(), "tx/s"));
            figures.add(new Figure(variant, "mean latency, " + clientCount(clients), result.meanLatencyMicros(), "µs/tx"));
            if (!variant.equals("none")) {
                figures.add(new Figure(variant, tpsRatio(clients), result.tps() / uncaptured, "x"));
            }
        }
        return figures;
    }

    static String tps(int clients) {
        return "TPS, " + clientCount(clients);
    }

    static String tpsRatio(int clients) {
        return "captured / uncaptured TPS, " + clientCount(clients);
    }

    private static String clientCount(int clients) {
        return clients + (clients == 1 ? " client" : " clients");
    }

    // ------------------------------------------------------------------------------------------ latency

    /**
     * The median time of a refresh by hand after one changed row, and with nothing changed: on the WAL a refresh
     * waits for the decoder to report a message emitted after its snapshot.
     */
    private List<Figure> refreshCost(Connection c, String variant) throws SQLException {
        String table = table(variant);
        double[] changed = new double[REFRESHES];
        double[] unchanged = new double[REFRESHES];
        for (int i = 0; i < REFRESHES; i++) {
            execute(c, "UPDATE " + table + " SET v = v + 1 WHERE id = " + (1 + i % OLTP_ROWS));
            changed[i] = refreshMillis(c, table);
            unchanged[i] = refreshMillis(c, table);
        }
        return List.of(new Figure(variant, "refresh by hand, one row changed", median(changed), "ms"),
                new Figure(variant, "refresh by hand, nothing changed", median(unchanged), "ms"));
    }

    private static double refreshMillis(Connection c, String table) throws SQLException {
        long start = System.nanoTime();
        execute(c, "SELECT pgstream.refresh_stream_table('" + table + "_totals')");
        return (System.nanoTime() - start) / 1e6;
    }

    /** p50 and p99 of the time from a commit until a stream table refreshed every second shows it. */
    private List<Figure> commitToVisible(Connection c, String variant) throws SQLException, InterruptedException {
        String table = "latency_" + variant;
        execute(c, "DROP TABLE IF EXISTS " + table + " CASCADE",
                "CREATE TABLE " + table + " (id int PRIMARY KEY, v int)",
                "SELECT pgstream.create_stream_table('" + table + "_rows', 'SELECT id, v FROM " + table + "', '1s')");
        if (variant.equals("wal")) {
            awaitWalCapture(c, "public." + table);
        } else {
            execute(c, "SELECT pgstream.set_capture('" + table + "', 'trigger')");
        }
        double[] millis = new CommitLatency(jdbcUrl, table, table + "_rows").measure(sizes.latencySamples());
        execute(c, "SELECT pgstream.drop_stream_table('" + table + "_rows')", "DROP TABLE " + table);
        return List.of(new Figure(variant, "commit to visible, 1s schedule, p50", percentile(millis, 0.5), "ms"),
                new Figure(variant, "commit to visible, 1s schedule, p99", percentile(millis, 0.99), "ms"));
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A statement's affected rows, its time in microseconds and when it returned, committed (autocommit). */
    private record Write(long rows, double micros, long committedAt) {}

    private static Write write(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            long start = System.nanoTime();
            int affected = statement.executeUpdate(sql);
            long end = System.nanoTime();
            return new Write(Math.max(1, affected), (end - start) / 1e3, end);
        }
    }

    private static String buffer(Connection c, String table) throws SQLException {
        return "pgstream_changes.changes_" + queryLong(c, "SELECT '" + table + "'::regclass::oid");
    }

    static String table(String variant) {
        return "capture_" + variant;
    }
}
