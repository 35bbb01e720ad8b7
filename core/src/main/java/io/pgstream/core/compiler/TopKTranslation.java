package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's own {@code ORDER BY ... LIMIT n [OFFSET m]} as a {@link Rel.TopK} over the query without them.
 * The sort keys are columns of that query: an ORDER BY expression no output shows (a junk target entry)
 * becomes an extra column after the outputs, {@code __pgs_sort_<ref>}, which the TopK does not yield.
 * Refused: LIMIT without ORDER BY (which rows it keeps is not defined), a limit or offset that is not
 * a constant, OFFSET without LIMIT (every row but the first m: no boundary to maintain), and orderings by
 * an operator other than the type's {@code <} or {@code >} (no index of ours could serve them).
 */
final class TopKTranslation {

    /** Translates a query without LIMIT (the translator's own entry, for the query at the top). */
    interface Unlimited {
        Rel translate(Query query) throws NotDifferentiableException;
    }

    private static final long INT8 = 20;
    /** int2, int4 and int8. */
    private static final java.util.Set<Long> INTEGERS = java.util.Set.of(21L, 23L, INT8);

    private TopKTranslation() {}

    static Rel of(Query query, Catalog catalog, Unlimited unlimited) throws NotDifferentiableException {
        Long limit = query.limit() == null ? null : constant(query.limit(), "LIMIT");
        long offset = query.offset() == null ? 0 : orZero(constant(query.offset(), "OFFSET"));
        if (limit == null) {
            if (offset > 0) {
                throw new NotDifferentiableException("OFFSET without LIMIT");
            }
            return unlimited.translate(query.unlimited(query.targets())); // LIMIT ALL
        }
        if (query.orderBy().isEmpty()) {
            throw new NotDifferentiableException("LIMIT without ORDER BY: which rows it keeps is not defined");
        }
        List<Query.Target> targets = new ArrayList<>(query.targets());
        List<Query.Target> sortOnly = new ArrayList<>();
        for (Query.SortGroup item : query.orderBy()) {
            Query.Target target = query.target(item);
            if (target.junk() && !sortOnly.contains(target)) {
                sortOnly.add(target);
                targets.set(targets.indexOf(target),
                        new Query.Target(target.expr(), "__pgs_sort_" + target.sortGroupRef(), target.sortGroupRef(), false));
            }
        }
        Query rows = query.unlimited(targets);
        List<Query.Target> columns = rows.outputs();
        List<Rel.SortKey> keys = new ArrayList<>();
        for (Query.SortGroup item : query.orderBy()) {
            keys.add(new Rel.SortKey(columns.indexOf(rows.target(item)), descending(catalog, item), item.nullsFirst()));
        }
        return new Rel.TopK(unlimited.translate(rows), keys, limit, offset, query.outputs().size());
    }

    /**
     * A LIMIT or OFFSET: an integer constant's value (null for NULL, i.e. no limit), which PostgreSQL casts
     * to bigint unless it is one; anything else is refused.
     */
    static Long constant(Expr expression, String clause) throws NotDifferentiableException {
        Expr value = expression instanceof Expr.Cast cast && cast.type().oid() == INT8 ? cast.arg() : expression;
        if (value instanceof Expr.Const constant && INTEGERS.contains(constant.type().oid())) {
            return constant.text() == null ? null : Long.parseLong(constant.text());
        }
        throw new NotDifferentiableException("a " + clause + " that is not a constant");
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static boolean descending(Catalog catalog, Query.SortGroup item) throws NotDifferentiableException {
        String operator = catalog.operator(item.sortOperator()).name();
        return switch (operator) {
            case "<" -> false;
            case ">" -> true;
            default -> throw new NotDifferentiableException("ORDER BY ... USING " + operator);
        };
    }
}
