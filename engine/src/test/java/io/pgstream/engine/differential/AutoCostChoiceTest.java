package io.pgstream.engine.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In refresh mode auto, a cycle of a hundred changes or more refreshes in full when the stream table's recent
 * refreshes say that is faster (setting auto_cost_choice), and says so in the history; otherwise it goes
 * differential and records the estimate. The history is written by hand, so that the choice does not depend on
 * how fast this machine is.
 */
class AutoCostChoiceTest {

    private static final String QUERY = "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k";

    private TestDatabase db;

    @BeforeEach
    void createStreamTable() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE TABLE items (id int PRIMARY KEY, k int, v int)",
                "INSERT INTO items SELECT g, g % 10, g FROM generate_series(1, 10000) g",
                "SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1d')");
        try (Connection c = db.connect()) {
            PlanInstaller.install(c, "totals");
        }
    }

    @Test
    void aCycleThatRecentRefreshesSayIsCheaperInFullRefreshesInFull() throws SQLException {
        recordDifferential(5000, 200);  // 25 ms a change, where the initial FULL took far less than 5 s
        updateRows(150);
        List<String> refresh = refresh();
        assertEquals("FULL", refresh.get(0));
        assertTrue(refresh.get(1).startsWith("cheaper in full: for 300 changes, recent refreshes estimate differential"),
                refresh.get(1));
        assertEqualsQuery();
    }

    @Test
    void aCycleThatRecentRefreshesSayIsCheaperDifferentialRecordsTheEstimate() throws SQLException {
        recordDifferential(1, 200);
        updateRows(150);
        List<String> refresh = refresh();
        assertEquals("DIFFERENTIAL", refresh.get(0));
        assertTrue(refresh.get(1).startsWith("refresh mode auto; for 300 changes, recent refreshes estimate differential"),
                refresh.get(1));
        assertEqualsQuery();
    }

    @Test
    void theSettingOffOrAFewChangesLeaveTheCycleDifferential() throws SQLException {
        recordDifferential(5000, 200);
        updateRows(10);
        assertEquals(List.of("DIFFERENTIAL", "refresh mode auto"), refresh());
        db.execute("UPDATE pgstream.settings SET value = 'off' WHERE name = 'auto_cost_choice'");
        updateRows(150);
        assertEquals(List.of("DIFFERENTIAL", "refresh mode auto"), refresh());
        assertEqualsQuery();
    }

    /** A differential refresh of the stream table that took {@code millis} for {@code changes} changes. */
    private void recordDifferential(int millis, int changes) throws SQLException {
        db.execute("INSERT INTO pgstream.refresh_history (stream_table_id, started_at, finished_at, initiated_by, action,"
                + " changes_consumed) SELECT id, now() - interval '" + millis + " ms', now(), 'manual', 'DIFFERENTIAL', "
                + changes + " FROM pgstream.stream_table WHERE relid = 'totals'::regclass");
    }

    private void updateRows(int rows) throws SQLException {
        db.execute("UPDATE items SET v = v + 1 WHERE id <= " + rows);
    }

    /** Refreshes the stream table: the action and reason its history row records. */
    private List<String> refresh() throws SQLException {
        db.execute("SELECT pgstream.refresh_stream_table('totals')");
        String last = " FROM pgstream.refresh_history ORDER BY id DESC LIMIT 1";
        return List.of(db.queryString("SELECT action" + last), db.queryString("SELECT reason" + last));
    }

    private void assertEqualsQuery() throws SQLException {
        try (Connection c = db.connect()) {
            assertTrue(Oracle.matches(c, "totals", QUERY), "totals differs from its query");
        }
    }
}
