package io.pgstream.core.delta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The delta of an n-way join, by telescoping the bilinear rule Δ(L⋈R) = ΔL⋈R₀ + L₁⋈ΔR:
 *
 * <pre>
 *   Δ(S₁ ⋈ S₂ ⋈ … ⋈ Sₙ) = Σᵢ  S₁¹ ⋈ … ⋈ Sᵢ₋₁¹ ⋈ ΔSᵢ ⋈ Sᵢ₊₁⁰ ⋈ … ⋈ Sₙ⁰
 * </pre>
 *
 * where ¹ is a source now and ⁰ before the changes. It holds because the product telescopes:
 * S¹…S¹ − S⁰…S⁰ is the sum over i of the terms that switch source i from ⁰ to ¹, and each switch is
 * ΔSᵢ. A term's row weight is the product of its inputs' weights. Each term reads one delta, so with
 * an index on the join keys of the other sources its cost follows the size of the change. Two scans of
 * one table (a self join) are two sources with the same delta; the identity still holds.
 */
public final class JoinDelta {

    private JoinDelta() {}

    /** The n terms: for term i, the state each source is read in. A single source is its own delta. */
    public static List<SourceState[]> terms(int sources) {
        if (sources < 1) {
            throw new IllegalArgumentException("a join has at least one source");
        }
        List<SourceState[]> terms = new ArrayList<>(sources);
        for (int i = 0; i < sources; i++) {
            SourceState[] states = new SourceState[sources];
            Arrays.fill(states, 0, i, SourceState.NEW);
            states[i] = SourceState.DELTA;
            Arrays.fill(states, i + 1, sources, SourceState.OLD);
            terms.add(states);
        }
        return terms;
    }
}
