package io.pgstream.engine.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TopK's state table lives as long as its plan: created with it, refilled by a FULL refresh (a
 * TRUNCATE of a source), dropped when the stream table gets a query without LIMIT and when it is dropped.
 */
class TopKStateTableTest {

    private static final String TOP = "SELECT k, sum(v) AS s FROM a GROUP BY k ORDER BY s DESC NULLS LAST, k LIMIT 2";

    private static TestDatabase db;

    @BeforeAll
    static void createSchema() throws SQLException {
        db = TestPostgres.database();
        db.execute(OracleCorpus.schema().toArray(String[]::new));
    }

    @Test
    void stateTableFollowsThePlan() throws SQLException {
        try (Connection c = db.connect()) {
            ScenarioRunner.reset(c);
            execute(c, OracleCorpus.INITIAL_DATA.toArray(String[]::new));
            execute(c, Workload.createSql(new OracleCorpus.QueryCase("top", TOP), "differential"));
            assertTrue(PlanInstaller.install(c, Workload.STREAM_TABLE).differential());
            String state = text(c, "SELECT state_tables[1] FROM pgstream.stream_table");
            assertEquals(rows(c, "SELECT k FROM a GROUP BY k"), rows(c, "SELECT * FROM " + state), "one state row per group");

            // a TRUNCATE refreshes in full, which refills the state table; the next refresh is differential again
            execute(c, "TRUNCATE a", "INSERT INTO a (k, v) VALUES (1, 5), (2, 7), (2, 1), (3, NULL)");
            assertEquals("FULL", refresh(c));
            assertEquals(3, rows(c, "SELECT * FROM " + state));
            execute(c, "INSERT INTO a (k, v) VALUES (3, 100)", "DELETE FROM a WHERE k = 2");
            assertEquals("DIFFERENTIAL", refresh(c));
            long[] differences = Oracle.differences(c, Workload.STREAM_TABLE, TOP);
            assertEquals(0, differences[0] + differences[1], "the stream table equals its query");

            execute(c, "SELECT pgstream.alter_stream_table('" + Workload.STREAM_TABLE
                    + "', query => 'SELECT k, sum(v) AS s FROM a GROUP BY k')");
            assertFalse(exists(c, state), "a plan without TopK keeps no state table");
            execute(c, "SELECT pgstream.alter_stream_table('" + Workload.STREAM_TABLE + "', query => $$" + TOP + "$$)");
            assertTrue(PlanInstaller.install(c, Workload.STREAM_TABLE).differential());
            assertTrue(exists(c, state));
            execute(c, "SELECT pgstream.drop_stream_table('" + Workload.STREAM_TABLE + "')");
            assertFalse(exists(c, state), "the state table goes with its stream table");
        }
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        for (String statement : statements) {
            ScenarioRunner.execute(c, statement);
        }
    }

    private static String refresh(Connection c) throws SQLException {
        return text(c, "SELECT action FROM pgstream.refresh_stream_table('" + Workload.STREAM_TABLE + "')");
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        return text(c, "SELECT to_regclass('" + table.replace("'", "''") + "')::text") != null;
    }

    private static long rows(Connection c, String query) throws SQLException {
        return Long.parseLong(text(c, "SELECT count(*) FROM (" + query + ") q"));
    }

    private static String text(Connection c, String query) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
