package io.pgstream.core.compiler;

import io.pgstream.core.algebra.AggregateCall;
import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Exprs;
import io.pgstream.core.analyzed.Query;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a query as PostgreSQL analyzed it into the algebra. Column references are resolved to the alias
 * and column of the input that yields them (through join aliases, PostgreSQL 18's group entry, derived
 * tables and WITH queries); what the algebra cannot express raises {@link NotDifferentiableException}
 * naming the construct, or the PostgreSQL node the compiler does not know. Nothing is guessed.
 *
 * <p>Subqueries become joins ({@link Decorrelation} says how); a derived table or WITH query that is a
 * select-project-join query is pulled up into the query that reads it, as PostgreSQL's planner does
 * ({@code SELECT e(x) FROM (SELECT f(y) AS x FROM T WHERE p) s WHERE q} is
 * {@code SELECT e(f(y)) FROM T WHERE p AND q[x := f(y)]}); any other is a {@link Rel.Derived}.
 */
public final class QueryTranslator {

    /** Prefix of the hidden column of an aggregate call no output shows bare, followed by its index. */
    static final String HIDDEN_CALL = "__pgs_agg_";

    /** Functions whose value changes with the clock, without any source change. */
    private static final Set<String> CLOCK_FUNCTIONS = Set.of("now", "statement_timestamp", "transaction_timestamp",
            "timeofday", "clock_timestamp");

    /**
     * A query level: its query and the level it is a subquery of. Levels compare by identity: a WITH query
     * read twice is two levels over one query, whose tables are read under aliases of their own.
     */
    static final class Level {
        private final Query query;
        private final Level outer;

        Level(Query query, Level outer) {
            this.query = query;
            this.outer = outer;
        }

        Query query() {
            return query;
        }

        Level outer() {
            return outer;
        }

        Level sub(Query subquery) {
            return new Level(subquery, this);
        }
    }

    /** A range-table entry as one level reads it. */
    private record Entry(Level level, int index) {}

    private final Catalog catalog;
    private final Decorrelation decorrelation;
    private final WindowTranslation windows = new WindowTranslation(this);
    private final FunctionsInFrom functionsInFrom = new FunctionsInFrom(this);
    private final GroupingSetsExpansion groupingSets = new GroupingSetsExpansion(this);
    /** The alias each table is read under: unique among all the tables the query reads. */
    private final Map<Entry, String> aliases = new HashMap<>();
    /** The derived table a range entry was read as (a subquery or WITH query not pulled up). */
    private final Map<Entry, Rel.Derived> derived = new HashMap<>();
    /** The level a pulled-up entry's query is read at. */
    private final Map<Entry, Level> pulledUp = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    /** The columns of a LATERAL subquery read as a table per correlation key ({@link LateralSubquery}). */
    private final Map<Entry, List<Expr>> lateralColumns = new HashMap<>();
    /** The recursive WITH queries being translated, by number, and how many were met. */
    private final Map<RecursionKey, Integer> recursions = new HashMap<>();
    private int recursionsSeen;
    /** The right inputs that have exactly one row for every row of the left: joined by a left join. */
    private final Set<Rel> oneRowPerLeftRow = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private QueryTranslator(Catalog catalog) {
        this.catalog = catalog;
        this.decorrelation = new Decorrelation(this);
    }

    public static Rel translate(Query query, Catalog catalog) throws NotDifferentiableException {
        QueryTranslator translator = new QueryTranslator(catalog);
        try {
            return translator.query(query, null);
        } catch (Refused refused) {
            throw new NotDifferentiableException(refused.getMessage());
        }
    }

    Catalog catalog() {
        return catalog;
    }

    /** A whole query: a SELECT or a set operation, with its outputs. */
    Rel query(Query query, Level outer) throws NotDifferentiableException {
        if (!query.refusals().isEmpty()) {
            throw new NotDifferentiableException(query.refusals().getFirst());
        }
        if (query.limit() != null || query.offset() != null) {
            TopKTranslation.Limit limit = TopKTranslation.limit(query);
            if (limit == null) {
                return query(query.unlimited(query.targets()), outer); // LIMIT ALL
            }
            return outer == null ? TopKTranslation.of(query, limit, this) : windows.limited(query, outer, limit);
        }
        Level level = new Level(query, outer);
        if (query.setOperation() != null) {
            return setOperation(level, query.setOperation());
        }
        return select(level);
    }

