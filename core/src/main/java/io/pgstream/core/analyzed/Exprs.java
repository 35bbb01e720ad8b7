package io.pgstream.core.analyzed;

import io.pgstream.core.analyzed.Expr.*;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Walking and rebuilding expression trees: the one place that knows every node's children. */
public final class Exprs {

    private Exprs() {}

    /** Each node of the tree, parents before children; a sublink's subquery is not entered. */
    public static void visit(Expr expr, Consumer<Expr> visitor) {
        if (expr == null) {
            return;
        }
        visitor.accept(expr);
        for (Expr child : children(expr)) {
            visit(child, visitor);
        }
    }

    /** The nodes of the tree that satisfy a test, parents before children. */
    public static List<Expr> find(Expr expr, java.util.function.Predicate<Expr> test) {
        List<Expr> found = new ArrayList<>();
        visit(expr, e -> {
            if (test.test(e)) {
                found.add(e);
            }
        });
        return found;
    }

    /** The direct sub-expressions of a node (nulls left out). */
    public static List<Expr> children(Expr expr) {
        List<Expr> children = new ArrayList<>();
        switch (expr) {
            case Var v -> { }
            case Column c -> { }
            case Const c -> { }
            case CaseValue c -> { }
            case SubqueryOutput s -> { }
            case Unknown u -> { }
            case Operator o -> children.addAll(o.args());
            case DistinctFrom d -> { children.add(d.left()); children.add(d.right()); }
            case NullIf n -> { children.add(n.left()); children.add(n.right()); }
            case ArrayComparison a -> { children.add(a.left()); children.add(a.array()); }
            case Expr.Function f -> children.addAll(f.args());
            case NamedArgument n -> children.add(n.arg());
            case Bool b -> children.addAll(b.args());
            case NullTest n -> children.add(n.arg());
            case BooleanTest b -> children.add(b.arg());
            case Cast c -> children.add(c.arg());
            case Collate c -> children.add(c.arg());
            case Case c -> {
                children.add(c.arg());
                c.whens().forEach(w -> { children.add(w.condition()); children.add(w.result()); });
                children.add(c.otherwise());
            }
            case Coalesce c -> children.addAll(c.args());
            case Extreme e -> children.addAll(e.args());
            case Expr.Array a -> children.addAll(a.elements());
            case Row r -> children.addAll(r.args());
            case RowComparison r -> { children.addAll(r.left()); children.addAll(r.right()); }
            case Subscript s -> {
                children.add(s.container());
                children.addAll(s.upper());
                if (s.lower() != null) {
                    children.addAll(s.lower());
                }
            }
            case Aggregate a -> {
                children.addAll(a.args());
                a.order().forEach(k -> children.add(k.expr()));
                children.add(a.filter());
            }
            case WindowCall w -> {
                children.addAll(w.args());
                children.add(w.filter());
                if (w.over() != null) {
                    children.addAll(w.over().partition());
                    w.over().order().forEach(k -> children.add(k.expr()));
                    if (w.over().frame() != null) {
                        children.add(w.over().frame().start().offset());
                        children.add(w.over().frame().end().offset());
                    }
                }
            }
            case SubLink s -> children.add(s.test());
            case SetReturning s -> children.add(s.call());
            case Grouping g -> children.addAll(g.args());
        }
        children.removeIf(java.util.Objects::isNull);
        return children;
    }

    /**
     * The tree rebuilt bottom-up: {@code replace} sees each node with its children already rebuilt and
     * returns its replacement (or the node itself). A sublink's subquery is left as it is.
     */
    public static Expr map(Expr expr, Function<Expr, Expr> replace) {
        if (expr == null) {
            return null;
        }
        return replace.apply(rebuild(expr, e -> map(e, replace)));
    }

