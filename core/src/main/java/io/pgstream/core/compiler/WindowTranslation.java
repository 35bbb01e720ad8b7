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
 * the first in the order of t: π_outputs(σ_{rn = 1}(W_{rn = row_number() OVER (PARTITION BY k ORDER BY t)}(Q)))
 * where Q is the query without DISTINCT ON, every target entry shown (ORDER BY may read columns the
 * outputs do not). Without an ORDER BY past the keys PostgreSQL keeps any row of each group: refused,
 * unless every output is a key (then every row of a group shows the same).
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
                checkOrder(call.over());
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
        Query shown = query.withoutDistinctOnEveryTargetShown();
        String alias = translator.uniqueAlias("__pgs_distinct_on");
        List<String> names = shown.targets().stream().map(Query.Target::name).toList();
        Rel rows = new Rel.Derived(translator.query(shown, level.outer()), alias, names);
        List<Expr> partition = keys.stream().map(item -> column(query, item, alias, names)).toList();
        List<Expr.SortKey> sort = order.stream()
                .map(item -> new Expr.SortKey(column(query, item, alias, names), item.sortOperator(), item.nullsFirst())).toList();
        Expr.Over over = new Expr.Over(partition, sort, null);
        checkOrder(over);
        String window = translator.uniqueAlias("__pgs_window");
        Rel numbered = new Rel.Window(rows, window, partition, List.of(new OutputColumn("row_number",
                new Expr.WindowCall(Catalog.ROW_NUMBER, List.of(), null, false, 0, over, Catalog.INT8))));
        Rel first = new Rel.Filter(numbered, new Expr.Operator(Catalog.INT8_EQUALS,
                List.of(new Expr.Column(window, "row_number", Catalog.INT8), new Expr.Const(Catalog.INT8, "1"))));
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < query.targets().size(); i++) {
            Query.Target target = query.targets().get(i);
            if (!target.junk()) {
                outputs.add(new OutputColumn(target.name(), new Expr.Column(alias, names.get(i), null)));
            }
        }
        return new Rel.Project(first, outputs);
    }

    /** The shown query's column for a DISTINCT ON or ORDER BY item. */
    private static Expr column(Query query, Query.SortGroup item, String alias, List<String> names) {
        return new Expr.Column(alias, names.get(query.targets().indexOf(query.target(item))), null);
    }

    /** A window's ORDER BY is written back ASC or DESC: an item ordered through another operator is refused. */
    private void checkOrder(Expr.Over over) throws NotDifferentiableException {
        for (Expr.SortKey key : over.order()) {
            Catalog.Operator operator = translator.catalog().operator(key.sortOperator());
            if (ExprRenderer.sortDirection(operator) == null) {
                throw new NotDifferentiableException("a window or DISTINCT ON ordered by operator " + operator.name()
                        + " (USING an operator other than < and >)");
            }
        }
    }
}
