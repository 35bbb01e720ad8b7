package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's {@code ORDER BY ... LIMIT n [OFFSET m]}: at the top of the stream table's query, a
 * {@link Rel.TopK} over the query without them; in a subquery (a derived table, a WITH query, a UNION
 * branch) the rows ranked m + 1 to m + n by {@code row_number()} over the whole input
 * ({@link WindowTranslation#ranked}), which a change reaching the input recomputes. The TopK's sort keys
 * are columns of the query without LIMIT: an ORDER BY expression no output shows (a junk target entry)
 * becomes an extra column after the outputs, {@code __pgs_sort_<ref>}, which the TopK does not yield.
 * Refused ({@link #limit}): LIMIT without ORDER BY (which rows it keeps is not defined), a limit or offset
 * that is not a constant, OFFSET without LIMIT (every row but the first m: no boundary to maintain).
 */
final class TopKTranslation {

    /** A constant LIMIT and OFFSET. */
    record Limit(long count, long offset) {}

    private static final long INT8 = 20;
    /** int2, int4 and int8. */
    private static final java.util.Set<Long> INTEGERS = java.util.Set.of(21L, 23L, INT8);

    private TopKTranslation() {}

    /** A query's LIMIT and OFFSET, refused as the class says; null for LIMIT ALL (or NULL) without OFFSET. */
    static Limit limit(Query query) throws NotDifferentiableException {
        Long limit = query.limit() == null ? null : constant(query.limit(), "LIMIT");
        long offset = query.offset() == null ? 0 : orZero(constant(query.offset(), "OFFSET"));
        if (limit == null) {
            if (offset > 0) {
                throw new NotDifferentiableException("OFFSET without LIMIT");
            }
            return null;
        }
        if (query.orderBy().isEmpty()) {
            throw new NotDifferentiableException("LIMIT without ORDER BY: which rows it keeps is not defined");
        }
        return new Limit(limit, offset);
    }

    /** The query at the top of the stream table's, with its LIMIT. */
    static Rel of(Query query, Limit limit, QueryTranslator translator) throws NotDifferentiableException {
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
            Query.Target target = rows.target(item);
            keys.add(new Rel.SortKey(columns.indexOf(target), target.name(),
                    WindowTranslation.descending(translator.catalog(), item.sortOperator()), item.nullsFirst()));
        }
        return new Rel.TopK(translator.query(rows, null), keys, limit.count(), limit.offset(), query.outputs().size());
    }

    /**
     * A LIMIT or OFFSET: an integer constant's value (null for NULL, i.e. no limit), which PostgreSQL casts
     * to bigint unless it is one; anything else is refused.
     */
    private static Long constant(Expr expression, String clause) throws NotDifferentiableException {
        Expr value = expression instanceof Expr.Cast cast && cast.type().oid() == INT8 ? cast.arg() : expression;
        if (value instanceof Expr.Const constant && INTEGERS.contains(constant.type().oid())) {
            return constant.text() == null ? null : Long.parseLong(constant.text());
        }
        throw new NotDifferentiableException("a " + clause + " that is not a constant");
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
