package io.pgstream.core.algebra;

import io.pgstream.core.analyzed.Expr;
import java.util.List;
import java.util.Objects;

/**
 * A function call in FROM, one of a {@link Rel.Lateral}'s: {@code definedNames} and {@code definedTypes}
 * are the column definition list of a function returning {@code record} ({@code AS (k int, v text)}),
 * empty for any other; the names matter (jsonb_to_recordset looks its keys up by them).
 */
public record TableFunction(Expr call, List<String> definedNames, List<Expr.Type> definedTypes) {
    public TableFunction {
        Objects.requireNonNull(call);
        definedNames = List.copyOf(definedNames);
        definedTypes = List.copyOf(definedTypes);
        if (definedNames.size() != definedTypes.size()) {
            throw new IllegalArgumentException("a column definition list with " + definedNames.size() + " names and "
                    + definedTypes.size() + " types");
        }
    }
}
