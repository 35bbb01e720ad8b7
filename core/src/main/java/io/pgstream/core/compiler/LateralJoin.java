package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Exprs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A join whose right input is a LATERAL subquery that reads the left input's rows in its WHERE:
 *
 * <pre>
 *   L ⋈_c σ_p(R)  =  L ⋈_{c ∧ p} R     (inner and left joins alike)
 * </pre>
 *
 * where p may read L's columns: the subquery's rows for a row l of L are R's rows satisfying p(l, ·),
 * and those are exactly the rows the join with condition c ∧ p pairs with l (or, in a left join, pads
 * l with NULLs when there are none). Then the join is an ordinary one, and composes as any other. A
 * lateral subquery that reads the left input's columns elsewhere (in a join of its own FROM, below a
 * grouping) is refused.
 */
final class LateralJoin {

    private LateralJoin() {}

    static Rel of(Rel left, Rel right, Rel.JoinKind kind, Expr condition) throws NotDifferentiableException {
        if (outerReferences(right).isEmpty()) {
            return new Rel.Join(left, right, kind, condition);
        }
        if (!(right instanceof Rel.Filter filter) || !outerReferences(filter.input()).isEmpty()
                || (kind != Rel.JoinKind.INNER && kind != Rel.JoinKind.LEFT)) {
            throw new NotDifferentiableException("a LATERAL subquery that reads the outer row other than in its WHERE");
        }
        Expr both = condition == null || isTrue(condition) ? filter.condition()
                : new Expr.Bool(Expr.BoolOp.AND, List.of(condition, filter.condition()));
        return new Rel.Join(left, filter.input(), kind, both);
    }

    /** {@code ON true}, as LEFT JOIN LATERAL is written. */
    private static boolean isTrue(Expr condition) {
        return condition instanceof Expr.Const constant && constant.type().oid() == 16 && "true".equals(constant.text());
    }

    /** The qualifiers of columns a relation's expressions read that none of its inputs yields. */
    static Set<String> outerReferences(Rel rel) {
        Set<String> outer = new HashSet<>();
        for (Rel input : rel.children()) {
            outer.addAll(outerReferences(input));
        }
        Set<String> readable = new HashSet<>();
        rel.children().forEach(input -> readable.addAll(input.qualifiers()));
        for (Expr expression : expressions(rel)) {
            for (Expr found : Exprs.find(expression, Expr.Column.class::isInstance)) {
                String qualifier = ((Expr.Column) found).qualifier();
                if (!readable.contains(qualifier)) {
                    outer.add(qualifier);
                }
            }
        }
        return outer;
    }

    /** The expressions an operator evaluates over its inputs' columns. */
    private static List<Expr> expressions(Rel rel) {
        List<Expr> expressions = new ArrayList<>();
        switch (rel) {
            case Rel.Filter filter -> expressions.add(filter.condition());
            case Rel.Join join when join.condition() != null -> expressions.add(join.condition());
            case Rel.Project project -> project.columns().stream().map(OutputColumn::expression).forEach(expressions::add);
            case Rel.Aggregate aggregate -> {
                expressions.addAll(aggregate.groupKeys());
                aggregate.calls().stream().map(AggregateCall::call).forEach(expressions::add);
            }
            case Rel.Values values -> values.rows().forEach(expressions::addAll);
            case Rel.Window window -> {
                expressions.addAll(window.partitionKeys());
                window.calls().stream().map(OutputColumn::expression).forEach(expressions::add);
            }
            case Rel.Lateral lateral -> {
                lateral.calls().forEach(call -> expressions.add(call.call()));
                if (lateral.condition() != null) {
                    expressions.add(lateral.condition());
                }
            }
            default -> { }
        }
        return expressions;
    }
}
