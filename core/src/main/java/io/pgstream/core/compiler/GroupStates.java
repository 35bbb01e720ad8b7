package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.compiler.States.State;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Groups inside a query: a grouped aggregate (with its HAVING and the projection over it) or a DISTINCT
 * whose result feeds another operator. A group's row depends on the group's input rows only, so
 *
 * <pre>
 *   Δγ_K(R) = Σ over groups g touched by ΔR of  γ(σ_{K=g} R¹) − γ(σ_{K=g} R⁰)
 * </pre>
 *
 * the new and old rows of exactly the groups the change touches, recomputed in the refresh's snapshot
 * from the input's new and old states, restricted to those groups so that indexes on the keys keep the
 * cost near the change. The old state is a Z-set; it is consolidated into a bag (rows with their
 * multiplicities, matched by text form so that no two values are merged) before PostgreSQL's own
 * aggregates run over it, so every aggregate, user-defined ones included, computes exactly what it
 * would have. DISTINCT is a grouping with every column a key and no aggregate.
 */
final class GroupStates {

    /** A grouping: keys (none for a whole-table aggregate), the outputs over keys and aggregates, HAVING. */
    private record Grouping(Rel input, List<Expr> keys, List<Expr> outputs, Expr having) {}

    private final States states;

    GroupStates(States states) {
        this.states = states;
    }

    /** The aggregate under a projection, through HAVING's filter: null when there is none. */
    static Rel.Aggregate aggregateOf(Rel rel) {
        return switch (rel) {
            case Rel.Aggregate aggregate -> aggregate;
            case Rel.Filter filter when filter.input() instanceof Rel.Aggregate aggregate -> aggregate;
            default -> null;
        };
    }

    String of(Rel.Project project, State state) throws NotDifferentiableException {
        Rel.Aggregate aggregate = aggregateOf(project.input());
        Expr having = project.input() instanceof Rel.Filter filter ? filter.condition() : null;
        return of(project, new Grouping(aggregate.input(), aggregate.groupKeys(),
                project.columns().stream().map(OutputColumn::expression).toList(), having), state);
    }

    String distinct(Rel.Distinct distinct, State state) throws NotDifferentiableException {
        List<Expr> columns = new ArrayList<>(states.columns(distinct.input()));
        return of(distinct, new Grouping(distinct.input(), columns, columns, null), state);
    }

    private String of(Rel rel, Grouping grouping, State state) throws NotDifferentiableException {
        return switch (state) {
            case NEW -> grouped(grouping, states.of(grouping.input(), State.NEW), "1::bigint");
            case DELTA -> delta(grouping);
            case OLD -> states.oldFromNewAndDelta(rel);
        };
    }

    /** {@code SELECT outputs FROM (rows) x GROUP BY keys HAVING having}, each row weighing {@code weight}. */
    private String grouped(Grouping grouping, String rows, String weight) throws NotDifferentiableException {
        Scope scope = states.scope("x", grouping.input());
        List<String> outputs = new ArrayList<>();
        for (Expr output : grouping.outputs()) {
            outputs.add(scope.render(output));
        }
        StringBuilder sql = new StringBuilder(States.select(outputs, weight)).append("\n  FROM (").append(rows).append(") x");
        if (!grouping.keys().isEmpty()) {
            sql.append("\n GROUP BY ").append(grouping.keys().stream().map(scope::render).collect(Collectors.joining(", ")));
        }
        if (grouping.having() != null) {
            sql.append("\nHAVING ").append(scope.render(grouping.having()));
        }
        return sql.toString();
    }

    private String delta(Grouping grouping) throws NotDifferentiableException {
        if (grouping.keys().isEmpty()) {
            // one group, touched by any change; the input's delta is read twice
            String touched = "EXISTS (SELECT 1 FROM (" + states.shared(grouping.input(), State.DELTA) + ") d)";
            return "SELECT n.* FROM (" + grouped(grouping, states.of(grouping.input(), State.NEW), "1::bigint") + ") n WHERE " + touched
                    + "\nUNION ALL\nSELECT o.* FROM (" + grouped(grouping, bag(states.of(grouping.input(), State.OLD), grouping.input()),
                    "-1::bigint") + ") o WHERE " + touched;
        }
        Scope scope = states.scope("x", grouping.input());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < grouping.keys().size(); i++) {
            keys.add(scope.render(grouping.keys().get(i)) + " AS __pgs_k" + i);
        }
        // a subquery of its own, so that its WITH can stand wherever a state's SQL does (a UNION ALL branch)
        return "SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT " + String.join(", ", keys) + " FROM ("
                + states.of(grouping.input(), State.DELTA) + ") x)\n"
                + grouped(grouping, restricted(grouping, State.NEW), "1::bigint")
                + "\nUNION ALL\n"
                + grouped(grouping, bag(restricted(grouping, State.OLD), grouping.input()), "-1::bigint") + ") g";
    }

    /**
     * The input's rows of the touched groups (CTE {@code __pgs_g}), in two parts: keys matched by equality
     * (which indexes serve), and groups with a NULL key, read only when such a group was touched.
     */
    private String restricted(Grouping grouping, State state) throws NotDifferentiableException {
        Scope scope = states.scope("x", grouping.input());
        List<String> keys = grouping.keys().stream().map(scope::render).toList();
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            touched.add("g.__pgs_k" + i);
        }
        String rows = "SELECT x.* FROM (" + states.of(grouping.input(), state) + ") x WHERE ";
        String equal = rows + "(" + String.join(", ", keys) + ") IN (SELECT " + String.join(", ", touched) + " FROM __pgs_g g)";
        String anyNullTouched = "(SELECT coalesce(bool_or(" + touched.stream().map(t -> t + " IS NULL").collect(Collectors.joining(" OR "))
                + "), false) FROM __pgs_g g)";
        String nullKey = keys.stream().map(k -> k + " IS NULL").collect(Collectors.joining(" OR "));
        List<String> same = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            same.add(touched.get(i) + " IS NOT DISTINCT FROM " + keys.get(i));
        }
        String withNull = rows + anyNullTouched + " AND (" + nullKey + ") AND EXISTS (SELECT 1 FROM __pgs_g g WHERE "
                + String.join(" AND ", same) + ")";
        return equal + "\nUNION ALL\n" + withNull;
    }

    /**
     * A Z-set as the bag it stands for: each distinct row (by text form) repeated as many times as its
     * weights add up to; rows whose weights cancel are gone.
     */
    private String bag(String zset, Rel input) throws NotDifferentiableException {
        int width = states.columns(input).size();
        return States.select(States.references("n", width), "1::bigint") + " FROM (" + States.netted(zset, width) + ") n"
                + "\n  CROSS JOIN LATERAL generate_series(1, n." + States.WEIGHT + ")";
    }
}
