package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import java.util.Locale;

/**
 * How one aggregate keeps up with a Z-set delta of its group's input. With Δ the rows of the delta and
 * w their weights (±1), per group:
 *
 * <pre>
 *   count(*)'  = count(*) + Σw                       count(x)' = count(x) + Σ{x not null} w
 *   sum(x)'    = sum(x) + Σ x·w   (NULL when count(x)' = 0)
 *   avg(x)'    = (sum(x) + Σ x·w) / count(x)'
 *   min(x)'    = least(min(x), min{w>0} x)   unless a deleted x ≤ min(x): then recompute the group
 *   bool_and'  = (count{x true}' = count(x)'),  bool_or' = (count{x true}' > 0)
 * </pre>
 *
 * Counters are exact only where the arithmetic is: integers, and numeric whose display scale is fixed,
 * by a numeric(p,s) type or by PostgreSQL's arithmetic ({@link NumericScale}: over numeric(15,2) columns,
 * {@code price * (1 - discount)} always prints 4 fraction digits). A float sum drifts from a
 * recomputation, so it recomputes the affected group (from the sources in the same snapshot); a sum of
 * numeric values of varying scale prints the largest scale among them, which a deleted value may have
 * set, so a group that lost a value is recomputed.
 */
public enum AggregateMaintenance {
    /** Kept by counters alone. */
    COUNTERS,
    /** Counters, but a group that lost a non-null value is recomputed (the display scale may shrink). */
    RECOMPUTE_ON_DELETE,
    /** Min or max: recompute a group whose extreme may have been deleted. */
    RECOMPUTE_ON_EXTREME_DELETE,
    /** Every affected group is recomputed. */
    RECOMPUTE;

    /** The strategy for an aggregate call whose argument has the given type ({@code format_type} text). */
    public static AggregateMaintenance of(AggregateCall call, String argumentType) {
        return switch (call.kind()) {
            case COUNT_STAR, COUNT, BOOL_AND, BOOL_OR -> COUNTERS;
            case OTHER -> RECOMPUTE;
            case MIN, MAX -> RECOMPUTE_ON_EXTREME_DELETE;
            case SUM, AVG -> arithmetic(call, argumentType.toLowerCase(Locale.ROOT));
        };
    }

    private static AggregateMaintenance arithmetic(AggregateCall call, String type) {
        if (type.equals("smallint") || type.equals("integer") || type.equals("bigint") || type.matches("numeric\\(\\d+,\\d+\\)")) {
            return COUNTERS;
        }
        if (call.kind() == AggregateCall.Kind.SUM && (type.equals("money") || type.equals("interval"))) {
            return COUNTERS;
        }
        if (type.equals("numeric")) {
            return NumericScale.of(call.argument()).isPresent() ? COUNTERS : RECOMPUTE_ON_DELETE;
        }
        return RECOMPUTE;
    }
}
