package io.pgstream.engine.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Automatic suspension after repeated failures, suspension by hand, and catching up on resume: a suspended
 * stream table's changes stay in the buffers however often the other consumers of its sources refresh.
 */
class SuspensionTest {

    private static final String QUERY = "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k";

    private TestDatabase db;

    @BeforeEach
    void twoStreamTablesOnOneSource() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, 200) g",
                "SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1m')",
                "SELECT pgstream.create_stream_table('item_count', 'SELECT count(*) AS n FROM items', '1m')");
        try (Connection c = db.connect()) {
            // differential, so that catching up reads the buffered changes rather than recomputing
            assertTrue(PlanInstaller.install(c, "totals").differential());
        }
    }

    @Test
    void suspendsAfterMaxConsecutiveErrorsAndCatchesUpOnResume() throws SQLException {
        db.execute("UPDATE pgstream.settings SET value = '2' WHERE name = 'max_consecutive_errors'",
                "INSERT INTO items (k, v) VALUES (1, 1000), (42, 42)");
        // the refresh cannot write the table: it fails, whatever the data
        db.execute("ALTER TABLE totals ADD CONSTRAINT refused CHECK (false) NOT VALID");
        assertEquals("ERROR", refreshAsTheEngine("totals"));
        assertEquals("error|1|", state("totals"));
        assertEquals("ERROR", refreshAsTheEngine("totals"));
        assertEquals("suspended|2|suspended after 2 consecutive failures", state("totals"));
        assertTrue(db.queryString("SELECT last_error FROM pgstream.stream_table WHERE relid = 'totals'::regclass")
                .contains("violates check constraint"),
                "the last error is kept");
        db.execute("ALTER TABLE totals DROP CONSTRAINT refused");
        db.execute("DELETE FROM items WHERE k = 3", "UPDATE items SET v = v + 1 WHERE k = 4");
        refresh("item_count"); // the other consumer of items consumes, and trims what it may

        db.execute("SELECT pgstream.alter_stream_table('totals', status => 'active')");
        assertEquals("active|0|", state("totals"));
        assertEquals(null, db.queryString("SELECT last_error FROM pgstream.stream_table WHERE relid = 'totals'::regclass"));
        assertEquals("DIFFERENTIAL", refresh("totals"));
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "totals", QUERY);
        }
    }

    @Test
    void aLockTimeoutIsNoFailureAndIsRaisedForTheRoundToRunAgain() throws SQLException {
        db.execute("UPDATE pgstream.settings SET value = '1' WHERE name = 'max_consecutive_errors'",
                "INSERT INTO items (k, v) VALUES (1, 1000)");
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE totals IN ACCESS EXCLUSIVE MODE");
            SQLException timeout = assertThrows(SQLException.class, () -> refreshAsTheEngine("totals", "100ms"));
            assertEquals("55P03", timeout.getSQLState());
            holder.rollback();
        }
        assertEquals("active|0|", state("totals"));
        assertEquals("DIFFERENTIAL", refreshAsTheEngine("totals"));
    }

    @Test
    void aSuspendedStreamTableKeepsItsChangesBufferedWhileOthersConsume() throws SQLException {
        db.execute("SELECT pgstream.alter_stream_table('totals', status => 'suspended')",
                "INSERT INTO items (k, v) SELECT 7, g FROM generate_series(1, 5) g", // 5 change rows
                "UPDATE items SET v = 0 WHERE id = 1"); // 2 change rows: the old and the new row
        assertEquals("FULL", refresh("item_count"));
        assertEquals(7, pendingChanges("totals"));
        assertEquals(0, pendingChanges("item_count"));
        assertEquals(7, db.queryLong("SELECT pending_changes FROM pgstream.change_buffers WHERE source = 'public.items'"));

        db.execute("SELECT pgstream.alter_stream_table('totals', status => 'active')");
        assertEquals("DIFFERENTIAL", refresh("totals"));
        assertEquals(7, db.queryLong("SELECT changes_consumed FROM pgstream.refresh_history ORDER BY id DESC LIMIT 1"));
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "totals", QUERY);
        }
        assertEquals(0, pendingChanges("totals"));
        assertEquals(0, db.queryLong("SELECT pending_changes FROM pgstream.change_buffers"), "both caught up: trimmed");
    }

    @Test
    void suspendingByHandSaysSoAndKeepsTheLastError() throws SQLException {
        db.execute("UPDATE pgstream.stream_table SET status = 'error', consecutive_errors = 1, last_error = 'boom'",
                "SELECT pgstream.alter_stream_table('totals', status => 'suspended')");
        assertEquals("suspended|1|suspended by user", state("totals"));
        assertEquals("boom", db.queryString("SELECT last_error FROM pgstream.stream_tables_info WHERE name = 'public.totals'"));

        db.execute("UPDATE pgstream.stream_table SET suspended_reason = 'suspended after 3 consecutive failures'",
                "SELECT pgstream.alter_stream_table('totals', status => 'suspended')");
        assertEquals("suspended|1|suspended after 3 consecutive failures", state("totals"), "suspending again changes nothing");
    }

    /** Status, consecutive errors and suspension reason. */
    private String state(String name) throws SQLException {
        return db.queryString("SELECT concat_ws('|', status, consecutive_errors, coalesce(suspended_reason, ''))"
                + " FROM pgstream.stream_tables_info WHERE name = 'public." + name + "'");
    }

    private long pendingChanges(String name) throws SQLException {
        return db.queryLong("SELECT pending_changes FROM pgstream.stream_tables_info WHERE name = 'public." + name + "'");
    }

    private String refresh(String name) throws SQLException {
        return db.queryString("SELECT action FROM pgstream.refresh_stream_table('" + name + "')");
    }

    /** A refresh as the engine runs it: failures recorded, not raised. */
    private String refreshAsTheEngine(String name) throws SQLException {
        return refreshAsTheEngine(name, "0");
    }

    /** The same, giving up on a lock after {@code lockTimeout}. */
    private String refreshAsTheEngine(String name, String lockTimeout) throws SQLException {
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            statement.execute("SET lock_timeout = '" + lockTimeout + "'");
            try (var rs = statement.executeQuery("SELECT action FROM pgstream._refresh("
                    + "(SELECT id FROM pgstream.stream_table WHERE relid = '" + name + "'::regclass), 'scheduled', false)")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
