package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.compiler.States.State;
import java.util.List;

/**
 * INTERSECT and EXCEPT, by the count of each row on both sides. With l and r a row's multiplicities in
 * the left and right inputs, its multiplicity in the result is
 *
 * <pre>
 *   INTERSECT ALL  min(l, r)        INTERSECT  1 if l &gt; 0 and r &gt; 0
 *   EXCEPT ALL     max(l − r, 0)    EXCEPT     1 if l &gt; 0 and r = 0
 * </pre>
 *
 * so only rows the change touches on either side change, each by f(l¹, r¹) − f(l⁰, r⁰), the counts
 * taken in the inputs' new and old states (rows compared with NULLs equal, as set operations do).
 */
final class CombineStates {

    private final States states;

    CombineStates(States states) {
        this.states = states;
    }

    String of(Rel.Combine combine, State state) throws NotDifferentiableException {
        int width = states.columns(combine.left()).size();
        List<String> x = States.references("x", width);
        return switch (state) {
            case NEW -> States.select(x, "1::bigint") + " FROM (SELECT " + String.join(", ", States.references("l", width))
                    + " FROM (" + states.of(combine.left(), State.NEW) + ") l "
                    + (combine.except() ? "EXCEPT" : "INTERSECT") + (combine.all() ? " ALL" : "")
                    + " SELECT " + String.join(", ", States.references("r", width)) + " FROM ("
                    + states.of(combine.right(), State.NEW) + ") r) x";
            case DELTA -> delta(combine, width);
            case OLD -> states.oldFromNewAndDelta(combine);
        };
    }

    private String delta(Rel.Combine combine, int width) throws NotDifferentiableException {
        String touched = "SELECT " + String.join(", ", States.references("x", width)) + " FROM (" + states.of(combine.left(), State.DELTA)
                + ") x UNION SELECT " + String.join(", ", States.references("x", width)) + " FROM ("
                + states.of(combine.right(), State.DELTA) + ") x";
        String change = multiplicity(combine, "c.l1", "c.r1") + " - " + multiplicity(combine, "c.l0", "c.r0");
        return "SELECT g.* FROM (WITH __pgs_g AS (" + touched + ")\n"
                + States.select(States.references("g", width), "(" + change + ")::bigint")
                + "\n  FROM __pgs_g g CROSS JOIN LATERAL (SELECT " + count(combine.left(), State.NEW, width) + " AS l1, "
                + count(combine.right(), State.NEW, width) + " AS r1, " + count(combine.left(), State.OLD, width) + " AS l0, "
                + count(combine.right(), State.OLD, width) + " AS r0) c) g WHERE g." + States.WEIGHT + " <> 0";
    }

    private static String multiplicity(Rel.Combine combine, String l, String r) {
        if (combine.all()) {
            return combine.except() ? "GREATEST(" + l + " - " + r + ", 0)" : "LEAST(" + l + ", " + r + ")";
        }
        return combine.except() ? "(" + l + " > 0 AND " + r + " = 0)::int" : "(" + l + " > 0 AND " + r + " > 0)::int";
    }

    /** How many times the touched row {@code g} occurs in an input's state (the sum of its weights). */
    private String count(Rel input, State state, int width) throws NotDifferentiableException {
        return "(SELECT coalesce(sum(y." + States.WEIGHT + "), 0) FROM (" + states.of(input, state) + ") y WHERE ROW("
                + String.join(", ", States.references("y", width)) + ") IS NOT DISTINCT FROM ROW("
                + String.join(", ", States.references("g", width)) + "))";
    }
}
