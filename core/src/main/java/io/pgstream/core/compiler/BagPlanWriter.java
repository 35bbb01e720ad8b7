package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;

/**
 * The plan of a query whose result is a bag (anything but a grouped aggregate, a DISTINCT or a TopK at
 * its top): duplicates are kept as separate rows. The bag's delta ({@link BagInput}) is applied as
 * {@link BagChanges} says.
 */
final class BagPlanWriter {

    private BagPlanWriter() {}

    static Plan write(CompileRequest request, Rel bag)
            throws NotDifferentiableException {
        BagInput input = BagInput.of(request, bag);
        String delta = input.nettedDelta() + ",\n"
                + BagChanges.applied(request.target(), input.names(), "__pgs_n", "__pgs_del", "__pgs_ins") + "\n"
                + DeltaStatement.result(null);
        return new Plan(bag.explain(request.sql()), BagChanges.HIDDEN, BagChanges.stored(request.definition()), delta,
                input.stateTables());
    }
}
