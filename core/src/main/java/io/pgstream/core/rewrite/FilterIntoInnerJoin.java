package io.pgstream.core.rewrite;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import java.util.List;

/**
 * A filter over an inner join is part of the join: σ_p(L ⋈_c R) = L ⋈_{c ∧ p} R (a comma join's WHERE is
 * its join condition). It matters for the delta: each term of Δ(L ⋈ R) then joins on the condition (through
 * an index on its keys) instead of building the cross product a filter above would prune.
 */
final class FilterIntoInnerJoin implements Rewrite {

    @Override
    public Rel apply(Rel rel) {
        if (rel instanceof Rel.Filter filter && filter.input() instanceof Rel.Join join && join.kind() == Rel.JoinKind.INNER) {
            Expr condition = join.condition() == null ? filter.condition()
                    : new Expr.Bool(Expr.BoolOp.AND, List.of(join.condition(), filter.condition()));
            return new Rel.Join(join.left(), join.right(), Rel.JoinKind.INNER, condition);
        }
        return rel;
    }
}
