package io.pgstream.core.rewrite;

import io.pgstream.core.algebra.Rel;

/**
 * DISTINCT only asks whether a row's multiplicity is positive, so a DISTINCT beneath it changes nothing:
 * δ(δ(A)) = δ(A), and δ(δ(A) ⊎ B) = δ(A ⊎ B), since a row's multiplicity in δ(A) ⊎ B is positive exactly
 * when it is in A ⊎ B (a query's multiplicities are never negative). This is what makes
 * {@code A UNION ALL B UNION C}, read as δ(δ(...) ⊎ C) or δ((A ⊎ B) ⊎ C), one DISTINCT over one union.
 */
final class DistinctAbsorption implements Rewrite {

    @Override
    public Rel apply(Rel rel) {
        if (!(rel instanceof Rel.Distinct distinct)) {
            return rel;
        }
        return switch (distinct.input()) {
            case Rel.Distinct inner -> inner;
            case Rel.UnionAll union when union.inputs().stream().anyMatch(Rel.Distinct.class::isInstance) ->
                    new Rel.Distinct(new Rel.UnionAll(union.inputs().stream()
                            .map(input -> input instanceof Rel.Distinct inner ? inner.input() : input).toList()));
            default -> rel;
        };
    }
}
