package io.pgstream.cli;

import io.pgstream.core.sql.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a stream table holds exactly what its query returns when computed from scratch, as a multiset: rows are
 * compared by their text form both ways with EXCEPT ALL, in one statement so that both sides see one snapshot.
 * The hidden {@code __pgs_*} columns of differential refresh are not part of the result and are left out.
 *
 * @param missing      rows the query returns that the table lacks
 * @param extra        rows the table holds that the query does not return
 * @param someMissing  a few of the missing rows, as text
 * @param someExtra    a few of the extra rows, as text
 */
record QueryCheck(String table, long rows, long missing, long extra, List<String> someMissing,
                  List<String> someExtra) {

    private static final int EXAMPLES = 3;

    static QueryCheck run(Connection connection, String table, String query) throws SQLException {
        String stored = "ROW(" + userColumns(connection, table) + ")::text";
        String sql = """
                WITH missing AS (SELECT q::text AS r FROM (%2$s) q EXCEPT ALL SELECT %4$s FROM %1$s s),
                     extra AS (SELECT %4$s AS r FROM %1$s s EXCEPT ALL SELECT q::text FROM (%2$s) q)
                SELECT (SELECT count(*) FROM %1$s), (SELECT count(*) FROM missing), (SELECT count(*) FROM extra),
                       ARRAY(SELECT r FROM missing ORDER BY r LIMIT %3$d),
                       ARRAY(SELECT r FROM extra ORDER BY r LIMIT %3$d)
                """.formatted(Sql.identifier(table), query, EXAMPLES, stored);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return new QueryCheck(table, rs.getLong(1), rs.getLong(2), rs.getLong(3), strings(rs.getArray(4)),
                    strings(rs.getArray(5)));
        }
    }

    private static String userColumns(Connection connection, String table) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT string_agg('s.' || quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                 WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\\_\\_pgs\\_%'""")) {
            statement.setString(1, Sql.identifier(table));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    boolean matches() {
        return missing == 0 && extra == 0;
    }

    /** "✓ name: N rows equal to its query", or what differs. */
    List<String> describe() {
        if (matches()) {
            return List.of("✓ " + table + ": " + Formats.rows(rows) + " equal to its query");
        }
        List<String> lines = new ArrayList<>();
        lines.add("✗ " + table + ": " + Formats.rows(rows) + ", which differ from its query: "
                + Formats.rows(missing) + " missing, " + Formats.rows(extra) + " extra");
        someMissing.forEach(row -> lines.add("    missing: " + row));
        someExtra.forEach(row -> lines.add("    extra:   " + row));
        return lines;
    }

    private static List<String> strings(Array array) throws SQLException {
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