    private Rel setOperation(Level level, Query.SetOperation operation) throws NotDifferentiableException {
        return switch (operation) {
            case Query.Branch branch -> {
                if (!(level.query().entry(branch.index()) instanceof Query.Subquery subquery)) {
                    throw new IllegalStateException("a set operation branch that is not a subquery");
                }
                yield query(subquery.query(), level);
            }
            case Query.Combine combine -> switch (combine.operation()) {
                case "UNION" -> {
                    Rel union = new Rel.UnionAll(List.of(setOperation(level, combine.left()), setOperation(level, combine.right())));
                    yield combine.all() ? union : new Rel.Distinct(union);
                }
                case "INTERSECT", "EXCEPT" -> new Rel.Combine(setOperation(level, combine.left()), setOperation(level, combine.right()),
                        combine.operation().equals("EXCEPT"), combine.all());
                default -> throw new NotDifferentiableException(combine.operation() + (combine.all() ? " ALL" : ""));
            };
        };
    }

    private Rel select(Level level) throws NotDifferentiableException {
        Query query = level.query();
        if (query.distinctOn()) {
            return windows.distinctOn(level);
        }
        Rel[] rel = {fromAndWhere(level)};
        boolean grouped = !query.groupBy().isEmpty() || !query.groupingSets().isEmpty() || query.having() != null
                || query.hasAggregates();
        Rel result = grouped ? groups(level, rel) : rows(level, rel);
        return query.distinct().isEmpty() ? result : new Rel.Distinct(result);
    }

    /**
     * A query's rows: its outputs over FROM and WHERE. A set-returning function among them stays in this
     * projection, where PostgreSQL evaluates it per input row (a flat map, so the projection stays linear).
     */
    private Rel rows(Level level, Rel[] rel) throws NotDifferentiableException {
        if (level.query().targets().stream().anyMatch(t -> t.junk() && holds(t.expr(), Expr.SetReturning.class))) {
            throw new NotDifferentiableException("a set-returning function in ORDER BY only: it multiplies rows no output shows");
        }
        List<OutputColumn> outputs = new ArrayList<>();
        for (Query.Target target : level.query().outputs()) {
            outputs.add(new OutputColumn(target.name(), resolve(level, decorrelation.scalars(level, target.expr(), rel), true)));
        }
        return windows.project(rel[0], outputs);
    }

