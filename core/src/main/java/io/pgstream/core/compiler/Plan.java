package io.pgstream.core.compiler;

import java.util.List;

/**
 * How to refresh a stream table differentially.
 *
 * @param operatorTree   the algebra, indented, for explain_stream_table
 * @param hiddenColumns  columns added to the stream table after the query's own (all named __pgs_*)
 * @param fullQuery      the query with the hidden columns, in table order: initial population and FULL refresh
 * @param deltaStatement one statement that consumes the changes after frontier ($1 snapshot, $2 xid, $3
 *                       change number) and applies them, returning (snap, xid, seq, inserted, deleted, updated)
 */
public record Plan(String operatorTree, List<CompileRequest.Column> hiddenColumns, String fullQuery,
                   String deltaStatement) {

    public Plan {
        hiddenColumns = List.copyOf(hiddenColumns);
    }

    /** The row identity every differential stream table has, indexed. */
    public static final String ROW_ID = "__pgs_rowid";
}
