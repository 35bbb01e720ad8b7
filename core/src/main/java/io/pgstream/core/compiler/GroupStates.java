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
 * from the input's new and old states ({@link TouchedKeys}); the old state consolidated into a bag
 * before PostgreSQL's own aggregates run over it, so every aggregate, user-defined ones included,
 * computes exactly what it would have. DISTINCT is a grouping with every column a key and no aggregate.
 */
final class GroupStates {

    /** A grouping: keys (none for a whole-table aggregate), the outputs over keys and aggregates, HAVING. */
    private record Grouping(Rel input, List<Expr> keys, List<Expr> outputs, Expr having) {}

    private final States states;
    private final TouchedKeys touched;

    GroupStates(States states) {
        this.states = states;
        this.touched = new TouchedKeys(states);
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
        return touched.delta(grouping.input(), grouping.keys(), (rows, weight) -> grouped(grouping, rows, weight));
    }
}
