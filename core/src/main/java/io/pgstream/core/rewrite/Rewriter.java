package io.pgstream.core.rewrite;

import io.pgstream.core.algebra.Rel;
import java.util.List;

/**
 * The rewrite pipeline: each pass applied bottom-up to the whole tree, in this order, round after round
 * until a round changes nothing.
 *
 * <p>Order: flattening first, so that absorption sees every branch of a union at one level. Absorption
 * can leave a union directly under a union (δ(δ(A ⊎ B) ⊎ C) becomes δ((A ⊎ B) ⊎ C)), which the next
 * round flattens: hence the rounds. A filter merges into the inner join beneath it, whichever round it
 * meets it in (a WHERE over a comma join is that join's condition). Every pass removes operators, so the rounds end; the cap only
 * guards against a pass that would not, and fails loudly.
 */
public final class Rewriter {

    static final List<Rewrite> PASSES = List.of(new UnionAllFlattening(), new DistinctAbsorption(), new DistinctOverGroups(),
            new FilterIntoInnerJoin());

    private static final int MAX_ROUNDS = 32;

    private Rewriter() {}

    public static Rel rewrite(Rel rel) {
        Rel current = rel;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Rel next = current;
            for (Rewrite pass : PASSES) {
                next = bottomUp(next, pass);
            }
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        throw new IllegalStateException("the rewrites did not converge in " + MAX_ROUNDS + " rounds:\n" + rel);
    }

    static Rel bottomUp(Rel rel, Rewrite pass) {
        List<Rel> children = rel.children().stream().map(child -> bottomUp(child, pass)).toList();
        return pass.apply(rel.withChildren(children));
    }
}
