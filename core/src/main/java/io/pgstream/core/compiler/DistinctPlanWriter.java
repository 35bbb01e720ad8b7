package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import java.util.List;

/**
 * The plan of DISTINCT over any query (UNION arrives as DISTINCT over UNION ALL): one stored row per distinct row, with {@code __pgs_count}, that row's multiplicity in
 * the bag. DBSP's distinct: with c a row's stored count and Δc its net weight in the bag's delta,
 *
 * <pre>
 *   Δ(distinct R)[row] = +1 if c = 0 &lt; c + Δc,   -1 if c &gt; 0 = c + Δc,   0 otherwise
 * </pre>
 *
 * so a row is inserted when its count leaves 0, deleted when it returns to 0, and otherwise only its
 * count changes. It holds because a query's multiplicities are never negative, and distinct keeps
 * exactly the rows with a positive one. Rows are netted and matched by PostgreSQL's equality, NULL equal
 * to NULL, as DISTINCT compares them ({@link RowKey}).
 */
final class DistinctPlanWriter {

    private DistinctPlanWriter() {}

    static Plan write(CompileRequest request, Rel.Distinct distinct)
            throws NotDifferentiableException {
        BagInput input = BagInput.of(request, distinct.input());
        String columns = String.join(", ", input.names());
        List<String> netted = input.names().stream().map(name -> "n." + name).toList();
        List<String> stored = input.names().stream().map(name -> "s." + name).toList();
        String inputDelta = input.delta(); // before the CTEs its states read are listed
        String delta = DeltaStatement.FRONTIER + input.ctes() + """
                ,
                __pgs_d AS (
                %5$s),
                __pgs_n AS (
                    SELECT %3$s, sum(__pgs_w) AS __pgs_net FROM __pgs_d GROUP BY %3$s),
                __pgs_m AS (
                    SELECT n.*, s.ctid AS __pgs_tid, coalesce(s.__pgs_count, 0) + n.__pgs_net AS __pgs_cnt
                      FROM __pgs_n n LEFT JOIN %1$s s ON s.__pgs_rowid = %2$s AND %6$s
                     WHERE n.__pgs_net <> 0),
                __pgs_del AS (
                    DELETE FROM %1$s s USING __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt <= 0
                    RETURNING 1),
                __pgs_upd AS (
                    UPDATE %1$s s SET __pgs_count = m.__pgs_cnt FROM __pgs_m m WHERE s.ctid = m.__pgs_tid AND m.__pgs_cnt > 0
                    RETURNING 1),
                __pgs_ins AS (
                    INSERT INTO %1$s (%3$s, __pgs_rowid, __pgs_count)
                    SELECT %4$s, %7$s, m.__pgs_cnt FROM __pgs_m m
                     WHERE m.__pgs_tid IS NULL AND m.__pgs_cnt > 0 AND %8$s
                    RETURNING 1)
                """.formatted(request.target(), RowKey.hash(netted), columns, input.names("m"), inputDelta,
                RowKey.same(stored, netted), RowKey.hash(input.names().stream().map(name -> "m." + name).toList()),
                DeltaStatement.afterDeletes("__pgs_del"))
                + DeltaStatement.result("__pgs_upd");
        // one row per distinct row, as DISTINCT compares them, with how many times it occurs
        String full = "SELECT " + input.names("x") + ", " + RowKey.hash(input.names().stream().map(name -> "x." + name).toList())
                + " AS __pgs_rowid, count(*) AS __pgs_count\n  FROM (" + input.current() + ") x GROUP BY " + input.names("x");
        List<CompileRequest.Column> hidden = List.of(new CompileRequest.Column(Plan.ROW_ID, "bigint"),
                new CompileRequest.Column("__pgs_count", "bigint"));
        return new Plan(distinct.explain(request.sql()), hidden, full, delta, input.stateTables());
    }
}
