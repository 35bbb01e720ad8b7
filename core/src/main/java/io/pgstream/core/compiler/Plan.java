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
 * @param stateTables    tables the delta statement keeps beside the stream table (none for most plans)
 */
public record Plan(String operatorTree, List<CompileRequest.Column> hiddenColumns, String fullQuery,
                   String deltaStatement, List<StateTable> stateTables) {

    public Plan {
        hiddenColumns = List.copyOf(hiddenColumns);
        stateTables = List.copyOf(stateTables);
    }

    /**
     * A table of intermediate rows the delta statement maintains (a TopK's input, a recursive query's rows),
     * refilled with the stream table on every FULL refresh, in the same statement.
     *
     * @param name       quoted and qualified
     * @param definition statements that create it and its indexes, in order
     * @param fill       the query of its rows now, in its column order
     */
    public record StateTable(String name, List<String> definition, String fill) {
        public StateTable {
            definition = List.copyOf(definition);
        }
    }

    /** The row identity every differential stream table has, indexed. */
    public static final String ROW_ID = "__pgs_rowid";
}
