package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.algebra.TableFunction;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.compiler.States.State;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Functions in FROM applied to each input row ({@link Rel.Lateral}). The calls read one input row's
 * columns only, so the operator is a flat map, linear in its input:
 *
 * <pre>
 *   Δ(R ⋈_lat f(R)) = ΔR ⋈_lat f(ΔR)
 * </pre>
 *
 * each output row weighing what its input row weighs (an input row that came, or went, brings, or takes,
 * exactly the rows its calls yield; rows no call can tell apart stay a multiset). A LEFT JOIN LATERAL's
 * NULL-padded row belongs to one input row as well, so the same holds; every state is PostgreSQL's own
 * {@code ROWS FROM} over the input's state, which keeps its padding, ordinality and NULL rules.
 */
final class LateralStates {

    private final States states;

    LateralStates(States states) {
        this.states = states;
    }

    String of(Rel.Lateral lateral, State state) throws NotDifferentiableException {
        List<Expr.Column> inputColumns = states.columns(lateral.input());
        Scope input = states.scope("x", lateral.input());
        List<String> calls = new ArrayList<>();
        List<Expr> evaluated = new ArrayList<>();
        for (TableFunction function : lateral.calls()) {
            calls.add(input.render(function.call()) + definitions(function));
            evaluated.add(function.call());
        }
        List<Expr.Column> own = lateral.names().stream().map(name -> new Expr.Column(lateral.alias(), name, null)).toList();
        String condition = "true";
        if (lateral.condition() != null) {
            condition = states.scope("x", lateral.input()).with("f", own).render(lateral.condition());
            evaluated.add(lateral.condition());
        }
        List<String> expressions = new ArrayList<>(States.references("x", inputColumns.size()));
        expressions.addAll(States.references("f", own.size()));
        return States.select(expressions, "x." + States.WEIGHT)
                + "\n  FROM (" + states.evaluated(lateral.input(), state, evaluated) + ") x\n  "
                + (lateral.outer() ? "LEFT JOIN LATERAL" : "JOIN LATERAL") + " ROWS FROM (" + String.join(", ", calls) + ")"
                + (lateral.ordinality() ? " WITH ORDINALITY" : "") + " AS f("
                + IntStream.range(0, own.size()).mapToObj(Columns::name).collect(Collectors.joining(", ")) + ") ON " + condition;
    }

    /** A record-returning function's column definition list, as the query wrote it. */
    private String definitions(TableFunction function) {
        if (function.definedTypes().isEmpty()) {
            return "";
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < function.definedTypes().size(); i++) {
            columns.add(Sql.identifier(function.definedNames().get(i)) + " " + states.sql().type(function.definedTypes().get(i)));
        }
        return " AS (" + String.join(", ", columns) + ")";
    }
}
