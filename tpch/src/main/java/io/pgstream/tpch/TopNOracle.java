package io.pgstream.tpch;

import io.pgstream.tpch.TpchQueries.Query;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The oracle for a query ending in ORDER BY ... LIMIT n. When rows tie on the order across the n-th
 * place, several results are correct, and comparing with one evaluation of the query would fail a
 * correct stream table. Over the query without its LIMIT, ranked by its order, a correct result has
 * exactly as many rows as the query returns, holds every row whose whole tie group ranks within the
 * first n, and holds no row ranked after n. Without a tie at the boundary, that is multiset equality.
 */
public final class TopNOracle {

    /** What a check found; {@code tieAtBoundary} says the result was one of several correct ones. */
    public record Check(long missing, long extra, long storedRows, long expectedRows, boolean tieAtBoundary) {
        public boolean matches() {
            return missing == 0 && extra == 0 && storedRows == expectedRows;
        }

        public String describe() {
            return "%d row(s) missing, %d extra, %d stored where the query returns %d%s".formatted(
                    missing, extra, storedRows, expectedRows, tieAtBoundary ? " (rows tie at the LIMIT)" : "");
        }
    }

    private TopNOracle() {}

    public static Check check(Connection connection, String streamTable, Query query) throws SQLException {
        TpchQueries.TopN topN = query.topN();
        // count(*) over an ORDER BY counts the rows up to the current one's last peer: <= n means the
        // whole tie group is within the first n; rank() <= n means the group starts within them
        String ranked = "select (r.q).* from (select q, %s over (order by %s) as place from (%s) q) r where r.place <= "
                + topN.limit();
        String certain = ranked.formatted("count(*)", topN.orderBy(), query.body());
        String candidates = ranked.formatted("rank()", topN.orderBy(), query.body());
        long missing = ResultDifference.between(connection, streamTable, certain).missing();
        long extra = ResultDifference.between(connection, streamTable, candidates).extra();
        long stored = count(connection, "select * from " + streamTable);
        long expected = count(connection, query.sql());
        boolean tie = count(connection, candidates) != count(connection, certain);
        return new Check(missing, extra, stored, expected, tie);
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from (" + query + ") q")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
