package io.pgstream.core.rewrite;

import io.pgstream.core.algebra.Rel;
import java.util.ArrayList;
import java.util.List;

/**
 * UNION ALL is associative: (A ⊎ B) ⊎ C = A ⊎ (B ⊎ C) = ⊎(A, B, C), multiplicities adding up either
 * way. A union takes the inputs of a union among its inputs in that union's place, in order, so that one
 * level lists every branch. The column names stay the first branch's: a nested first union's names are
 * its own first branch's.
 */
final class UnionAllFlattening implements Rewrite {

    @Override
    public Rel apply(Rel rel) {
        if (!(rel instanceof Rel.UnionAll union) || union.inputs().stream().noneMatch(Rel.UnionAll.class::isInstance)) {
            return rel;
        }
        List<Rel> branches = new ArrayList<>();
        for (Rel input : union.inputs()) {
            branches.addAll(input instanceof Rel.UnionAll nested ? nested.inputs() : List.of(input));
        }
        return new Rel.UnionAll(branches);
    }
}
