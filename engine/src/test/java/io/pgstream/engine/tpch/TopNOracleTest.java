package io.pgstream.engine.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.tpch.TopNOracle;
import io.pgstream.tpch.TpchQueries.Query;
import io.pgstream.tpch.TpchQueries.TopN;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The top-N oracle accepts every correct result of an ORDER BY ... LIMIT whose order ties across the
 * limit, and nothing else. TPC-H data rarely has such ties, so they are made here: scores 50, 40, then
 * three rows of 30, then 10; the top 3 are rows 1, 2 and any one of 3, 4, 5.
 */
class TopNOracleTest {

    private static final Query TOP_3 = new Query(0, "select id, score from scores", new TopN("score desc", 3));
    private static final Query TOP_2 = new Query(0, "select id, score from scores", new TopN("score desc", 2));

    private static TestDatabase db;

    @BeforeAll
    static void createTables() throws SQLException {
        db = TestPostgres.emptyDatabase();
        db.execute("create table scores (id int, score int)",
                "insert into scores values (1, 50), (2, 40), (3, 30), (4, 30), (5, 30), (6, 10)",
                "create table stored (id int, score int)");
    }

    @Test
    void acceptsAnyOfTheTiedRowsAtTheLimit() throws SQLException {
        for (int tied = 3; tied <= 5; tied++) {
            TopNOracle.Check check = checkStored(TOP_3, 1, 2, tied);
            assertTrue(check.matches(), "rows 1, 2, " + tied + ": " + check.describe());
            assertTrue(check.tieAtBoundary());
        }
    }

    @Test
    void rejectsWrongResults() throws SQLException {
        assertEquals(1, checkStored(TOP_3, 1, 2, 6).extra(), "a row ranked after the limit");
        assertEquals(1, checkStored(TOP_3, 1, 3, 4).missing(), "row 2 left out for a second tied row");
        assertFalse(checkStored(TOP_3, 1, 2).matches(), "too few rows");
        assertFalse(checkStored(TOP_3, 1, 2, 3, 4).matches(), "too many rows");
        assertFalse(checkStored(TOP_3, 1, 2, 3, 3).matches(), "a duplicate of a tied row");
    }

    @Test
    void withoutATieAtTheLimitOnlyTheExactResultMatches() throws SQLException {
        TopNOracle.Check exact = checkStored(TOP_2, 1, 2);
        assertTrue(exact.matches(), exact.describe());
        assertFalse(exact.tieAtBoundary());
        assertFalse(checkStored(TOP_2, 1, 3).matches());
    }

    /** Stores the scores rows with these ids as the "stream table" and checks it against the query. */
    private static TopNOracle.Check checkStored(Query query, int... ids) throws SQLException {
        db.execute("truncate stored");
        for (int id : ids) {
            db.execute("insert into stored select * from scores where id = " + id);
        }
        try (Connection c = db.connect()) {
            return TopNOracle.check(c, "stored", query);
        }
    }
}
