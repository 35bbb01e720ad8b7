package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import java.util.List;

/**
 * The plan of a query whose result is a bag (anything but a grouped aggregate or a DISTINCT at its top):
 * duplicates are kept as separate rows. Every stored row carries {@code __pgs_rowid}, a hash of its text
 * form. The bag's delta ({@link BagInput}) is netted per distinct row; a net weight of -n deletes n
 * stored copies of that row, +n inserts n copies.
 */
final class BagPlanWriter {

    private BagPlanWriter() {}

    static Plan write(CompileRequest request, Rel bag)
            throws NotDifferentiableException {
        BagInput input = BagInput.of(request, bag);
        String delta = input.nettedDelta() + """
                ,
                __pgs_del AS (
                    DELETE FROM %1$s s WHERE s.ctid IN (
                        SELECT m.tid FROM __pgs_n n CROSS JOIN LATERAL (
                            SELECT s2.ctid AS tid FROM %1$s s2
                             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(%2$s)::text = n.__pgs_t
                             LIMIT (-n.__pgs_net)) m
                         WHERE n.__pgs_net < 0)
                    RETURNING 1),
                __pgs_ins AS (
                    INSERT INTO %1$s (%3$s, __pgs_rowid)
                    SELECT %4$s, hashtextextended(n.__pgs_t, 0)
                      FROM __pgs_n n CROSS JOIN generate_series(1, n.__pgs_net)
                     WHERE n.__pgs_net > 0
                    RETURNING 1)
                """.formatted(request.target(), input.names("s2"), String.join(", ", input.names()), input.names("n"))
                + DeltaStatement.result(null);
        String full = "SELECT q.*, hashtextextended(q::text, 0) AS __pgs_rowid FROM (" + request.definition() + ") q";
        return new Plan(bag.explain(request.sql()), List.of(new CompileRequest.Column(Plan.ROW_ID, "bigint")), full,
                delta);
    }
}
