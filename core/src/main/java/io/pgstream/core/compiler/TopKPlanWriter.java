package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.compiler.States.State;
import io.pgstream.core.sql.Sql;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The plan of a query ending in {@code ORDER BY ... LIMIT n OFFSET m}: the stream table holds the rows
 * ranked m + 1 to m + n of the query's rows, its <em>input</em>. The input is kept whole in a state table
 * (maintained as a bag by the input's own delta, {@link BagChanges}) with an index on the sort keys. A
 * refresh that changes the input recomputes the top from few rows:
 *
 * <pre>
 *   top(I¹) = top( first(m + n + d, I⁰) − deleted + inserted )
 * </pre>
 *
 * where d is the number of rows deleted from the input: of the old input's first m + n + d rows, at least
 * m + n survive, and any other surviving row ranks after them; so the new top lies among those and the
 * inserted rows. The state table is read before this statement writes it (one snapshot), through its
 * index: m + n + d rows. The new top is compared with the stored rows (n of them) and only the difference
 * is written. A refresh whose input delta nets to nothing reads neither.
 *
 * <p>Ties at the boundary: the stored rows are one of the answers PostgreSQL could return for the query;
 * which of the tied rows is kept can differ from what the query itself would pick at the same moment.
 */
final class TopKPlanWriter {

    private TopKPlanWriter() {}

    static Plan write(CompileRequest request, Rel.TopK topK) throws NotDifferentiableException {
        States states = new States(request);
        int width = states.columns(topK.input()).size();
        List<String> columns = IntStream.range(0, width).mapToObj(Columns::name).toList();
        List<String> names = request.columns().stream().map(c -> Sql.identifier(c.name())).toList();
        String state = request.stateTable("top");
        String inputDelta = states.of(topK.input(), State.DELTA); // before the CTEs its states read are listed
        long ranked = topK.offset() + topK.limit();
        String changed = "EXISTS (SELECT 1 FROM __pgs_n c WHERE c.__pgs_net <> 0)";
        String delta = DeltaStatement.FRONTIER + states.ctes() + """
                ,
                __pgs_d AS (
                %1$s),
                __pgs_n AS (
                    %2$s),
                %3$s,
                __pgs_top AS (
                    SELECT %4$s FROM (
                        %5$s) u
                      CROSS JOIN generate_series(1, u.__pgs_net)
                     WHERE u.__pgs_net > 0 AND %14$s
                     ORDER BY %6$s LIMIT %7$d OFFSET %8$d),
                __pgs_e AS (
                    SELECT %9$s, 1::bigint AS __pgs_w FROM __pgs_top t
                    UNION ALL
                    SELECT %10$s, -1::bigint FROM %11$s s WHERE %14$s),
                __pgs_m AS (
                    %12$s),
                %13$s
                """.formatted(inputDelta, BagChanges.netted("__pgs_d", columns),
                BagChanges.applied(state, columns, "__pgs_n", "__pgs_state_del", "__pgs_state_ins"),
                BagChanges.qualified("u", columns), candidates(topK, state, columns, ranked), order(topK, "u"),
                topK.limit(), topK.offset(), String.join(", ", BagChanges.typed(request, "t")), BagChanges.qualified("s", names),
                request.target(), BagChanges.netted("__pgs_e", names),
                BagChanges.applied(request.target(), names, "__pgs_m", "__pgs_del", "__pgs_ins"), changed)
                + DeltaStatement.result(null);
        return new Plan(topK.explain(request.sql()), BagChanges.HIDDEN, BagChanges.stored(request.definition()), delta, Stream.concat(states.stateTables().stream(), Stream.of(stateTable(request, topK, columns))).toList());
    }

    /**
     * The candidates for the new top, consolidated: the old input's first {@code ranked + d} rows (d: the
     * rows deleted) and the netted delta, each distinct row once with its multiplicity {@code __pgs_net}.
     */
    private static String candidates(Rel.TopK topK, String state, List<String> columns, long ranked) {
        String first = "SELECT " + BagChanges.qualified("s", columns) + " FROM " + state + " s ORDER BY " + order(topK, "s")
                + " LIMIT " + ranked + " + (SELECT coalesce(sum(-c.__pgs_net), 0) FROM __pgs_n c WHERE c.__pgs_net < 0)";
        String rows = "SELECT " + BagChanges.qualified("p", columns) + ", 1::bigint AS __pgs_w FROM (" + first + ") p"
                + "\n            UNION ALL\n            SELECT " + BagChanges.qualified("c", columns)
                + ", c.__pgs_net FROM __pgs_n c";
        return BagChanges.netted("(\n            " + rows + ")", columns);
    }

    /** The ORDER BY list over a qualifier's positional columns. */
    private static String order(Rel.TopK topK, String qualifier) {
        return topK.keys().stream().map(key -> qualifier + "." + key(key)).collect(Collectors.joining(", "));
    }

    private static String key(Rel.SortKey key) {
        return Columns.name(key.column()) + (key.descending() ? " DESC" : " ASC") + (key.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
    }

    /**
     * The input's rows now, with their row ids: the state table is created from this query (so that its
     * columns have the types and collations the input's rows have, and the order the same collations) and
     * refilled from it.
     */
    private static Plan.StateTable stateTable(CompileRequest request, Rel.TopK topK, List<String> columns)
            throws NotDifferentiableException {
        List<String> values = columns.stream().map(c -> "x." + c).toList();
        String rows = "SELECT " + String.join(", ", values) + ", " + BagChanges.rowId(values) + " AS __pgs_rowid FROM ("
                + States.standalone(request).of(topK.input(), State.NEW) + ") x";
        String state = request.stateTable("top");
        return new Plan.StateTable(state, List.of(
                "CREATE TABLE " + state + " AS " + rows + " WITH NO DATA",
                "CREATE INDEX ON " + state + " (__pgs_rowid)",
                "CREATE INDEX ON " + state + " (" + topK.keys().stream().map(TopKPlanWriter::key).collect(Collectors.joining(", ")) + ")"),
                rows);
    }
}
