package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Exprs;
import io.pgstream.core.analyzed.Query;
import io.pgstream.core.compiler.QueryTranslator.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Subqueries in expressions, turned into joins. In WHERE, a conjunct that is a subquery test becomes a
 * semi or anti join of the query so far with the subquery's rows, its correlated conditions the join's:
 *
 * <pre>
 *   EXISTS (S where c)         → R ⋉_c S            NOT EXISTS (S where c)   → R ▷_c S
 *   x = ANY (S) / x IN (S)     → R ⋉_{x = s} S      x IN (S), negated        → R ▷_{(x = s) IS NOT FALSE} S
 *   x op ALL (S)               → R ▷_{(x op s) IS NOT TRUE} S      negated   → R ⋉_{(x op s) IS FALSE} S
 * </pre>
 *
 * which keeps SQL's NULL rules: one NULL among S's values and {@code x NOT IN (S)} is never true, as
 * {@code (x = NULL) IS NOT FALSE} matches every row. A scalar subquery is an aggregate read by a left
 * join: uncorrelated, its one row joined to every row; correlated by equalities {@code s = r}, grouped by
 * {@code s} and joined on them, a row without a group getting the aggregate's value over no rows (0 for
 * a count, NULL for the others), so the count bug cannot happen. Anything else (a subquery under OR, a
 * correlation other than equalities, a scalar subquery that is not an aggregate) is refused, named.
 */
final class Decorrelation {

    /** Aggregates whose value over no rows is NULL (count is 0); any other aggregate is refused there. */
    private static final Set<String> NULL_WHEN_EMPTY = Set.of("sum", "avg", "min", "max", "bool_and", "bool_or", "every",
            "string_agg", "array_agg", "json_agg", "jsonb_agg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
            "var_pop");

    private final QueryTranslator translator;
    private int subqueries;

    Decorrelation(QueryTranslator translator) {
        this.translator = translator;
    }

