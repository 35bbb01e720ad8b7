package io.pgstream.core.sql;

import io.pgstream.core.analyzed.Catalog;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Expr.*;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders analyzed expressions as PostgreSQL SQL that means exactly what PostgreSQL analyzed, whatever
 * the session's search path: operators as {@code OPERATOR(schema.op)}, functions schema-qualified, every
 * cast PostgreSQL inserted written out, constants with their types. Every compound expression comes
 * out parenthesized, so a rendering can stand anywhere an operand can.
 *
 * <p>Only resolved expressions render: a {@link Var}, a sublink or an unknown node reaching here is a
 * compiler bug (the translator resolves or refuses them first).
 */
public final class ExprRenderer {

    private static final long INT4 = 23;
    private static final long BOOL = 16;
    private static final long ANY = 2276;

    private final Catalog catalog;

    public ExprRenderer(Catalog catalog) {
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    public String render(Expr expr) {
        return render(expr, e -> null);
    }

    /**
     * Renders with substitutions: where {@code substitute} returns SQL for a node, that SQL stands for
     * the whole node (it is not entered).
     */
    public String render(Expr expr, Function<Expr, String> substitute) {
        return new Rendering(substitute, null).of(expr);
    }

    public String type(Expr.Type type) {
        return catalog.type(type);
    }

    private final class Rendering {
        private final Function<Expr, String> substitute;
        private final String caseValue;

        Rendering(Function<Expr, String> substitute, String caseValue) {
            this.substitute = substitute;
            this.caseValue = caseValue;
        }

        String of(Expr expr) {
            String substituted = substitute.apply(expr);
            if (substituted != null) {
                return substituted;
            }
            return switch (expr) {
                case Column c -> Sql.identifier(c.qualifier()) + "." + Sql.identifier(c.name());
                case Const c -> constant(c);
                case Operator o -> o.args().size() == 2
                        ? "(" + of(o.args().get(0)) + " " + operator(o.operator()) + " " + of(o.args().get(1)) + ")"
                        : "(" + operator(o.operator()) + " " + of(o.args().getFirst()) + ")";
                case DistinctFrom d -> "(" + of(d.left()) + " IS DISTINCT FROM " + of(d.right()) + ")";
                case NullIf n -> "NULLIF(" + of(n.left()) + ", " + of(n.right()) + ")";
                case ArrayComparison a -> "(" + of(a.left()) + " " + operator(a.operator()) + (a.any() ? " ANY (" : " ALL (")
                        + of(a.array()) + "))";
                case Expr.Function f -> function(f);
                case NamedArgument n -> Sql.identifier(n.name()) + " => " + of(n.arg());
                case Bool b -> b.op() == BoolOp.NOT ? "(NOT " + of(b.args().getFirst()) + ")"
                        : "(" + b.args().stream().map(this::of).collect(Collectors.joining(" " + b.op() + " ")) + ")";
                case NullTest n -> "(" + of(n.arg()) + (n.isNull() ? " IS NULL)" : " IS NOT NULL)");
                case BooleanTest b -> "(" + of(b.arg()) + " " + b.test() + ")";
                case Cast c -> "CAST(" + of(c.arg()) + " AS " + type(c.type()) + ")";
                case Collate c -> "(" + of(c.arg()) + " COLLATE " + catalog.collation(c.collation()) + ")";
                case Case c -> caseExpression(c);
                case CaseValue v -> {
                    if (caseValue == null) {
                        throw new IllegalStateException("a CASE value outside a CASE");
                    }
                    yield caseValue;
                }
                case Coalesce c -> "COALESCE(" + list(c.args()) + ")";
                case Extreme e -> (e.greatest() ? "GREATEST(" : "LEAST(") + list(e.args()) + ")";
                case Expr.Array a -> "CAST(ARRAY[" + list(a.elements()) + "] AS " + type(a.type()) + ")";
                case Row r -> r.type() == null ? "ROW(" + list(r.args()) + ")"
                        : "CAST(ROW(" + list(r.args()) + ") AS " + type(r.type()) + ")";
                case RowComparison r -> "(ROW(" + list(r.left()) + ") " + operator(r.operators().getFirst()) + " ROW("
                        + list(r.right()) + "))";
                case Subscript s -> subscript(s);
                case Aggregate a -> aggregate(a);
                case WindowCall w -> windowCall(w);
                case SetReturning s -> of(s.call());
                case Grouping g -> throw new IllegalStateException("GROUPING() outside the grouping sets the translator expands");
                case Var v -> throw new IllegalStateException("an unresolved column reference " + v);
                case SubLink s -> throw new IllegalStateException("a subquery the translator left in an expression");
                case SubqueryOutput s -> throw new IllegalStateException("a subquery output outside its sublink");
                case Unknown u -> throw new IllegalStateException("an unknown node " + u.node());
            };
        }

        private String list(List<Expr> exprs) {
            return exprs.stream().map(this::of).collect(Collectors.joining(", "));
        }

        private String constant(Const c) {
            if (c.text() == null) {
                // boolean is a keyword: a NULL the compiler made (an IN test's unknown) needs no catalog name
                return "CAST(NULL AS " + (c.type().oid() == BOOL ? "boolean" : type(c.type())) + ")";
            }
            if (c.type().oid() == INT4) {
                return c.text().startsWith("-") ? "(" + c.text() + ")" : c.text();
            }
            if (c.type().oid() == BOOL) {
                return c.text().startsWith("t") ? "true" : "false";
            }
            return Sql.literal(c.text()) + "::" + type(c.type());
        }

        private String function(Expr.Function f) {
            Catalog.Function function = catalog.function(f.function());
            List<Expr> args = f.args();
            String rendered;
            if (f.variadic()) {
                rendered = args.size() == 1 ? "VARIADIC " + of(args.getFirst())
                        : list(args.subList(0, args.size() - 1)) + ", VARIADIC " + of(args.getLast());
            } else if (function.variadicType() != 0 && function.variadicType() != ANY && !args.isEmpty()
                    && args.getLast() instanceof Expr.Array spread) {
                // PostgreSQL gathered the variadic arguments into an array; they are written one by one again
                List<Expr> all = new java.util.ArrayList<>(args.subList(0, args.size() - 1));
                all.addAll(spread.elements());
                rendered = list(all);
            } else {
                rendered = list(args);
            }
            return qualified(function.schema(), function.name()) + "(" + rendered + ")";
        }

        private String aggregate(Aggregate a) {
            Catalog.Function function = catalog.function(a.function());
            StringBuilder call = new StringBuilder(qualified(function.schema(), function.name())).append('(');
            if (a.star()) {
                call.append('*');
            } else {
                if (a.distinct()) {
                    call.append("DISTINCT ");
                }
                if (a.variadic() && !a.args().isEmpty()) {
                    call.append(a.args().size() == 1 ? "VARIADIC " + of(a.args().getFirst())
                            : list(a.args().subList(0, a.args().size() - 1)) + ", VARIADIC " + of(a.args().getLast()));
                } else {
                    call.append(list(a.args()));
                }
                if (!a.order().isEmpty()) {
                    call.append(" ORDER BY ").append(a.order().stream()
                            .map(k -> of(k.expr()) + " USING " + operator(k.sortOperator())
                                    + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                            .collect(Collectors.joining(", ")));
                }
            }
            call.append(')');
            if (a.filter() != null) {
                call.append(" FILTER (WHERE ").append(of(a.filter())).append(')');
            }
            return call.toString();
        }

        /**
         * {@code fn(args) FILTER (WHERE ..) OVER (PARTITION BY .. ORDER BY .. frame)}: each ORDER BY item ASC or
         * DESC as its ordering operator is {@code <} or {@code >} (the translator refuses any other), NULLS
         * always written.
         */
        private String windowCall(WindowCall w) {
            Catalog.Function function = catalog.function(w.function());
            StringBuilder call = new StringBuilder(qualified(function.schema(), function.name()))
                    .append('(').append(w.star() ? "*" : list(w.args())).append(')');
            if (w.filter() != null) {
                call.append(" FILTER (WHERE ").append(of(w.filter())).append(')');
            }
            List<String> clauses = new java.util.ArrayList<>();
            if (!w.over().partition().isEmpty()) {
                clauses.add("PARTITION BY " + list(w.over().partition()));
            }
            if (!w.over().order().isEmpty()) {
                clauses.add("ORDER BY " + w.over().order().stream()
                        .map(k -> of(k.expr()) + " " + direction(k.sortOperator()) + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                        .collect(Collectors.joining(", ")));
            }
            Frame frame = w.over().frame();
            if (frame != null) {
                clauses.add(frame.mode() + " BETWEEN " + bound(frame.start()) + " AND " + bound(frame.end())
                        + (frame.exclusion() == null ? "" : " EXCLUDE " + frame.exclusion()));
            }
            return call.append(" OVER (").append(String.join(" ", clauses)).append(')').toString();
        }

        private String bound(Bound bound) {
            return bound.offset() == null ? bound.kind() : of(bound.offset()) + " " + bound.kind();
        }

        private String caseExpression(Case c) {
            Rendering whens = c.arg() == null ? this : new Rendering(substitute, of(c.arg()));
            StringBuilder sql = new StringBuilder("CASE");
            for (When when : c.whens()) {
                sql.append(" WHEN ").append(whens.of(when.condition())).append(" THEN ").append(of(when.result()));
            }
            if (c.otherwise() != null) {
                sql.append(" ELSE ").append(of(c.otherwise()));
            }
            return sql.append(" END").toString();
        }

        private String subscript(Subscript s) {
            StringBuilder sql = new StringBuilder("(").append(of(s.container())).append(')');
            for (int i = 0; i < s.upper().size(); i++) {
                sql.append('[');
                if (s.lower() != null) {
                    Expr lower = s.lower().get(i);
                    sql.append(lower == null ? "" : of(lower)).append(':');
                }
                Expr upper = s.upper().get(i);
                sql.append(upper == null ? "" : of(upper)).append(']');
            }
            return "(" + sql + ")";
        }
    }

    /** {@code OPERATOR(schema.op)}: resolved by its qualified name, never by the search path. */
    private String operator(long oid) {
        Catalog.Operator operator = catalog.operator(oid);
        return "OPERATOR(" + schema(operator.schema()) + "." + operator.name() + ")";
    }

    /** ASC or DESC, for an ordering operator {@code <} or {@code >}; null for any other. */
    public static String sortDirection(Catalog.Operator operator) {
        return switch (operator.name()) {
            case "<" -> "ASC";
            case ">" -> "DESC";
            default -> null;
        };
    }

    private String direction(long sortOperator) {
        String direction = sortDirection(catalog.operator(sortOperator));
        if (direction == null) {
            throw new IllegalStateException("a window ORDER BY through operator " + catalog.operator(sortOperator).name());
        }
        return direction;
    }

    private static String qualified(String schema, String name) {
        return schema(schema) + "." + Sql.identifier(name);
    }

    /** pg_catalog unquoted, for reading; it is no keyword, so quoting would change nothing. */
    private static String schema(String schema) {
        return schema.equals("pg_catalog") ? schema : Sql.identifier(schema);
    }
}
