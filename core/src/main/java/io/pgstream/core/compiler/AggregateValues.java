package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.sql.ExprRenderer;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * The new value of every stored column of a group, in the delta statement's CTE {@code __pgs_v}: from
 * the stored row ({@code __pgs_m.__pgs_old}) and the group's change ({@code __pgs_m.__pgs_d*}), or from the group's
 * recomputation ({@code __pgs_r.*}) when {@code __pgs_m.__pgs_rc}; {@link AggregateMaintenance}
 * states the rules.
 *
 * <p>An output computed from aggregates ({@code round(avg(v), 2)}) and HAVING are evaluated over the new
 * values of their calls, each cast to the call's own type ({@code sum(int)} is bigint, though its counter
 * arithmetic is numeric), and of the keys: as PostgreSQL evaluates them over the group.
 */
final class AggregateValues {

    private final CompileRequest request;
    private final Rel.Aggregate aggregate;
    private final List<OutputColumn> outputs;
    private final List<String> callTypes;
    private final List<AggregateState.Column> state;
    private final Expr having;
    private final ExprRenderer sql;

    /** {@code callTypes}: the type of each call's value; {@code having}: the HAVING condition, or null. */
    AggregateValues(CompileRequest request, Rel.Aggregate aggregate, List<OutputColumn> outputs, List<String> callTypes,
                    List<AggregateState.Column> state, Expr having) {
        this.request = request;
        this.aggregate = aggregate;
        this.outputs = List.copyOf(outputs);
        this.callTypes = List.copyOf(callTypes);
        this.state = List.copyOf(state);
        this.having = having;
        this.sql = request.sql();
    }

    private AggregateCall call(int j) {
        return aggregate.calls().get(j);
    }

    private boolean grouped() {
        return !aggregate.groupKeys().isEmpty();
    }

    /** The group's new row count. */
    String count() {
        return "(CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.r_count ELSE coalesce((__pgs_m.__pgs_old).__pgs_count, 0) + __pgs_m.__pgs_dcount END)";
    }

    /** Each stored column's new value, named {@code __pgs_new_n} in table order (visible, then hidden). */
    List<String> columns() throws NotDifferentiableException {
        List<String> values = new ArrayList<>();
        int n = 0;
        for (OutputColumn output : outputs) {
            values.add("(" + outputValue(output) + ")::" + typeOf(output.name()) + " AS __pgs_new_" + n++);
        }
        values.add("__pgs_m.__pgs_rowid AS __pgs_new_" + n++);
        values.add(count() + " AS __pgs_new_" + n++);
        for (AggregateState.Column column : state) {
            values.add("(" + stateValue(column) + ") AS __pgs_new_" + n++);
        }
        return values;
    }

    /** Whether the group is in the result: it has rows, and passes HAVING. */
    String keep() throws NotDifferentiableException {
        if (having == null) {
            return "true";
        }
        String condition = "coalesce(" + overGroup(having) + ", false)";
        return grouped() ? "CASE WHEN " + count() + " > 0 THEN " + condition + " ELSE false END" : condition;
    }

    private String outputValue(OutputColumn output) throws NotDifferentiableException {
        int key = aggregate.groupKeys().indexOf(output.expression());
        if (key >= 0) {
            return "__pgs_m.__pgs_k" + key;
        }
        for (int j = 0; j < aggregate.calls().size(); j++) {
            if (call(j).output().equals(output.name())) {
                return callValue(j);
            }
        }
        // computed: a group being deleted has no value to compute (and sum(x) / count(*) would divide by 0)
        String value = overGroup(output.expression());
        return grouped() ? "CASE WHEN " + count() + " > 0 THEN " + value + " END" : value;
    }

    /** An expression over the group, its calls and keys replaced by their new values. */
    private String overGroup(Expr expression) {
        return sql.render(expression, node -> {
            int key = aggregate.groupKeys().indexOf(node);
            if (key >= 0) {
                return "__pgs_m.__pgs_k" + key;
            }
            for (int j = 0; j < aggregate.calls().size(); j++) {
                if (call(j).call().equals(node)) {
                    return "CAST(" + callValue(j) + " AS " + callTypes.get(j) + ")";
                }
            }
            return null;
        });
    }

    private String stateValue(AggregateState.Column column) {
        int j = column.call();
        return switch (column.role()) {
            case VALUE -> callValue(j);
            case NON_NULL -> nn(j);
            case SUM -> avgSum(j) + "::numeric";
            case TRUE -> trues(j);
        };
    }

    private String old(String column) {
        return "(__pgs_m.__pgs_old)." + Sql.identifier(column);
    }

    private String nn(int j) {
        return "(CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_nn_" + j + " ELSE coalesce(" + old("__pgs_nn_" + j) + ", 0) + __pgs_m.__pgs_dnn_"
                + j + " END)";
    }

    private String callValue(int j) {
        String recomputed = "__pgs_r.r_" + j;
        String old = old(call(j).output());
        String incremental = switch (call(j).kind()) {
            case COUNT_STAR -> count();
            case COUNT -> "coalesce(" + old + ", 0) + __pgs_m.__pgs_dnn_" + j;
            case SUM -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE coalesce(" + old + " + __pgs_m.__pgs_dsum_" + j + ", "
                    + old + ", __pgs_m.__pgs_dsum_" + j + ") END";
            case AVG -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE " + avgSum(j) + " / " + nn(j) + "::numeric END";
            case MIN -> "LEAST(" + old + ", __pgs_m.__pgs_ins_" + j + ")";
            case MAX -> "GREATEST(" + old + ", __pgs_m.__pgs_ins_" + j + ")";
            case BOOL_AND -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE " + trues(j) + " = " + nn(j) + " END";
            case BOOL_OR -> "CASE WHEN " + nn(j) + " = 0 THEN NULL ELSE " + trues(j) + " > 0 END";
            case OTHER -> recomputed; // always recomputed (AggregateMaintenance.RECOMPUTE)
        };
        return "CASE WHEN __pgs_m.__pgs_rc THEN " + recomputed + " ELSE " + incremental + " END";
    }

    private String avgSum(int j) {
        String old = old("__pgs_sum_" + j);
        return "(CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_sum_" + j + " ELSE coalesce(" + old + " + __pgs_m.__pgs_dsum_" + j + ", " + old
                + ", __pgs_m.__pgs_dsum_" + j + ") END)";
    }

    private String trues(int j) {
        return "(CASE WHEN __pgs_m.__pgs_rc THEN __pgs_r.__pgs_true_" + j + " ELSE coalesce(" + old("__pgs_true_" + j) + ", 0) + __pgs_m.__pgs_dtrue_"
                + j + " END)";
    }

    private String typeOf(String column) {
        return request.columns().stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no column " + column)).type();
    }
}
