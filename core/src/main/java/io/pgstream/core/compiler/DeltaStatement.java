package io.pgstream.core.compiler;

/**
 * The frame every delta statement shares: it opens with the current frontier, computed once
 * ({@code MATERIALIZED}), and returns the frontier it consumed up to with its row counts, as
 * {@code pgstream._refresh_locked} reads them: (snap, xid, seq, inserted, deleted, updated).
 */
final class DeltaStatement {

    static final String FRONTIER = "WITH __pgs_f AS MATERIALIZED (SELECT * FROM pgstream._current_frontier())";

    private DeltaStatement() {}

    /**
     * A condition that always holds, for the WHERE of a delta statement's INSERT. Reading the deleting CTE there runs
     * all its deletes before the first insert (the CTEs of one statement otherwise run in an unspecified order), so a
     * unique index on the stream table never sees a row's new version while its old one is still there.
     */
    static String afterDeletes(String deleted) {
        return "(SELECT count(*) FROM " + deleted + ") >= 0";
    }

    /** The final SELECT, counting the rows of CTEs __pgs_ins and __pgs_del and of {@code updated} (a CTE or null). */
    static String result(String updated) {
        return "SELECT f.snap, f.xid, f.seq, (SELECT count(*) FROM __pgs_ins), (SELECT count(*) FROM __pgs_del), "
                + (updated == null ? "0::bigint" : "(SELECT count(*) FROM " + updated + ")") + "\n  FROM __pgs_f f";
    }
}
