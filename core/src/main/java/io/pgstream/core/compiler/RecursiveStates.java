package io.pgstream.core.compiler;

import io.pgstream.core.algebra.Rel;
import io.pgstream.core.compiler.States.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * WITH RECURSIVE ({@link Rel.Recursive}, {@code R = lfp(X ↦ B ∪ S(X))}, a set): its rows are kept in a
 * state table (R⁰ at the start of a refresh, read before the statement writes it), and its delta is
 * computed by delete and rederive, then semi-naive evaluation:
 *
 * <ol>
 *   <li><b>seeds</b>: ΔB and ΔS(R⁰), the step's delta with R held at R⁰ (the chain rule with an empty
 *       delta for the recursive reference), not netted: every derivation lost to a deleted source row is
 *       a row of negative weight there, every one gained a row of positive weight;</li>
 *   <li><b>over-delete</b>: D, the rows of R⁰ among the negative seeds, and, recursively, what the step
 *       derives from D over the new sources, kept to R⁰. Every row of R⁰ that R¹ lacks is in D: take one
 *       of least derivation depth; its shallowest derivation lost a source row (a seed) or reads a row R¹
 *       lacks, of smaller depth, hence in D;</li>
 *   <li><b>rederive and insert</b>: R⁰ − D ⊆ R¹, and the rows of R¹ outside it are found from the
 *       candidates (positive seeds and D) that B¹ or S¹(R⁰ − D) yields, then by iterating S¹ over the
 *       rows found so far: N. A row of R¹ − (R⁰ − D) whose derivation leaves R⁰ − D first does so
 *       through a base row or a step from R⁰ − D, over a source row that is new (a positive seed) or
 *       old (then the row was in R⁰, so in D);</li>
 *   <li>Δ = +(N − D), −(D − N); the state table is updated by it in the same statement.</li>
 * </ol>
 *
 * PostgreSQL evaluates both fixpoints (WITH RECURSIVE ... UNION, as it evaluates the query itself: a
 * recursion that does not end does not end here either). NEW is the whole recursion evaluated, which
 * the state table's refill reads too, outside a delta statement; inside one, a set recursion's NEW is
 * R⁰ with the delta applied. Rows compare by PostgreSQL's equality, NULLs equal ({@link RowKey}),
 * as UNION compares them.
 */
final class RecursiveStates {

    private final States states;
    private final CompileRequest request;
    /** The recursions whose delta is written, by number. */
    private final Map<Integer, Plan.StateTable> written = new HashMap<>();
    /** While a step is rendered: where its recursive reference reads; absent, the state table (R⁰, no delta). */
    private final Map<Integer, Source> readFrom = new HashMap<>();

    /** Rows a recursive reference reads: weighing 1 each, or their own {@code __pgs_w}. */
    private record Source(String rows, boolean weighted) {}

    RecursiveStates(States states, CompileRequest request) {
        this.states = states;
        this.request = request;
    }

    /** The state tables of the recursions whose delta this statement computes. */
    List<Plan.StateTable> stateTables() {
        return List.copyOf(written.values());
    }

    String of(Rel.Recursive recursive, State state) throws NotDifferentiableException {
        int width = recursive.names().size();
        return switch (state) {
            case OLD -> States.select(States.references("s", width), "1::bigint") + " FROM " + table(recursive) + " s";
            case NEW -> states.isStandalone() || recursive.all()
                    ? States.select(States.references("a", width), "1::bigint") + " FROM (" + evaluated(recursive) + ") a"
                    : kept(recursive);
            case DELTA -> {
                write(recursive);
                yield "SELECT d.* FROM " + name(recursive, "delta") + " d";
            }
        };
    }