    /**
     * A grouped query. Subqueries inside aggregate arguments are joined to the rows below the groups; an
     * uncorrelated scalar subquery outside aggregates (HAVING sum(x) &gt; (SELECT ...)) is read after
     * grouping: the groups' keys and aggregates as a derived table, joined to the subquery's one row,
     * filtered by HAVING and projected. Window functions are evaluated over that derived table too
     * ({@link WindowTranslation}).
     */
    private Rel groups(Level level, Rel[] rel) throws NotDifferentiableException {
        Query query = level.query();
        List<Expr> targets = new ArrayList<>();
        for (Query.Target target : query.outputs()) {
            targets.add(decorrelation.scalarsInAggregates(level, target.expr(), rel));
        }
        Expr having = query.having() == null ? null : decorrelation.scalarsInAggregates(level, query.having(), rel);
        List<Expr> keys = groupKeys(level);
        List<Rel.Derived> scalars = new ArrayList<>();
        List<Expr> resolved = new ArrayList<>();
        for (Expr target : targets) {
            resolved.add(resolve(level, decorrelation.scalarsAfterGrouping(level, target, scalars)));
        }
        Expr condition = having == null ? null : resolve(level, decorrelation.scalarsAfterGrouping(level, having, scalars));
        List<OutputColumn> outputs = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            outputs.add(new OutputColumn(query.outputs().get(i).name(), resolved.get(i)));
        }
        boolean grouping = holds(condition, Expr.Grouping.class)
                || outputs.stream().anyMatch(o -> holds(o.expression(), Expr.Grouping.class));
        if (!query.groupingSets().isEmpty() || grouping) {
            if (!scalars.isEmpty()) {
                throw new NotDifferentiableException("a scalar subquery over GROUPING SETS, ROLLUP or CUBE");
            }
            List<Integer> refs = query.groupBy().stream().map(Query.SortGroup::targetRef).toList();
            return groupingSets.union(rel[0], refs, keys, query.groupingSets().isEmpty() ? List.of(refs) : query.groupingSets(),
                    outputs, condition);
        }
        if (scalars.isEmpty() && !WindowTranslation.windowed(outputs)) {
            return grouped(rel[0], keys, outputs, condition);
        }
        return groupsThenScalars(rel[0], keys, outputs, condition, scalars);
    }

    private Rel groupsThenScalars(Rel input, List<Expr> keys, List<OutputColumn> outputs, Expr having,
                                  List<Rel.Derived> scalars) throws NotDifferentiableException {
        List<Expr> aggregates = new ArrayList<>();
        List<Expr> overGroups = new ArrayList<>(outputs.stream().map(OutputColumn::expression).toList());
        if (having != null) {
            overGroups.add(having);
        }
        for (Expr expression : overGroups) {
            for (Expr found : Exprs.find(expression, Expr.Aggregate.class::isInstance)) {
                if (!aggregates.contains(found)) {
                    aggregates.add(found);
                }
            }
        }
        String alias = uniqueAlias("__pgs_groups");
        List<OutputColumn> groupOutputs = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            groupOutputs.add(new OutputColumn("key" + i, keys.get(i)));
        }
        for (int j = 0; j < aggregates.size(); j++) {
            groupOutputs.add(new OutputColumn("aggregate" + j, aggregates.get(j)));
        }
        Rel rel = new Rel.Derived(grouped(input, keys, groupOutputs, null), alias,
                groupOutputs.stream().map(OutputColumn::name).toList());
        Set<String> readable = new HashSet<>(Set.of(alias));
        for (Rel.Derived scalar : scalars) {
            rel = new Rel.Join(rel, scalar, Rel.JoinKind.LEFT, null);
            readable.add(scalar.alias());
        }
        java.util.function.Function<Expr, Expr> overGroupTable = e -> {
            int key = keys.indexOf(e);
            if (key >= 0) {
                return new Expr.Column(alias, "key" + key, null);
            }
            int aggregate = aggregates.indexOf(e);
            return aggregate >= 0 ? new Expr.Column(alias, "aggregate" + aggregate, null) : null;
        };
        List<OutputColumn> projected = new ArrayList<>();
        for (OutputColumn output : outputs) {
            projected.add(new OutputColumn(output.name(), overGroups(Exprs.substitute(output.expression(), overGroupTable), readable)));
        }
        if (having != null) {
            rel = new Rel.Filter(rel, overGroups(Exprs.substitute(having, overGroupTable), readable));
        }
        return windows.project(rel, projected);
    }

    /** An expression after grouping reads the groups' keys and aggregates and the scalar subqueries only. */
    private static Expr overGroups(Expr expression, Set<String> readable) throws NotDifferentiableException {
        for (Expr found : Exprs.find(expression, Expr.Column.class::isInstance)) {
            Expr.Column column = (Expr.Column) found;
            if (!readable.contains(column.qualifier())) {
                throw new NotDifferentiableException("a column outside aggregates that is not a GROUP BY key ("
                        + column.qualifier() + "." + column.name() + ")");
            }
        }
        return expression;
    }

    /** The FROM clause joined, then WHERE: its subqueries as joins, the rest as one filter. */
    Rel fromAndWhere(Level level) throws NotDifferentiableException {
        return decorrelation.where(level, from(level), conjuncts(level.query().where()));
    }

    /** The FROM items, joined in order (a comma is a cross join); without FROM, the one empty row. */
    Rel from(Level level) throws NotDifferentiableException {
        if (level.query().from().isEmpty()) {
            return new Rel.Values(List.of(List.of()), uniqueAlias("__pgs_no_from"), List.of());
        }
        Rel rel = null;
        for (Query.FromItem item : level.query().from()) {
            if (functionsAt(level, item) != null) {
                rel = functions(new Entry(level, ((Query.EntryRef) item).index()), rel, false, null);
                continue;
            }
            Rel next = item(level, item);
            rel = rel == null ? next : join(rel, next, Rel.JoinKind.INNER, null);
        }
        return rel;
    }

    private Rel item(Level level, Query.FromItem item) throws NotDifferentiableException {
        return switch (item) {
            case Query.EntryRef ref -> entry(new Entry(level, ref.index()));
            case Query.JoinItem join when functionsAt(level, join.right()) != null
                    && (join.type().equals("INNER") || join.type().equals("LEFT")) ->
                    functions(new Entry(level, ((Query.EntryRef) join.right()).index()), item(level, join.left()),
                            join.type().equals("LEFT"), join.condition());
            case Query.JoinItem join -> {
                Rel left = item(level, join.left());
                Rel right = item(level, join.right());
                Rel.JoinKind kind = switch (join.type()) {
                    case "INNER" -> Rel.JoinKind.INNER;
                    case "LEFT" -> Rel.JoinKind.LEFT;
                    case "RIGHT" -> Rel.JoinKind.RIGHT;
                    case "FULL" -> Rel.JoinKind.FULL;
                    default -> throw new NotDifferentiableException("a " + join.type() + " join");
                };
                yield join(left, right, kind, join.condition() == null ? null : resolve(level, join.condition()));
            }
        };
    }

    private Rel join(Rel left, Rel right, Rel.JoinKind kind, Expr condition) throws NotDifferentiableException {
        return LateralJoin.of(left, right, oneRowPerLeftRow.contains(right) ? Rel.JoinKind.LEFT : kind, condition);
    }

    /** A LATERAL subquery that is not pulled up: a table per correlation key, its WHERE the join's condition. */
    private Rel lateral(Entry at, Query subquery) throws NotDifferentiableException {
        LateralSubquery lateral = LateralSubquery.of(decorrelation, this, at.level(), subquery);
        lateralColumns.put(at, lateral.columns());
        Rel right = lateral.condition() == null ? lateral.table() : new Rel.Filter(lateral.table(), lateral.condition());
        if (lateral.oneRow()) {
            oneRowPerLeftRow.add(right);
        }
        return right;
    }

    private Rel entry(Entry at) throws NotDifferentiableException {
        Level level = at.level();
        Query.RangeEntry entry = level.query().entry(at.index());
        return switch (entry) {
            case Query.Relation relation when relation.relkind().equals("v") -> tableQuery(at, catalog.view(relation.relid()));
            case Query.Relation relation -> new Rel.Scan(catalog.relation(relation.relid()), alias(at, relation));
            case Query.Subquery subquery when subquery.lateral() && !pullsUp(subquery.query()) -> lateral(at, subquery.query());
            case Query.Subquery subquery -> tableQuery(at, subquery.query());
            case Query.CteReference reference -> cteReference(at, reference);
            case Query.Values values -> {
                List<List<Expr>> rows = new ArrayList<>();
                for (List<Expr> row : values.rows()) {
                    List<Expr> resolved = new ArrayList<>();
                    for (Expr value : row) {
                        resolved.add(resolve(level, value));
                    }
                    rows.add(resolved);
                }
                String alias = uniqueAlias("__pgs_values");
                aliases.put(at, alias);
                yield new Rel.Values(rows, alias, values.columns());
            }
            case Query.Function function -> functions(at, null, false, null);
            case Query.OtherEntry other -> throw new NotDifferentiableException("a " + other.kind() + " (" + other.alias() + ")");
            case Query.Join join -> throw new IllegalStateException("a join entry in FROM");
            case Query.Group group -> throw new IllegalStateException("a group entry in FROM");
        };
    }

    /** The functions-in-FROM entry a FROM item refers to, or null when it is another item. */
    private static Query.Function functionsAt(Level level, Query.FromItem item) {
        return item instanceof Query.EntryRef ref && level.query().entry(ref.index()) instanceof Query.Function function
                ? function : null;
    }

    /** Functions in FROM applied to each row of {@code input} (null: the one empty row), see {@link FunctionsInFrom}. */
    private Rel functions(Entry at, Rel input, boolean outer, Expr condition) throws NotDifferentiableException {
        Query.RangeEntry entry = at.level().query().entry(at.index());
        String alias = uniqueAlias(entry.alias());
        aliases.put(at, alias);
        return functionsInFrom.over(at.level(), (Query.Function) entry, input, outer, condition, alias);
    }

    /**
     * A WITH query: inlined where it is read, once per reference; a recursive one is a {@link Rel.Recursive}
     * per reference, and inside its step the reference to itself is its {@link Rel.RecursiveRef}.
     */
    private Rel cteReference(Entry at, Query.CteReference reference) throws NotDifferentiableException {
        Level defining = at.level();
        for (int up = 0; up < reference.levelsUp(); up++) {
            defining = defining.outer();
        }
        Query.Cte cte = defining.query().ctes().stream().filter(c -> c.name().equals(reference.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no WITH query " + reference.name()));
        Integer recursion = recursions.get(new RecursionKey(defining, cte.name()));
        if (recursion != null) { // PostgreSQL allows one such reference: the recursion is linear
            String alias = uniqueAlias(reference.alias());
            aliases.put(at, alias);
            return new Rel.RecursiveRef(recursion, alias, reference.columns());
        }
        return cte.recursive() ? recursive(at, reference, cte, defining) : tableQuery(at, cte.query());
    }

    /** A recursive WITH query being translated: the query level defining it and its name. */
    private record RecursionKey(Level defining, String name) {}

    /** {@code base UNION [ALL] step}, step reading the query once: linear recursion, its rows a set (a bag with ALL). */
    private Rel recursive(Entry at, Query.CteReference reference, Query.Cte cte, Level defining) throws NotDifferentiableException {
        Query query = cte.query();
        if (!(query.setOperation() instanceof Query.Combine union) || !union.operation().equals("UNION")
                || !(union.right() instanceof Query.Branch step)) {
            throw new NotDifferentiableException("a recursive WITH query that is not base UNION step");
        }
        Level level = new Level(query, defining);
        RecursionKey key = new RecursionKey(defining, cte.name());
        int number = ++recursionsSeen;
        recursions.put(key, number);
        Rel base;
        Rel recursiveStep;
        try {
            base = setOperation(level, union.left());
            recursiveStep = setOperation(level, step);
        } finally {
            recursions.remove(key);
        }
        String alias = uniqueAlias(reference.alias());
        aliases.put(at, alias);
        return new Rel.Recursive(base, recursiveStep, union.all(), alias, reference.columns(), number);
    }

    /** A query read as a table: pulled up when it is a select-project-join query, else a derived table. */
    private Rel tableQuery(Entry at, Query query) throws NotDifferentiableException {
        Level level = at.level();
        Query.RangeEntry entry = level.query().entry(at.index());
        if (pullsUp(query)) {
            Level inner = level.sub(query);
            pulledUp.put(at, inner);
            Rel rel = fromAndWhere(inner);
            for (Query.Target target : query.targets()) {
                resolve(inner, target.expr()); // refused here if the algebra cannot follow it
            }
            return rel;
        }
        String alias = uniqueAlias(entry.alias());
        Rel.Derived table = new Rel.Derived(query(query, level), alias, entry.columns());
        derived.put(at, table);
        return table;
    }

    /** A select-project-join query with no subquery among its outputs: pulled up. */
    private static boolean pullsUp(Query query) {
        return selectProjectJoin(query)
                && query.targets().stream().allMatch(t -> Exprs.find(t.expr(), Expr.SubLink.class::isInstance).isEmpty());
    }

    /**
     * A query with no grouping, DISTINCT, LIMIT, window function, set operation, WITH or set-returning
     * output of its own: its rows are its FROM's, filtered.
     */
    static boolean selectProjectJoin(Query query) {
        return query.refusals().isEmpty() && query.ctes().isEmpty() && query.setOperation() == null
                && query.groupBy().isEmpty() && query.groupingSets().isEmpty() && query.having() == null && !query.hasAggregates()
                && query.distinct().isEmpty() && query.limit() == null && query.offset() == null && !WindowTranslation.windowed(query)
                && query.targets().stream().noneMatch(t -> holds(t.expr(), Expr.SetReturning.class));
    }

    /** The table's alias in the query, or, when another table of the query uses it already, the alias numbered. */
    private String alias(Entry at, Query.Relation relation) {
        String alias = uniqueAlias(relation.alias());
        aliases.put(at, alias);
        return alias;
    }

    String uniqueAlias(String wanted) {
        String alias = wanted;
        for (int n = 2; used.contains(alias); n++) {
            alias = wanted + "_" + n;
        }
        used.add(alias);
        return alias;
    }

    /** The ANDed conditions of a WHERE (none for no WHERE). */
    static List<Expr> conjuncts(Expr where) {
        if (where == null) {
            return List.of();
        }
        if (where instanceof Expr.Bool bool && bool.op() == Expr.BoolOp.AND) {
            List<Expr> all = new ArrayList<>();
            bool.args().forEach(arg -> all.addAll(conjuncts(arg)));
            return all;
        }
        return List.of(where);
    }

    /**
     * An expression with every column reference resolved to the input that yields it, refused if it holds
     * what the algebra cannot follow (a subquery left over, a whole-row reference, an unknown node, the
     * clock). References to enclosing queries resolve there: only a join condition may hold them.
     */
    Expr resolve(Level level, Expr expr) throws NotDifferentiableException {
        return resolve(level, expr, false);
    }

    /**
     * As {@link #resolve(Level, Expr)}; {@code rowOutput}: an output of a query's rows, where a set-returning
     * call may stand.
     */
    private Expr resolve(Level level, Expr expr, boolean rowOutput) throws NotDifferentiableException {
        for (Expr node : Exprs.find(expr, e -> true)) {
            if (!(rowOutput && node instanceof Expr.SetReturning)) {
                refuse(node);
            }
        }
        try {
            return Exprs.map(expr, e -> e instanceof Expr.Var var ? column(level, var) : e);
        } catch (Refused refused) {
            throw new NotDifferentiableException(refused.getMessage());
        }
    }

    private static boolean holds(Expr expr, Class<? extends Expr> kind) {
        return !Exprs.find(expr, kind::isInstance).isEmpty();
    }

    private void refuse(Expr node) throws NotDifferentiableException {
        switch (node) {
            case Expr.SetReturning call -> throw new NotDifferentiableException("a set-returning function in the SELECT list"
                    + " of a grouped query, or of a subquery read as a value");
            case Expr.Unknown unknown -> throw new NotDifferentiableException(unknown.what() + " (PostgreSQL node "
                    + unknown.node() + ")");
            case Expr.SubLink sublink -> throw new NotDifferentiableException("a subquery (" + sublink.kind()
                    + " sublink) where it cannot be a join: under OR, in a grouped query's outputs or HAVING, or correlated beyond equalities");
            case Expr.Function f when clock(f) -> throw new NotDifferentiableException("the clock ("
                    + catalog.function(f.function()).name() + "()): its value changes without any source change");
            default -> { }
        }
    }

    private boolean clock(Expr.Function f) {
        Catalog.Function function = catalog.function(f.function());
        return function.schema().equals("pg_catalog")
                && (CLOCK_FUNCTIONS.contains(function.name()) || (function.name().equals("age") && f.args().size() == 1));
    }

    /** Unchecked inside {@link Exprs#map}, rethrown as the checked refusal. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private Expr column(Level level, Expr.Var var) {
        Level scope = level;
        for (int up = 0; up < var.levelsUp(); up++) {
            scope = scope.outer();
            if (scope == null) {
                throw new IllegalStateException("a reference above the outermost query");
            }
        }
        if (var.attribute() <= 0) {
            throw new Refused(var.attribute() == 0 ? "a whole-row reference" : "a system column");
        }
        Entry at = new Entry(scope, var.rangeIndex());
        Query.RangeEntry entry = scope.query().entry(var.rangeIndex());
        int index = var.attribute() - 1;
        if (derived.containsKey(at)) {
            return new Expr.Column(derived.get(at).alias(), entry.columns().get(index), var.type());
        }
        if (lateralColumns.containsKey(at)) {
            return lateralColumns.get(at).get(index);
        }
        if (pulledUp.containsKey(at)) {
            Level inner = pulledUp.get(at);
            return inner(inner, inner.query().targets().get(index).expr());
        }
        return switch (entry) {
            case Query.Values values -> new Expr.Column(aliases.get(at), values.columns().get(index), var.type());
            case Query.CteReference reference -> new Expr.Column(aliases.get(at), reference.columns().get(index), var.type());
            case Query.Function function -> new Expr.Column(aliases.get(at), FunctionsInFrom.distinct(function.columns()).get(index),
                    var.type());
            case Query.Relation relation -> {
                String alias = aliases.get(at);
                if (alias == null) {
                    throw new IllegalStateException("a table read before its FROM item: " + relation.alias());
                }
                yield new Expr.Column(alias, relation.columns().get(index), var.type());
            }
            case Query.Join join -> inner(scope, join.aliasVars().get(index));
            case Query.Group group -> inner(scope, group.expressions().get(index));
            default -> throw new Refused("a column of " + entry.alias());
        };
    }

    private Expr inner(Level level, Expr expr) {
        return Exprs.map(expr, e -> e instanceof Expr.Var var ? column(level, var) : e);
    }

    /** The GROUP BY keys, each an output of the query. */
    private List<Expr> groupKeys(Level level) throws NotDifferentiableException {
        Query query = level.query();
        List<Expr> keys = new ArrayList<>();
        for (Query.SortGroup item : query.groupBy()) {
            Query.Target target = query.target(item);
            if (target.junk()) {
                throw new NotDifferentiableException("a GROUP BY key that is not an output column");
            }
            keys.add(resolve(level, target.expr()));
        }
        return keys;
    }

    /**
     * The projection over the groups of {@code input} (with HAVING, a filter over them): the aggregate
     * calls outputs show bare come first, under their columns; a call that only appears inside a computed
     * output or HAVING is kept in a hidden column ({@value #HIDDEN_CALL}j).
     */
    Rel grouped(Rel input, List<Expr> keys, List<OutputColumn> outputs, Expr having) throws NotDifferentiableException {
        List<AggregateCall> calls = new ArrayList<>();
        List<Expr> overGroups = new ArrayList<>();
        for (OutputColumn output : outputs) {
            if (keys.contains(output.expression())) {
                continue;
            }
            if (output.expression() instanceof Expr.Aggregate call && calls.stream().noneMatch(c -> c.call().equals(call))) {
                calls.add(aggregateCall(call, output.name()));
            } else {
                overGroups.add(output.expression());
            }
        }
        if (having != null) {
            overGroups.add(having);
        }
        for (Expr expression : overGroups) {
            checkOverGroup(expression, keys);
            for (Expr found : Exprs.find(expression, e -> e instanceof Expr.Aggregate)) {
                Expr.Aggregate call = (Expr.Aggregate) found;
                if (calls.stream().noneMatch(c -> c.call().equals(call))) {
                    calls.add(aggregateCall(call, HIDDEN_CALL + calls.size()));
                }
            }
        }
        Rel groups = new Rel.Aggregate(input, keys, calls);
        if (having != null) {
            groups = new Rel.Filter(groups, having);
        }
        return new Rel.Project(groups, outputs);
    }

    /** An expression over a group reads its keys and aggregate calls only: any other column is not the group's. */
    private static void checkOverGroup(Expr expression, List<Expr> keys) throws NotDifferentiableException {
        if (keys.contains(expression) || expression instanceof Expr.Aggregate) {
            return;
        }
        if (expression instanceof Expr.Column column) {
            throw new NotDifferentiableException("a column outside aggregates that is not a GROUP BY key ("
                    + column.qualifier() + "." + column.name() + ")");
        }
        for (Expr child : Exprs.children(expression)) {
            checkOverGroup(child, keys);
        }
    }

    private AggregateCall aggregateCall(Expr.Aggregate call, String output) throws NotDifferentiableException {
        Catalog.Function function = catalog.function(call.function());
        AggregateCall.Kind kind = function.schema().equals("pg_catalog") ? AggregateCall.Kind.of(function.name(), call.star()) : null;
        if (call.levelsUp() > 0) {
            throw new NotDifferentiableException("an aggregate of an outer query");
        }
        if (kind == null || call.filter() != null || call.distinct() || !call.order().isEmpty()
                || (!call.star() && call.args().size() != 1)) {
            kind = AggregateCall.Kind.OTHER;
        }
        return new AggregateCall(kind, call.star() || call.args().size() != 1 ? null : call.args().getFirst(), call, output);
    }
}
