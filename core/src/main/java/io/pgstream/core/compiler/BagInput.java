package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's rows as the stream table's columns, now or as a delta ({@link States}), each column cast to
 * the stream table's type: a UNION's branches may yield other types PostgreSQL coerces, and a row must
 * print the same, so be keyed the same, whichever branch it came from.
 */
final class BagInput {

    private final CompileRequest request;
    private final Rel rel;
    private final States states;
    private final List<String> names;

    private BagInput(CompileRequest request, Rel rel) {
        this.request = request;
        this.rel = rel;
        this.states = new States(request);
        this.names = request.columns().stream().map(c -> Sql.identifier(c.name())).toList();
    }

    static BagInput of(CompileRequest request, Rel rel) throws NotDifferentiableException {
        BagInput input = new BagInput(request, rel);
        int width = input.states.columns(rel).size();
        if (width != input.names.size()) {
            throw new IllegalStateException("a query of " + width + " columns, the table has " + input.names.size());
        }
        return input;
    }

    /** The stream table's visible columns, quoted, in order. */
    List<String> names() {
        return names;
    }

    /** The names with a qualifier: {@code q."a", q."b"}. */
    String names(String qualifier) {
        return BagChanges.qualified(qualifier, names);
    }

    /** The rows now, without weights, for a query that runs by itself. */
    String current() throws NotDifferentiableException {
        return "SELECT " + String.join(", ", typed()) + " FROM (" + States.standalone(request).of(rel, States.State.NEW) + ") x";
    }

    /** The delta: the columns and {@code __pgs_w}, the weight (+1 inserted, -1 deleted; or a product). */
    String delta() throws NotDifferentiableException {
        List<String> items = typed();
        items.add("x." + States.WEIGHT);
        return "SELECT " + String.join(", ", items) + " FROM (" + states.of(rel, States.State.DELTA) + ") x";
    }

    private List<String> typed() {
        return new ArrayList<>(BagChanges.typed(request, "x"));
    }

    /**
     * The opening of a delta statement over this bag, up to CTE {@code __pgs_n}: the delta netted per
     * distinct row, one row each with its text form {@code __pgs_t} (which keys it) and its net weight
     * {@code __pgs_net}. An insert and a delete of one row in one refresh cancel out here.
     */
    String nettedDelta() throws NotDifferentiableException {
        String delta = delta(); // before the CTEs its states read are listed
        return DeltaStatement.FRONTIER + states.ctes() + ",\n__pgs_d AS (\n" + delta + "),\n__pgs_n AS (\n    "
                + BagChanges.netted("__pgs_d", names) + ")";
    }

    /** The state tables the states written so far keep. */
    List<Plan.StateTable> stateTables() {
        return states.stateTables();
    }

    /** The CTEs of the states {@link #delta()} read, to follow the frontier's. */
    String ctes() {
        return states.ctes();
    }
}
