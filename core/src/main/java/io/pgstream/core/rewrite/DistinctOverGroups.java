package io.pgstream.core.rewrite;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;

/**
 * A grouped aggregate yields one row per group, and groups differ in their keys; when every key is an
 * output, its rows are distinct already: δ(π(γ_K(R))) = π(γ_K(R)), and HAVING only drops some. A
 * whole-table aggregate (no keys) yields at most one row, distinct too. So {@code SELECT DISTINCT k, count(*) FROM t GROUP BY k} is maintained
 * as the aggregate it is.
 */
final class DistinctOverGroups implements Rewrite {

    @Override
    public Rel apply(Rel rel) {
        if (rel instanceof Rel.Distinct distinct
                && distinct.input() instanceof Rel.Project project
                && groups(project.input()) instanceof Rel.Aggregate aggregate
                && project.columns().stream().map(OutputColumn::expression).toList().containsAll(aggregate.groupKeys())) {
            return project;
        }
        return rel;
    }

    /** The aggregate whose groups a relation is, HAVING's filter or not; else null. */
    private static Rel.Aggregate groups(Rel rel) {
        return switch (rel) {
            case Rel.Aggregate aggregate -> aggregate;
            case Rel.Filter filter -> groups(filter.input());
            default -> null;
        };
    }
}
