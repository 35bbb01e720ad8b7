package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Query;
import io.pgstream.core.compiler.Decorrelation.Correlation;
import io.pgstream.core.compiler.QueryTranslator.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * A LATERAL subquery that is not a select-project-join query (those are joins, {@link LateralJoin}),
 * correlated by equalities {@code inner = outer} in its WHERE: its rows for every outer row at once, as
 * a table keyed by the correlation's inner side, joined to the outer rows on the equalities. For an
 * outer row whose keys are k, the subquery reads exactly the rows of its FROM with inner keys = k, so:
 *
 * <ul>
 *   <li>an aggregate without GROUP BY (one row per outer row): the aggregates grouped by the inner keys,
 *       left-joined (a key no row has is the aggregates over no rows: count 0, the others NULL, as for a
 *       scalar subquery), whatever the join was;
 *   <li>GROUP BY or DISTINCT: the subquery's groups (rows) of every key, the key added to its GROUP BY
 *       (outputs), joined as the query joins them;</li>
 *   <li>a select-project-join query with ORDER BY ... LIMIT (a TopK per outer row): the rows of every
 *       key ranked within the key, those within the limit kept, joined as the query joins them (CROSS
 *       JOIN LATERAL drops an outer row with none, LEFT JOIN LATERAL ... ON true pads it).</li>
 * </ul>
 *
 * Anything else is refused, named.
 *
 * @param table     the rows, for every key
 * @param condition the equalities joining them to the outer rows (null when uncorrelated)
 * @param columns   the subquery's columns, as expressions over {@code table}
 * @param oneRow    whether every outer row has exactly one row of it (then the join is a left join)
 */
record LateralSubquery(Rel table, Expr condition, List<Expr> columns, boolean oneRow) {

    static LateralSubquery of(Decorrelation decorrelation, QueryTranslator translator, Level level, Query subquery)
            throws NotDifferentiableException {
        if (subquery.hasAggregates() && subquery.groupBy().isEmpty() && subquery.having() == null
                && subquery.setOperation() == null && subquery.distinct().isEmpty() && subquery.limit() == null
                && subquery.offset() == null && subquery.refusals().isEmpty()) {
            return aggregate(decorrelation, translator, level, subquery);
        }
        if (subquery.limit() != null && QueryTranslator.selectProjectJoin(subquery.unlimited(subquery.targets()))) {
            return ranked(decorrelation, translator, level, subquery);
        }
        if ((!subquery.groupBy().isEmpty() || !subquery.distinct().isEmpty()) && !subquery.distinctOn()
                && subquery.groupingSets().isEmpty() && subquery.limit() == null && subquery.offset() == null
                && subquery.setOperation() == null && subquery.refusals().isEmpty() && !WindowTranslation.windowed(subquery)) {
            return keyed(decorrelation, translator, level, subquery);
        }
        throw new NotDifferentiableException("a LATERAL subquery with grouping sets, DISTINCT ON, window functions or a set operation");
    }

