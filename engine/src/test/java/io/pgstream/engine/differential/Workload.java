package io.pgstream.engine.differential;

import io.pgstream.engine.differential.OracleCorpus.Column;
import io.pgstream.engine.differential.OracleCorpus.QueryCase;
import io.pgstream.engine.differential.OracleCorpus.Table;
import io.pgstream.engine.testing.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * The workload of the oracle as data: operations on the source tables, grouped into transactions and
 * refresh cycles, with jqwik generators (so that a failing workload shrinks) and the SQL they render
 * to. Every operation is valid SQL whatever ran before it, so any sub-list of a workload is one too.
 */
public final class Workload {

    private Workload() {}

    public static final String STREAM_TABLE = "st";

    /** The cycle number of the refresh and check after the last cycle. */
    public static final int FINAL = Integer.MAX_VALUE;

    // ------------------------------------------------------------------------------------------
    // The model
    // ------------------------------------------------------------------------------------------

    /** Values (SQL literals) for the written columns of a table, in {@link Table#columns()} order. */
    public record Row(Table table, List<String> values) {
        public String sql() {
            return "(" + String.join(", ", values) + ")";
        }
    }

    /** Which rows an UPDATE or DELETE touches. */
    public sealed interface Selector {
        String sql();
    }

    public record ById(int id) implements Selector {
        public String sql() {
            return "id = " + id;
        }
    }

    public record ByValue(String column, String literal) implements Selector {
        public String sql() {
            return literal.equals("NULL") ? column + " IS NULL" : column + " = " + literal;
        }
    }

    /** The row {@code offset} ids below the newest one (a row that most likely exists). */
    public record ByNewest(Table table, int offset) implements Selector {
        public String sql() {
            return "id = (SELECT max(id) - " + offset + " FROM " + table.sqlName() + ")";
        }
    }

    public record ByIdModulo(int modulus, int remainder) implements Selector {
        public String sql() {
            return "id % " + modulus + " = " + remainder;
        }
    }

    public record Everything() implements Selector {
        public String sql() {
            return "true";
        }
    }

    public record Assignment(String column, String expression) {
        public String sql() {
            return column + " = " + expression;
        }
    }

    /** One statement on one table. */
    public sealed interface Op {
        Table table();

        String sql();
    }

    /** A multi-row INSERT; each row is listed {@code copies} times (whole-row duplicates). */
    public record Insert(Table table, List<Row> rows, int copies) implements Op {
        public String sql() {
            List<String> values = new ArrayList<>();
            for (Row row : rows) {
                values.addAll(Collections.nCopies(copies, row.sql()));
            }
            return "INSERT INTO " + table.sqlName() + " (" + table.columnList() + ") VALUES " + String.join(", ", values);
        }
    }

    public record Update(Table table, Selector where, List<Assignment> set) implements Op {
        public String sql() {
            return "UPDATE " + table.sqlName() + " SET " + set.stream().map(Assignment::sql).collect(Collectors.joining(", "))
                    + " WHERE " + where.sql();
        }
    }

    public record Delete(Table table, Selector where) implements Op {
        public String sql() {
            return "DELETE FROM " + table.sqlName() + " WHERE " + where.sql();
        }
    }

    public record Truncate(Table table) implements Op {
        public String sql() {
            return "TRUNCATE " + table.sqlName();
        }
    }

    /** Deletes rows and inserts them again, same ids and values, in one statement. */
    public record Reinsert(Table table, Selector where) implements Op {
        public String sql() {
            return "WITH gone AS (DELETE FROM " + table.sqlName() + " WHERE " + where.sql() + " RETURNING *) INSERT INTO "
                    + table.sqlName() + " SELECT * FROM gone";
        }
    }

    /** Deletes rows, keeping them in the table's parked table for {@link Unpark}. */
    public record Park(Table table, Selector where) implements Op {
        public String sql() {
            return "WITH gone AS (DELETE FROM " + table.sqlName() + " WHERE " + where.sql() + " RETURNING *) INSERT INTO "
                    + table.parked() + " SELECT * FROM gone";
        }
    }

    /** Inserts the parked rows back, with their ids and values. */
    public record Unpark(Table table) implements Op {
        public String sql() {
            return "WITH back AS (DELETE FROM " + table.parked() + " RETURNING *) INSERT INTO " + table.sqlName()
                    + " SELECT * FROM back";
        }
    }

