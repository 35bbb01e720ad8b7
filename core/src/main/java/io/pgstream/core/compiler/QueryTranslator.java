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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a query as PostgreSQL analyzed it into the algebra: column references resolved to the alias and
 * column of the input they read (through join aliases and PostgreSQL 18's group entry), UNION and UNION
 * ALL as their tree, {@code SELECT DISTINCT} as a Distinct over the projection. A derived table that is
 * itself a select-project-join query is pulled up into the query that reads it, as PostgreSQL's planner
 * does: {@code SELECT e(x) FROM (SELECT f(y) AS x FROM T WHERE p) s WHERE q} is
 * {@code SELECT e(f(y)) FROM T WHERE p AND q[x := f(y)]}, each of its tables keeping an alias of its own.
 * What the algebra cannot
 * express raises {@link NotDifferentiableException} naming the construct as the user wrote it, or the
 * PostgreSQL node the compiler does not know; nothing is guessed.
 */
public final class QueryTranslator {

    /** Prefix of the hidden column of an aggregate call no output shows bare, followed by its index. */
    static final String HIDDEN_CALL = "__pgs_agg_";

    /** Functions whose value changes with the clock, without any source change. */
    private static final Set<String> CLOCK_FUNCTIONS = Set.of("now", "statement_timestamp", "transaction_timestamp",
            "timeofday", "clock_timestamp");

    private final Catalog catalog;
    /** The alias each table of the query being translated is read under: unique among the tables of one SELECT. */
    private final Map<Query.RangeEntry, String> aliases = new IdentityHashMap<>();
    private Set<String> used = new HashSet<>();

    private QueryTranslator(Catalog catalog) {
        this.catalog = catalog;
    }

    public static Rel translate(Query query, Catalog catalog) throws NotDifferentiableException {
        return new QueryTranslator(catalog).query(query);
    }

    private Rel query(Query query) throws NotDifferentiableException {
        if (!query.refusals().isEmpty()) {
            throw new NotDifferentiableException(query.refusals().getFirst());
        }
        if (!query.ctes().isEmpty()) {
            throw new NotDifferentiableException("a WITH query (" + query.ctes().getFirst().name() + ")");
        }
        if (query.limit() != null || query.offset() != null) {
            throw new NotDifferentiableException("LIMIT or OFFSET");
        }
        if (query.setOperation() != null) {
            return setOperation(query, query.setOperation());
        }
        return select(query);
    }

    private Rel setOperation(Query query, Query.SetOperation operation) throws NotDifferentiableException {
        return switch (operation) {
            case Query.Branch branch -> {
                if (!(query.entry(branch.index()) instanceof Query.Subquery subquery)) {
                    throw new IllegalStateException("a set operation branch that is not a subquery");
                }
                yield query(subquery.query());
            }
            case Query.Combine combine -> switch (combine.operation()) {
                case "UNION" -> {
                    Rel union = new Rel.UnionAll(List.of(setOperation(query, combine.left()), setOperation(query, combine.right())));
                    yield combine.all() ? union : new Rel.Distinct(union);
                }
                default -> throw new NotDifferentiableException(combine.operation() + (combine.all() ? " ALL" : ""));
            };
        };
    }

    private Rel select(Query query) throws NotDifferentiableException {
        if (query.distinctOn()) {
            throw new NotDifferentiableException("DISTINCT ON");
        }
        if (query.from().isEmpty()) {
            throw new NotDifferentiableException("a query without FROM");
        }
        Set<String> outer = used;
        used = new HashSet<>();
        try {
            return selectFrom(query);
        } finally {
            used = outer;
        }
    }

    private Rel selectFrom(Query query) throws NotDifferentiableException {
        List<Rel.Scan> scans = new ArrayList<>();
        List<Expr> conditions = new ArrayList<>();
        for (Query.FromItem item : query.from()) {
            from(query, item, scans, conditions);
        }
        Rel rel = scans.size() == 1 && conditions.isEmpty() ? scans.getFirst()
                : scans.size() == 1 ? new Rel.Filter(scans.getFirst(), and(conditions)) : new Rel.Join(scans, conditions);
        if (query.where() != null) {
            rel = new Rel.Filter(rel, resolve(query, query.where()));
        }
        List<OutputColumn> outputs = new ArrayList<>();
        for (Query.Target target : query.outputs()) {
            outputs.add(new OutputColumn(target.name(), resolve(query, target.expr())));
        }
        boolean grouped = !query.groupBy().isEmpty() || query.having() != null || query.hasAggregates();
        rel = grouped ? aggregate(query, rel, outputs) : new Rel.Project(rel, outputs);
        return query.distinct().isEmpty() ? rel : new Rel.Distinct(rel);
    }

    private static Expr and(List<Expr> conditions) {
        return conditions.size() == 1 ? conditions.getFirst() : new Expr.Bool(Expr.BoolOp.AND, conditions);
    }

    /** FROM items: tables and inner joins of them, flattened into scans and conditions. */
    private void from(Query query, Query.FromItem item, List<Rel.Scan> scans, List<Expr> conditions)
            throws NotDifferentiableException {
        switch (item) {
            case Query.EntryRef ref when query.entry(ref.index()) instanceof Query.Subquery subquery && pulledUp(subquery) -> {
                for (Query.FromItem inner : subquery.query().from()) {
                    from(subquery.query(), inner, scans, conditions);
                }
                if (subquery.query().where() != null) {
                    conditions.add(resolve(subquery.query(), subquery.query().where()));
                }
                for (Query.Target target : subquery.query().targets()) {
                    resolve(subquery.query(), target.expr()); // refused here if the algebra cannot follow it
                }
            }
            case Query.EntryRef ref -> scans.add(scan(query.entry(ref.index())));
            case Query.JoinItem join -> {
                if (!join.type().equals("INNER")) {
                    throw new NotDifferentiableException("an outer join (" + join.type() + " JOIN)");
                }
                from(query, join.left(), scans, conditions);
                from(query, join.right(), scans, conditions);
                if (join.condition() != null) {
                    conditions.add(resolve(query, join.condition()));
                }
            }
        }
    }

    /** A derived table with no grouping, DISTINCT, LIMIT, set operation or WITH of its own: pulled up. */
    private static boolean pulledUp(Query.Subquery subquery) {
        Query query = subquery.query();
        return !subquery.lateral() && query.refusals().isEmpty() && query.ctes().isEmpty() && query.setOperation() == null
                && query.groupBy().isEmpty() && query.having() == null && !query.hasAggregates() && query.distinct().isEmpty()
                && query.limit() == null && query.offset() == null && !query.from().isEmpty();
    }

    private Rel.Scan scan(Query.RangeEntry entry) throws NotDifferentiableException {
        return switch (entry) {
            case Query.Relation relation -> new Rel.Scan(catalog.relation(relation.relid()), alias(relation));
            case Query.Subquery subquery -> throw new NotDifferentiableException("a subquery in FROM (" + subquery.alias() + ")");
            case Query.CteReference cte -> throw new NotDifferentiableException("a WITH query (" + cte.name() + ")");
            case Query.OtherEntry other -> throw new NotDifferentiableException("a " + other.kind() + " (" + other.alias() + ")");
            case Query.Join join -> throw new IllegalStateException("a join entry in FROM");
            case Query.Group group -> throw new IllegalStateException("a group entry in FROM");
        };
    }

    /**
     * An expression with every column reference resolved to its input's alias and column, refused if it
     * holds what the algebra cannot follow (a subquery, a correlated or whole-row reference, an unknown
     * node, the clock).
     */
    private Expr resolve(Query query, Expr expr) throws NotDifferentiableException {
        for (Expr node : Exprs.find(expr, e -> true)) {
            refuse(node);
        }
        try {
            return Exprs.map(expr, e -> e instanceof Expr.Var var ? column(query, var) : e);
        } catch (Refused refused) {
            throw new NotDifferentiableException(refused.getMessage());
        }
    }

    private void refuse(Expr node) throws NotDifferentiableException {
        switch (node) {
            case Expr.Unknown unknown -> throw new NotDifferentiableException(unknown.what() + " (PostgreSQL node "
                    + unknown.node() + ")");
            case Expr.SubLink sublink -> throw new NotDifferentiableException("a subquery in an expression ("
                    + sublink.kind() + " sublink)");
            case Expr.Function f when catalog.function(f.function()).schema().equals("pg_catalog")
                    && (CLOCK_FUNCTIONS.contains(catalog.function(f.function()).name())
                        || (catalog.function(f.function()).name().equals("age") && f.args().size() == 1)) ->
                    throw new NotDifferentiableException("the clock (" + catalog.function(f.function()).name()
                            + "()): its value changes without any source change");
            default -> { }
        }
    }

    /** Unchecked inside {@link Exprs#map}, rethrown as the checked refusal. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private Expr column(Query query, Expr.Var var) {
        if (var.levelsUp() > 0) {
            throw new Refused("a correlated reference to an outer query");
        }
        if (var.attribute() <= 0) {
            throw new Refused(var.attribute() == 0 ? "a whole-row reference" : "a system column");
        }
        Query.RangeEntry entry = query.entry(var.rangeIndex());
        return switch (entry) {
            case Query.Relation relation -> new Expr.Column(aliases.get(relation), relation.columns().get(var.attribute() - 1),
                    var.type());
            case Query.Subquery subquery -> Exprs.map(subquery.query().targets().get(var.attribute() - 1).expr(),
                    e -> e instanceof Expr.Var inner ? column(subquery.query(), inner) : e);
            case Query.Join join -> Exprs.map(join.aliasVars().get(var.attribute() - 1),
                    e -> e instanceof Expr.Var inner ? column(query, inner) : e);
            case Query.Group group -> Exprs.map(group.expressions().get(var.attribute() - 1),
                    e -> e instanceof Expr.Var inner ? column(query, inner) : e);
            default -> throw new Refused("a column of " + entry.alias());
        };
    }

    /** The table's alias in the query, or, when a pulled-up derived table already uses it, the alias numbered. */
    private String alias(Query.Relation relation) {
        String alias = relation.alias();
        for (int n = 2; used.contains(alias); n++) {
            alias = relation.alias() + "_" + n;
        }
        used.add(alias);
        aliases.put(relation, alias);
        return alias;
    }

    /**
     * GROUP BY: the aggregate calls outputs show bare come first, under their columns; a call that only
     * appears inside a computed output or HAVING is kept in a hidden column ({@value #HIDDEN_CALL}j).
     * HAVING is a filter over the groups.
     */
    private Rel aggregate(Query query, Rel input, List<OutputColumn> outputs) throws NotDifferentiableException {
        List<Expr> keys = new ArrayList<>();
        for (Query.SortGroup item : query.groupBy()) {
            Query.Target target = query.target(item);
            if (target.junk()) {
                throw new NotDifferentiableException("a GROUP BY key that is not an output column");
            }
            keys.add(resolve(query, target.expr()));
        }
        List<AggregateCall> calls = new ArrayList<>();
        List<OutputColumn> computed = new ArrayList<>();
        for (OutputColumn output : outputs) {
            if (keys.contains(output.expression())) {
                continue;
            }
            if (output.expression() instanceof Expr.Aggregate call && calls.stream().noneMatch(c -> c.call().equals(call))) {
                calls.add(aggregateCall(call, output.name()));
            } else {
                computed.add(output);
            }
        }
        Expr having = query.having() == null ? null : resolve(query, query.having());
        List<Expr> overGroups = new ArrayList<>(computed.stream().map(OutputColumn::expression).toList());
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
        if (kind == null) {
            throw new NotDifferentiableException("the aggregate " + function.name() + "()");
        }
        if (call.levelsUp() > 0) {
            throw new NotDifferentiableException("an aggregate of an outer query");
        }
        if (call.filter() != null) {
            throw new NotDifferentiableException("an aggregate with FILTER (" + function.name() + ")");
        }
        if (call.distinct() || !call.order().isEmpty()) {
            throw new NotDifferentiableException("an aggregate with DISTINCT or ORDER BY (" + function.name() + ")");
        }
        if (!call.star() && call.args().size() != 1) {
            throw new NotDifferentiableException("an aggregate of several arguments (" + function.name() + ")");
        }
        return new AggregateCall(kind, call.star() ? null : call.args().getFirst(), call, output);
    }
}
