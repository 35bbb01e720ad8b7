package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.analyzed.Expr;
import io.pgstream.core.compiler.States.State;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The delta of an operator f whose rows for one key value depend only on its input's rows with that key
 * value (a grouping's group, a window's partition):
 *
 * <pre>
 *   Δf_K(R) = f(σ_{K ∈ T} R¹) − f(bag(σ_{K ∈ T} R⁰)),   T = the keys of the rows of ΔR
 * </pre>
 *
 * the new and old rows of exactly the key values the change touches, recomputed in the refresh's
 * snapshot from the input's new and old states, restricted to those keys so that indexes on them keep
 * the cost near the change. The old state is a Z-set; it is consolidated into a bag (rows with their
 * multiplicities, matched by text form so that no two values are merged) before f runs over it. Without
 * keys the whole input is one key value, recomputed when any change reaches it.
 */
final class TouchedKeys {

    /** f over rows (a state's SQL, columns {@code __pgs_c<i>}), each output row weighing {@code weight}. */
    @FunctionalInterface
    interface Recompute {
        String of(String rows, String weight) throws NotDifferentiableException;
    }

    private final States states;

    TouchedKeys(States states) {
        this.states = states;
    }

    String delta(Rel input, List<Expr> keys, Recompute f) throws NotDifferentiableException {
        if (keys.isEmpty()) {
            // one key value, touched by any change; the input's delta is read twice
            String touched = "EXISTS (SELECT 1 FROM (" + states.shared(input, State.DELTA) + ") d)";
            return "SELECT n.* FROM (" + f.of(states.of(input, State.NEW), "1::bigint") + ") n WHERE " + touched
                    + "\nUNION ALL\nSELECT o.* FROM (" + f.of(bag(states.of(input, State.OLD), input), "-1::bigint") + ") o WHERE "
                    + touched;
        }
        Scope scope = states.scope("x", input);
        List<String> named = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            named.add(scope.render(keys.get(i)) + " AS __pgs_k" + i);
        }
        // a subquery of its own, so that its WITH can stand wherever a state's SQL does (a UNION ALL branch)
        return "SELECT g.* FROM (WITH __pgs_g AS (SELECT DISTINCT " + String.join(", ", named) + " FROM ("
                + states.of(input, State.DELTA) + ") x)\n"
                + f.of(restricted(input, keys, State.NEW), "1::bigint")
                + "\nUNION ALL\n"
                + f.of(bag(restricted(input, keys, State.OLD), input), "-1::bigint") + ") g";
    }

    /**
     * The input's rows of the touched keys (CTE {@code __pgs_g}), in two parts: keys matched by equality
     * (which indexes serve), and keys with a NULL, read only when such a key was touched.
     */
    private String restricted(Rel input, List<Expr> keyExpressions, State state) throws NotDifferentiableException {
        Scope scope = states.scope("x", input);
        List<String> keys = keyExpressions.stream().map(scope::render).toList();
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            touched.add("g.__pgs_k" + i);
        }
        String rows = "SELECT x.* FROM (" + states.of(input, state) + ") x WHERE ";
        String equal = rows + "(" + String.join(", ", keys) + ") IN (SELECT " + String.join(", ", touched) + " FROM __pgs_g g)";
        String anyNullTouched = "(SELECT coalesce(bool_or(" + touched.stream().map(t -> t + " IS NULL").collect(Collectors.joining(" OR "))
                + "), false) FROM __pgs_g g)";
        String nullKey = keys.stream().map(k -> k + " IS NULL").collect(Collectors.joining(" OR "));
        List<String> same = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            same.add(touched.get(i) + " IS NOT DISTINCT FROM " + keys.get(i));
        }
        String withNull = rows + anyNullTouched + " AND (" + nullKey + ") AND EXISTS (SELECT 1 FROM __pgs_g g WHERE "
                + String.join(" AND ", same) + ")";
        return equal + "\nUNION ALL\n" + withNull;
    }

    /**
     * A Z-set as the bag it stands for: each distinct row (by text form) repeated as many times as its
     * weights add up to; rows whose weights cancel are gone.
     */
    private String bag(String zset, Rel input) throws NotDifferentiableException {
        int width = states.columns(input).size();
        return States.select(States.references("n", width), "1::bigint") + " FROM (" + States.netted(zset, width) + ") n"
                + "\n  CROSS JOIN LATERAL generate_series(1, n." + States.WEIGHT + ")";
    }
}
