package io.pgstream.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL on a source underneath a stream table: writes to the source keep working, the stream table gets
 * a clear status and error, a scheduled refresh records the error instead of failing the engine, and a
 * change the query does not care about disturbs nothing.
 */
class SourceDdlTest {

    private static final String QUERY = "SELECT k, sum(v) AS total FROM items GROUP BY k";

    private TestDatabase db;

    @BeforeEach
    void schema() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE TABLE items (id int PRIMARY KEY, k int, v int, unused text)",
                "INSERT INTO items SELECT g, g % 5, g, 'x' FROM generate_series(1, 50) g",
                "SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1m')");
    }

    @Test
    void droppedSourceTable() throws SQLException {
        db.execute("DROP TABLE items");
        assertEquals("error|source table public.items was dropped", statusAndError());
        assertEquals("ERROR", scheduledRefreshAction());
        SQLException manual = assertThrows(SQLException.class, () -> db.execute("SELECT pgstream.refresh_stream_table('totals')"));
        assertTrue(manual.getMessage().contains("source table public.items of stream table public.totals was dropped"), manual.getMessage());
        db.execute("SELECT pgstream.drop_stream_table('totals')");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.capture"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'pgstream_changes'"));
    }

    @Test
    void droppedColumnTheQueryReads() throws SQLException {
        db.execute("ALTER TABLE items DROP COLUMN v");
        db.execute("INSERT INTO items (id, k) VALUES (100, 1)", "UPDATE items SET k = 2 WHERE id = 1");
        assertEquals("error|column v of source table public.items was dropped", statusAndError());
        assertEquals("ERROR", scheduledRefreshAction());
        assertTrue(db.queryString("SELECT last_error FROM pgstream.stream_tables").contains("column \"v\" does not exist"));
    }

    @Test
    void changedTypeOfAColumnTheQueryReads() throws SQLException {
        db.execute("ALTER TABLE items ALTER COLUMN v TYPE bigint");
        db.execute("INSERT INTO items VALUES (100, 1, 9000000000, 'big')");
        assertEquals("error|column v of source table public.items changed type from integer to bigint", statusAndError());
        // a full refresh still works and puts the stream table back in order
        assertEquals("FULL", scheduledRefreshAction());
        assertEquals("active|", statusAndError());
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "totals", QUERY);
        }
    }

    @Test
    void renamedColumnTheQueryReads() throws SQLException {
        db.execute("ALTER TABLE items RENAME COLUMN v TO \"Value\"");
        db.execute("INSERT INTO items (id, k, \"Value\") VALUES (100, 1, 7)", "UPDATE items SET k = 2 WHERE id = 1");
        assertEquals("error|a change to a source table broke its query: column \"v\" does not exist",
                statusAndError());
        // the changes were captured under the new name: a new query catches up
        db.execute("SELECT pgstream.alter_stream_table('totals', query => 'SELECT k, sum(\"Value\") AS total"
                + " FROM items GROUP BY k')", "INSERT INTO items (id, k, \"Value\") VALUES (101, 3, 1)");
        assertEquals("active|", statusAndError());
        assertEquals("FULL", scheduledRefreshAction());
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "totals", "SELECT k, sum(\"Value\") AS total FROM items GROUP BY k");
        }
    }

    @Test
    void renamedSourceTable() throws SQLException {
        db.execute("ALTER TABLE items RENAME TO things", "INSERT INTO things VALUES (100, 1, 5, 'x')");
        assertEquals("error|a change to a source table broke its query: relation \"public.items\" does not exist",
                statusAndError());
    }

    @Test
    void unrelatedChangesDisturbNothing() throws SQLException {
        db.execute("ALTER TABLE items ADD COLUMN added int", "ALTER TABLE items DROP COLUMN unused",
                "INSERT INTO items VALUES (100, 1, 5, 7)");
        assertEquals("active|", statusAndError());
        assertEquals("FULL", scheduledRefreshAction());
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "totals", QUERY);
        }
    }

    @Test
    void droppingTheStreamTableWithDropTableForgetsIt() throws SQLException {
        db.execute("DROP TABLE totals");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_table"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgstream%'"));
        assertNull(db.queryString("SELECT to_regclass('pgstream_changes.changes_' || 'items'::regclass::oid)"));
        db.execute("INSERT INTO items VALUES (100, 1, 5, 'x')");
    }

    private String statusAndError() throws SQLException {
        return db.queryString("SELECT status || '|' || coalesce(last_error, '') FROM pgstream.stream_tables");
    }

    /** What the engine does: refresh with errors recorded, not raised. */
    private String scheduledRefreshAction() throws SQLException {
        return db.queryString("SELECT action FROM pgstream._refresh((SELECT id FROM pgstream.stream_table), 'scheduled', false)");
    }

}