    /**
     * A set recursion's rows now, in a delta statement: the state table's (R⁰) but those the delta deletes,
     * and those it inserts; read through the state table's indexes, where evaluating the recursion again
     * would read every source row.
     */
    private String kept(Rel.Recursive recursive) throws NotDifferentiableException {
        write(recursive);
        String delta = name(recursive, "delta");
        int width = width(recursive);
        return States.select(States.references("s", width), "1::bigint") + " FROM " + table(recursive) + " s WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + delta + " x WHERE x.__pgs_w < 0 AND " + same(recursive, "x", "s") + ")"
                + "\nUNION ALL\n" + States.select(States.references("x", width), "1::bigint") + " FROM " + delta
                + " x WHERE x.__pgs_w > 0";
    }

    String reference(Rel.RecursiveRef reference, State state) {
        int width = reference.names().size();
        Source source = readFrom.getOrDefault(reference.number(), new Source(request.stateTable("r" + reference.number()), false));
        String rows = States.select(States.references("x", width), source.weighted() ? "x." + States.WEIGHT : "1::bigint")
                + " FROM " + source.rows() + " x";
        return state == State.DELTA ? rows + " WHERE false" : rows;
    }

    /** The whole recursion, by PostgreSQL: its rows' columns {@code __pgs_c<i>}. */
    private String evaluated(Rel.Recursive recursive) throws NotDifferentiableException {
        String all = name(recursive, "all");
        return "WITH RECURSIVE " + all + "(" + columns(recursive, null) + ") AS (\n    SELECT " + columns(recursive, "b")
                + " FROM (" + states.of(recursive.base(), State.NEW) + ") b\n    " + (recursive.all() ? "UNION ALL" : "UNION")
                + "\n    SELECT " + columns(recursive, "y")
                + " FROM (" + step(recursive, all) + ") y)\nSELECT * FROM " + all;
    }

    /** The step's rows now, its recursive reference reading {@code source} (rows weighing 1). */
    private String step(Rel.Recursive recursive, String source) throws NotDifferentiableException {
        return step(recursive, new Source(source, false));
    }

    private String step(Rel.Recursive recursive, Source source) throws NotDifferentiableException {
        readFrom.put(recursive.number(), source);
        try {
            return states.of(recursive.step(), State.NEW);
        } finally {
            readFrom.remove(recursive.number());
        }
    }

    private void write(Rel.Recursive recursive) throws NotDifferentiableException {
        if (written.containsKey(recursive.number())) {
            return;
        }
        if (recursive.all()) {
            writeBag(recursive);
            return;
        }
        String table = table(recursive);
        String seed = name(recursive, "seed");
        String over = name(recursive, "over");
        String found = name(recursive, "new");
        String delta = name(recursive, "delta");
        String d = name(recursive, "d");
        String n = name(recursive, "n");
        // the SQL of the inputs first, so that the CTEs they read are listed before these
        String baseDelta = states.of(recursive.base(), State.DELTA);
        String stepDelta = states.of(recursive.step(), State.DELTA);
        String baseNow = states.of(recursive.base(), State.NEW);
        String stepOverDeleted = step(recursive, d);
        // R⁰ − D inline, not a CTE: PostgreSQL then pushes each candidate's values down to the state table's indexes
        String keptRows = "(SELECT " + columns(recursive, "s") + " FROM " + table + " s WHERE NOT " + inOver(recursive, "s") + ")";
        String stepOverKept = step(recursive, keptRows);
        String stepOverFound = step(recursive, n);
        states.define(seed + " AS MATERIALIZED (\n    SELECT " + columns(recursive, "b") + ", b.__pgs_w FROM (" + baseDelta
                + ") b\n    UNION ALL\n    SELECT " + columns(recursive, "y") + ", y.__pgs_w FROM (" + stepDelta + ") y)");
        states.define(over + " AS MATERIALIZED (\n    WITH RECURSIVE " + d + "(" + columns(recursive, null) + ") AS (\n"
                + "        SELECT DISTINCT " + columns(recursive, "z") + " FROM " + seed + " z WHERE z.__pgs_w < 0 AND "
                + inTable(recursive, "z") + "\n        UNION\n        SELECT " + columns(recursive, "y") + " FROM (" + stepOverDeleted
                + ") y WHERE " + inTable(recursive, "y") + ")\n    SELECT * FROM " + d + ")");
        states.define(found + " AS MATERIALIZED (\n    WITH RECURSIVE " + n + "(" + columns(recursive, null) + ") AS (\n"
                + "        SELECT DISTINCT " + columns(recursive, "c") + " FROM (SELECT " + columns(recursive, "z") + " FROM " + seed
                + " z WHERE z.__pgs_w > 0 UNION ALL SELECT " + columns(recursive, "o") + " FROM " + over + " o) c\n"
                + "         WHERE NOT " + inKept(recursive, "c") + "\n           AND (" + yields(recursive, baseNow, "c")
                + "\n             OR " + yields(recursive, stepOverKept, "c") + ")\n        UNION\n        SELECT " + columns(recursive, "y") + " FROM ("
                + stepOverFound + ") y WHERE NOT " + inKept(recursive, "y") + ")\n    SELECT * FROM " + n + ")");
        states.define(delta + " AS MATERIALIZED (\n    " + States.select(States.references("f", width(recursive)), "1::bigint")
                + " FROM " + found + " f WHERE NOT " + inOver(recursive, "f") + "\n    UNION ALL\n    "
                + States.select(States.references("o", width(recursive)), "-1::bigint") + " FROM " + over + " o WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + found + " f WHERE " + same(recursive, "f", "o") + "))");
        states.define(name(recursive, "deleted") + " AS (\n    DELETE FROM " + table + " s USING " + delta + " x WHERE x.__pgs_w < 0 AND "
                + stored(recursive, "x") + "\n    RETURNING 1)");
        states.define(name(recursive, "inserted") + " AS (\n    INSERT INTO " + table + " (" + columns(recursive, null)
                + ", __pgs_rowid)\n    SELECT " + columns(recursive, "x") + ", " + RowKey.hash(States.references("x", width(recursive)))
                + " FROM " + delta + " x WHERE x.__pgs_w > 0\n    RETURNING 1)");
        written.put(recursive.number(), stateTable(recursive));
    }

    /**
     * Whether {@code rows} holds the row of qualifier {@code row}: by equalities when it has no NULL, which
     * PostgreSQL pushes into the rows' query down to the indexes of their tables (the step's join with the
     * state table, whose every column is indexed); by NULL-equal comparison otherwise.
     */
    private static String yields(Rel.Recursive recursive, String rows, String row) {
        List<String> found = States.references("y", width(recursive));
        List<String> wanted = States.references(row, width(recursive));
        List<String> equal = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            equal.add(found.get(i) + " = " + wanted.get(i));
        }
        String noNull = wanted.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND "));
        return "((" + noNull + ") AND EXISTS (SELECT 1 FROM (" + rows + ") y WHERE " + String.join(" AND ", equal) + ")"
                + "\n               OR NOT (" + noNull + ") AND EXISTS (SELECT 1 FROM (" + rows + ") y WHERE "
                + RowKey.same(found, wanted) + "))";
    }

    /**
     * UNION ALL: R = Σᵢ Sⁱ(B), each row once per derivation, and S linear in R, so
     *
     * <pre>
     *   ΔR = ΔB + (S¹(R¹) − S¹(R⁰)) + (S¹(R⁰) − S⁰(R⁰)) = ΔB + ΔS(R⁰) + S¹(ΔR) = Σᵢ S¹ⁱ(ΔB + ΔS(R⁰))
     * </pre>
     *
     * evaluated as a recursion over weighted rows (the seed netted first, the result netted once, where the
     * state table is changed), which ends when the new derivations do, as PostgreSQL's own evaluation of the
     * query does. The state table holds the bag, a row per occurrence, changed as a stream table of a bag is
     * ({@link BagChanges}).
     */
    private void writeBag(Rel.Recursive recursive) throws NotDifferentiableException {
        String table = table(recursive);
        String seed = name(recursive, "seed");
        String derived = name(recursive, "x");
        String delta = name(recursive, "delta");
        String netted = name(recursive, "netted");
        int width = width(recursive);
        List<String> positions = IntStream.range(0, width).mapToObj(Columns::name).toList();
        String baseDelta = states.of(recursive.base(), State.DELTA);
        String stepDelta = states.of(recursive.step(), State.DELTA);
        String stepOverDerived = step(recursive, new Source(derived, true));
        states.define(seed + " AS MATERIALIZED (\n    " + States.netted(baseDelta + "\nUNION ALL\n" + stepDelta, width) + ")");
        states.define(delta + " AS MATERIALIZED (\n    WITH RECURSIVE " + derived + "(" + columns(recursive, null)
                + ", __pgs_w) AS (\n        SELECT z.* FROM " + seed + " z\n        UNION ALL\n        SELECT y.* FROM ("
                + stepOverDerived + ") y)\n    SELECT * FROM " + derived + ")");
        states.define(netted + " AS (\n    " + BagChanges.netted(delta, positions) + ")");
        states.define(BagChanges.applied(table, positions, netted, name(recursive, "deleted"), name(recursive, "inserted")));
        written.put(recursive.number(), stateTable(recursive));
    }

    /**
     * The state table: the recursion's rows, each once (a UNION ALL's, each occurrence), with their hash
     * (of their values, or of their text form for a bag, as {@link BagChanges} finds them), indexed; and an
     * index on each column whose type has a btree operator class, for the step's joins with it and the
     * checks of {@link #yields}.
     */
    private Plan.StateTable stateTable(Rel.Recursive recursive) throws NotDifferentiableException {
        List<String> values = States.references("a", width(recursive));
        String rowId = recursive.all() ? BagChanges.rowId(values) : RowKey.hash(values);
        String fill = "SELECT " + columns(recursive, "a") + ", " + rowId + " AS __pgs_rowid FROM ("
                + States.standalone(request).of(recursive, State.NEW) + ") a";
        String table = table(recursive);
        List<String> definition = new ArrayList<>(List.of("CREATE TABLE " + table + " AS " + fill + " WITH NO DATA",
                "CREATE INDEX ON " + table + " (__pgs_rowid)"));
        for (int i = 0; i < width(recursive); i++) {
            definition.add("DO $pgs$ BEGIN CREATE INDEX ON " + table + " (" + Columns.name(i) + ");"
                    + " EXCEPTION WHEN undefined_object THEN NULL; END $pgs$");
        }
        return new Plan.StateTable(table, definition, fill);
    }

    /** The same row in two qualifiers' columns, NULLs equal. */
    private static String same(Rel.Recursive recursive, String left, String right) {
        return RowKey.same(States.references(left, width(recursive)), States.references(right, width(recursive)));
    }

    /** The state table's row {@code s} is the row of qualifier {@code row}: found through the stored hash. */
    private static String stored(Rel.Recursive recursive, String row) {
        return "s.__pgs_rowid = " + RowKey.hash(States.references(row, width(recursive))) + " AND " + same(recursive, "s", row);
    }

    /** The row of qualifier {@code row} is in R⁰ (the state table). */
    private String inTable(Rel.Recursive recursive, String row) {
        return "EXISTS (SELECT 1 FROM " + table(recursive) + " s WHERE " + stored(recursive, row) + ")";
    }

    /** The row is in D, the over-deleted rows. */
    private static String inOver(Rel.Recursive recursive, String row) {
        return "EXISTS (SELECT 1 FROM " + name(recursive, "over") + " o WHERE " + same(recursive, "o", row) + ")";
    }

    /** The row is in R⁰ − D. */
    private String inKept(Rel.Recursive recursive, String row) {
        return "(" + inTable(recursive, row) + " AND NOT " + inOver(recursive, row) + ")";
    }

    private String table(Rel.Recursive recursive) {
        return request.stateTable("r" + recursive.number());
    }

    private static String name(Rel.Recursive recursive, String part) {
        return "__pgs_r" + recursive.number() + "_" + part;
    }

    private static int width(Rel.Recursive recursive) {
        return recursive.names().size();
    }

    /** {@code q.__pgs_c0, q.__pgs_c1, ...}, or the bare names for a null qualifier. */
    private static String columns(Rel.Recursive recursive, String qualifier) {
        return IntStream.range(0, width(recursive)).mapToObj(i -> (qualifier == null ? "" : qualifier + ".") + Columns.name(i))
                .collect(Collectors.joining(", "));
    }
}
