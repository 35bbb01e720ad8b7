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
        throw new NotDifferentiableException("a LATERAL subquery that groups, is DISTINCT or has a LIMIT");
    }

    private static LateralSubquery aggregate(Decorrelation decorrelation, QueryTranslator translator, Level level, Query subquery)
            throws NotDifferentiableException {
        Correlation correlation = decorrelation.correlation(level, subquery, "a LATERAL subquery");
        for (Query.Target output : subquery.outputs()) {
            if (Decorrelation.references(output.expr(), 1)) {
                throw new NotDifferentiableException("a LATERAL aggregate with outer columns in its outputs");
            }
        }
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
        List<Expr> on = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            on.add(new Expr.Operator(correlation.operators().get(i),
                    List.of(new Expr.Column(table.alias(), "key" + i, null), correlation.outerKeys().get(i))));
        }
        List<Expr> columns = new ArrayList<>();
        for (int j = 0; j < values.size(); j++) {
            Expr column = new Expr.Column(table.alias(), "value" + j, null);
            columns.add(on.isEmpty() ? column : new Expr.Case(null, List.of(new Expr.When(
                    new Expr.NullTest(new Expr.Column(table.alias(), "key0", null), true), decorrelation.overNoRows(values.get(j)))), column));
        }
        return new LateralSubquery(table, Decorrelation.and(on), columns, true);
    }
}
