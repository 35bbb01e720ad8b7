package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The hidden columns of a grouped aggregate's stream table, after {@code __pgs_rowid} and
 * {@code __pgs_count}: per aggregate call, in call order, its value when no output shows it bare (a call
 * inside a computed output or HAVING), then the counters it is maintained by (see
 * {@link AggregateMaintenance}). Each comes with the aggregate that computes it
 * from the sources, for FULL refresh and recomputation.
 */
final class AggregateState {

    /** What a hidden column holds for its call. */
    enum Role {
        /** The call's value. */
        VALUE,
        /** How many non-null arguments. */
        NON_NULL,
        /** The exact sum of the arguments (for avg). */
        SUM,
        /** How many arguments are true. */
        TRUE
    }

    /** One hidden column: of call {@code call}, holding {@code role}, computed from the sources by {@code fromSources}. */
    record Column(int call, Role role, String name, String type, String fromSources) {}

    private AggregateState() {}

    /**
     * The hidden columns of every call; {@code valueTypes} gives, per call, the type of its value (only
     * read for calls kept in a hidden column).
     */
    static List<Column> of(Rel.Aggregate aggregate, List<String> valueTypes, java.util.function.Function<Expr, String> sql) {
        List<Column> columns = new ArrayList<>();
        for (int j = 0; j < aggregate.calls().size(); j++) {
            AggregateCall call = aggregate.calls().get(j);
            String x = call.argument() == null ? null : sql.apply(call.argument());
            if (hidden(call)) {
                columns.add(new Column(j, Role.VALUE, call.output(), valueTypes.get(j), sql.apply(call.call())));
            }
            switch (call.kind()) {
                case SUM -> columns.add(new Column(j, Role.NON_NULL, "__pgs_nn_" + j, "bigint", "count(" + x + ")"));
                case AVG -> {
                    columns.add(new Column(j, Role.SUM, "__pgs_sum_" + j, "numeric", "sum(" + x + ")::numeric"));
                    columns.add(new Column(j, Role.NON_NULL, "__pgs_nn_" + j, "bigint", "count(" + x + ")"));
                }
                case BOOL_AND, BOOL_OR -> {
                    columns.add(new Column(j, Role.NON_NULL, "__pgs_nn_" + j, "bigint", "count(" + x + ")"));
                    columns.add(new Column(j, Role.TRUE, "__pgs_true_" + j, "bigint", "count(*) FILTER (WHERE " + x + ")"));
                }
                default -> { }
            }
        }
        return columns;
    }

    /** Whether a call's value is kept in a hidden column rather than shown by an output. */
    static boolean hidden(AggregateCall call) {
        return call.output().startsWith(QueryTranslator.HIDDEN_CALL);
    }
}
