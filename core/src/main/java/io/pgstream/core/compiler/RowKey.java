package io.pgstream.core.compiler;

import java.util.List;

/**
 * How a stored group or distinct row is found again: by PostgreSQL's equality, as GROUP BY and DISTINCT
 * compare (so {@code 1.0} and {@code 1.00}, or {@code 0} and {@code -0}, are one group, as they are for
 * PostgreSQL), never by text form. {@code __pgs_rowid} is only an index helper: the record hash of the
 * values, which each type's hash function computes consistently with its equality.
 */
final class RowKey {

    private RowKey() {}

    static String hash(List<String> values) {
        return "hash_record_extended(ROW(" + String.join(", ", values) + "), 0)";
    }

    static String same(List<String> left, List<String> right) {
        return "ROW(" + String.join(", ", left) + ") IS NOT DISTINCT FROM ROW(" + String.join(", ", right) + ")";
    }
}
