package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryLong;
import static io.pgstream.bench.BenchSql.queryString;

import io.pgstream.engine.compile.PlanInstaller;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The transitive closure of a graph as a stream table (WITH RECURSIVE ... UNION), refreshed after one
 * edge is inserted and after one is deleted, against REFRESH MATERIALIZED VIEW of the same query. The
 * graph is {@code chains} chains of {@code length} edges: its closure has chains × length(length + 1)/2
 * rows; an inserted edge joins the end of one chain to the start of another (about (length + 1)² new
 * paths), a deleted edge cuts a chain in its middle (about (length/2)² paths gone), so each change
 * touches a bounded part of the closure. The stream table is checked equal to its query at the end.
 */
public final class RecursionBenchmark {

    static final String SCHEMA = "recursion_bench";
    static final String QUERY = "WITH RECURSIVE reach(src, dst) AS (SELECT src, dst FROM edges UNION"
            + " SELECT r.src, e.dst FROM reach r JOIN edges e ON e.src = r.dst) SELECT src, dst FROM reach";

    /** A measured figure: what, its value and unit. */
    public record Figure(String measure, double value, String unit) {}

    private final String jdbcUrl;
    private final int chains;
    private final int length;
    private final int repetitions;
    private final PrintWriter out;
    private final Random random = new Random(20261201L);
    private final StringBuilder diagnostics = new StringBuilder();

    public RecursionBenchmark(String jdbcUrl, int chains, int length, int repetitions, PrintWriter out) {
        if (chains < repetitions + 4) {
            throw new IllegalArgumentException("the graph needs at least " + (repetitions + 4)
                    + " chains: each measured deletion cuts one not cut before");
        }
        this.jdbcUrl = jdbcUrl;
        this.chains = chains;
        this.length = length;
        this.repetitions = repetitions;
        this.out = out;
    }

    public List<Figure> run() throws SQLException {
        List<Figure> figures = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            load(c);
            long closure = queryLong(c, "SELECT count(*) FROM closure");
            out.printf("closure of %,d edges (%,d chains of %d): %,d rows; plan: %s%n", (long) chains * length, chains, length,
                    closure, queryString(c, "SELECT plan || coalesce(': ' || nullif(reason, 'every operator is differentiable'), '')"
                            + " FROM pgstream.explain_stream_table('closure')"));
            double[] inserted = new double[repetitions];
            double[] deleted = new double[repetitions];
            // each deletion cuts a chain not cut before, so that it deletes an edge
            java.util.Iterator<Integer> uncut = random.ints(0, chains).distinct().limit(repetitions + 4).iterator();
            for (int r = -3; r < repetitions; r++) {
                int from = random.nextInt(chains);
                int to = (from + 1 + random.nextInt(chains - 1)) % chains;
                execute(c, "INSERT INTO edges VALUES (" + node(from, length) + ", " + node(to, 0) + ")");
                double insert = refresh(c);
                execute(c, cutting(uncut.next()));
                double delete = refresh(c);
                if (r >= 0) {
                    inserted[r] = insert;
                    deleted[r] = delete;
                }
            }
            double[] view = new double[3];
            for (int r = 0; r < view.length; r++) {
                long start = System.nanoTime();
                execute(c, "REFRESH MATERIALIZED VIEW closure_mv");
                view[r] = (System.nanoTime() - start) / 1e6;
            }
            double mv = RefreshBenchmark.median(view);
            figures.add(new Figure("closure rows", closure, "rows"));
            figures.add(new Figure("one edge inserted, differential refresh, median", RefreshBenchmark.median(inserted), "ms"));
            figures.add(new Figure("one edge deleted, differential refresh, median", RefreshBenchmark.median(deleted), "ms"));
            figures.add(new Figure("REFRESH MATERIALIZED VIEW, median of 3", mv, "ms"));
            figures.add(new Figure("speed-up, insert", mv / RefreshBenchmark.median(inserted), "x"));
            figures.add(new Figure("speed-up, delete", mv / RefreshBenchmark.median(deleted), "x"));
            long[] differing = BenchStreamTables.differences(c, new BenchTable("closure", QUERY, false));
            if (differing[0] + differing[1] > 0) {
                throw new IllegalStateException("the closure differs from its query: " + differing[0] + " rows only stored, "
                        + differing[1] + " only in the query");
            }
            out.println("verified: the stream table equals its query");
            diagnostics.append(explained(c, "one edge inserted", "INSERT INTO edges VALUES (" + node(0, length) + ", " + node(1, 0) + ")"))
                    .append(explained(c, "one edge deleted", cutting(uncut.next())));
        }
        for (Figure figure : figures) {
            out.printf("    %-52s %12.2f %s%n", figure.measure(), figure.value(), figure.unit());
        }
        out.flush();
        return figures;
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the delta statement after one change: where a refresh spends its time. */
    private static String explained(Connection c, String what, String change) throws SQLException {
        execute(c, change);
        String plan = DeltaProfile.explainedDelta(c, "closure");
        refresh(c);
        return "-- closure, " + what + ": EXPLAIN (ANALYZE, BUFFERS) of the delta statement\n" + plan + "\n\n";
    }

    /** The EXPLAIN output of the delta statements, once {@link #run} has run. */
    public String diagnostics() {
        return diagnostics.toString();
    }

    /** The DELETE of the edge in the middle of a chain. */
    private String cutting(int chain) {
        return "DELETE FROM edges WHERE src = " + node(chain, length / 2) + " AND dst = " + node(chain, length / 2 + 1);
    }

    /** Node {@code i} of a chain: each chain has its own length + 1 nodes. */
    private int node(int chain, int i) {
        return chain * (length + 1) + i;
    }

    private void load(Connection c) throws SQLException {
        execute(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA, "SET search_path = " + SCHEMA + ", public",
                "CREATE TABLE edges (src int NOT NULL, dst int NOT NULL)",
                "INSERT INTO edges SELECT c * " + (length + 1) + " + i, c * " + (length + 1) + " + i + 1"
                        + " FROM generate_series(0, " + (chains - 1) + ") c, generate_series(0, " + (length - 1) + ") i",
                "CREATE INDEX ON edges (src)", "CREATE INDEX ON edges (dst)", "VACUUM ANALYZE edges",
                "SELECT pgstream.create_stream_table('closure', $q$" + QUERY + "$q$, schedule => '1d', refresh_mode => 'differential')");
        PlanInstaller.install(c, "closure");
        execute(c, "CREATE MATERIALIZED VIEW closure_mv AS " + QUERY, "VACUUM ANALYZE");
    }

    private static double refresh(Connection c) throws SQLException {
        long start = System.nanoTime();
        String action = queryString(c, "SELECT action FROM pgstream.refresh_stream_table('closure')");
        double millis = (System.nanoTime() - start) / 1e6;
        if (!action.equals("DIFFERENTIAL")) {
            throw new IllegalStateException("the closure refreshed " + action);
        }
        return millis;
    }
}