    /**
     * The tree rebuilt top-down: where {@code replace} returns an expression for a node, it stands for the
     * whole node (not entered); elsewhere the node is rebuilt over its children's replacements.
     */
    public static Expr substitute(Expr expr, Function<Expr, Expr> replace) {
        if (expr == null) {
            return null;
        }
        Expr replaced = replace.apply(expr);
        return replaced != null ? replaced : rebuild(expr, e -> substitute(e, replace));
    }

    /** The node over its children mapped by {@code m}. */
    private static Expr rebuild(Expr expr, Function<Expr, Expr> m) {
        return switch (expr) {
            case Var v -> v;
            case Column c -> c;
            case Const c -> c;
            case CaseValue c -> c;
            case SubqueryOutput s -> s;
            case Unknown u -> u;
            case Operator o -> new Operator(o.operator(), all(o.args(), m));
            case DistinctFrom d -> new DistinctFrom(d.operator(), m.apply(d.left()), m.apply(d.right()));
            case NullIf n -> new NullIf(n.operator(), m.apply(n.left()), m.apply(n.right()));
            case ArrayComparison a -> new ArrayComparison(a.operator(), a.any(), m.apply(a.left()), m.apply(a.array()));
            case Expr.Function f -> new Expr.Function(f.function(), all(f.args(), m), f.variadic(), f.type());
            case NamedArgument n -> new NamedArgument(n.name(), m.apply(n.arg()));
            case Bool b -> new Bool(b.op(), all(b.args(), m));
            case NullTest n -> new NullTest(m.apply(n.arg()), n.isNull());
            case BooleanTest b -> new BooleanTest(m.apply(b.arg()), b.test());
            case Cast c -> new Cast(m.apply(c.arg()), c.type());
            case Collate c -> new Collate(m.apply(c.arg()), c.collation());
            case Case c -> new Case(m.apply(c.arg()),
                    c.whens().stream().map(w -> new When(m.apply(w.condition()), m.apply(w.result()))).toList(),
                    m.apply(c.otherwise()));
            case Coalesce c -> new Coalesce(all(c.args(), m));
            case Extreme e -> new Extreme(e.greatest(), all(e.args(), m));
            case Expr.Array a -> new Expr.Array(a.type(), all(a.elements(), m));
            case Row r -> new Row(all(r.args(), m), r.type());
            case RowComparison r -> new RowComparison(r.operators(), all(r.left(), m), all(r.right(), m));
            case Subscript s -> new Subscript(m.apply(s.container()), all(s.upper(), m),
                    s.lower() == null ? null : s.lower().stream().map(m).toList());
            case Aggregate a -> new Aggregate(a.function(), all(a.args(), m),
                    a.order().stream().map(k -> new SortKey(m.apply(k.expr()), k.sortOperator(), k.nullsFirst())).toList(),
                    a.distinct(), m.apply(a.filter()), a.star(), a.variadic(), a.levelsUp(), a.type());
            case WindowCall w -> new WindowCall(w.function(), all(w.args(), m), m.apply(w.filter()), w.star(), w.winref(),
                    w.over() == null ? null : over(w.over(), m), w.type());
            case SubLink s -> new SubLink(s.kind(), m.apply(s.test()), s.subquery());
            case SetReturning s -> new SetReturning(m.apply(s.call()));
            case Grouping g -> new Grouping(all(g.args(), m), g.refs());
        };
    }

    private static Over over(Over over, Function<Expr, Expr> m) {
        Frame frame = over.frame() == null ? null : new Frame(over.frame().mode(), bound(over.frame().start(), m),
                bound(over.frame().end(), m), over.frame().exclusion());
        return new Over(all(over.partition(), m),
                over.order().stream().map(k -> new SortKey(m.apply(k.expr()), k.sortOperator(), k.nullsFirst())).toList(), frame);
    }

    private static Bound bound(Bound bound, Function<Expr, Expr> m) {
        return new Bound(bound.kind(), m.apply(bound.offset()));
    }

    private static List<Expr> all(List<Expr> exprs, Function<Expr, Expr> m) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(m.apply(e));
        }
        return out;
    }
}
