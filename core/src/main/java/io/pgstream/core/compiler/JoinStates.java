package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.compiler.States.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Inner and outer joins. An inner join is bilinear, so its delta is DBSP's
 *
 * <pre>
 *   Δ(L ⋈ R) = ΔL ⋈ R⁰ + L¹ ⋈ ΔR
 * </pre>
 *
 * (L¹ ⋈ R¹ − L⁰ ⋈ R⁰ telescoped through L¹ ⋈ R⁰), a row's weight the product of its inputs'. Nested
 * joins telescope further: Δ(A ⋈ B ⋈ C) = ΔA ⋈ B⁰ ⋈ C⁰ + A¹ ⋈ ΔB ⋈ C⁰ + A¹ ⋈ B¹ ⋈ ΔC. Each term reads one
 * delta, so with indexes on the other inputs' join keys its cost follows the change.
 *
 * <p>An outer join is an inner join plus the anti join of the preserved side, padded with NULLs:
 * L ⟕ R = (L ⋈ R) + pad(L ▷ R), and L ⟗ R = (L ⋈ R) + pad(L ▷ R) + pad(R ▷ L). Its delta and old state
 * are those of the parts ({@link SemiJoinStates} differentiates the anti joins), so NULL-padded rows
 * appear and disappear as matches come and go; its new state is PostgreSQL's own outer join.
 */
final class JoinStates {

    private final States states;

    JoinStates(States states) {
        this.states = states;
    }

    String of(Rel.Join join, State state) throws NotDifferentiableException {
        if (join.kind() == Rel.JoinKind.INNER) {
            return switch (state) {
                case NEW -> product(join, State.NEW, State.NEW, "JOIN", false);
                case OLD -> product(join, State.OLD, State.OLD, "JOIN", false);
                case DELTA -> innerDelta(join, false);
            };
        }
        if (state == State.NEW) {
            return product(join, State.NEW, State.NEW, join.kind().name() + " JOIN", false);
        }
        if (state == State.OLD) {
            return states.oldFromNewAndDelta(join); // its parts would read the inputs' old states twice
        }
        Rel.Join inner = new Rel.Join(join.left(), join.right(), Rel.JoinKind.INNER, join.condition());
        List<String> parts = new ArrayList<>();
        parts.add(innerDelta(inner, true)); // its anti parts read the inputs' deltas too: shared
        if (join.kind() == Rel.JoinKind.LEFT || join.kind() == Rel.JoinKind.FULL) {
            parts.add(padded(new Rel.Join(join.left(), join.right(), Rel.JoinKind.ANTI, join.condition()), join.right(), true, state));
        }
        if (join.kind() == Rel.JoinKind.RIGHT || join.kind() == Rel.JoinKind.FULL) {
            parts.add(padded(new Rel.Join(join.right(), join.left(), Rel.JoinKind.ANTI, join.condition()), join.left(), false, state));
        }
        return String.join("\nUNION ALL\n", parts);
    }

    private String innerDelta(Rel.Join join, boolean shared) throws NotDifferentiableException {
        return product(join, State.DELTA, State.OLD, "JOIN", shared) + "\nUNION ALL\n" + product(join, State.NEW, State.DELTA, "JOIN", shared);
    }

    /**
     * {@code (left in one state) kind (right in another) ON condition}, the weights multiplied (1 for a missing
     * side); {@code shared}: the inputs' deltas as CTEs other parts read too.
     */
    private String product(Rel.Join join, State leftState, State rightState, String kind, boolean shared)
            throws NotDifferentiableException {
        int leftWidth = states.columns(join.left()).size();
        int rightWidth = states.columns(join.right()).size();
        List<String> expressions = new ArrayList<>(States.references("l", leftWidth));
        expressions.addAll(States.references("r", rightWidth));
        String weight = switch (join.kind()) {
            case LEFT -> "l." + States.WEIGHT + " * coalesce(r." + States.WEIGHT + ", 1)";
            case RIGHT -> "coalesce(l." + States.WEIGHT + ", 1) * r." + States.WEIGHT;
            case FULL -> "coalesce(l." + States.WEIGHT + ", 1) * coalesce(r." + States.WEIGHT + ", 1)";
            default -> "l." + States.WEIGHT + " * r." + States.WEIGHT;
        };
        Scope scope = states.scope("l", join.left()).with("r", states.columns(join.right()));
        String condition = join.condition() == null ? "true" : scope.render(join.condition());
        return States.select(expressions, weight) + "\n  FROM (" + input(join.left(), leftState, shared) + ") l\n  " + kind
                + " (" + input(join.right(), rightState, shared) + ") r ON " + condition;
    }

    private String input(Rel rel, State state, boolean shared) throws NotDifferentiableException {
        return shared ? states.shared(rel, state) : states.of(rel, state);
    }

    /** The anti join's rows with NULLs for the missing side's columns, in the outer join's column order. */
    private String padded(Rel.Join anti, Rel missing, boolean missingOnTheRight, State state) throws NotDifferentiableException {
        int keptWidth = states.columns(anti.left()).size();
        List<String> nulls = Collections.nCopies(states.columns(missing).size(), "NULL");
        List<String> expressions = new ArrayList<>();
        if (!missingOnTheRight) {
            expressions.addAll(nulls);
        }
        expressions.addAll(States.references("a", keptWidth));
        if (missingOnTheRight) {
            expressions.addAll(nulls);
        }
        return States.select(expressions, "a." + States.WEIGHT) + " FROM (" + states.of(anti, state) + ") a";
    }
}
