package io.pgstream.core.compiler;

import io.pgstream.core.algebra.OutputColumn;
import io.pgstream.core.algebra.Rel;
import io.pgstream.core.compiler.States.State;
import java.util.ArrayList;
import java.util.List;

/**
 * Window functions. A window's values in a partition depend on that partition's input rows only, so
 *
 * <pre>
 *   ΔW_K(R) = Σ over partitions p touched by ΔR of  W(σ_{K=p} R¹) − W(σ_{K=p} R⁰)
 * </pre>
 *
 * the new rows of the touched partitions minus their old rows, each recomputed by PostgreSQL's own
 * window functions from the input's new state and its old state consolidated into a bag
 * ({@link TouchedKeys}, as groups are). Without PARTITION BY the whole input is one partition,
 * recomputed whenever a change reaches it.
 *
 * <p>Ties: when a window's ORDER BY leaves rows tied that a function tells apart (row_number, ntile,
 * lag and lead, first_value, last_value, nth_value, a ROWS frame), PostgreSQL may number them either way,
 * and the new and old recomputations may choose differently from the refresh that stored the rows: the
 * stored result then need not be any answer PostgreSQL could give. Only an ORDER BY that decides every
 * such value (a key column last) is maintained exactly; the oracle's queries all have one.
 */
final class WindowStates {

    private final States states;
    private final TouchedKeys touched;

    WindowStates(States states) {
        this.states = states;
        this.touched = new TouchedKeys(states);
    }

    String of(Rel.Window window, State state) throws NotDifferentiableException {
        return switch (state) {
            case NEW -> windowed(window, states.of(window.input(), State.NEW), "1::bigint");
            case DELTA -> touched.delta(window.input(), window.partitionKeys(), (rows, weight) -> windowed(window, rows, weight));
            case OLD -> states.oldFromNewAndDelta(window);
        };
    }

    /** {@code SELECT <the input's columns>, <each call> FROM (rows) x}, each row weighing {@code weight}. */
    private String windowed(Rel.Window window, String rows, String weight) throws NotDifferentiableException {
        Scope scope = states.scope("x", window.input());
        List<String> items = new ArrayList<>(States.references("x", states.columns(window.input()).size()));
        for (OutputColumn call : window.calls()) {
            items.add(scope.render(call.expression()));
        }
        return States.select(items, weight) + "\n  FROM (" + rows + ") x";
    }
}
