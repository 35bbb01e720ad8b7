package io.pgstream.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The correctness oracle: a stream table must equal its query evaluated from scratch, as a multiset.
 * Rows are compared by their text form (stricter than =, and defined for every type), both ways with
 * EXCEPT ALL, in one statement so that both sides see one snapshot. Hidden {@code __pgs_*} columns
 * (differential refresh's row ids and counters) are not part of the result and are left out.
 */
public final class Oracle {

    private Oracle() {}

    /** Differences between the stored rows and the query: {missing, extra}. */
    public static long[] differences(Connection connection, String streamTable, String query) throws SQLException {
        String stored = "ROW(" + userColumns(connection, streamTable) + ")::text";
        String sql = """
                SELECT (SELECT count(*) FROM (SELECT q::text FROM (%2$s) q EXCEPT ALL SELECT %3$s FROM %1$s s) missing),
                       (SELECT count(*) FROM (SELECT %3$s FROM %1$s s EXCEPT ALL SELECT q::text FROM (%2$s) q) extra)
                """.formatted(streamTable, query, stored);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static String userColumns(Connection connection, String streamTable) throws SQLException {
        try (var statement = connection.prepareStatement("""
                SELECT string_agg('s.' || quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                 WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT LIKE '\\_\\_pgs\\_%'""")) {
            statement.setString(1, streamTable);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    public static void assertMatches(Connection connection, String streamTable, String query) throws SQLException {
        long[] diff = differences(connection, streamTable, query);
        if (diff[0] + diff[1] != 0) {
            String stored = "ROW(" + userColumns(connection, streamTable) + ")::text";
            String missing = sample(connection, "SELECT q::text FROM (%2$s) q EXCEPT ALL SELECT %3$s FROM %1$s s"
                    .formatted(streamTable, query, stored));
            String extra = sample(connection, "SELECT %3$s FROM %1$s s EXCEPT ALL SELECT q::text FROM (%2$s) q"
                    .formatted(streamTable, query, stored));
            assertEquals(0, diff[0] + diff[1], () -> streamTable + " differs from its query: " + diff[0]
                    + " row(s) missing " + missing + ", " + diff[1] + " extra " + extra + "; query: " + query);
        }
    }

    private static String sample(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT string_agg(r, ' ') FROM (SELECT r FROM (" + sql + ") x(r) LIMIT 5) y")) {
            rs.next();
            return rs.getString(1);
        }
    }

    public static boolean matches(Connection connection, String streamTable, String query) throws SQLException {
        long[] diff = differences(connection, streamTable, query);
        return diff[0] + diff[1] == 0;
    }
}