    /**
     * GROUP BY or DISTINCT: the subquery without its correlation, for every key at once, its inner keys added
     * to its outputs and its GROUP BY (within a key the groups and distinct rows are the subquery's own).
     */
    private static LateralSubquery keyed(Decorrelation decorrelation, QueryTranslator translator, Level level, Query subquery)
            throws NotDifferentiableException {
        Correlation correlation = correlation(decorrelation, level, subquery, subquery.outputs());
        List<Query.Target> targets = new ArrayList<>(subquery.targets());
        List<Query.SortGroup> groupBy = new ArrayList<>(subquery.groupBy());
        int ref = 1 + targets.stream().mapToInt(Query.Target::sortGroupRef).max().orElse(0);
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            targets.add(new Query.Target(correlation.innerKeys().get(i), "key" + i, ref + i, false));
            if (!groupBy.isEmpty()) {
                groupBy.add(new Query.SortGroup(ref + i, correlation.operators().get(i), 0, false));
            }
        }
        Query everyKey = subquery.with(Decorrelation.and(correlation.local()), targets, groupBy);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < subquery.outputs().size(); j++) {
            names.add("value" + j);
        }
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            names.add("key" + i);
            correlation.outerKeys().set(i, translator.resolve(correlation.inner(), correlation.outerKeys().get(i)));
        }
        Rel.Derived table = new Rel.Derived(translator.query(everyKey, level), translator.uniqueAlias("__pgs_lateral"), names);
        List<Expr> shown = new ArrayList<>();
        for (int j = 0; j < subquery.outputs().size(); j++) {
            shown.add(new Expr.Column(table.alias(), "value" + j, null));
        }
        return new LateralSubquery(table, on(correlation, keys(correlation, table.alias())), shown, false);
    }

    /**
     * ORDER BY ... LIMIT per outer row: the rows of each key ranked by the order, those ranked offset + 1
     * to offset + limit kept, by {@code row_number()} over the key's partition (the touched keys'
     * partitions are recomputed, {@link WindowStates}).
     */
    private static LateralSubquery ranked(Decorrelation decorrelation, QueryTranslator translator, Level level, Query subquery)
            throws NotDifferentiableException {
        TopKTranslation.Limit limit = TopKTranslation.limit(subquery);
        if (limit == null) {
            throw new NotDifferentiableException("a LATERAL subquery with LIMIT ALL");
        }
        Correlation correlation = correlation(decorrelation, level, subquery, subquery.targets());
        Rel input = decorrelation.rows(correlation);
        List<OutputColumn> columns = new ArrayList<>();
        for (Query.Target output : subquery.outputs()) {
            columns.add(new OutputColumn("value" + columns.size(), translator.resolve(correlation.inner(), output.expr())));
        }
        int values = columns.size();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            columns.add(new OutputColumn("key" + i, correlation.innerKeys().get(i)));
        }
        for (int i = 0; i < subquery.orderBy().size(); i++) {
            columns.add(new OutputColumn("sort" + i, translator.resolve(correlation.inner(), subquery.target(subquery.orderBy().get(i)).expr())));
        }
        Rel.Derived rows = new Rel.Derived(new Rel.Project(input, columns), translator.uniqueAlias("__pgs_lateral"),
                columns.stream().map(OutputColumn::name).toList());
        List<Expr> partition = keys(correlation, rows.alias());
        List<Expr.SortKey> order = new ArrayList<>();
        for (int i = 0; i < subquery.orderBy().size(); i++) {
            Query.SortGroup item = subquery.orderBy().get(i);
            order.add(new Expr.SortKey(new Expr.Column(rows.alias(), "sort" + i, null), item.sortOperator(), item.nullsFirst()));
        }
        WindowTranslation.checkOrder(translator.catalog(), order);
        Rel kept = WindowTranslation.withinLimit(rows, translator.uniqueAlias("__pgs_window"), partition, order, limit.count(),
                limit.offset());
        List<Expr> shown = new ArrayList<>();
        for (int j = 0; j < values; j++) {
            shown.add(new Expr.Column(rows.alias(), "value" + j, null));
        }
        return new LateralSubquery(kept, on(correlation, partition), shown, false);
    }

    private static LateralSubquery aggregate(Decorrelation decorrelation, QueryTranslator translator, Level level, Query subquery)
            throws NotDifferentiableException {
        Correlation correlation = correlation(decorrelation, level, subquery, subquery.outputs());
        Rel input = decorrelation.rows(correlation);
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            outputs.add(new OutputColumn("key" + i, correlation.innerKeys().get(i)));
        }
        List<Expr> values = new ArrayList<>();
        for (Query.Target output : subquery.outputs()) {
            Expr value = translator.resolve(correlation.inner(), output.expr());
            outputs.add(new OutputColumn("value" + values.size(), value));
            values.add(value);
        }
        Rel.Derived table = new Rel.Derived(translator.grouped(input, correlation.innerKeys(), outputs, null),
                translator.uniqueAlias("__pgs_lateral"), outputs.stream().map(OutputColumn::name).toList());
        List<Expr> keys = keys(correlation, table.alias());
        List<Expr> columns = new ArrayList<>();
        for (int j = 0; j < values.size(); j++) {
            Expr column = new Expr.Column(table.alias(), "value" + j, null);
            columns.add(keys.isEmpty() ? column : new Expr.Case(null, List.of(new Expr.When(
                    new Expr.NullTest(keys.getFirst(), true), decorrelation.overNoRows(values.get(j)))), column));
        }
        return new LateralSubquery(table, on(correlation, keys), columns, true);
    }

    /** The subquery's correlation: equalities only, and none of {@code targets} reading the outer row. */
    private static Correlation correlation(Decorrelation decorrelation, Level level, Query subquery, List<Query.Target> targets)
            throws NotDifferentiableException {
        Correlation correlation = decorrelation.correlation(level, subquery, "a LATERAL subquery");
        for (Query.Target target : targets) {
            if (Decorrelation.references(target.expr(), 1)) {
                throw new NotDifferentiableException("a LATERAL subquery whose outputs or order read the outer row");
            }
        }
        return correlation;
    }

    /** The table's columns {@code key0, key1, ...}: the correlation's inner sides. */
    private static List<Expr> keys(Correlation correlation, String alias) {
        List<Expr> keys = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            keys.add(new Expr.Column(alias, "key" + i, null));
        }
        return keys;
    }

    /** The correlation's equalities over the table's key columns (null when uncorrelated). */
    private static Expr on(Correlation correlation, List<Expr> keys) {
        List<Expr> on = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            on.add(new Expr.Operator(correlation.operators().get(i), List.of(keys.get(i), correlation.outerKeys().get(i))));
        }
        return Decorrelation.and(on);
    }
}
