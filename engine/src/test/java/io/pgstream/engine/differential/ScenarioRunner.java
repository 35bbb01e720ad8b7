package io.pgstream.engine.differential;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.catalog.StreamTables.RefreshResult;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.differential.OracleCorpus.Table;
import io.pgstream.engine.differential.Workload.Scenario;
import io.pgstream.engine.differential.Workload.Step;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one {@link Scenario} against a database that has the oracle schema: empties it, loads the
 * starting rows, creates and installs the stream table, then runs cycle after cycle, checking after
 * each refresh its action and the oracle. Any failure is an {@link AssertionError} whose message
 * holds the whole scenario as a psql script, annotated with what happened at each step.
 *
 * <p>The expected action is derived from the workload alone: FULL when a committed (or the
 * refresher's own) transaction truncated a table the query reads; otherwise DIFFERENTIAL when such
 * transactions wrote at least one row of a table the query reads (an UPDATE that rewrites equal
 * values is a write: it is captured); otherwise SKIP. In {@link Mode#AUTO}, a stream table whose plan
 * is full_only expects FULL instead of DIFFERENTIAL.
 */
final class ScenarioRunner {

    /** How the stream table is created, and what its plan may be. */
    enum Mode {
        /** Refresh mode 'differential': a plan that is not differential fails the run. */
        DIFFERENTIAL("differential"),
        /**
         * Refresh mode 'auto', with the change ratio lifted ({@link Workload#LIFT_CHANGE_RATIO}): a
         * differential plan refreshes differentially, a full_only one in full; either way the oracle holds.
         */
        AUTO("auto");

        final String refreshMode;

        Mode(String refreshMode) {
            this.refreshMode = refreshMode;
        }
    }

    /** What a successful run did, and the plan installed (its reason when it is full_only). */
    record Counts(int cycles, int differential, int full, int skip, boolean planDifferential, String planReason) {}

    /** Writes to tables the query reads, since the last refresh. */
    private static final class Effect {
        boolean wrote;
        boolean truncated;

        void add(Effect other) {
            wrote |= other.wrote;
            truncated |= other.truncated;
        }

        String expectedAction(boolean planDifferential) {
            return truncated ? "FULL" : wrote ? (planDifferential ? "DIFFERENTIAL" : "FULL") : "SKIP";
        }
    }

    /** Tables hold a few dozen rows at most: any statement slower than this is a failure, not a wait. */
    static final String STATEMENT_TIMEOUT = "30s";

    private ScenarioRunner() {}

    /**
     * Drops any stream table, empties the tables restarting their ids, and restarts pg_stream's change
     * numbering: the database is then as a fresh one would be, and a failing scenario replays the same.
     */
    static void reset(Connection c) throws SQLException {
        execute(c, "SELECT pgstream.drop_stream_table(name) FROM pgstream.stream_tables");
        execute(c, "ALTER SEQUENCE pgstream.change_seq RESTART");
        StringBuilder tables = new StringBuilder();
        for (Table table : Table.values()) {
            tables.append(tables.isEmpty() ? "" : ", ").append(table.sqlName()).append(", ").append(table.parked());
        }
        execute(c, "TRUNCATE " + tables + " RESTART IDENTITY");
    }

    static Counts run(TestDatabase db, Scenario scenario) throws SQLException {
        return run(db, scenario, Mode.DIFFERENTIAL);
    }

    static Counts run(TestDatabase db, Scenario scenario, Mode mode) throws SQLException {
        List<Step> steps = Workload.steps(scenario, mode.refreshMode);
        Map<Integer, String> notes = new TreeMap<>();
        Set<Table> sources = scenario.query().sources();
        String query = scenario.query().query();
        int cycles = 0;
        int differential = 0;
        int full = 0;
        int skip = 0;
        boolean planDifferential = false;
        String planReason = null;
        try (Connection c = db.connect()) {
            execute(c, "SET statement_timeout = '" + STATEMENT_TIMEOUT + "'"); // the data is tiny: a slow statement is a bug
            reset(c);
            Effect committed = new Effect();
            Effect open = null;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                try {
                    switch (step) {
                        case Step.Comment comment -> { }
                        case Step.Schema schema -> { }
                        case Step.Statement statement -> {
                            int rows = execute(c, statement.sql());
                            if (statement.op() != null) {
                                boolean truncate = statement.op() instanceof Workload.Truncate;
                                notes.put(i, truncate ? "truncated" : rows == 1 ? "1 row" : rows + " rows");
                                Effect target = open != null ? open : committed;
                                if (sources.contains(statement.op().table())) {
                                    target.truncated |= truncate;
                                    target.wrote |= rows > 0;
                                }
                            }
                        }
                        case Step.Begin begin -> {
                            c.setAutoCommit(false);
                            if (begin.repeatableRead()) {
                                execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                            }
                            open = new Effect();
                        }
                        case Step.Commit commit -> {
                            c.commit();
                            c.setAutoCommit(true);
                            committed.add(open);
                            open = null;
                        }
                        case Step.Rollback rollback -> {
                            c.rollback();
                            c.setAutoCommit(true);
                            open = null;
                        }
                        case Step.Install install -> {
                            PlanInstaller.Outcome outcome = PlanInstaller.install(c, Workload.STREAM_TABLE);
                            notes.put(i, "differential=" + outcome.differential()
                                    + (outcome.reason() == null ? "" : ", reason: " + outcome.reason()));
                            planDifferential = outcome.differential();
                            planReason = outcome.reason();
                            if (!outcome.differential() && mode == Mode.DIFFERENTIAL) {
                                throw fail(scenario, mode, notes, "the query of case " + scenario.query().name()
                                        + " is supported, but no differential plan was installed: " + outcome.reason());
                            }
                        }
                        case Step.Refresh refresh -> {
                            Effect effect = new Effect();
                            effect.add(committed);
                            if (open != null) {
                                effect.add(open); // the refreshing transaction's own changes are consumed now
                                open = new Effect();
                            }
                            committed = new Effect();
                            String expected = effect.expectedAction(planDifferential);
                            RefreshResult result = StreamTables.refresh(c, Workload.STREAM_TABLE);
                            notes.put(i, result.action() + (result.reason() == null ? "" : " (" + result.reason() + ")")
                                    + ", +" + result.rowsInserted() + " -" + result.rowsDeleted() + " rows, " + result.rowsUpdated() + " updated");
                            if (!expected.equals(result.action())) {
                                notes.put(i, notes.get(i) + "   <-- expected " + expected);
                                throw fail(scenario, mode, notes, label(refresh.cycle())
                                        + ": expected action " + expected + ", got " + result.action()
                                        + (result.reason() == null ? "" : " (" + result.reason() + ")"));
                            }
                            if (expected.equals("FULL") && planDifferential && (result.reason() == null
                                    || !result.reason().toLowerCase(Locale.ROOT).contains("truncat"))) {
                                throw fail(scenario, mode, notes, label(refresh.cycle())
                                        + ": a FULL refresh after a TRUNCATE should say so in its reason, got: " + result.reason());
                            }
                            if (refresh.cycle() != Workload.FINAL) {
                                cycles++;
                                switch (result.action()) {
                                    case "DIFFERENTIAL" -> differential++;
                                    case "FULL" -> full++;
                                    default -> skip++;
                                }
                            }
                        }
                        case Step.Check check -> {
                            long[] difference = Oracle.differences(c, Workload.STREAM_TABLE, query);
                            if (difference[0] + difference[1] != 0) {
                                notes.put(i, "DIFFERS: " + difference[0] + " row(s) missing, " + difference[1] + " extra"
                                        + describeDifference(c, Workload.STREAM_TABLE, query));
                                throw fail(scenario, mode, notes, label(check.cycle())
                                        + ": the stream table differs from its query: " + difference[0] + " row(s) missing, "
                                        + difference[1] + " extra");
                            }
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    notes.put(i, "ERROR: " + e.getMessage());
                    AssertionError error = fail(scenario, mode, notes, "step failed: " + e.getMessage());
                    error.initCause(e);
                    throw error;
                }
            }
        }
        return new Counts(cycles, differential, full, skip, planDifferential, planReason);
    }

    private static String label(int cycle) {
        return cycle == 0 ? "after create and install" : cycle == Workload.FINAL ? "final refresh" : "cycle " + cycle;
    }

    /** The differing rows, a few of each side, as text; and the columns compared. */
    static String describeDifference(Connection c, String streamTable, String query) throws SQLException {
        String columns = userColumns(c, streamTable);
        StringBuilder out = new StringBuilder("\ncompared columns: " + columns);
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery(Workload.diffSql(streamTable, columns, query) + " LIMIT 20")) {
            while (rs.next()) {
                out.append('\n').append(rs.getString(1)).append(": ").append(rs.getString(2));
            }
        }
        return out.toString();
    }

    /** The stream table's columns, without pg_stream's hidden {@code __pgs_*} ones, quoted and comma separated. */
    static String userColumns(Connection c, String streamTable) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("""
                SELECT quote_ident(attname) FROM pg_attribute
                 WHERE attrelid = '%s'::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\\_\\_pgs\\_%%'
                 ORDER BY attnum""".formatted(streamTable))) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return String.join(", ", columns);
    }

    private static AssertionError fail(Scenario scenario, Mode mode, Map<Integer, String> notes, String message) {
        return new AssertionError(message + "\n\n" + Workload.script(scenario, notes, mode.refreshMode));
    }

    /** The first column of the first row of a query, as text. */
    static String queryString(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Runs one statement; returns its row count (0 for a statement without one). */
    static int execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
            return Math.max(statement.getUpdateCount(), 0);
        }
    }
}
