package io.pgstream.engine.sqlapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.catalog.StreamTables.RefreshResult;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.Sessions;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/** The SQL API end to end: create, refresh, alter, drop, through JDBC as applications call it. */
@Tag("smoke")
class StreamTableApiTest {

    private static final String TOTALS =
            "SELECT customer_id, count(*) AS orders, sum(amount) AS revenue FROM shop.orders GROUP BY customer_id";

    private TestDatabase db;

    @BeforeEach
    void schema() throws SQLException {
        db = TestPostgres.database();
        db.execute(
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id int PRIMARY KEY, name text, region text)",
                "CREATE TABLE shop.orders (id int PRIMARY KEY, customer_id int, amount numeric(12,2), note text)",
                "INSERT INTO shop.customers SELECT g, 'customer ' || g, (ARRAY['north','south',NULL])[g % 3 + 1]"
                        + " FROM generate_series(1, 20) g",
                "INSERT INTO shop.orders SELECT g, g % 25, g * 1.25, NULL FROM generate_series(1, 500) g");
    }

    @Test
    void createPopulatesAndRefreshAppliesChanges() throws SQLException {
        try (Connection c = db.connect()) {
            assertEquals("totals", StreamTables.create(c, "totals", TOTALS, "1m", "auto"));
            Oracle.assertMatches(c, "totals", TOTALS);

            db.execute("UPDATE shop.orders SET amount = amount + 1 WHERE id <= 10",
                    "DELETE FROM shop.orders WHERE id BETWEEN 11 AND 20",
                    "INSERT INTO shop.orders VALUES (1000, NULL, NULL, 'null customer')");
            RefreshResult result = StreamTables.refresh(c, "totals");
            assertEquals("FULL", result.action());
            assertTrue(result.rowsInserted() > 0 && result.rowsDeleted() > 0, result.describe());
            Oracle.assertMatches(c, "totals", TOTALS);

            RefreshResult again = StreamTables.refresh(c, "totals");
            assertEquals("SKIP", again.action());
            assertEquals(0, again.rowsInserted() + again.rowsDeleted());
        }
        assertEquals("FULL,FULL,SKIP", String.join(",", db.queryColumn(
                "SELECT action FROM pgstream.refresh_history ORDER BY id")));
        assertEquals("initial,manual,manual", String.join(",", db.queryColumn(
                "SELECT initiated_by FROM pgstream.refresh_history ORDER BY id")));
    }

    @Test
    void aDifferentialRefreshReportsTheGroupsItUpdatedInPlace() throws SQLException {
        try (Connection c = db.connect()) {
            StreamTables.create(c, "totals", TOTALS, "1m", "differential");
            assertTrue(PlanInstaller.install(c, "totals").differential());
            db.execute("UPDATE shop.orders SET amount = amount + 1 WHERE id IN (1, 2, 26)",  // customers 1 and 2
                    "INSERT INTO shop.orders VALUES (1001, 99, 1, NULL)");                 // a new group
            RefreshResult result = StreamTables.refresh(c, "totals");
            assertEquals(List.of("DIFFERENTIAL", 1L, 0L, 2L), List.of(result.action(), result.rowsInserted(),
                    result.rowsDeleted(), result.rowsUpdated()), result.describe());
            assertTrue(result.describe().contains("(+1 -0 rows, 2 updated)"), result.describe());
            assertEquals("1 0 2", db.queryString("SELECT concat_ws(' ', rows_inserted, rows_deleted, rows_updated)"
                    + " FROM pgstream.refresh_history ORDER BY id DESC LIMIT 1"));
            Oracle.assertMatches(c, "totals", TOTALS);
        }
    }

    @Test
    void fullRefreshAppliesOnlyTheDifferenceAndKeepsDuplicates() throws SQLException {
        String regions = "SELECT region FROM shop.customers"; // a bag with duplicates and NULLs
        try (Connection c = db.connect()) {
            StreamTables.create(c, "regions", regions, "1m", "full");
            Oracle.assertMatches(c, "regions", regions);
            db.execute("UPDATE shop.customers SET region = 'east' WHERE id = 3");
            RefreshResult result = StreamTables.refresh(c, "regions");
            assertEquals(1, result.rowsInserted());
            assertEquals(1, result.rowsDeleted());
            Oracle.assertMatches(c, "regions", regions);
            db.execute("INSERT INTO shop.customers SELECT id + 100, name, region FROM shop.customers");
            assertEquals(20, StreamTables.refresh(c, "regions").rowsInserted());
            Oracle.assertMatches(c, "regions", regions);
        }
    }

    @Test
    void awkwardIdentifiersWorkEndToEnd() throws SQLException {
        db.execute("CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE \"Sales Dept\".\"Order \"\"Lines\"\"\" (\"Line Id\" int, \"Qty\" int, \"select\" text)",
                "INSERT INTO \"Sales Dept\".\"Order \"\"Lines\"\"\" SELECT g, g % 4, 'x' FROM generate_series(1, 50) g");
        String query = "SELECT \"Qty\", count(*) AS \"Line Count\", max(\"select\") AS \"select\""
                + " FROM \"Sales Dept\".\"Order \"\"Lines\"\"\" GROUP BY \"Qty\"";
        String name = "\"Sales Dept\".\"Qty \"\"Summary\"\"\"";
        try (Connection c = db.connect()) {
            assertEquals(name, StreamTables.create(c, name, query, "5s", "auto"));
            db.execute("DELETE FROM \"Sales Dept\".\"Order \"\"Lines\"\"\" WHERE \"Qty\" = 0");
            assertEquals("FULL", StreamTables.refresh(c, name).action());
            Oracle.assertMatches(c, name, query);
            StreamTables.drop(c, name, false);
        }
        assertNull(db.queryString("SELECT to_regclass('\"Sales Dept\".\"Qty \"\"Summary\"\"\"')"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgstream%'"));
    }

    @Test
    void queriesThroughViewsCaptureTheBaseTables() throws SQLException {
        db.execute("CREATE VIEW shop.big_orders AS SELECT * FROM shop.orders WHERE amount > 100");
        String query = "SELECT count(*) AS n FROM shop.big_orders";
        try (Connection c = db.connect()) {
            StreamTables.create(c, "big_count", query, "1m", "auto");
            db.execute("INSERT INTO shop.orders VALUES (2000, 1, 500, NULL)");
            assertEquals("FULL", StreamTables.refresh(c, "big_count").action());
            Oracle.assertMatches(c, "big_count", query);
        }
        assertEquals(List.of("shop.orders"), db.queryColumn("SELECT source_name FROM pgstream.capture"));
    }

    @Test
    void dropRemovesTriggersOnlyWhenNoOtherStreamTableNeedsThem() throws SQLException {
        try (Connection c = db.connect()) {
            StreamTables.create(c, "totals", TOTALS, "1m", "auto");
            StreamTables.create(c, "order_count", "SELECT count(*) AS n FROM shop.orders", "1m", "auto");
            assertEquals(4, triggersOn("shop.orders"));
            StreamTables.drop(c, "totals", false);
            assertEquals(4, triggersOn("shop.orders"));
            assertNull(db.queryString("SELECT to_regclass('totals')"));
            StreamTables.drop(c, "order_count", false);
        }
        assertEquals(0, triggersOn("shop.orders"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_table"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.capture"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'pgstream_changes'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history"));
    }

    @Test
    void alterChangesScheduleModeStatusAndQuery() throws SQLException {
        try (Connection c = db.connect()) {
            StreamTables.create(c, "totals", TOTALS, "1m", "auto");
            db.execute("SELECT pgstream.alter_stream_table('totals', schedule => '*/5 * * * *', refresh_mode => 'full')",
                    "SELECT pgstream.alter_stream_table('totals', status => 'suspended')");
            assertEquals("*/5 * * * *|full|suspended", db.queryString(
                    "SELECT schedule || '|' || refresh_mode || '|' || status FROM pgstream.stream_tables"));

            String byRegion = "SELECT c.region, sum(o.amount) AS revenue FROM shop.orders o"
                    + " JOIN shop.customers c ON c.id = o.customer_id GROUP BY c.region";
            db.execute("SELECT pgstream.alter_stream_table('totals', query => $$" + byRegion + "$$)");
            Oracle.assertMatches(c, "totals", byRegion);
            assertEquals(4, triggersOn("shop.customers"));
            db.execute("UPDATE shop.customers SET region = 'west' WHERE id < 5");
            assertEquals("FULL", StreamTables.refresh(c, "totals").action());
            Oracle.assertMatches(c, "totals", byRegion);

            db.execute("SELECT pgstream.alter_stream_table('totals', query => 'SELECT id FROM shop.customers')");
            assertEquals(0, triggersOn("shop.orders"), "orders is no longer read");
        }
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() throws SQLException {
        try (Connection c = db.connect()) {
            StreamTables.create(c, "totals", TOTALS, "1m", "auto");
            assertError("stream table \"nope\" does not exist", () -> StreamTables.refresh(c, "nope"));
            assertError("stream table \"nope\" does not exist", () -> StreamTables.drop(c, "nope", false));
            assertError("stream table \"public.totals\" already exists", () -> StreamTables.create(c, "totals", TOTALS, "1m", "auto"));
            assertError("relation \"shop.orders\" already exists",
                    () -> StreamTables.create(c, "shop.orders", TOTALS, "1m", "auto"));
            assertError("invalid schedule \"5 minutes\"", () -> StreamTables.create(c, "x", TOTALS, "5 minutes", "auto"));
            assertError("invalid schedule \"61 * * * *\"", () -> StreamTables.create(c, "x", TOTALS, "61 * * * *", "auto"));
            assertError("invalid refresh mode \"fast\"", () -> StreamTables.create(c, "x", TOTALS, "1m", "fast"));
            assertError("column \"id\" specified more than once",
                    () -> StreamTables.create(c, "x", "SELECT id, id FROM shop.orders", "1m", "auto"));
            assertError("the query calls the volatile function random()",
                    () -> StreamTables.create(c, "x", "SELECT id, random() AS r FROM shop.orders", "1m", "auto"));
            assertError("reserved for pg_stream",
                    () -> StreamTables.create(c, "x", "SELECT id AS __pgs_id FROM shop.orders", "1m", "auto"));
            assertError("improper stream table name",
                    () -> StreamTables.create(c, "a.b.c", TOTALS, "1m", "auto"));
            assertError("invalid status \"paused\"",
                    () -> c.createStatement().execute("SELECT pgstream.alter_stream_table('totals', status => 'paused')"));
        }
        assertEquals(1, db.queryLong("SELECT count(*) FROM pgstream.stream_table"));
        assertNull(db.queryString("SELECT to_regclass('x')"));
    }

    @Test
    void sqlErrorsArePostgresOwnWithAPositionInTheQuery() throws SQLException {
        try (Connection c = db.connect()) {
            PSQLException syntax = assertThrows(PSQLException.class,
                    () -> StreamTables.create(c, "x", "SELECT id FORM shop.orders", "1m", "auto"));
            assertEquals("42601", syntax.getSQLState());
            var server = syntax.getServerErrorMessage();
            assertTrue(server.getMessage().contains("syntax error at or near \"shop\""), server.getMessage());
            // the query is the second line of the internal statement: the position points into it
            String internal = server.getInternalQuery();
            int queryStart = internal.indexOf('\n') + 1;
            assertEquals("SELECT id FORM shop.orders".indexOf("shop") + 1, server.getInternalPosition() - queryStart);

            PSQLException unknownTable = assertThrows(PSQLException.class,
                    () -> StreamTables.create(c, "x", "SELECT * FROM shop.nope", "1m", "auto"));
            assertEquals("42P01", unknownTable.getSQLState());
            assertTrue(unknownTable.getMessage().contains("relation \"shop.nope\" does not exist"));

            PSQLException unknownColumn = assertThrows(PSQLException.class,
                    () -> StreamTables.create(c, "x", "SELECT nope FROM shop.orders", "1m", "auto"));
            assertEquals("42703", unknownColumn.getSQLState());
        }
    }

    @Test
    void temporaryTablesAreRefused() throws SQLException {
        try (Connection c = db.connect()) {
            c.createStatement().execute("CREATE TEMP TABLE scratch (a int)");
            assertError("the query reads the temporary table",
                    () -> StreamTables.create(c, "x", "SELECT a FROM scratch", "1m", "auto"));
        }
    }

    @Test
    void missingPrivilegeIsReportedSynchronously() throws SQLException {
        // analyst may use pg_stream, but not read shop.orders
        db.execute("CREATE ROLE analyst LOGIN", "GRANT pgstream_user TO analyst", "GRANT USAGE ON SCHEMA shop TO analyst",
                "GRANT USAGE, CREATE ON SCHEMA public TO analyst", "GRANT SELECT ON shop.customers TO analyst");
        try (Connection c = java.sql.DriverManager.getConnection(db.url().replace("user=postgres", "user=analyst"))) {
            PSQLException e = assertThrows(PSQLException.class,
                    () -> StreamTables.create(c, "mine", "SELECT count(*) AS n FROM shop.orders", "1m", "auto"));
            assertEquals("42501", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("permission denied for table shop.orders: role analyst cannot read it"), e.getMessage());
        }
        assertNull(db.queryString("SELECT to_regclass('mine')"));
    }

    @Test
    void twoSessionsCreatingStreamTablesOverSharedSourcesDoNotDeadlock() throws Exception {
        // dbt creates models in parallel threads. The second session needs a new column in the buffer of
        // customers and the capture lock of orders, which the first holds; the first then reads that buffer.
        String names = "SELECT id, name FROM shop.customers";
        String notes = "SELECT customer_id, note FROM shop.orders";
        String regions = "SELECT o.id, o.amount, c.region FROM shop.orders o LEFT JOIN shop.customers c ON c.id = o.customer_id";
        db.execute("SELECT pgstream.create_stream_table('names', '" + names + "', '1h')",
                "UPDATE shop.customers SET name = 'renamed' WHERE id = 1");
        try (Connection first = db.connect(); Connection second = db.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().execute("SELECT pgstream.create_stream_table('notes', '" + notes + "', '1h')");
            CompletableFuture<Void> other = Sessions.executeAndCommitAsync(second,
                    "SELECT pgstream.create_stream_table('regions', '" + regions + "', '1h')");
            Await.until(Duration.ofSeconds(20), "the second session waits for a capture lock", () -> db.queryLong(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 1);
            first.createStatement().execute("SELECT pgstream.refresh_stream_table('names')");
            first.commit();
            other.get(20, TimeUnit.SECONDS);
        }
        try (Connection c = db.connect()) {
            Oracle.assertMatches(c, "names", names);
            Oracle.assertMatches(c, "notes", notes);
            Oracle.assertMatches(c, "regions", regions);
        }
    }

    private long triggersOn(String table) throws SQLException {
        return db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = '" + table + "'::regclass AND tgname LIKE 'pgstream%'");
    }

    private interface SqlCall {
        void run() throws SQLException;
    }

    private static void assertError(String expected, SqlCall call) {
        SQLException e = assertThrows(SQLException.class, call::run);
        assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
