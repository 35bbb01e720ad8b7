package io.pgstream.core.algebra;

import io.pgstream.core.analyzed.Expr;
import java.util.Locale;

/**
 * An aggregate call of the SELECT list or HAVING: {@code count(*)} has no argument. {@code call} is the
 * call as PostgreSQL analyzed it, {@code output} the stream table column (or hidden column) it fills.
 */
public record AggregateCall(Kind kind, Expr argument, Expr.Aggregate call, String output) {

    /**
     * The aggregates maintained by counters, and OTHER: any other aggregate, or one with DISTINCT, ORDER BY,
     * FILTER or several arguments, recomputed for the groups a change touches.
     */
    public enum Kind {
        COUNT_STAR, COUNT, SUM, AVG, MIN, MAX, BOOL_AND, BOOL_OR, OTHER;

        /** The kind for a function name and whether it has an argument, or null. */
        public static Kind of(String function, boolean star) {
            String name = function.toLowerCase(Locale.ROOT);
            if (star) {
                return name.equals("count") ? COUNT_STAR : null;
            }
            return switch (name) {
                case "count" -> COUNT;
                case "sum" -> SUM;
                case "avg" -> AVG;
                case "min" -> MIN;
                case "max" -> MAX;
                case "bool_and", "every" -> BOOL_AND;
                case "bool_or" -> BOOL_OR;
                default -> null;
            };
        }
    }
}
