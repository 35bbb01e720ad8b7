package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.sql.ExprRenderer;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The SQL of any operator in each of its three states, composed from its inputs' (DBSP's chain rule):
 * {@link State#NEW} its rows now, {@link State#OLD} its rows at the previous refresh and
 * {@link State#DELTA} the change between them. Every state is a Z-set: columns {@code __pgs_c<i>}
 * ({@link Columns}) and a weight {@code __pgs_w}; a row's multiplicity is the sum of its weights, and
 * NEW rows always weigh 1. The linear operators are here: a filter, a projection and a union apply to
 * each state alike (σ(ΔR) = Δσ(R)), and a derived table is its query. Joins, semi and anti joins and
 * groups have rules of their own ({@link JoinStates}, {@link SemiJoinStates}, {@link GroupStates},
 * {@link CombineStates}, {@link WindowStates}), and so do functions in FROM applied to each row ({@link LateralStates}).
 *
 * <p>Inside a delta statement, {@code $1, $2, $3} are the previous frontier and CTE {@code __pgs_f} the
 * current one (see {@code pgstream._changed_between}).
 */
final class States {

    static final String WEIGHT = "__pgs_w";

    enum State { NEW, OLD, DELTA }

    private final CompileRequest request;
    private final ExprRenderer sql;
    private final Columns columns;
    private final JoinStates joins = new JoinStates(this);
    private final SemiJoinStates semiJoins = new SemiJoinStates(this);
    private final GroupStates groups = new GroupStates(this);
    private final CombineStates combines = new CombineStates(this);
    private final RecursiveStates recursions;
    private final boolean standalone;
    private final WindowStates windows = new WindowStates(this);
    private final LateralStates laterals = new LateralStates(this);
    /** The CTE name of each delta written through {@link #shared}, and their definitions in order. */
    private final Map<Rel, String> deltas = new HashMap<>();
    private final List<String> definitions = new ArrayList<>();

    /** The states for a delta statement: they may read the state tables and the CTEs it lists. */
    States(CompileRequest request) {
        this(request, false);
    }

    private States(CompileRequest request, boolean standalone) {
        this.request = request;
        this.sql = request.sql();
        this.columns = new Columns(request);
        this.standalone = standalone;
        this.recursions = new RecursiveStates(this, request);
    }

    /**
     * The states for a query that runs by itself (a FULL refresh's query, a state table's fill, a type
     * probe): NEW is computed from the sources alone, never from a state table and a delta.
     */
    static States standalone(CompileRequest request) {
        return new States(request, true);
    }

    /** Whether these states run outside a delta statement ({@link #standalone}). */
    boolean isStandalone() {
        return standalone;
    }

    /** Adds a CTE the statement lists with the others (see {@link #ctes()}). */
    void define(String cte) {
        definitions.add(cte);
    }

    /** The state tables the states written so far keep. */
    List<Plan.StateTable> stateTables() {
        return recursions.stateTables();
    }

    ExprRenderer sql() {
        return sql;
    }

    List<Expr.Column> columns(Rel rel) throws NotDifferentiableException {
        return columns.of(rel);
    }

    /** A scope over one input under an alias. */
    Scope scope(String alias, Rel rel) throws NotDifferentiableException {
        return new Scope(sql).with(alias, columns(rel));
    }

    Scope emptyScope() {
        return new Scope(sql);
    }

    /**
     * The CTEs the states written so far read, to follow the statement's frontier CTE: {@code ,\n name AS
     * MATERIALIZED (...)} each, inputs before the operators that read them; empty when there are none.
     */
    String ctes() {
        return definitions.isEmpty() ? "" : ",\n" + String.join(",\n", definitions);
    }

    /**
     * A state for a rule that reads it more than once: a delta (small) is then written once, as a CTE, so that
     * the statement grows with the query instead of exponentially (an outer join reads its inputs' deltas in
     * its inner and its anti part, and its own delta again for its old state). Other states, and deltas read
     * once, stay inline, where PostgreSQL flattens joins and places their conditions.
     */
    String shared(Rel rel, State state) throws NotDifferentiableException {
        if (state != State.DELTA || rel instanceof Rel.Scan || rel instanceof Rel.Values) {
            return of(rel, state);
        }
        if (rel instanceof Rel.Derived derived) {
            return shared(derived.input(), state);
        }
        String name = deltas.get(rel);
        if (name == null) {
            String sql = of(rel, state);
            name = "__pgs_delta" + (deltas.size() + 1);
            definitions.add(name + " AS MATERIALIZED (\n" + sql + ")");
            deltas.put(rel, name);
        }
        return "SELECT * FROM " + name;
    }

    String of(Rel rel, State state) throws NotDifferentiableException {
        return switch (rel) {
            case Rel.Scan scan -> scan(scan, state);
            case Rel.Values values -> values(values, state);
            case Rel.Filter filter when GroupStates.aggregateOf(filter) == null ->
                    "SELECT x.* FROM (" + evaluated(filter.input(), state, List.of(filter.condition())) + ") x WHERE "
                            + scope("x", filter.input()).render(filter.condition());
            case Rel.Project project when GroupStates.aggregateOf(project.input()) != null -> groups.of(project, state);
            case Rel.Project project -> project(project, state);
            case Rel.UnionAll union -> {
                List<String> branches = new ArrayList<>();
                for (Rel input : union.inputs()) {
                    branches.add(of(input, state));
                }
                yield String.join("\nUNION ALL\n", branches);
            }
            case Rel.Derived derived -> of(derived.input(), state);
            case Rel.Distinct distinct -> groups.distinct(distinct, state);
            case Rel.Combine combine -> combines.of(combine, state);
            case Rel.Window window -> windows.of(window, state);
            case Rel.Join join when join.kind() == Rel.JoinKind.SEMI || join.kind() == Rel.JoinKind.ANTI -> semiJoins.of(join, state);
            case Rel.Join join -> joins.of(join, state);
            case Rel.Lateral lateral -> laterals.of(lateral, state);
            case Rel.Filter filter -> throw new IllegalStateException("HAVING outside a projection");
            case Rel.Aggregate aggregate -> throw new IllegalStateException("an aggregate outside a projection");
            case Rel.TopK topK -> throw new IllegalStateException("a TopK below the top of the query");
            case Rel.Recursive recursive -> recursions.of(recursive, state);
            case Rel.RecursiveRef reference -> recursions.reference(reference, state);
        };
    }

    /** {@code SELECT <expressions> AS __pgs_c<i>, <weight> AS __pgs_w}. */
    static String select(List<String> expressions, String weight) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            items.add(expressions.get(i) + " AS " + Columns.name(i));
        }
        items.add(weight + " AS " + WEIGHT);
        return "SELECT " + String.join(", ", items);
    }

    /** The column references {@code alias.__pgs_c0 ...} of {@code count} columns. */
    static List<String> references(String alias, int count) {
        return IntStream.range(0, count).mapToObj(i -> alias + "." + Columns.name(i)).toList();
    }

    /** OLD from NEW and DELTA, for any operator: R⁰ = R¹ − ΔR as Z-sets. */
    String oldFromNewAndDelta(Rel rel) throws NotDifferentiableException {
        int width = columns(rel).size();
        return of(rel, State.NEW) + "\nUNION ALL\n" + select(references("d", width), "-d." + WEIGHT)
                + " FROM (" + shared(rel, State.DELTA) + ") d";
    }

    private String project(Rel.Project project, State state) throws NotDifferentiableException {
        Scope scope = scope("x", project.input());
        List<String> expressions = new ArrayList<>();
        for (var column : project.columns()) {
            expressions.add(scope.render(column.expression()));
        }
        return select(expressions, "x." + WEIGHT) + " FROM ("
                + evaluated(project.input(), state, project.columns().stream().map(c -> c.expression()).toList()) + ") x";
    }

    /**
     * An input's state for user expressions to be evaluated over. A join's delta holds, beside the real
     * changes, rows of neither state that cancel out (ΔL ⋈ R⁰ pairs a new left row with a right row the
     * same refresh deleted; L¹ ⋈ ΔR pairs them again with the opposite weight): an expression PostgreSQL
     * never evaluated could fail on them (a division by a count that was 0). So a join's delta is netted
     * first, and only rows that really changed are evaluated; unless the expressions only read columns and
     * constants, which cannot fail.
     */
    String evaluated(Rel input, State state, List<Expr> expressions) throws NotDifferentiableException {
        String sql = of(input, state);
        boolean mayFail = expressions.stream().anyMatch(e -> !(e instanceof Expr.Column || e instanceof Expr.Const));
        return mayFail && state == State.DELTA && input instanceof Rel.Join join && join.kind() != Rel.JoinKind.SEMI
                && join.kind() != Rel.JoinKind.ANTI ? netted(sql, columns(input).size()) : sql;
    }

    /** A Z-set with the weights of each distinct row (by text form, which merges no two values) added up, zeros dropped. */
    static String netted(String zset, int width) {
        List<String> z = references("z", width);
        List<String> y = references("y", width);
        return select(references("q", width), "q.__pgs_m")
                + "\n  FROM (SELECT DISTINCT ON (y.__pgs_t) " + (y.isEmpty() ? "" : String.join(", ", y) + ", ")
                + "sum(y." + WEIGHT + ") OVER (PARTITION BY y.__pgs_t) AS __pgs_m"
                + "\n          FROM (SELECT z.*, ROW(" + String.join(", ", z) + ")::text AS __pgs_t FROM (" + zset + ") z) y) q"
                + "\n WHERE q.__pgs_m <> 0";
    }

    /** Constant rows: now and before alike, and never a change. */
    private String values(Rel.Values values, State state) {
        List<String> rows = new ArrayList<>();
        for (List<Expr> row : values.rows()) {
            rows.add(select(row.stream().map(e -> emptyScope().render(e)).toList(), "1::bigint"));
        }
        String now = String.join(" UNION ALL ", rows);
        return state == State.DELTA ? "SELECT v.* FROM (" + now + ") v WHERE false" : now;
    }

    private String scan(Rel.Scan scan, State state) throws NotDifferentiableException {
        CompileRequest.Source source = request.source(scan.table());
        return switch (state) {
            case NEW -> select(captured(source, "t"), "1::bigint") + " FROM " + scan.table().quoted() + " t";
            case DELTA -> delta(source);
            // both branches bigint: a UNION ALL of differing types cannot be flattened into a join, and the
            // table would be scanned whole instead of through its index
            case OLD -> of(scan, State.NEW) + "\nUNION ALL\n" + select(references("d", source.capturedColumns().size()),
                    "-d." + WEIGHT) + " FROM (" + delta(source) + ") d";
        };
    }

    /**
     * The changes of one source consumed by this refresh, with weight +1 (insert) or -1 (delete): its
     * reader's rows between the old frontier ($1, $2, $3) and this statement's (see
     * {@code pgstream._write_reader}).
     */
    private static String delta(CompileRequest.Source source) {
        return select(captured(source, "b"), "CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint")
                + " FROM __pgs_f f, " + source.reader() + "($1, $2, $3, f.snap, f.xid, f.seq) b"
                + " WHERE b.__pgs_op <> 'T'";
    }

    private static List<String> captured(CompileRequest.Source source, String qualifier) {
        return source.capturedColumns().stream().map(c -> qualifier + "." + Sql.identifier(c))
                .collect(Collectors.toList());
    }
}