    /** How the operations of a cycle are committed. */
    public enum Grouping {
        ONE_TRANSACTION, EACH_IN_ITS_OWN_TRANSACTION, TWO_TRANSACTIONS
    }

    /** Where a cycle's refresh runs. */
    public enum RefreshAt {
        /** On its own, in autocommit (READ COMMITTED) mode: change buffers are trimmed. */
        AUTOCOMMIT,
        /** In a REPEATABLE READ transaction with the oracle (buffers are not trimmed then). */
        REPEATABLE_READ,
        /** Inside the cycle's last writing transaction, before it commits: it consumes its own changes. */
        LAST_TRANSACTION
    }

    /**
     * One refresh cycle: a rolled-back transaction first (if {@code rolledBack} is not empty), then the
     * operations committed as {@code grouping} says, then the refresh where {@code refreshAt} says, and
     * the oracle. With {@link RefreshAt#LAST_TRANSACTION} the transaction goes on after the refresh with
     * {@code afterRefresh} (changes the next cycle's refresh must consume), then commits.
     */
    public record Cycle(List<Op> ops, Grouping grouping, List<Op> rolledBack, RefreshAt refreshAt, List<Op> afterRefresh) {

        public List<List<Op>> transactions() {
            return switch (grouping) {
                case ONE_TRANSACTION -> List.of(ops);
                case EACH_IN_ITS_OWN_TRANSACTION -> ops.stream().map(List::of).toList();
                case TWO_TRANSACTIONS -> ops.size() < 2 ? List.of(ops)
                        : List.of(ops.subList(0, ops.size() / 2), ops.subList(ops.size() / 2, ops.size()));
            };
        }
    }

    /** A whole try: a query, starting rows, and the cycles. {@link #toString()} is the SQL script. */
    public record Scenario(QueryCase query, List<Row> initialRows, List<Cycle> cycles) {

        public int opCount() {
            return cycles.stream().mapToInt(c -> c.ops().size() + c.rolledBack().size() + c.afterRefresh().size()).sum();
        }

        /** The scenario as a psql script: what jqwik prints for a (shrunk) failing sample. */
        @Override
        public String toString() {
            return "\n" + script(this, null);
        }
    }

    // ------------------------------------------------------------------------------------------
    // SQL
    // ------------------------------------------------------------------------------------------

    /** One INSERT per table that has starting rows. */
    public static List<String> initialInserts(List<Row> rows) {
        List<String> statements = new ArrayList<>();
        for (Table table : Table.values()) {
            List<Row> mine = rows.stream().filter(r -> r.table() == table).toList();
            if (!mine.isEmpty()) {
                statements.add(new Insert(table, mine, 1).sql());
            }
        }
        return statements;
    }

    /**
     * Whether the stream table reads the tables the workload generator writes for the query: null when it
     * does, else what it reads and what the generator assumes.
     */
    public static String unexpectedSources(TestDatabase db, QueryCase query) throws SQLException {
        Set<String> expected = new TreeSet<>(query.sources().stream().map(Table::sqlName).toList());
        Set<String> recorded = new TreeSet<>(db.queryColumn("""
                SELECT s.source_relid::regclass::text FROM pgstream.source s
                  JOIN pgstream.stream_table st ON st.id = s.stream_table_id
                 WHERE st.relid = '%s'::regclass""".formatted(STREAM_TABLE)));
        return expected.equals(recorded) ? null : "reads " + recorded + ", the generator assumes " + expected;
    }

    /**
     * Lifts {@code differential_max_change_ratio} and turns {@code auto_cost_choice} off: in refresh mode 'auto' a
     * refresh then goes differential whenever the plan allows, however many of the (few) rows changed and whatever
     * the refreshes before it cost.
     */
    public static final String LIFT_CHANGE_RATIO = "UPDATE pgstream.settings SET value = CASE name"
            + " WHEN 'differential_max_change_ratio' THEN '1e9' ELSE 'off' END"
            + " WHERE name IN ('differential_max_change_ratio', 'auto_cost_choice')";

    public static String createSql(QueryCase query, String mode) {
        return "SELECT pgstream.create_stream_table('" + STREAM_TABLE + "', $q$" + query.query() + "$q$, '1h', refresh_mode => '"
                + mode + "')";
    }

