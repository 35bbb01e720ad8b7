package io.pgstream.bench;

import static io.pgstream.bench.BenchSql.execute;
import static io.pgstream.bench.BenchSql.queryLong;
import io.pgstream.bench.RefreshBenchmark.TablePlan;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.tpch.ResultDifference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The refresh benchmark's stream tables that exist now, in schema {@value RefreshBenchmark#SCHEMA}, each beside a
 * materialized view {@code <name>_mv} of its query, with the plan the compiler gave it.
 */
final class BenchStreamTables {

    private final List<BenchTable> tables = new ArrayList<>();
    private final Map<String, TablePlan> planOf = new LinkedHashMap<>();
    private final Consumer<String> problem;

    /** @param problem told what went wrong but need not stop the benchmark */
    BenchStreamTables(Consumer<String> problem) {
        this.problem = problem;
    }

    List<BenchTable> all() {
        return List.copyOf(tables);
    }

    List<String> names() {
        return tables.stream().map(BenchTable::name).toList();
    }

    List<BenchTable> withPlan(boolean differential) {
        return tables.stream().filter(t -> plan(t).differential() == differential).toList();
    }

    /** The plan installed at creation, as {@code explain_stream_table} gave it (no refresh observed). */
    TablePlan plan(BenchTable table) {
        return planOf.get(table.name());
    }

    /** The action a refresh after a change should report. */
    String expectedAction(BenchTable table) {
        return plan(table).differential() ? "DIFFERENTIAL" : "FULL";
    }

    /**
     * Creates the stream table, compiles and installs its plan as the engine would, then its materialized view.
     * A construct the compiler cannot maintain yet refreshes in full and is measured so; a baseline table must be
     * differential, since the other phases measure its differential refresh.
     */
    TablePlan create(Connection c, BenchTable table, long n) throws SQLException {
        execute(c, "SELECT pgstream.create_stream_table('" + table.name() + "', $q$" + table.query()
                + "$q$, schedule => '1d', refresh_mode => 'auto')");
        tables.add(table);
        try {
            PlanInstaller.install(c, table.name());
        } catch (SQLException | RuntimeException e) {
            // the compiler failing is a bug to report, not a reason to stop measuring: the table refreshes in full
            problem.accept("compiling " + table.name() + " failed: " + e);
        }
        TablePlan plan = explain(c, table.name(), n);
        if (table.baseline() && !plan.differential()) {
            throw new IllegalStateException("stream table " + table.name() + " got no differential plan: "
                    + plan.planReason());
        }
        planOf.put(table.name(), plan);
        execute(c, "CREATE MATERIALIZED VIEW " + table.name() + "_mv AS " + table.query());
        return plan;
    }

    private static TablePlan explain(Connection c, String table, long n) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT plan, reason FROM pgstream.explain_stream_table(?)")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new TablePlan(table, n, rs.getString(1), Objects.requireNonNullElse(rs.getString(2), ""), "", "");
            }
        }
    }

    /** Drops every benchmark stream table there is through the API (their capture goes with them), then the schema. */
    void dropAll(Connection c) throws SQLException {
        for (BenchTable table : BenchTable.ALL) {
            if (queryLong(c, "SELECT count(*) FROM pgstream.stream_table WHERE relid = to_regclass('"
                    + RefreshBenchmark.SCHEMA + "." + table.name() + "')") > 0) {
                drop(c, table);
            }
        }
        execute(c, "DROP SCHEMA IF EXISTS " + RefreshBenchmark.SCHEMA + " CASCADE");
        tables.clear();
        planOf.clear();
    }

    /**
     * Drops the construct tables once they are measured, so that the later phases run on the baseline tables alone,
     * as they did before the constructs came: nothing else reads {@code orders} and its buffer is trimmed as then.
     */
    void dropConstructs(Connection c) throws SQLException {
        for (BenchTable table : all()) {
            if (!table.baseline()) {
                drop(c, table);
            }
        }
    }

    private void drop(Connection c, BenchTable table) throws SQLException {
        String name = RefreshBenchmark.SCHEMA + "." + table.name();
        execute(c, "SELECT pgstream.drop_stream_table('" + name + "')", "DROP MATERIALIZED VIEW IF EXISTS " + name + "_mv");
        tables.remove(table);
        planOf.remove(table.name());
    }

    /** How the stream table differs from its query: the rows only in the table, and those only in the query. */
    static long[] differences(Connection c, BenchTable table) throws SQLException {
        return differences(c, table.name(), table.query());
    }

    /** The same for any relation kept equal to a query (see {@link ResultDifference} for the columns compared). */
    static long[] differences(Connection c, String relation, String query) throws SQLException {
        ResultDifference difference = ResultDifference.between(c, relation, query);
        return new long[] {difference.extra(), difference.missing()};
    }
}
