package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import java.util.List;

/**
 * The plan of DISTINCT over a bag (a select-project-join query, or a UNION ALL of them, which is how
 * UNION arrives): one stored row per distinct row, with {@code __pgs_count}, that row's multiplicity in
 * the bag. DBSP's distinct: with c a row's stored count and Δc its net weight in the bag's delta,
 *
 * <pre>
 *   Δ(distinct R)[row] = +1 if c = 0 &lt; c + Δc,   -1 if c &gt; 0 = c + Δc,   0 otherwise
 * </pre>
 *
 * so a row is inserted when its count leaves 0, deleted when it returns to 0, and otherwise only its
 * count changes. It holds because a query's multiplicities are never negative, and distinct keeps
 * exactly the rows with a positive one. Rows are matched by their text form, under which NULL equals
 * NULL, as DISTINCT has it ({@code ROW(NULL)::text} is {@code ()}, unlike {@code ROW('')::text}, {@code ("")}).
 */
final class DistinctPlanWriter {

    private DistinctPlanWriter() {}

    static Plan write(CompileRequest request, Rel.Distinct distinct)
            throws NotDifferentiableException {
        BagInput input = BagInput.of(request, distinct.input());
        String columns = String.join(", ", input.names());
        String delta = input.nettedDelta() + """
                ,
                __pgs_m AS (
                    SELECT n.*, s.ctid AS __pgs_tid, coalesce(s.__pgs_count, 0) + n.__pgs_net AS __pgs_cnt
                      FROM __pgs_n n LEFT JOIN %1$s s
                        ON s.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(%2$s)::text = n.__pgs_t
                     WHERE n.__pgs_net <> 0),
                __pgs_del AS (
                    DELETE FROM %1$s s USING __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt <= 0
                    RETURNING 1),
                __pgs_upd AS (
                    UPDATE %1$s s SET __pgs_count = m.__pgs_cnt FROM __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt > 0
                    RETURNING 1),
                __pgs_ins AS (
                    INSERT INTO %1$s (%3$s, __pgs_rowid, __pgs_count)
                    SELECT %4$s, hashtextextended(m.__pgs_t, 0), m.__pgs_cnt FROM __pgs_m m
                     WHERE m.__pgs_tid IS NULL AND m.__pgs_cnt > 0
                    RETURNING 1)
                """.formatted(request.target(), input.names("s"), columns, input.names("m"))
                + DeltaStatement.result("__pgs_upd");
        // the bag's rows, one per distinct text form, with how many times it occurs
        String full = """
                SELECT DISTINCT ON (x.__pgs_t) %1$s, hashtextextended(x.__pgs_t, 0) AS __pgs_rowid,
                       count(*) OVER (PARTITION BY x.__pgs_t) AS __pgs_count
                  FROM (SELECT q.*, q::text AS __pgs_t FROM (
                %2$s) q) x""".formatted(input.names("x"), input.current());
        List<CompileRequest.Column> hidden = List.of(new CompileRequest.Column(Plan.ROW_ID, "bigint"),
                new CompileRequest.Column("__pgs_count", "bigint"));
        return new Plan(distinct.explain(request.sql()), hidden, full, delta);
    }
}