    /** Rows of the query missing from the stream table, and extra ones, by text form (user columns only). */
    public static String diffSql(String streamTable, String userColumns, String query) {
        return """
                SELECT 'missing' AS side, r FROM (SELECT q::text AS r FROM (%2$s) q
                                                  EXCEPT ALL SELECT ROW(%1$s)::text FROM %3$s) m
                UNION ALL
                SELECT 'extra', r FROM (SELECT ROW(%1$s)::text AS r FROM %3$s
                                        EXCEPT ALL SELECT q::text FROM (%2$s) q) e""".formatted(userColumns, query, streamTable);
    }

    /** One step of a scenario as the runner executes it and the script prints it. */
    public sealed interface Step {
        /** A comment line of the script; nothing to execute. */
        record Comment(String text) implements Step {}

        /** A statement of the schema (the runner creates the schema once and empties its tables for each try). */
        record Schema(String sql) implements Step {}

        /** A statement: starting rows, the create call, or a workload operation ({@code op} not null). */
        record Statement(String sql, Op op) implements Step {}

        record Begin(boolean repeatableRead) implements Step {}

        record Commit() implements Step {}

        record Rollback() implements Step {}

        /** {@code PlanInstaller.install}, from Java. */
        record Install() implements Step {}

        /** A refresh, in cycle {@code cycle} (numbered from 1), or the {@link #FINAL} one. */
        record Refresh(int cycle) implements Step {}

        /** The oracle: the stream table must equal its query; cycle 0 is right after create and install. */
        record Check(int cycle) implements Step {}
    }

    /** What a scenario does, in order: schema, starting rows, create, install, then cycle after cycle. */
    public static List<Step> steps(Scenario scenario) {
        return steps(scenario, "differential");
    }

