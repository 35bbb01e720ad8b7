package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Exprs;
import io.pgstream.core.analyzed.Query;
import io.pgstream.core.sql.ExprRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Window functions and DISTINCT ON in the algebra.
 *
 * <p>Window functions are evaluated over a query's rows after grouping and HAVING: its outputs become a
 * projection over {@link Rel.Window} operators, one per PARTITION BY (stacked, each passing the columns
 * beneath through), over the rows of FROM and WHERE or over the groups.
 *
 * <p>{@code SELECT DISTINCT ON (k) outputs ... ORDER BY k, t} keeps, of each group of rows equal in k,
 * the first in the order of t: π_outputs(σ_{rn ≤ 1}(W_{rn = row_number() OVER (PARTITION BY k ORDER BY t)}(Q)))
 * where Q is the query without DISTINCT ON, every target entry shown (ORDER BY may read columns the
 * outputs do not). Without an ORDER BY past the keys PostgreSQL keeps any row of each group: refused,
 * unless every output is a key (then every row of a group shows the same). A subquery's ORDER BY ...
 * LIMIT n OFFSET m is the same over one partition, the whole input, keeping ranks m + 1 to m + n
 * ({@link #ranked}).
 */
final class WindowTranslation {

    private final QueryTranslator translator;

    WindowTranslation(QueryTranslator translator) {
        this.translator = translator;
    }

    /** Whether a query calls window functions. */
    static boolean windowed(Query query) {
        return query.targets().stream().anyMatch(t -> !Exprs.find(t.expr(), Expr.WindowCall.class::isInstance).isEmpty());
    }

    static boolean windowed(List<OutputColumn> outputs) {
        return outputs.stream().anyMatch(o -> !Exprs.find(o.expression(), Expr.WindowCall.class::isInstance).isEmpty());
    }

    /**
     * The projection of resolved outputs over {@code input}, the window calls among them computed beneath it,
     * one Window per partitioning, each call once.
     */
    Rel project(Rel input, List<OutputColumn> outputs) throws NotDifferentiableException {
        Map<List<Expr>, List<Expr.WindowCall>> byPartition = new LinkedHashMap<>();
        for (OutputColumn output : outputs) {
            for (Expr found : Exprs.find(output.expression(), Expr.WindowCall.class::isInstance)) {
                Expr.WindowCall call = (Expr.WindowCall) found;
                List<Expr.WindowCall> calls = byPartition.computeIfAbsent(call.over().partition(), p -> new ArrayList<>());
                if (!calls.contains(call)) {
                    calls.add(call);
                }
            }
        }
        Map<Expr, Expr> columns = new HashMap<>();
        Rel rel = input;
        for (Map.Entry<List<Expr>, List<Expr.WindowCall>> partitioning : byPartition.entrySet()) {
            String alias = translator.uniqueAlias("__pgs_window");
            List<OutputColumn> calls = new ArrayList<>();
            for (Expr.WindowCall call : partitioning.getValue()) {
                checkOrder(translator.catalog(), call.over().order());
                String name = "call" + calls.size();
                calls.add(new OutputColumn(name, call));
                columns.put(call, new Expr.Column(alias, name, call.type()));
            }
            rel = new Rel.Window(rel, alias, partitioning.getKey(), calls);
        }
        List<OutputColumn> projected = new ArrayList<>();
        for (OutputColumn output : outputs) {
            projected.add(new OutputColumn(output.name(), Exprs.substitute(output.expression(), columns::get)));
        }
        return new Rel.Project(rel, projected);
    }

    /** DISTINCT ON as the first row of each group by row_number() (see the class comment). */
    Rel distinctOn(QueryTranslator.Level level) throws NotDifferentiableException {
        Query query = level.query();
        List<Query.SortGroup> keys = query.distinct();
        List<Query.SortGroup> order = query.orderBy().size() > keys.size()
                ? query.orderBy().subList(keys.size(), query.orderBy().size()) : List.of();
        List<Query.Target> keyTargets = keys.stream().map(query::target).toList();
        if (order.isEmpty() && !keyTargets.containsAll(query.outputs())) {
            throw new NotDifferentiableException("DISTINCT ON without an ORDER BY that picks the row of each group"
                    + " (PostgreSQL keeps any one of them)");
        }
        return ranked(query, query.withoutDistinctOn(query.everyTargetShown()), level.outer(), keys, order, 1, 0);
    }

    /** A subquery's ORDER BY ... LIMIT: its rows ranked over the whole input, those within the limit kept. */
    Rel limited(Query query, QueryTranslator.Level outer, TopKTranslation.Limit limit) throws NotDifferentiableException {
        return ranked(query, query.unlimited(query.everyTargetShown()), outer, List.of(), query.orderBy(), limit.count(),
                limit.offset());
    }

    /**
     * The query's outputs over the rows of {@code rows} (the query with every target shown) numbered by
     * {@code row_number() OVER (PARTITION BY partition ORDER BY order)}, those ranked {@code offset + 1} to
     * {@code offset + limit} kept.
     */
    private Rel ranked(Query query, Query rows, QueryTranslator.Level outer, List<Query.SortGroup> partition,
                       List<Query.SortGroup> order, long limit, long offset) throws NotDifferentiableException {
        String alias = translator.uniqueAlias("__pgs_ranked");
        List<String> names = rows.targets().stream().map(Query.Target::name).toList();
        Rel.Derived ranked = new Rel.Derived(translator.query(rows, outer), alias, names);
        List<Expr> keys = partition.stream().map(item -> column(query, item, alias, names)).toList();
        List<Expr.SortKey> sort = order.stream()
                .map(item -> new Expr.SortKey(column(query, item, alias, names), item.sortOperator(), item.nullsFirst())).toList();
        checkOrder(translator.catalog(), sort);
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < query.targets().size(); i++) {
            Query.Target target = query.targets().get(i);
            if (!target.junk()) {
                outputs.add(new OutputColumn(target.name(), new Expr.Column(alias, names.get(i), null)));
            }
        }
        return new Rel.Project(withinLimit(ranked, translator.uniqueAlias("__pgs_window"), keys, sort, limit, offset), outputs);
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

    /** The shown query's column for a DISTINCT ON or ORDER BY item. */
    private static Expr column(Query query, Query.SortGroup item, String alias, List<String> names) {
        return new Expr.Column(alias, names.get(query.targets().indexOf(query.target(item))), null);
    }

    /**
     * Whether an ORDER BY item (of a window, a DISTINCT ON, a LIMIT) sorts descending: it is written back
     * ASC or DESC, so one ordered through another operator than the type's {@code <} or {@code >} is refused.
     */
    static boolean descending(Catalog catalog, long sortOperator) throws NotDifferentiableException {
        Catalog.Operator operator = catalog.operator(sortOperator);
        String direction = ExprRenderer.sortDirection(operator);
        if (direction == null) {
            throw new NotDifferentiableException("an ORDER BY of a window, DISTINCT ON or LIMIT using operator "
                    + operator.name() + " (USING an operator other than < and >)");
        }
        return direction.equals("DESC");
    }

    /** Refuses, as {@link #descending} does, an ORDER BY through another operator than {@code <} and {@code >}. */
    static void checkOrder(Catalog catalog, List<Expr.SortKey> order) throws NotDifferentiableException {
        for (Expr.SortKey key : order) {
            descending(catalog, key.sortOperator());
        }
    }
}
