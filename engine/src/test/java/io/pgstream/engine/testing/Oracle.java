package io.pgstream.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The correctness oracle: a stream table must equal its query evaluated from scratch, as a multiset.
 * Rows are compared by their text form (stricter than =, and defined for every type), both ways with
 * EXCEPT ALL, in one statement so that both sides see one snapshot.
 */
public final class Oracle {

    private Oracle() {}

    /** Differences between the stored rows and the query: {missing, extra}. */
    public static long[] differences(Connection connection, String streamTable, String query) throws SQLException {
        String sql = """
                SELECT (SELECT count(*) FROM (SELECT q::text FROM (%2$s) q EXCEPT ALL SELECT s::text FROM %1$s s) missing),
                       (SELECT count(*) FROM (SELECT s::text FROM %1$s s EXCEPT ALL SELECT q::text FROM (%2$s) q) extra)
                """.formatted(streamTable, query);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    public static void assertMatches(Connection connection, String streamTable, String query) throws SQLException {
        long[] diff = differences(connection, streamTable, query);
        assertEquals(0, diff[0] + diff[1], () -> streamTable + " differs from its query: " + diff[0]
                + " row(s) missing, " + diff[1] + " extra; query: " + query);
    }

    public static boolean matches(Connection connection, String streamTable, String query) throws SQLException {
        long[] diff = differences(connection, streamTable, query);
        return diff[0] + diff[1] == 0;
    }
}