    /**
     * {@code rel} filtered by WHERE's conjuncts: first those without subqueries (so that they become join
     * conditions of the rows beneath), then the subquery tests as semi and anti joins, then the conjuncts
     * reading scalar subqueries, over the left joins that bring their values.
     */
    Rel where(Level level, Rel rel, List<Expr> conjuncts) throws NotDifferentiableException {
        List<Expr> plain = new ArrayList<>();
        List<Expr> tests = new ArrayList<>();
        List<Expr> scalars = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            if (isSubqueryTest(conjunct)) {
                tests.add(conjunct);
            } else if (Exprs.find(conjunct, Expr.SubLink.class::isInstance).isEmpty()) {
                plain.add(translator.resolve(level, conjunct));
            } else {
                scalars.add(conjunct);
            }
        }
        Rel[] result = {filtered(rel, plain)};
        for (Expr test : tests) {
            subqueryTest(level, test, result);
        }
        List<Expr> filters = new ArrayList<>();
        for (Expr conjunct : scalars) {
            filters.add(translator.resolve(level, scalars(level, conjunct, result)));
        }
        return filtered(result[0], filters);
    }

    private static Rel filtered(Rel rel, List<Expr> conditions) {
        return conditions.isEmpty() ? rel : new Rel.Filter(rel, and(conditions));
    }

    private static boolean isSubqueryTest(Expr conjunct) {
        Expr test = conjunct instanceof Expr.Bool not && not.op() == Expr.BoolOp.NOT ? not.args().getFirst() : conjunct;
        return test instanceof Expr.SubLink sublink && List.of("EXISTS", "ANY", "ALL").contains(sublink.kind());
    }

    /** A conjunct that is [NOT] EXISTS, IN, ANY or ALL, joined to {@code rel[0]}. */
    private void subqueryTest(Level level, Expr conjunct, Rel[] rel) throws NotDifferentiableException {
        boolean negated = conjunct instanceof Expr.Bool not && not.op() == Expr.BoolOp.NOT;
        Expr.SubLink sublink = (Expr.SubLink) (negated ? ((Expr.Bool) conjunct).args().getFirst() : conjunct);
        boolean all = sublink.kind().equals("ALL");
        Right right = right(level, sublink);
        List<Expr> condition = new ArrayList<>(right.correlated());
        if (sublink.test() != null) {
            Expr compared = translator.resolve(level, Exprs.map(sublink.test(),
                    e -> e instanceof Expr.SubqueryOutput output ? right.output(output.column()) : e));
            String truth = all ? (negated ? "IS FALSE" : "IS NOT TRUE") : negated ? "IS NOT FALSE" : null;
            condition.add(truth == null ? compared : new Expr.BooleanTest(compared, truth));
        }
        boolean anti = all != negated;
        rel[0] = new Rel.Join(rel[0], right.rel(), anti ? Rel.JoinKind.ANTI : Rel.JoinKind.SEMI, and(condition));
    }

    /**
     * The subquery's side of a join: its rows, its outputs as expressions over them, and the conditions
     * correlating it with the enclosing query (resolved with both in scope).
     */
    private record Right(Rel rel, List<Expr> outputs, List<Expr> correlated) {
        Expr output(int column) {
            return outputs.get(column - 1);
        }
    }

    private Right right(Level level, Expr.SubLink sublink) throws NotDifferentiableException {
        Query subquery = sublink.subquery();
        Level inner = level.sub(subquery);
        List<Expr> local = new ArrayList<>();
        List<Expr> correlated = new ArrayList<>();
        for (Expr conjunct : QueryTranslator.conjuncts(subquery.where())) {
            (correlated(conjunct) ? correlated : local).add(conjunct);
        }
        if (QueryTranslator.selectProjectJoin(subquery)) {
            Rel rel = where(inner, translator.from(inner), local);
            List<Expr> outputs = new ArrayList<>();
            for (Query.Target target : subquery.outputs()) {
                outputs.add(translator.resolve(inner, target.expr()));
            }
            List<Expr> conditions = new ArrayList<>();
            for (Expr conjunct : correlated) {
                conditions.add(translator.resolve(inner, conjunct));
            }
            return new Right(rel, outputs, conditions);
        }
        if (!correlated.isEmpty() || references(subquery, 1)) {
            throw new NotDifferentiableException("a correlated subquery that groups, DISTINCTs or is a set operation");
        }
        Rel.Derived table = derived(level, subquery, "subquery");
        List<Expr> outputs = table.names().stream().map(name -> (Expr) new Expr.Column(table.alias(), name, null)).toList();
        return new Right(table, outputs, List.of());
    }

    private Rel.Derived derived(Level level, Query subquery, String name) throws NotDifferentiableException {
        String alias = translator.uniqueAlias("__pgs_" + name + (++subqueries));
        List<String> names = subquery.outputs().stream().map(Query.Target::name).toList();
        return new Rel.Derived(translator.query(subquery, level), alias, names);
    }

    /**
     * The expression with each scalar subquery replaced by the column of a left join added to {@code rel[0]}.
     */
    Expr scalars(Level level, Expr expr, Rel[] rel) throws NotDifferentiableException {
        Expr tests = Exprs.substitute(expr, e -> e instanceof Expr.SubLink s && s.kind().equals("ANY") ? inAsValue(s) : null);
        List<Expr.SubLink> found = Exprs.find(tests, e -> e instanceof Expr.SubLink s
                && (s.kind().equals("EXPR") || s.kind().equals("EXISTS"))).stream().map(Expr.SubLink.class::cast).toList();
        if (found.isEmpty()) {
            return tests;
        }
        java.util.Map<Expr, Expr> replacements = new java.util.HashMap<>();
        for (Expr.SubLink sublink : found) {
            Lookup lookup = sublink.kind().equals("EXISTS") ? exists(level, sublink) : scalar(level, sublink);
            rel[0] = new Rel.Join(rel[0], lookup.table(), Rel.JoinKind.LEFT, lookup.condition());
            replacements.put(sublink, lookup.value());
        }
        return Exprs.map(tests, e -> replacements.getOrDefault(e, e));
    }

    /** A subquery's value, read from a table to left-join to the rows on a condition (null: to every row). */
    private record Lookup(Expr value, Rel.Derived table, Expr condition) {}

    /**
     * {@code x IN (SELECT e FROM S WHERE c)} as a value, with SQL's three values, in EXISTS tests (which are
     * never NULL): true when some row has e = x; else NULL when x is NULL and S has rows, or some e is NULL;
     * else false. {@code (x = e) IS NULL} is {@code x IS NULL OR e IS NULL} for a strict equality. Null
     * when the test is not an equality with one column (left to be refused).
     */
    private Expr inAsValue(Expr.SubLink sublink) {
        Query subquery = sublink.subquery();
        if (!(sublink.test() instanceof Expr.Operator test) || test.args().size() != 2 || !isEquality(test)
                || !(test.args().get(1) instanceof Expr.SubqueryOutput) || subquery.outputs().size() != 1 || !QueryTranslator.selectProjectJoin(subquery)
                || !Exprs.find(test.args().get(0), Expr.SubLink.class::isInstance).isEmpty()) {
            return null;
        }
        Expr x = test.args().get(0);
        Expr inSubquery = Exprs.map(x, e -> e instanceof Expr.Var v ? new Expr.Var(v.rangeIndex(), v.attribute(), v.levelsUp() + 1, v.type()) : e);
        Expr e = subquery.outputs().getFirst().expr();
        Expr.Type bool = new Expr.Type(16, -1);
        Expr equal = exists(subquery, new Expr.Operator(test.operator(), List.of(e, inSubquery)));
        Expr anyRow = new Expr.SubLink("EXISTS", null, subquery);
        Expr nullValue = exists(subquery, new Expr.NullTest(e, true));
        Expr unknown = new Expr.Bool(Expr.BoolOp.OR, List.of(
                new Expr.Bool(Expr.BoolOp.AND, List.of(new Expr.NullTest(x, true), anyRow)), nullValue));
        return new Expr.Case(null, List.of(new Expr.When(equal, new Expr.Const(bool, "true")),
                new Expr.When(unknown, new Expr.Const(bool, null))), new Expr.Const(bool, "false"));
    }

    /** EXISTS over the subquery with one more condition. */
    private static Expr exists(Query subquery, Expr condition) {
        Expr where = subquery.where() == null ? condition : new Expr.Bool(Expr.BoolOp.AND, List.of(subquery.where(), condition));
        return new Expr.SubLink("EXISTS", null, subquery.withWhere(where));
    }

    /** The expression with the subqueries inside its aggregates' arguments joined to their input rows. */
    Expr scalarsInAggregates(Level level, Expr expr, Rel[] rel) throws NotDifferentiableException {
        java.util.Map<Expr, Expr> replaced = new java.util.HashMap<>();
        for (Expr found : Exprs.find(expr, e -> e instanceof Expr.Aggregate)) {
            if (!Exprs.find(found, Expr.SubLink.class::isInstance).isEmpty() && !replaced.containsKey(found)) {
                replaced.put(found, scalars(level, found, rel));
            }
        }
        return replaced.isEmpty() ? expr : Exprs.substitute(expr, replaced::get);
    }

    /**
     * The expression with its uncorrelated scalar subqueries (outside aggregates, in a grouped query's
     * outputs or HAVING) replaced by columns of one-row tables, added to {@code tables}: read after grouping.
     */
    Expr scalarsAfterGrouping(Level level, Expr expr, List<Rel.Derived> tables) throws NotDifferentiableException {
        java.util.Map<Expr, Expr> replaced = new java.util.HashMap<>();
        for (Expr found : Exprs.find(expr, e -> e instanceof Expr.SubLink s && s.kind().equals("EXPR"))) {
            Expr.SubLink sublink = (Expr.SubLink) found;
            if (references(sublink.subquery(), 1)) {
                throw new NotDifferentiableException("a correlated subquery in a grouped query's outputs or HAVING");
            }
            Lookup lookup = scalar(level, sublink); // uncorrelated: joined to every row
            replaced.put(sublink, lookup.value());
            tables.add(lookup.table());
        }
        return replaced.isEmpty() ? expr : Exprs.substitute(expr, replaced::get);
    }

    /** A subquery's WHERE split into its own conditions and the equalities correlating it: inner = outer. */
    record Correlation(Level inner, List<Expr> local, List<Expr> innerKeys, List<Expr> outerKeys, List<Long> operators) {}

    Correlation correlation(Level level, Query subquery, String what) throws NotDifferentiableException {
        Level inner = level.sub(subquery);
        Correlation split = new Correlation(inner, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Expr conjunct : QueryTranslator.conjuncts(subquery.where())) {
            if (!correlated(conjunct)) {
                split.local().add(conjunct);
                continue;
            }
            if (!(conjunct instanceof Expr.Operator equality) || equality.args().size() != 2 || !isEquality(equality)) {
                throw new NotDifferentiableException(what + " correlated by other than equalities");
            }
            Expr first = equality.args().get(0);
            Expr second = equality.args().get(1);
            boolean firstOuter = outerOnly(first);
            if (firstOuter == outerOnly(second) || (firstOuter ? !innerOnly(second) : !innerOnly(first))) {
                throw new NotDifferentiableException(what + " correlated by an equality that mixes both queries");
            }
            split.innerKeys().add(firstOuter ? second : first);
            split.outerKeys().add(firstOuter ? first : second);
            split.operators().add(equality.operator());
        }
        return split;
    }

    /**
     * The subquery's rows (its FROM and own conditions), and the correlation's keys resolved over them: both
     * sides resolve from the subquery's level, the outer side's references being one level out.
     */
    Rel rows(Correlation correlation) throws NotDifferentiableException {
        Rel input = where(correlation.inner(), translator.from(correlation.inner()), correlation.local());
        for (List<Expr> keys : List.of(correlation.innerKeys(), correlation.outerKeys())) {
            for (int i = 0; i < keys.size(); i++) {
                keys.set(i, translator.resolve(correlation.inner(), keys.get(i)));
            }
        }
        return input;
    }

    /** The table of {@code rows} and the condition joining it on the correlation's keys (key0, key1, ...). */
    private Lookup lookup(Correlation correlation, Rel rows, List<String> names, String what,
                          java.util.function.Function<String, Expr> value) {
        Rel.Derived table = new Rel.Derived(rows, translator.uniqueAlias("__pgs_" + what + (++subqueries)), names);
        List<Expr> on = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            on.add(new Expr.Operator(correlation.operators().get(i),
                    List.of(new Expr.Column(table.alias(), "key" + i, null), correlation.outerKeys().get(i))));
        }
        return new Lookup(value.apply(table.alias()), table, and(on));
    }

    /**
     * EXISTS inside an expression (under OR, in SELECT): the distinct correlation keys of the subquery's
     * rows, left-joined; a row has a match exactly when the join found one. EXISTS is never NULL, so this
     * holds under NOT and OR alike.
     */
    private Lookup exists(Level level, Expr.SubLink sublink) throws NotDifferentiableException {
        Query subquery = sublink.subquery();
        if (!QueryTranslator.selectProjectJoin(subquery)) {
            throw new NotDifferentiableException("EXISTS inside an expression over a subquery that groups or is a set operation");
        }
        Correlation correlation = correlation(level, subquery, "an EXISTS inside an expression");
        Rel input = rows(correlation);
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            outputs.add(new OutputColumn("key" + i, correlation.innerKeys().get(i)));
        }
        outputs.add(new OutputColumn("present", new Expr.Const(new Expr.Type(16, -1), "true")));
        return lookup(correlation, new Rel.Distinct(new Rel.Project(input, outputs)), outputs.stream().map(OutputColumn::name).toList(),
                "exists", alias -> new Expr.NullTest(new Expr.Column(alias, "present", null), false));
    }

    private Lookup scalar(Level level, Expr.SubLink sublink) throws NotDifferentiableException {
        Query subquery = sublink.subquery();
        if (subquery.from().isEmpty() && subquery.where() == null && subquery.outputs().size() == 1 && QueryTranslator.selectProjectJoin(subquery)) {
            // (SELECT expr): exactly one row, read as a derived table joined to every row
            Rel.Derived table = derived(level, subquery, "scalar");
            return new Lookup(new Expr.Column(table.alias(), table.names().getFirst(), null), table, null);
        }
        if (!subquery.hasAggregates() || !subquery.groupBy().isEmpty() || subquery.setOperation() != null
                || subquery.outputs().size() != 1) {
            throw new NotDifferentiableException("a scalar subquery that is not one aggregate (it may return several rows)");
        }
        Correlation correlation = correlation(level, subquery, "a scalar subquery");
        if (subquery.having() != null || references(subquery.outputs().getFirst().expr(), 1)) {
            throw new NotDifferentiableException("a correlated scalar subquery with HAVING or outer columns in its value");
        }
        Level inner = correlation.inner();
        Rel input = rows(correlation);
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            outputs.add(new OutputColumn("key" + i, correlation.innerKeys().get(i)));
        }
        Expr value = translator.resolve(inner, subquery.outputs().getFirst().expr());
        outputs.add(new OutputColumn("value", value));
        Rel groups = translator.grouped(input, correlation.innerKeys(), outputs, null);
        // an aggregate of the whole subquery is exactly one row; a group that is missing aggregated no rows
        Expr empty = correlation.innerKeys().isEmpty() ? null : overNoRows(value);
        return lookup(correlation, groups, outputs.stream().map(OutputColumn::name).toList(), "scalar", alias -> empty == null
                ? new Expr.Column(alias, "value", null)
                : new Expr.Case(null, List.of(new Expr.When(new Expr.NullTest(new Expr.Column(alias, "key0", null), true), empty)),
                        new Expr.Column(alias, "value", null)));
    }

    /** The value of an expression over aggregates when they aggregate no rows. */
    Expr overNoRows(Expr value) throws NotDifferentiableException {
        for (Expr found : Exprs.find(value, e -> e instanceof Expr.Aggregate)) {
            Catalog.Function function = translator.catalog().function(((Expr.Aggregate) found).function());
            if (!function.schema().equals("pg_catalog")
                    || !(function.name().equals("count") || NULL_WHEN_EMPTY.contains(function.name()))) {
                throw new NotDifferentiableException("a correlated scalar subquery of the aggregate " + function.name()
                        + "(), whose value over no rows is not known");
            }
        }
        Expr empty = Exprs.map(value, e -> e instanceof Expr.Aggregate aggregate
                ? new Expr.Const(aggregate.type(), translator.catalog().function(aggregate.function()).name().equals("count") ? "0" : null)
                : e);
        if (!Exprs.find(empty, Expr.Column.class::isInstance).isEmpty()) {
            throw new NotDifferentiableException("a correlated scalar subquery whose value reads its keys outside aggregates");
        }
        return empty;
    }

    private boolean isEquality(Expr.Operator operator) {
        Catalog.Operator op = translator.catalog().operator(operator.operator());
        return op.schema().equals("pg_catalog") && op.name().equals("=");
    }

    /** Whether a condition of a subquery reads the enclosing query. */
    private static boolean correlated(Expr conjunct) {
        return !Exprs.find(conjunct, e -> e instanceof Expr.Var var && var.levelsUp() > 0).isEmpty();
    }

    private static boolean outerOnly(Expr expr) {
        List<Expr> vars = Exprs.find(expr, e -> e instanceof Expr.Var);
        return !vars.isEmpty() && vars.stream().allMatch(v -> ((Expr.Var) v).levelsUp() == 1)
                && Exprs.find(expr, e -> e instanceof Expr.SubLink || e instanceof Expr.Aggregate).isEmpty();
    }

    private static boolean innerOnly(Expr expr) {
        return Exprs.find(expr, e -> e instanceof Expr.Var var && var.levelsUp() > 0).isEmpty()
                && Exprs.find(expr, e -> e instanceof Expr.SubLink || e instanceof Expr.Aggregate).isEmpty();
    }

    /** Whether anything in a query (or expression) reads {@code levels} query levels out or further. */
    private static boolean references(Query query, int levels) {
        List<Expr> exprs = new ArrayList<>();
        query.targets().forEach(t -> exprs.add(t.expr()));
        exprs.add(query.where());
        exprs.add(query.having());
        for (Query.FromItem item : query.from()) {
            if (item instanceof Query.JoinItem join) {
                exprs.add(join.condition());
            }
        }
        for (Query.RangeEntry entry : query.rangeTable()) {
            if (entry instanceof Query.Subquery subquery && references(subquery.query(), levels + 1)) {
                return true;
            }
        }
        return exprs.stream().anyMatch(e -> references(e, levels));
    }

    static boolean references(Expr expr, int levels) {
        if (expr == null) {
            return false;
        }
        for (Expr node : Exprs.find(expr, e -> true)) {
            if (node instanceof Expr.Var var && var.levelsUp() >= levels) {
                return true;
            }
            if (node instanceof Expr.SubLink sublink && references(sublink.subquery(), levels + 1)) {
                return true;
            }
        }
        return false;
    }

    static Expr and(List<Expr> conditions) {
        return conditions.isEmpty() ? null : conditions.size() == 1 ? conditions.getFirst() : new Expr.Bool(Expr.BoolOp.AND, conditions);
    }
}
