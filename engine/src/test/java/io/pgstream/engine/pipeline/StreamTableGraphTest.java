package io.pgstream.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * Stream tables reading stream tables, through the SQL API: cycles, drops, column changes, manual refresh
 * of a downstream table, and upstream failures.
 */
class StreamTableGraphTest {

    private static final String ALL_ITEMS = "SELECT id, k, v FROM items";
    private static final String SUMS = "SELECT k, sum(v) AS s, count(*) AS n FROM \"All Items\" GROUP BY k";
    private static final String COUNTS = "SELECT k, count(*) AS n FROM \"All Items\" GROUP BY k";
    private static final String BOTH = "SELECT s.k, s.s, s.n - c.n AS drift FROM sums s JOIN \"app\".\"Counts\" c ON s.k = c.k";

    private TestDatabase db;

    @BeforeEach
    void diamond() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "CREATE SCHEMA app",
                "INSERT INTO items (k, v) SELECT g % 5, g FROM generate_series(1, 100) g",
                "SELECT pgstream.create_stream_table('\"All Items\"', '" + ALL_ITEMS + "')",
                "SELECT pgstream.create_stream_table('sums', '" + SUMS.replace("'", "''") + "')",
                "SELECT pgstream.create_stream_table('app.\"Counts\"', '" + COUNTS.replace("'", "''") + "')",
                "SELECT pgstream.create_stream_table('both_', '" + BOTH.replace("'", "''") + "', '5s')");
    }

    @Test
    void theGraphIsRecorded() throws SQLException {
        assertEquals(List.of("\"All Items\" -> app.\"Counts\"", "\"All Items\" -> sums", "app.\"Counts\" -> both_",
                        "sums -> both_"),
                db.queryColumn("SELECT u.relid::regclass || ' -> ' || d.relid::regclass FROM pgstream._edges e"
                        + " JOIN pgstream.stream_table u ON u.id = e.upstream_id"
                        + " JOIN pgstream.stream_table d ON d.id = e.downstream_id ORDER BY 1"));
    }

    @Test
    void aQueryThatWouldCloseACycleIsRefusedNamingTheCycle() throws SQLException {
        SQLException e = assertThrows(SQLException.class, () -> db.execute(
                "SELECT pgstream.alter_stream_table('\"All Items\"', query => 'SELECT id, k, v FROM items"
                        + " WHERE k IN (SELECT k FROM both_)')"));
        assertEquals("42P19", e.getSQLState());
        assertTrue(e.getMessage().contains("stream table public.\"All Items\" would read itself: public.\"All Items\" reads public.both_ reads"),
                e.getMessage());
        assertEquals(ALL_ITEMS, db.queryString("SELECT query FROM pgstream.stream_table WHERE relid = '\"All Items\"'::regclass"),
                "nothing changed");
        SQLException self = assertThrows(SQLException.class, () -> db.execute(
                "SELECT pgstream.alter_stream_table('sums', query => 'SELECT k, s, n FROM sums')"));
        assertTrue(self.getMessage().contains("public.sums would read itself: public.sums reads public.sums"), self.getMessage());
    }

    @Test
    void droppingAStreamTableOthersReadNeedsCascade() throws SQLException {
        SQLException e = assertThrows(SQLException.class,
                () -> db.execute("SELECT pgstream.drop_stream_table('\"All Items\"')"));
        assertEquals("2BP01", e.getSQLState());
        assertTrue(e.getMessage().contains("other stream tables read it: public.sums, app.\"Counts\", public.both_"), e.getMessage());

        db.execute("SELECT pgstream.drop_stream_table('sums', cascade => true)");
        assertEquals(List.of("\"All Items\"", "app.\"Counts\""),
                db.queryColumn("SELECT relid::regclass::text FROM pgstream.stream_table ORDER BY id"));
        db.execute("SELECT pgstream.drop_stream_table('\"All Items\"', cascade => true)");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_table"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.capture"), "no capture is left behind");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'pgstream_changes'::regnamespace"));
    }

    @Test
    void theColumnsOfAStreamTableOthersReadCannotChange() throws SQLException {
        SQLException e = assertThrows(SQLException.class, () -> db.execute(
                "SELECT pgstream.alter_stream_table('\"All Items\"', query => 'SELECT id, k FROM items')"));
        assertEquals("2BP01", e.getSQLState());
        assertTrue(e.getMessage().contains("cannot change the columns of stream table public.\"All Items\""), e.getMessage());
        // the same columns: allowed, and the readers follow
        db.execute("SELECT pgstream.alter_stream_table('\"All Items\"', query => 'SELECT id, k, v FROM items WHERE v > 50')",
                "SELECT pgstream.refresh_stream_table('both_')");
        assertMatches("both_", "SELECT s.k, s.s, s.n - c.n AS drift FROM (SELECT k, sum(v) AS s, count(*) AS n FROM items"
                + " WHERE v > 50 GROUP BY k) s JOIN (SELECT k, count(*) AS n FROM items WHERE v > 50 GROUP BY k) c ON s.k = c.k");
    }

    @Test
    void aManualRefreshBringsWhatTheTableReadsToTheSamePointFirst() throws SQLException {
        db.execute("INSERT INTO items (k, v) VALUES (1, 1000), (7, 7)", "DELETE FROM items WHERE id = 3",
                "SELECT pgstream.refresh_stream_table('both_')");
        assertMatches("both_", "SELECT k, sum(v) AS s, 0::bigint AS drift FROM items GROUP BY k");
        assertEquals(1, db.queryLong("SELECT count(DISTINCT data_timestamp) FROM pgstream.stream_table"),
                "every table of the round reflects the same point");
        assertEquals(List.of("manual"), db.queryColumn(
                "SELECT DISTINCT initiated_by FROM pgstream.refresh_history WHERE initiated_by <> 'initial'"));
    }

    @Test
    void readersStayDifferentialWhenWhatTheyReadRefreshesInFull() throws SQLException {
        db.execute("SELECT pgstream.alter_stream_table('\"All Items\"', refresh_mode => 'full')");
        try (Connection c = db.connect()) {
            assertTrue(PlanInstaller.install(c, "sums").differential());
        }
        db.execute("SELECT pgstream.refresh_stream_table('sums')", // the plan's first refresh is full
                "UPDATE items SET v = v + 1 WHERE id % 7 = 0", "INSERT INTO items (k, v) VALUES (NULL, 5)",
                "SELECT pgstream.refresh_stream_table('sums')");
        assertEquals(List.of("\"All Items\" FULL", "sums DIFFERENTIAL"), db.queryColumn(
                "SELECT st.relid::regclass || ' ' || h.action FROM pgstream.refresh_history h"
                        + " JOIN pgstream.stream_table st ON st.id = h.stream_table_id ORDER BY h.id DESC LIMIT 2").reversed());
        assertMatches("sums", "SELECT k, sum(v) AS s, count(*) AS n FROM items GROUP BY k");
    }

    @Test
    void readersOfAFailedOrSuspendedStreamTableAreHeldBack() throws SQLException {
        db.execute("SELECT pgstream.alter_stream_table('sums', status => 'suspended')", "INSERT INTO items (k, v) VALUES (1, 5)");
        SQLException e = assertThrows(SQLException.class, () -> db.execute("SELECT pgstream.refresh_stream_table('both_')"));
        assertTrue(e.getMessage().contains("stream table public.both_ cannot be refreshed: upstream public.sums is suspended"), e.getMessage());

        // the engine's way: failures are recorded, and what reads a failed table waits
        db.execute("SELECT pgstream.alter_stream_table('sums', status => 'active')");
        List<String> round = db.queryColumn("SELECT stream_table || ' ' || action || coalesce(' ' || reason, '')"
                + " FROM pgstream._refresh_round(ARRAY[(SELECT id FROM pgstream.stream_table WHERE relid = 'both_'::regclass)],"
                + " 'scheduled', false)");
        assertEquals(4, round.size(), round.toString());
        assertTrue(round.get(3).startsWith("public.both_ FULL") || round.get(3).startsWith("public.both_ DIFFERENTIAL"), round.toString());

        db.execute("SELECT pgstream.alter_stream_table('\"All Items\"',"
                        + " query => 'SELECT id, k, v / (v - 1000) * 0 + v AS v FROM items')",
                "INSERT INTO items (k, v) VALUES (2, 1000)"); // "All Items" now fails: division by zero
        round = db.queryColumn("SELECT stream_table || ' ' || action || coalesce(' ' || reason, '')"
                + " FROM pgstream._refresh_round(ARRAY[(SELECT id FROM pgstream.stream_table WHERE relid = 'both_'::regclass)],"
                + " 'scheduled', false)");
        assertTrue(round.get(0).startsWith("public.\"All Items\" ERROR"), round.toString());
        assertEquals("public.sums SKIP upstream public.\"All Items\" failed", round.get(1));
        assertEquals("public.both_ SKIP upstream public.sums failed, app.\"Counts\" failed", round.get(3));
    }

    private void assertMatches(String streamTable, String query) throws SQLException {
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, streamTable, query);
        }
    }
}
