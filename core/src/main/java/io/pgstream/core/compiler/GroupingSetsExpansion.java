package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Exprs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GROUPING SETS, ROLLUP and CUBE as the union of one grouped aggregate per grouping set over the same
 * input:
 *
 * <pre>
 *   γ_{S₁; …; Sₙ}(R) = γ_{S₁}(R) ⊎ … ⊎ γ_{Sₙ}(R)
 * </pre>
 *
 * where in the branch of set S every GROUP BY key S omits is NULL outside aggregates (the aggregates
 * still read the input's values), and {@code GROUPING(a, b)} is the constant whose bit i (the last
 * argument the lowest) is set when S omits argument i. Each branch is an ordinary aggregate, maintained
 * by its own rule; the union is a bag, so a row of the set {@code (k)} whose key is NULL in the data and
 * a row of the set {@code ()} never need telling apart: they are separate rows of the multiset, each
 * maintained by its own branch (GROUPING() shows the difference where the query asks). A plain GROUP BY
 * with GROUPING() is the one set of all its keys.
 */
final class GroupingSetsExpansion {

    private static final Expr.Type INTEGER = new Expr.Type(23, -1);
    private static final Expr.Type BOOLEAN = new Expr.Type(16, -1);

    private final QueryTranslator translator;

    GroupingSetsExpansion(QueryTranslator translator) {
        this.translator = translator;
    }

    /**
     * The grouped query over {@code input} for each set (sort-group references, {@code refs} naming the
     * {@code keys}), unioned.
     */
    Rel union(Rel input, List<Integer> refs, List<Expr> keys, List<List<Integer>> sets, List<OutputColumn> outputs, Expr having)
            throws NotDifferentiableException {
        List<Rel> branches = new ArrayList<>();
        for (List<Integer> set : sets) {
            List<Expr> setKeys = new ArrayList<>();
            Map<Expr, Expr> omitted = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                if (set.contains(refs.get(i))) {
                    setKeys.add(keys.get(i));
                } else {
                    Expr nulled = nulled(keys.get(i));
                    omitted.put(keys.get(i), nulled);
                    if (!(nulled instanceof Expr.Const)) {
                        setKeys.add(nulled); // an always-NULL key: the expression's type without its value
                    }
                }
            }
            Function<Expr, Expr> inSet = e -> switch (e) {
                case Expr.Aggregate aggregate -> aggregate;
                case Expr.Grouping grouping -> new Expr.Const(INTEGER, Integer.toString(bits(grouping, set)));
                default -> omitted.get(e);
            };
            List<OutputColumn> setOutputs = outputs.stream()
                    .map(o -> new OutputColumn(o.name(), Exprs.substitute(o.expression(), inSet))).toList();
            branches.add(translator.grouped(input, setKeys, setOutputs, Exprs.substitute(having, inSet)));
        }
        return branches.size() == 1 ? branches.getFirst() : new Rel.UnionAll(branches);
    }

    /**
     * NULL of a key's type: a typed NULL for a column; for an expression, whose type the algebra does not
     * know, {@code CASE WHEN false THEN key END}, grouped by (one group, NULL).
     */
    private static Expr nulled(Expr key) {
        if (key instanceof Expr.Column column && column.type() != null) {
            return new Expr.Const(column.type(), null);
        }
        return new Expr.Case(null, List.of(new Expr.When(new Expr.Const(BOOLEAN, "false"), key)), null);
    }

    /** GROUPING()'s value in a set: bit n-1-i set when the set omits argument i. */
    private static int bits(Expr.Grouping grouping, List<Integer> set) {
        int bits = 0;
        for (int ref : grouping.refs()) {
            bits = (bits << 1) | (set.contains(ref) ? 0 : 1);
        }
        return bits;
    }
}
