package io.pgstream.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.catalog.Catalog;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One engine keeping stream tables fresh. */
class EngineTest {

    private static final String QUERY = "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k";

    private TestDatabase db;

    @BeforeEach
    void schema() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, 1000) g");
    }

    @Test
    void aDatabaseWithoutPgStreamIsRefusedWithAClearMessage() {
        TestDatabase bare = TestPostgres.emptyDatabase();
        SQLException e = assertThrows(Catalog.MissingExtensionException.class,
                () -> Engine.start(EngineConfig.of(List.of(bare.url()))));
        assertTrue(e.getMessage().contains("database \"" + bare.name() + "\" has no pg_stream extension"), e.getMessage());
        assertTrue(e.getMessage().contains("pg-stream install"), e.getMessage());
    }

    @Test
    @Tag("smoke")
    void keepsAStreamTableFreshUnderWrites() throws Exception {
        db.execute("SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1s')");
        try (Engine engine = Engine.start(fastConfig()); Writer writer = new Writer(db, 7, 5)) {
            Await.until(Duration.ofSeconds(20), "the engine has refreshed 3 times with changes",
                    () -> db.queryLong("SELECT count(*) FROM pgstream.refresh_history"
                            + " WHERE initiated_by = 'scheduled' AND action IN ('FULL', 'DIFFERENTIAL')") >= 3);
            writer.close();
            assertTrue(writer.committed() > 10);
            awaitMatches("totals", QUERY);
        }
        assertTrue(db.queryString("SELECT string_agg(DISTINCT refreshed_by, ',') FROM pgstream.refresh_history"
                + " WHERE initiated_by = 'scheduled'").startsWith("pg-stream engine "));
        assertEquals("active", db.queryString("SELECT status FROM pgstream.stream_tables"));
        assertEquals("differential", db.queryString("SELECT plan FROM pgstream.stream_tables"), "the engine compiled it");
        assertTrue(db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'DIFFERENTIAL'") > 0);
    }

    @Test
    void unchangedStreamTablesStayFreshAndChangedOnesRefresh() throws Exception {
        db.execute("CREATE TABLE other (id int PRIMARY KEY, k int)",
                "SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1s')",
                "SELECT pgstream.create_stream_table('other_count', 'SELECT k, count(*) AS n FROM other GROUP BY k', '1s')",
                "SELECT pgstream.create_stream_table('\"Other Keys\"', 'SELECT DISTINCT k FROM other', '1s')");
        try (Engine engine = Engine.start(fastConfig())) {
            Await.until(Duration.ofSeconds(20), "every table skipped a few unchanged cycles", () -> db.queryLong(
                    "SELECT count(*) FROM pgstream.refresh_history WHERE action = 'SKIP' AND cycles >= 3") == 3);
            assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.stream_tables_info"
                    + " WHERE staleness > interval '3 seconds'"), "skipped cycles advance the data timestamp");
            db.execute("INSERT INTO other VALUES (1, 7), (2, 7)");
            awaitMatches("other_count", "SELECT k, count(*) AS n FROM other GROUP BY k");
            awaitMatches("\"Other Keys\"", "SELECT DISTINCT k FROM other");
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history h JOIN pgstream.stream_table st"
                + " ON st.id = h.stream_table_id WHERE st.relid = 'totals'::regclass AND h.initiated_by = 'scheduled'"
                + " AND h.action <> 'SKIP'"), "totals had nothing new");
    }

    @Test
    void picksUpStreamTablesCreatedWhileItRuns() throws Exception {
        try (Engine engine = Engine.start(fastConfig())) {
            db.execute("SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1s')",
                    "INSERT INTO items (k, v) VALUES (99, 99)");
            awaitMatches("totals", QUERY);
            // the engine compiled it (its plan's initial refresh runs on the engine's session) and keeps it fresh
            Await.until(Duration.ofSeconds(10), "the engine compiled the new stream table",
                    () -> "differential".equals(db.queryString("SELECT plan FROM pgstream.stream_tables")));
            assertTrue(db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE refreshed_by LIKE 'pg-stream engine%'") > 0);
        }
    }

    @Test
    void suspendedStreamTablesWaitAndCatchUpOnResume() throws Exception {
        db.execute("SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1s')",
                "SELECT pgstream.alter_stream_table('totals', status => 'suspended')",
                "INSERT INTO items (k, v) VALUES (99, 99)");
        try (Engine engine = Engine.start(fastConfig())) {
            Thread.sleep(2500);
            assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE initiated_by = 'scheduled'"));
            db.execute("SELECT pgstream.alter_stream_table('totals', status => 'active')");
            awaitMatches("totals", QUERY);
        }
    }

    @Test
    void neverRefreshesWhileAnotherSessionHoldsTheStreamTablesLock() throws Exception {
        db.execute("SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1s')");
        long id = db.queryLong("SELECT id FROM pgstream.stream_table");
        try (Engine engine = Engine.start(fastConfig()); Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("SELECT pgstream._lock_stream_table(" + id + ")"); // as a manual refresh does
            }
            db.execute("INSERT INTO items (k, v) VALUES (99, 99)");
            Thread.sleep(3000);
            assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE initiated_by = 'scheduled'"));
            holder.commit();
            awaitMatches("totals", QUERY);
        }
    }

    @Test
    void aFailingStreamTableDoesNotStopTheOthers() throws Exception {
        db.execute("CREATE TABLE doomed (a int)",
                "SELECT pgstream.create_stream_table('doomed_count', 'SELECT count(*) AS n FROM doomed', '1s')",
                "SELECT pgstream.create_stream_table('totals', '" + QUERY + "', '1s')",
                "DROP TABLE doomed");
        try (Engine engine = Engine.start(fastConfig())) {
            db.execute("INSERT INTO items (k, v) VALUES (99, 99)");
            awaitMatches("totals", QUERY);
            Await.until(Duration.ofSeconds(10), "the failure is recorded", () -> db.queryLong(
                    "SELECT count(*) FROM pgstream.refresh_history WHERE action = 'ERROR'") > 0);
        }
        assertEquals("error", db.queryString("SELECT status FROM pgstream.stream_tables WHERE name = 'doomed_count'"));
    }

    private EngineConfig fastConfig() {
        return new EngineConfig(List.of(db.url()), 2, Duration.ofMillis(500));
    }

    private void awaitMatches(String streamTable, String query) throws Exception {
        Await.until(Duration.ofSeconds(20), streamTable + " equals its query", () -> {
            try (Connection c = db.connect()) {
                return Oracle.matches(c, streamTable, query);
            }
        });
    }
}
