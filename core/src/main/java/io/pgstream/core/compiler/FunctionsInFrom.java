package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.algebra.TableFunction;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.analyzed.Exprs;
import io.pgstream.core.analyzed.Query;
import io.pgstream.core.compiler.QueryTranslator.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads functions in FROM ({@code f(...)}, {@code ROWS FROM (...)}, {@code WITH ORDINALITY}, LATERAL or not)
 * into a {@link Rel.Lateral} over the rows they are applied to: the FROM items before them (a comma or
 * CROSS JOIN LATERAL), a join's left input (JOIN LATERAL ... ON, LEFT JOIN LATERAL ... ON), or, for
 * functions reading no column, the one empty row. Refused: columns of an enclosing query, columns of a
 * FROM item the function is not applied to, and a column definition with a collation of its own. (A
 * volatile function, whose rows would change without a source change, is refused when the stream table
 * is created.)
 */
final class FunctionsInFrom {

    /** The default collation, which a column definition list's text columns get unless told otherwise. */
    private static final long DEFAULT_COLLATION = 100;

    private final QueryTranslator translator;

    FunctionsInFrom(QueryTranslator translator) {
        this.translator = translator;
    }

    /**
     * The functions of {@code entry} (read under {@code alias}) applied to each row of {@code input}, or of
     * the one empty row when it is null; {@code outer}: a LEFT JOIN LATERAL; {@code condition}: its ON (null
     * for none).
     */
    Rel.Lateral over(Level level, Query.Function entry, Rel input, boolean outer, Expr condition, String alias)
            throws NotDifferentiableException {
        List<TableFunction> calls = new ArrayList<>();
        for (Query.FunctionCall call : entry.calls()) {
            if (!Exprs.find(call.call(), e -> e instanceof Expr.Var var && var.levelsUp() > 0).isEmpty()) {
                throw new NotDifferentiableException("a function in FROM reading a column of an enclosing query ("
                        + entry.alias() + ")");
            }
            if (call.definedCollations().stream().anyMatch(c -> c != 0 && c != DEFAULT_COLLATION)) {
                throw new NotDifferentiableException("a collation in a function's column definition list (" + entry.alias() + ")");
            }
            Expr resolved = translator.resolve(level, call.call());
            Set<String> readable = input == null ? Set.of() : input.qualifiers();
            for (Expr column : Exprs.find(resolved, Expr.Column.class::isInstance)) {
                if (!readable.contains(((Expr.Column) column).qualifier())) {
                    throw new NotDifferentiableException("a LATERAL function in FROM reading a FROM item it is not applied to"
                            + " (" + entry.alias() + " is the left input of a join, or inside a parenthesized join)");
                }
            }
            calls.add(new TableFunction(resolved, call.definedNames(), call.definedTypes()));
        }
        Rel rows = input != null ? input
                : new Rel.Values(List.of(List.of()), translator.uniqueAlias("__pgs_no_from"), List.of());
        return new Rel.Lateral(rows, calls, entry.ordinality(), outer,
                condition == null ? null : translator.resolve(level, condition), alias, distinct(entry.columns()));
    }

    /** Column names made distinct ({@code ROWS FROM (unnest(x), unnest(y))} names both columns unnest). */
    static List<String> distinct(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String unique = name;
            for (int n = 2; !seen.add(unique); n++) {
                unique = name + "_" + n;
            }
            out.add(unique);
        }
        return out;
    }
}
