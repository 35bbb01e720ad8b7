package io.pgstream.core.compiler;

import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.sql.ExprRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs an expression is rendered over, each a row set under a SQL alias: a column reference
 * becomes {@code alias.__pgs_c<i>} of the input that yields it.
 */
final class Scope {

    private record Input(String alias, List<Expr.Column> columns) {}

    private final List<Input> inputs = new ArrayList<>();
    private final ExprRenderer sql;

    Scope(ExprRenderer sql) {
        this.sql = sql;
    }

    Scope with(String alias, List<Expr.Column> columns) {
        inputs.add(new Input(alias, List.copyOf(columns)));
        return this;
    }

    String render(Expr expr) {
        return sql.render(expr, node -> node instanceof Expr.Column column ? reference(column) : null);
    }

    /** Renders with substitutions of whole nodes first (aggregate values, keys), then column references. */
    String render(Expr expr, java.util.function.Function<Expr, String> substitute) {
        return sql.render(expr, node -> {
            String replaced = substitute.apply(node);
            if (replaced != null) {
                return replaced;
            }
            return node instanceof Expr.Column column ? reference(column) : null;
        });
    }

    private String reference(Expr.Column column) {
        for (Input input : inputs) {
            for (int i = 0; i < input.columns().size(); i++) {
                Expr.Column candidate = input.columns().get(i);
                if (candidate.qualifier().equals(column.qualifier()) && candidate.name().equals(column.name())) {
                    return input.alias() + "." + Columns.name(i);
                }
            }
        }
        throw new IllegalStateException("no input yields the column " + column.qualifier() + "." + column.name());
    }
}