    /**
     * As {@link #steps(Scenario)}, the stream table created in refresh mode {@code mode}; in 'auto',
     * after {@link #LIFT_CHANGE_RATIO}.
     */
    public static List<Step> steps(Scenario scenario, String mode) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Comment("pg_stream differential refresh: reproduction (query case " + scenario.query().name() + ")"));
        steps.add(new Step.Comment("in a fresh database with pg_stream installed (CREATE EXTENSION pg_stream)"));
        for (String ddl : OracleCorpus.schema()) {
            steps.add(new Step.Schema(ddl));
        }
        for (String insert : initialInserts(scenario.initialRows())) {
            steps.add(new Step.Statement(insert, null));
        }
        if (mode.equals("auto")) {
            steps.add(new Step.Statement(LIFT_CHANGE_RATIO, null));
        }
        steps.add(new Step.Statement(createSql(scenario.query(), mode), null));
        steps.add(new Step.Install());
        steps.add(new Step.Check(0));
        int number = 0;
        for (Cycle cycle : scenario.cycles()) {
            number++;
            steps.add(new Step.Comment(""));
            steps.add(new Step.Comment("cycle " + number));
            if (!cycle.rolledBack().isEmpty()) {
                steps.add(new Step.Begin(false));
                cycle.rolledBack().forEach(op -> steps.add(new Step.Statement(op.sql(), op)));
                steps.add(new Step.Rollback());
            }
            List<List<Op>> transactions = cycle.transactions();
            for (int i = 0; i < transactions.size(); i++) {
                boolean keepOpen = i == transactions.size() - 1 && cycle.refreshAt() == RefreshAt.LAST_TRANSACTION;
                steps.add(new Step.Begin(false));
                transactions.get(i).forEach(op -> steps.add(new Step.Statement(op.sql(), op)));
                if (!keepOpen) {
                    steps.add(new Step.Commit());
                }
            }
            if (cycle.refreshAt() == RefreshAt.REPEATABLE_READ) {
                steps.add(new Step.Begin(true));
            }
            steps.add(new Step.Refresh(number));
            steps.add(new Step.Check(number));
            if (cycle.refreshAt() == RefreshAt.LAST_TRANSACTION) {
                cycle.afterRefresh().forEach(op -> steps.add(new Step.Statement(op.sql(), op)));
            }
            if (cycle.refreshAt() != RefreshAt.AUTOCOMMIT) {
                steps.add(new Step.Commit());
            }
        }
        steps.add(new Step.Comment(""));
        steps.add(new Step.Comment("a last refresh: SKIP, unless the last cycle wrote after its refresh"));
        steps.add(new Step.Refresh(FINAL));
        steps.add(new Step.Check(FINAL));
        return steps;
    }

    /**
     * The steps as a psql script. {@code notes}, when given, maps step indexes to what happened there
     * (row counts, refresh results, differences), printed as comments.
     */
    public static String script(Scenario scenario, Map<Integer, String> notes) {
        return script(scenario, notes, "differential");
    }

    /** As {@link #script(Scenario, Map)}, for {@link #steps(Scenario, String)}. */
    public static String script(Scenario scenario, Map<Integer, String> notes, String mode) {
        List<Step> steps = steps(scenario, mode);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            String line = switch (steps.get(i)) {
                case Step.Comment comment -> comment.text().isEmpty() ? "" : "-- " + comment.text();
                case Step.Schema schema -> schema.sql() + ";";
                case Step.Statement statement -> statement.sql() + ";";
                case Step.Begin begin -> begin.repeatableRead() ? "BEGIN ISOLATION LEVEL REPEATABLE READ;" : "BEGIN;";
                case Step.Commit commit -> "COMMIT;";
                case Step.Rollback rollback -> "ROLLBACK;";
                case Step.Install install -> "-- from Java: io.pgstream.engine.compile.PlanInstaller.install(connection, \""
                        + STREAM_TABLE + "\")";
                case Step.Refresh refresh -> "SELECT action, reason FROM pgstream.refresh_stream_table('" + STREAM_TABLE + "');";
                case Step.Check check -> "-- check: " + STREAM_TABLE + " (its user columns) equals the query, as a multiset";
            };
            out.append(line);
            if (notes != null && notes.containsKey(i)) {
                out.append(line.isEmpty() ? "-- " : "  -- ").append(notes.get(i).replace("\n", "\n--   "));
            }
            out.append('\n');
        }
        out.append("\n-- the query:\n").append(scenario.query().query()).append(";\n");
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------
    // Generators
    // ------------------------------------------------------------------------------------------

    public static Arbitrary<Row> row(Table table) {
        List<Arbitrary<String>> values = table.columns().stream().map(c -> Arbitraries.of(c.domain())).toList();
        return Combinators.combine(values).as(list -> new Row(table, List.copyOf(list)));
    }

    /** Starting rows: a few per table, possibly none. */
    public static Arbitrary<List<Row>> initialRows() {
        return Combinators.combine(row(Table.A).list().ofMaxSize(7), row(Table.B).list().ofMaxSize(5),
                row(Table.C).list().ofMaxSize(5), row(Table.D).list().ofMaxSize(5)).as((a, b, c, d) -> {
                    List<Row> all = new ArrayList<>(a);
                    all.addAll(b);
                    all.addAll(c);
                    all.addAll(d);
                    return List.copyOf(all);
                });
    }

    /**
     * Rows by id, by a column's value, by id modulo, or all; {@code narrow}: mostly one of the newest
     * rows, sometimes by value, never the last two.
     */
    public static Arbitrary<Selector> selector(Table table, boolean narrow) {
        Arbitrary<Selector> byValue = Arbitraries.of(table.columns())
                .flatMap(c -> Arbitraries.of(c.domain()).map(v -> (Selector) new ByValue(c.name(), v)));
        Arbitrary<Selector> oneRow = narrow
                ? Arbitraries.integers().between(0, 40).map(offset -> (Selector) new ByNewest(table, offset))
                : Arbitraries.integers().between(1, 16).map(id -> (Selector) new ById(id));
        return Arbitraries.frequencyOf(
                Tuple.of(5, oneRow),
                Tuple.of(narrow ? 1 : 4, byValue),
                Tuple.of(narrow ? 0 : 2, Combinators.combine(Arbitraries.integers().between(2, 4),
                        Arbitraries.integers().between(0, 3)).as((m, r) -> (Selector) new ByIdModulo(m, r))),
                Tuple.of(narrow ? 0 : 1, Arbitraries.just(new Everything())));
    }

    /** A literal of the column's domain, the column itself (an update that changes nothing), or a computation. */
    private static Arbitrary<Assignment> assignment(Column column) {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(column.domain())),
                Tuple.of(1, Arbitraries.just(column.name())),
                Tuple.of(3, Arbitraries.of(column.derived())))
                .map(expression -> new Assignment(column.name(), expression));
    }

    private static Arbitrary<List<Assignment>> assignments(Table table) {
        return Arbitraries.of(table.columns()).list().ofMinSize(1).ofMaxSize(2).uniqueElements(Column::name)
                .flatMap(columns -> Combinators.combine(columns.stream().map(Workload::assignment).toList())
                        .as(List::copyOf));
    }

    /**
     * An operation on a table: mostly inserts, updates and deletes; sometimes a delete and re-insert of
     * the same rows; rarely a TRUNCATE (when {@code truncates} is true).
     */
    public static Arbitrary<Op> op(Table table, boolean truncates) {
        return op(table, truncates, false);
    }

    /**
     * As {@link #op(Table, boolean)}; {@code narrow} keeps a table's size about stable under a long
     * workload: one row per insert, and updates and deletes mostly of one of the newest rows.
     */
    public static Arbitrary<Op> op(Table table, boolean truncates, boolean narrow) {
        Arbitrary<Op> insert = Combinators.combine(row(table).list().ofMinSize(1).ofMaxSize(narrow ? 1 : 3),
                narrow ? Arbitraries.just(1)
                        : Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(1)), Tuple.of(1, Arbitraries.integers().between(2, 3))))
                .as((rows, copies) -> new Insert(table, rows, copies));
        Arbitrary<Selector> selector = selector(table, narrow);
        Arbitrary<Op> update = Combinators.combine(selector, assignments(table)).as((w, s) -> new Update(table, w, s));
        Arbitrary<Op> delete = selector.map(w -> new Delete(table, w));
        Arbitrary<Op> reinsert = selector.map(w -> new Reinsert(table, w));
        Arbitrary<Op> park = selector.map(w -> new Park(table, w));
        Arbitrary<Op> unpark = Arbitraries.just(new Unpark(table));
        return Arbitraries.frequencyOf(
                Tuple.of(30, insert),
                Tuple.of(28, update),
                Tuple.of(16, delete),
                Tuple.of(5, reinsert),
                Tuple.of(5, park),
                Tuple.of(4, unpark),
                Tuple.of(truncates ? 2 : 0, Arbitraries.just(new Truncate(table))));
    }

    /** Operations mostly on the tables the query reads, sometimes on any table. */
    public static Arbitrary<Op> op(Set<Table> sources, boolean truncates) {
        Arbitrary<Table> table = Arbitraries.frequencyOf(
                Tuple.of(7, Arbitraries.of(List.copyOf(sources))),
                Tuple.of(1, Arbitraries.of(Table.values())));
        return table.flatMap(t -> op(t, truncates));
    }

    public static Arbitrary<Cycle> cycle(Set<Table> sources) {
        Arbitrary<List<Op>> rolledBack = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.just(List.<Op>of())),
                Tuple.of(1, op(sources, true).list().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<Tuple.Tuple2<RefreshAt, List<Op>>> refresh = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(RefreshAt.AUTOCOMMIT)),
                Tuple.of(2, Arbitraries.just(RefreshAt.REPEATABLE_READ)),
                Tuple.of(2, Arbitraries.just(RefreshAt.LAST_TRANSACTION)))
                .flatMap(at -> (at == RefreshAt.LAST_TRANSACTION ? op(sources, true).list().ofMaxSize(2)
                        : Arbitraries.just(List.<Op>of())).map(after -> Tuple.of(at, after)));
        // without edge cases for the list sizes: jqwik would otherwise make one-operation batches (and
        // one-cycle scenarios, below) far more often than the uniform distribution does
        return Combinators.combine(op(sources, true).list().ofMinSize(1).ofMaxSize(6)
                        .withSizeDistribution(RandomDistribution.uniform()).withoutEdgeCases(),
                Arbitraries.of(Grouping.class), rolledBack, refresh)
                .as((ops, grouping, back, at) -> new Cycle(ops, grouping, back, at.get1(), at.get2()));
    }

    public static Arbitrary<Scenario> scenario(List<QueryCase> queries) {
        return Arbitraries.of(queries).flatMap(query -> Combinators.combine(initialRows(),
                cycle(query.sources()).list().ofMinSize(1).ofMaxSize(8).withSizeDistribution(RandomDistribution.uniform())
                        .withoutEdgeCases())
                .as((rows, cycles) -> new Scenario(query, rows, cycles)));
    }
}
