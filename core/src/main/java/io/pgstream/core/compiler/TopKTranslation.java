package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's {@code ORDER BY ... LIMIT n [OFFSET m]}: at the top of the stream table's query, a
 * {@link Rel.TopK} over the query without them; in a subquery (a derived table, a WITH query, a UNION
 * branch), the rows ranked m + 1 to m + n by {@code row_number()} over the whole input, a window
 * without PARTITION BY ({@link #withinLimit}), which a change reaching the input recomputes. The sort
 * keys are columns of the query without LIMIT: an ORDER BY expression no output shows (a junk target
 * entry) becomes an extra column after the outputs, {@code __pgs_sort_<ref>}, which the result does not
 * yield. Refused: LIMIT without ORDER BY (which rows it keeps is not defined), a limit or offset that is
 * not a constant, OFFSET without LIMIT (every row but the first m: no boundary to maintain), and
 * orderings by an operator other than the type's {@code <} or {@code >} (no index of ours could serve them).
 */
final class TopKTranslation {

    private static final long INT8 = 20;
    /** int2, int4 and int8. */
    private static final java.util.Set<Long> INTEGERS = java.util.Set.of(21L, 23L, INT8);

    private TopKTranslation() {}

    /** The query with its LIMIT; {@code outer} is the level it is a subquery of, null at the top. */
    static Rel of(Query query, QueryTranslator translator, QueryTranslator.Level outer) throws NotDifferentiableException {
        Long limit = query.limit() == null ? null : constant(query.limit(), "LIMIT");
        long offset = query.offset() == null ? 0 : orZero(constant(query.offset(), "OFFSET"));
        if (limit == null) {
            if (offset > 0) {
                throw new NotDifferentiableException("OFFSET without LIMIT");
            }
            return translator.query(query.unlimited(query.targets()), outer); // LIMIT ALL
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
        Rel input = translator.query(rows, outer);
        Catalog catalog = translator.catalog();
        if (outer == null) {
            List<Rel.SortKey> keys = new ArrayList<>();
            for (Query.SortGroup item : query.orderBy()) {
                Query.Target target = rows.target(item);
                keys.add(new Rel.SortKey(columns.indexOf(target), target.name(), descending(catalog, item), item.nullsFirst()));
            }
            return new Rel.TopK(input, keys, limit, offset, query.outputs().size());
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            names.add("column" + i);
        }
        Rel.Derived derived = new Rel.Derived(input, translator.uniqueAlias("__pgs_limited"), names);
        List<Expr.SortKey> order = new ArrayList<>();
        for (Query.SortGroup item : query.orderBy()) {
            descending(catalog, item);
            order.add(new Expr.SortKey(new Expr.Column(derived.alias(), names.get(columns.indexOf(rows.target(item))), null),
                    item.sortOperator(), item.nullsFirst()));
        }
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < query.outputs().size(); i++) {
            outputs.add(new OutputColumn(query.outputs().get(i).name(), new Expr.Column(derived.alias(), names.get(i), null)));
        }
        return new Rel.Project(withinLimit(derived, translator.uniqueAlias("__pgs_window"), List.of(), order, limit, offset), outputs);
    }

    /**
     * The rows of {@code rows} ranked {@code offset + 1} to {@code offset + limit} in their partition, by
     * {@code row_number()} over {@code order}: a {@link Rel.Window} (its column {@code windowAlias.row_number})
     * and the filter keeping the ranks within the limit.
     */
    static Rel withinLimit(Rel.Derived rows, String windowAlias, List<Expr> partition, List<Expr.SortKey> order, long limit,
                           long offset) {
        Rel numbered = new Rel.Window(rows, windowAlias, partition, List.of(new OutputColumn("row_number",
                new Expr.WindowCall(Catalog.ROW_NUMBER, List.of(), null, false, 0, new Expr.Over(partition, order, null), Catalog.INT8))));
        Expr rank = new Expr.Column(windowAlias, "row_number", Catalog.INT8);
        Expr kept = new Expr.Operator(Catalog.INT8_AT_MOST, List.of(rank, new Expr.Const(Catalog.INT8, Long.toString(offset + limit))));
        if (offset > 0) {
            kept = new Expr.Bool(Expr.BoolOp.AND, List.of(kept,
                    new Expr.Operator(Catalog.INT8_GREATER, List.of(rank, new Expr.Const(Catalog.INT8, Long.toString(offset))))));
        }
        return new Rel.Filter(numbered, kept);
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
