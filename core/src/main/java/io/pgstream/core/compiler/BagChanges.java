package io.pgstream.core.compiler;

import io.pgstream.core.sql.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * A bag's changes applied to a table that stores it, each stored row carrying {@code __pgs_rowid}, a hash
 * of its text form: the changes are netted per distinct row (by text form, which merges no two values);
 * a net weight of -n deletes n stored copies of that row, +n inserts n copies. The stream table of a bag
 * and a TopK's state table are such tables.
 */
final class BagChanges {

    private BagChanges() {}

    /**
     * The rows of {@code changes} (a CTE of {@code columns} and a weight {@code __pgs_w}) netted: one row
     * per distinct row, with its text form {@code __pgs_t} and its net weight {@code __pgs_net}.
     */
    static String netted(String changes, List<String> columns) {
        return """
                SELECT DISTINCT ON (x.__pgs_t) x.*, sum(x.__pgs_w) OVER (PARTITION BY x.__pgs_t) AS __pgs_net
                      FROM (SELECT d.*, ROW(%s)::text AS __pgs_t FROM %s d) x""".formatted(qualified("d", columns), changes);
    }

    /**
     * CTEs {@code deleted} and {@code inserted} (each returning a row per row written) that apply the netted
     * rows of CTE {@code netted} (as {@link #netted} writes them) to {@code table}.
     */
    static String applied(String table, List<String> columns, String netted, String deleted, String inserted) {
        return """
                %5$s AS (
                    DELETE FROM %1$s s WHERE s.ctid IN (
                        SELECT m.tid FROM %4$s n CROSS JOIN LATERAL (
                            SELECT s2.ctid AS tid FROM %1$s s2
                             WHERE s2.__pgs_rowid = hashtextextended(n.__pgs_t, 0) AND ROW(%2$s)::text = n.__pgs_t
                             LIMIT (-n.__pgs_net)) m
                         WHERE n.__pgs_net < 0)
                    RETURNING 1),
                %6$s AS (
                    INSERT INTO %1$s (%3$s, __pgs_rowid)
                    SELECT %7$s, hashtextextended(n.__pgs_t, 0)
                      FROM %4$s n CROSS JOIN generate_series(1, n.__pgs_net)
                     WHERE n.__pgs_net > 0 AND %8$s
                    RETURNING 1)""".formatted(table, qualified("s2", columns), String.join(", ", columns), netted, deleted,
                inserted, qualified("n", columns), DeltaStatement.afterDeletes(deleted));
    }

    /** The row id of a row of {@code values}: the hash of its text form, as the stored rows carry it. */
    static String rowId(List<String> values) {
        return "hashtextextended(ROW(" + String.join(", ", values) + ")::text, 0)";
    }

    /** The stored rows of a query: its rows, each with its row id. */
    static String stored(String query) {
        return "SELECT q.*, hashtextextended(q::text, 0) AS " + Plan.ROW_ID + " FROM (" + query + ") q";
    }

    /** The hidden column of a table of a bag: its rows' ids. */
    static final List<CompileRequest.Column> HIDDEN = List.of(new CompileRequest.Column(Plan.ROW_ID, "bigint"));

    /**
     * The columns of the stream table, {@code CAST(q.__pgs_c<i> AS <type>) AS <name>}: a query's positional
     * columns as the table's, each printing as the table's type does (a UNION branch may yield another type
     * PostgreSQL coerces), so that a row is keyed the same whichever branch or state it came from.
     */
    static List<String> typed(CompileRequest request, String qualifier) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < request.columns().size(); i++) {
            CompileRequest.Column column = request.columns().get(i);
            items.add("CAST(" + qualifier + "." + Columns.name(i) + " AS " + column.type() + ") AS " + Sql.identifier(column.name()));
        }
        return items;
    }

    /** The names with a qualifier: {@code q."a", q."b"}. */
    static String qualified(String qualifier, List<String> names) {
        return String.join(", ", names.stream().map(name -> qualifier + "." + name).toList());
    }
}
