package io.pgstream.core.analyzed;

import io.pgstream.core.algebra.TableName;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What PostgreSQL's catalogs say of the objects a query refers to by OID: the names to render them by,
 * and the analyzed query of each view it reads (through other views too). The engine reads it for the
 * {@link References} of a query and of those views.
 */
public record Catalog(Map<Long, Operator> operators, Map<Long, Function> functions, Map<Expr.Type, String> types,
                      Map<Long, String> collations, Map<Long, TableName> relations, Map<Long, Query> views) {

    public Catalog {
        operators = Map.copyOf(operators);
        functions = Map.copyOf(functions);
        types = Map.copyOf(types);
        collations = Map.copyOf(collations);
        relations = Map.copyOf(relations);
        views = Map.copyOf(views);
    }

    /** An operator: its schema and name ({@code pg_catalog}, {@code =}). */
    public record Operator(String schema, String name) {}

    /**
     * A function: schema, name, kind ({@code f}unction, {@code a}ggregate, {@code w}indow, {@code p}rocedure),
     * its variadic element type (0 when not variadic) and volatility ({@code i}, {@code s}, {@code v}).
     */
    public record Function(String schema, String name, String kind, long variadicType, String volatility) {}

    /**
     * What the compiler writes a DISTINCT ON, a LIMIT in a subquery and a LATERAL subquery's LIMIT with,
     * {@code row_number() OVER (...) > offset AND ... <= offset + limit}: pg_catalog's {@code row_number()},
     * {@code >} and {@code <=} of bigints, and {@code bigint}, by their fixed OIDs.
     */
    public static final long ROW_NUMBER = 3100;
    public static final long INT8_GREATER = 413;
    public static final long INT8_AT_MOST = 414;
    public static final Expr.Type INT8 = new Expr.Type(20, -1);

    public Operator operator(long oid) {
        return require(operators.get(oid), "operator", oid);
    }

    public Function function(long oid) {
        return require(functions.get(oid), "function", oid);
    }

    /** The type as {@code format_type} prints it with an empty search path: qualified unless in pg_catalog. */
    public String type(Expr.Type type) {
        return require(types.get(type), "type", type.oid());
    }

    public String collation(long oid) {
        return require(collations.get(oid), "collation", oid);
    }

    public TableName relation(long oid) {
        return require(relations.get(oid), "relation", oid);
    }

    private static <T> T require(T value, String what, long oid) {
        if (value == null) {
            throw new IllegalStateException("the catalog was not asked for " + what + " " + oid);
        }
        return value;
    }

    /** The analyzed query of a view the query reads. */
    public Query view(long oid) {
        return require(views.get(oid), "view", oid);
    }

    /** The OIDs queries refer to, their subqueries and WITH queries included; {@code views} among the relations. */
    public record References(Set<Long> operators, Set<Long> functions, Set<Expr.Type> types, Set<Long> collations,
                             Set<Long> relations, Set<Long> views) {

        public static References of(Query query) {
            References references = new References(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(),
                    new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
            references.add(query);
            return references;
        }

        /** Adds what another query (a view's) refers to. */
        public void add(Query query) {
            query.ctes().forEach(cte -> add(cte.query()));
            for (Query.RangeEntry entry : query.rangeTable()) {
                switch (entry) {
                    case Query.Relation relation -> {
                        relations.add(relation.relid());
                        if (relation.relkind().equals("v")) {
                            views.add(relation.relid());
                        }
                    }
                    case Query.Subquery subquery -> add(subquery.query());
                    case Query.Join join -> join.aliasVars().forEach(this::add);
                    case Query.Group group -> group.expressions().forEach(this::add);
                    case Query.Values values -> values.rows().forEach(row -> row.forEach(this::add));
                    case Query.Function function -> function.calls().forEach(call -> {
                        add(call.call());
                        types.addAll(call.definedTypes());
                    });
                    default -> { }
                }
            }
            add(query.where());
            add(query.having());
            add(query.limit());
            add(query.offset());
            query.targets().forEach(target -> add(target.expr()));
            addJoinConditions(query.from());
            for (var items : java.util.List.of(query.groupBy(), query.distinct(), query.orderBy())) {
                items.forEach(item -> operators.add(item.sortOperator()));
            }
            if (query.distinctOn() || query.limit() != null || query.offset() != null) {
                functions.add(ROW_NUMBER);
                operators.addAll(java.util.List.of(INT8_GREATER, INT8_AT_MOST));
                types.add(INT8);
            }
            operators.remove(0L);
        }

        private void addJoinConditions(java.util.List<Query.FromItem> items) {
            for (Query.FromItem item : items) {
                if (item instanceof Query.JoinItem join) {
                    add(join.condition());
                    addJoinConditions(java.util.List.of(join.left(), join.right()));
                }
            }
        }

        private void add(Expr expr) {
            Exprs.visit(expr, e -> {
                switch (e) {
                    case Expr.Var v -> types.add(v.type());
                    case Expr.Const c -> types.add(c.type());
                    case Expr.Operator o -> operators.add(o.operator());
                    case Expr.ArrayComparison a -> operators.add(a.operator());
                    case Expr.RowComparison r -> operators.addAll(r.operators());
                    case Expr.Function f -> {
                        functions.add(f.function());
                        types.add(f.type());
                    }
                    case Expr.Aggregate a -> {
                        functions.add(a.function());
                        types.add(a.type());
                        a.order().forEach(k -> operators.add(k.sortOperator()));
                    }
                    case Expr.WindowCall w -> {
                        functions.add(w.function());
                        types.add(w.type());
                        w.over().order().forEach(k -> operators.add(k.sortOperator()));
                    }
                    case Expr.Cast c -> types.add(c.type());
                    case Expr.Array a -> types.add(a.type());
                    case Expr.Row r when r.type() != null -> types.add(r.type());
                    case Expr.Collate c -> collations.add(c.collation());
                    case Expr.SubLink s -> add(s.subquery());
                    default -> { }
                }
            });
        }
    }
}
