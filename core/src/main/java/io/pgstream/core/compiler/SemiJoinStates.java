package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.compiler.States.State;

/**
 * Semi and anti joins: a left row is kept, with its own weight, while it has (semi) or has not (anti)
 * a matching right row. With s(l) = 1 when l matches and 0 otherwise (for anti, 1 − that),
 *
 * <pre>
 *   Δ(L ⋉ R) = ΔL · s¹  +  L⁰ · (s¹ − s⁰)
 * </pre>
 *
 * since L¹·s¹ − L⁰·s⁰ = (L¹ − L⁰)·s¹ + L⁰·(s¹ − s⁰). The second term only concerns left rows that
 * match a changed right row, whose match may have come or gone: a row enters or leaves as its match count
 * crosses zero. Whether a row matched before counts the old right rows' weights (a Z-set's sum is
 * the multiplicity), so a right row deleted and one inserted in the same refresh are both seen.
 */
final class SemiJoinStates {

    private final States states;

    SemiJoinStates(States states) {
        this.states = states;
    }

    String of(Rel.Join join, State state) throws NotDifferentiableException {
        boolean anti = join.kind() == Rel.JoinKind.ANTI;
        // the left delta is read here and, through an outer join, by its inner part too: shared
        String rows = "SELECT l.* FROM (" + states.shared(join.left(), state) + ") l WHERE ";
        return switch (state) {
            case NEW -> rows + (anti ? "NOT " : "") + matchesNow(join);
            case OLD -> rows + (anti ? "NOT " : "") + matchedBefore(join);
            case DELTA -> rows + (anti ? "NOT " : "") + matchesNow(join) + "\nUNION ALL\n" + changedMatches(join, anti);
        };
    }

    /** L⁰ · (s¹ − s⁰), over the left rows matching a changed right row. */
    private String changedMatches(Rel.Join join, boolean anti) throws NotDifferentiableException {
        int width = states.columns(join.left()).size();
        String now = "(" + matchesNow(join) + ")::int";
        String before = "(" + matchedBefore(join) + ")::int";
        String change = anti ? before + " - " + now : now + " - " + before;
        return States.select(States.references("l", width), "l." + States.WEIGHT + " * s.__pgs_ds")
                + "\n  FROM (" + states.of(join.left(), State.OLD) + ") l"
                + "\n  CROSS JOIN LATERAL (SELECT " + change + " AS __pgs_ds) s"
                + "\n WHERE " + exists(join, State.DELTA) + " AND s.__pgs_ds <> 0";
    }

    private String matchesNow(Rel.Join join) throws NotDifferentiableException {
        return exists(join, State.NEW);
    }

    private String exists(Rel.Join join, State state) throws NotDifferentiableException {
        return "EXISTS (SELECT 1 FROM (" + states.shared(join.right(), state) + ") r WHERE " + condition(join) + ")";
    }

    private String matchedBefore(Rel.Join join) throws NotDifferentiableException {
        return "coalesce((SELECT sum(r." + States.WEIGHT + ") FROM (" + states.of(join.right(), State.OLD) + ") r WHERE "
                + condition(join) + "), 0) > 0";
    }

    private String condition(Rel.Join join) throws NotDifferentiableException {
        return join.condition() == null ? "true"
                : states.scope("l", join.left()).with("r", states.columns(join.right())).render(join.condition());
    }
}
