package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryStrings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a differential refresh spends its time, for the benchmarks' diagnostics (never figures): the plan of a
 * stream table's delta statement, and the time by pg_stream function over a few refreshes.
 */
final class DeltaProfile {

    /** One measured step: makes its change (if any), refreshes, returns the refresh's client-side milliseconds. */
    interface RefreshStep {
        double run() throws SQLException;
    }

    private DeltaProfile() {}

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of a stream table's delta statement over the changes pending now, in a
     * transaction rolled back (the changes stay pending), planned for this frontier (its parameters bound as
     * literals).
     */
    static String explainedDelta(Connection c, String table) throws SQLException {
        String delta = boundDeltaStatement(c, table);
        c.setAutoCommit(false);
        try {
            return String.join("\n", queryStrings(c, "EXPLAIN (ANALYZE, BUFFERS) " + delta));
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /**
     * The same with the generic plan, made once for any frontier, as a refresh runs it through the stream table's
     * generated delta function (which sets plan_cache_mode = force_generic_plan) when the changes are few.
     */
    static String explainedGenericDelta(Connection c, String table) throws SQLException {
        String[] frontier = frontierLiterals(c, table);
        String delta = deltaStatement(c, table);
        boolean prepared = false;
        c.setAutoCommit(false);
        try {
            execute(c, "SET LOCAL plan_cache_mode = force_generic_plan");
            execute(c, "PREPARE pgs_bench_delta(pg_snapshot, xid8, bigint) AS " + delta);
            prepared = true;
            return String.join("\n", queryStrings(c, "EXPLAIN (ANALYZE, BUFFERS) EXECUTE pgs_bench_delta("
                    + String.join(", ", frontier) + ")"));
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            if (prepared) {
                execute(c, "DEALLOCATE pgs_bench_delta"); // a prepared statement outlives the rollback
            }
        }
    }

    /** The stored delta statement with $1..$3 replaced by the stream table's frontier, as literals. */
    private static String boundDeltaStatement(Connection c, String table) throws SQLException {
        String[] values = frontierLiterals(c, table);
        Matcher m = Pattern.compile("\\$([1-3])(?![0-9])").matcher(deltaStatement(c, table));
        StringBuilder bound = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(bound, Matcher.quoteReplacement(values[Integer.parseInt(m.group(1)) - 1]));
        }
        return m.appendTail(bound).toString();
    }

    private static String deltaStatement(Connection c, String table) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT delta_sql FROM pgstream.stream_table WHERE relid = ?::regclass")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The stream table's frontier as the literals of the delta statement's parameters $1, $2, $3. */
    private static String[] frontierLiterals(Connection c, String table) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT quote_nullable(frontier::text),"
                + " quote_nullable(frontier_xid::text), quote_nullable(frontier_seq::text)"
                + " FROM pgstream.stream_table WHERE relid = ?::regclass")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1) + "::pg_snapshot", rs.getString(2) + "::xid8",
                        rs.getString(3) + "::bigint"};
            }
        }
    }

    /**
     * The time of {@code refreshes} runs of {@code step} by pg_stream function, per run, the largest self time
     * first (track_functions = all; the delta statement is executed by _refresh_locked and counts in its self
     * time), under the heading given. Needs a superuser; without one, the steps run and a line says so.
     */
    static String functionTimes(Connection c, String heading, int refreshes, RefreshStep step) throws SQLException {
        try {
            execute(c, "SET track_functions = 'all'");
        } catch (SQLException e) {
            for (int r = 0; r < refreshes; r++) { // the steps still run: a caller may be measuring them
                step.run();
            }
            return "-- " + heading + ": no function times (" + e.getMessage() + ")\n";
        }
        try {
            Map<String, double[]> before = functionStats(c);
            double total = 0;
            for (int r = 0; r < refreshes; r++) {
                total += step.run();
            }
            Map<String, double[]> after = functionStats(c);
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "-- %s (mean of %d, %.2f ms client-side), time by function:%n%-40s %8s %10s %10s%n", heading,
                    refreshes, total / refreshes, "function", "calls", "total ms", "self ms"));
            after.entrySet().stream()
                    .map(e -> {
                        double[] b = before.getOrDefault(e.getKey(), new double[3]);
                        return Map.entry(e.getKey(), new double[] {(e.getValue()[0] - b[0]) / refreshes,
                                (e.getValue()[1] - b[1]) / refreshes, (e.getValue()[2] - b[2]) / refreshes});
                    })
                    .filter(e -> e.getValue()[0] > 0)
                    .sorted((x, y) -> Double.compare(y.getValue()[2], x.getValue()[2]))
                    .forEach(e -> text.append(String.format(Locale.ROOT, "%-40s %8.1f %10.3f %10.3f%n",
                            e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])));
            return text.toString();
        } finally {
            execute(c, "RESET track_functions");
        }
    }

    private static Map<String, double[]> functionStats(Connection c) throws SQLException {
        execute(c, "SELECT pg_stat_force_next_flush()");
        execute(c, "SELECT pg_stat_clear_snapshot()");
        Map<String, double[]> stats = new LinkedHashMap<>();
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT schemaname || '.' || funcname, calls, total_time, self_time FROM pg_stat_user_functions"
                        + " WHERE schemaname IN ('pgstream', 'pgstream_changes')")) {
            while (rs.next()) {
                stats.merge(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getDouble(4)},
                        (x, y) -> new double[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]});
            }
        }
        return stats;
    }
}
