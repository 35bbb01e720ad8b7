package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.delta.SourceState;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders select-project-join blocks over sources read in a chosen state. A source keeps its alias in
 * every state, so the user's expressions (PostgreSQL's own text) are used unchanged. Inner joins are
 * rendered as a FROM list with the ON conditions in WHERE, which is equivalent for inner joins.
 *
 * <p>Inside the delta statement, {@code $1, $2, $3} are the previous frontier and CTE {@code __pgs_f}
 * the current one (see {@code pgstream._changed_between}).
 */
final class SpjRenderer {

    static final String WEIGHT = "__pgs_w";

    private final CompileRequest request;
    private final List<Rel.Scan> scans;
    private final List<String> conditions;

    SpjRenderer(CompileRequest request, List<Rel.Scan> scans, List<Expr> conditions) {
        this.request = request;
        this.scans = List.copyOf(scans);
        this.conditions = conditions.stream().map(request.sql()::render).toList();
    }

    /** The conditions of a Rel below a projection or aggregate: ON conditions and WHERE. */
    static List<Expr> conditionsOf(Rel rel) {
        List<Expr> conditions = new ArrayList<>();
        Rel at = rel;
        while (true) {
            switch (at) {
                case Rel.Filter filter -> {
                    conditions.add(filter.condition());
                    at = filter.input();
                }
                case Rel.Join join -> {
                    conditions.addAll(join.conditions());
                    return conditions;
                }
                default -> {
                    return conditions;
                }
            }
        }
    }

    /** {@code SELECT items FROM sources WHERE conditions}, every source now. */
    String current(List<String> items) throws NotDifferentiableException {
        SourceState[] states = new SourceState[scans.size()];
        java.util.Arrays.fill(states, SourceState.NEW);
        return select(items, states, false);
    }

    /** One term of a delta: the items plus the product of the weights of the sources not read NEW. */
    String term(List<String> items, SourceState[] states) throws NotDifferentiableException {
        return select(items, states, true);
    }

    private String select(List<String> items, SourceState[] states, boolean weighted) throws NotDifferentiableException {
        List<String> selectList = new ArrayList<>(items);
        if (weighted) {
            List<String> weights = new ArrayList<>();
            for (int i = 0; i < scans.size(); i++) {
                if (states[i] != SourceState.NEW) {
                    weights.add(Sql.identifier(scans.get(i).alias()) + "." + WEIGHT);
                }
            }
            selectList.add(String.join(" * ", weights) + " AS " + WEIGHT);
        }
        List<String> from = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            from.add(source(scans.get(i), states[i]));
        }
        return "SELECT " + String.join(", ", selectList) + "\n  FROM " + String.join(",\n       ", from)
                + where();
    }

    String where() {
        return conditions.isEmpty() ? "" : "\n WHERE " + conditions.stream().map(c -> "(" + c + ")")
                .collect(Collectors.joining("\n   AND "));
    }

    String fromList() throws NotDifferentiableException {
        List<String> from = new ArrayList<>();
        for (Rel.Scan scan : scans) {
            from.add(source(scan, SourceState.NEW));
        }
        return String.join(", ", from);
    }

    private String source(Rel.Scan scan, SourceState state) throws NotDifferentiableException {
        CompileRequest.Source source = request.source(scan.table());
        String alias = Sql.identifier(scan.alias());
        return switch (state) {
            case NEW -> scan.table().quoted() + " AS " + alias;
            case DELTA -> "(" + delta(source) + ") AS " + alias;
            // both branches bigint: a UNION ALL of differing types cannot be flattened into the join, and
            // the table would be scanned whole instead of through its index
            case OLD -> "(SELECT " + columnsThen(source, "t") + "1::bigint AS " + WEIGHT + " FROM " + scan.table().quoted() + " t"
                    + "\n        UNION ALL SELECT " + columnsThen(source, "d") + "-d." + WEIGHT + " FROM (" + delta(source)
                    + ") d) AS " + alias;
        };
    }

    /** The changes of one source consumed by this refresh, with weight +1 (insert) or -1 (delete). */
    private static String delta(CompileRequest.Source source) {
        return "SELECT " + columnsThen(source, "b")
                + "CASE WHEN b.__pgs_op = 'I' THEN 1 ELSE -1 END::bigint AS " + WEIGHT
                + " FROM " + source.buffer() + " b, __pgs_f f"
                + " WHERE b.__pgs_xid >= coalesce(pg_snapshot_xmin($1), '0'::xid8)"
                + " AND b.__pgs_op <> 'T'"
                + " AND pgstream._changed_between(b.__pgs_xid, b.__pgs_seq, $1, $2, $3, f.snap, f.xid, f.seq)";
    }

    /** The captured columns, qualified, each followed by a comma (nothing when none are captured). */
    private static String columnsThen(CompileRequest.Source source, String qualifier) {
        return source.capturedColumns().stream().map(c -> qualifier + "." + Sql.identifier(c) + ", ")
                .collect(Collectors.joining());
    }
}
