package io.pgstream.engine.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.core.sql.Sql;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pgstream.stream_tables_info, dependencies, change_buffers and refresh_history over names that need quoting:
 * capitals, spaces, quotes and schemas. Names come out schema-qualified and quoted, whatever the search_path.
 */
class MonitoringViewsTest {

    private static final String LINES = "\"Sales Dept\".\"Order \"\"Lines\"\"\"";
    private static final String SUMMARY = "\"Sales Dept\".\"Qty \"\"Summary\"\"\"";
    private static final String BIG = "public.\"Big Qty\"";

    private TestDatabase db;

    @BeforeEach
    void graph() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE " + LINES + " (\"Line Id\" int PRIMARY KEY, \"Qty\" int)",
                "INSERT INTO " + LINES + " SELECT g, g % 4 FROM generate_series(1, 40) g");
        create(SUMMARY, "SELECT \"Qty\", count(*) AS \"Line Count\" FROM " + LINES + " GROUP BY \"Qty\"", "1m");
        create(BIG, "SELECT \"Qty\" FROM " + SUMMARY + " WHERE \"Line Count\" > 5", "calculated");
    }

    @Test
    void streamTablesInfoDescribesEachStreamTable() throws SQLException {
        db.execute("ANALYZE " + SUMMARY, "INSERT INTO " + LINES + " VALUES (100, 1), (101, 9)");
        Map<String, String> summary = info(SUMMARY);
        assertEquals("active", summary.get("status"));
        assertNull(summary.get("suspended_reason"));
        assertNull(summary.get("blocked_by"));
        assertEquals("1m", summary.get("schedule"));
        assertEquals("auto", summary.get("refresh_mode"));
        assertEquals("pending", summary.get("plan"));
        // creating its reader refreshed it first, in the same round, with nothing new: the last applied stays FULL
        assertEquals("SKIP", summary.get("last_refresh_action"));
        assertEquals("FULL", summary.get("last_applied_action"));
        assertNotNull(summary.get("data_timestamp"));
        assertNotNull(summary.get("last_refresh_at"));
        assertNotNull(summary.get("last_refresh_duration"));
        assertEquals("4", summary.get("rows_estimate"), "from pg_class.reltuples, set by ANALYZE");
        assertEquals("2", summary.get("pending_changes"));
        assertEquals("0", summary.get("consecutive_errors"));
        assertNull(summary.get("last_error"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM pgstream.stream_tables_info"
                + " WHERE staleness >= interval '0' AND staleness = now() - data_timestamp AND name = " + Sql.literal(SUMMARY)));

        // its round refreshes the summary first; the summary's change then reaches it
        assertEquals("FULL", refresh(BIG));
        assertEquals("FULL", info(SUMMARY).get("last_refresh_action"));
        assertEquals("0", info(SUMMARY).get("pending_changes"));
        assertEquals("FULL", info(BIG).get("last_applied_action"), "the last refresh that applied changes");
        assertNull(info(BIG).get("rows_estimate"), "never analyzed: unknown");
    }

    @Test
    void namesDoNotDependOnTheSearchPath() throws SQLException {
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            statement.execute("SET search_path = \"Sales Dept\", public");
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT name FROM pgstream.stream_tables_info ORDER BY id")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            assertEquals(List.of(SUMMARY, BIG), names);
        }
    }

    @Test
    void aSuspendedUpstreamBlocksWhatReadsIt() throws SQLException {
        db.execute("SELECT pgstream.alter_stream_table(" + Sql.literal(SUMMARY) + ", status => 'suspended')");
        assertEquals(SUMMARY, info(BIG).get("blocked_by"));
        assertEquals("suspended by user", info(SUMMARY).get("suspended_reason"));
        assertNull(info(SUMMARY).get("blocked_by"), "a table does not block itself");
        db.execute("SELECT pgstream.alter_stream_table(" + Sql.literal(SUMMARY) + ", status => 'active')");
        assertNull(info(BIG).get("blocked_by"));
    }

    @Test
    void dependenciesHaveOneRowPerEdge() throws SQLException {
        List<Map<String, String>> edges = rows("SELECT upstream, upstream_kind, upstream_schedule, downstream,"
                + " downstream_schedule, columns::text FROM pgstream.dependencies ORDER BY downstream_id");
        assertEquals(List.of(
                Map.of("upstream", LINES, "upstream_kind", "table", "downstream", SUMMARY, "downstream_schedule", "1m",
                        "columns", "{Qty}"),
                Map.of("upstream", SUMMARY, "upstream_kind", "stream table", "upstream_schedule", "1m",
                        "downstream", BIG, "downstream_schedule", "calculated", "columns", "{\"Line Count\",Qty}")),
                edges.stream().map(MonitoringViewsTest::withoutNulls).toList());
    }

    @Test
    void changeBuffersShowWhatWaitsInEachCapturedSource() throws SQLException {
        Map<String, String> lines = row("SELECT * FROM pgstream.change_buffers WHERE source = " + Sql.literal(LINES));
        assertEquals("pgstream_changes.changes_" + db.queryString("SELECT " + Sql.literal(LINES) + "::regclass::oid"),
                lines.get("buffer"));
        assertEquals("0", lines.get("pending_changes"));
        assertEquals("1", lines.get("consumers"));
        assertTrue(Long.parseLong(lines.get("buffer_bytes")) > 0);
        assertNull(lines.get("oldest_change_age_bound"), "nothing waits");

        db.execute("UPDATE " + LINES + " SET \"Qty\" = 0 WHERE \"Line Id\" <= 3");
        lines = row("SELECT * FROM pgstream.change_buffers WHERE source = " + Sql.literal(LINES));
        assertEquals("6", lines.get("pending_changes"));
        assertNotNull(lines.get("oldest_change_age_bound"));
        assertEquals(List.of(LINES, SUMMARY), db.queryColumn("SELECT source FROM pgstream.change_buffers ORDER BY source"));
    }

    @Test
    void refreshHistoryRecordsDurationsAndErrors() throws SQLException {
        db.execute("INSERT INTO " + LINES + " VALUES (100, 1)");
        refresh(SUMMARY);
        // the full refresh's query now fails
        db.execute("UPDATE pgstream.stream_table SET full_query = 'SELECT 1 / 0 AS \"Qty\", 1::bigint AS \"Line Count\"'"
                        + " WHERE relid = " + Sql.literal(SUMMARY) + "::regclass",
                "INSERT INTO " + LINES + " VALUES (101, 1)");
        db.queryString("SELECT action FROM pgstream._refresh((pgstream._find(" + Sql.literal(SUMMARY) + ")).id, 'scheduled', false)");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE duration <> finished_at - started_at"
                + " OR duration IS NULL"));
        assertEquals("ERROR|division by zero", db.queryString("SELECT action || '|' || error FROM pgstream.refresh_history"
                + " ORDER BY id DESC LIMIT 1"));
    }

    @Test
    void theViewsStillWorkWhenASourceIsDropped() throws SQLException {
        db.execute("CREATE TABLE \"Gone\" (x int)");
        create("public.gone_count", "SELECT count(*) AS n FROM \"Gone\"", "1m");
        db.execute("DROP TABLE \"Gone\"");
        Map<String, String> gone = info("public.gone_count");
        assertEquals("error", gone.get("status"));
        assertNull(gone.get("pending_changes"), "its buffer went with the source");
        assertEquals("dropped table", db.queryString(
                "SELECT upstream_kind FROM pgstream.dependencies WHERE downstream = 'public.gone_count'"));
        assertEquals("public.\"Gone\"", db.queryString(
                "SELECT upstream FROM pgstream.dependencies WHERE downstream = 'public.gone_count'"),
                "the name the source had when the stream table was defined");
        assertEquals(2, db.queryLong("SELECT count(*) FROM pgstream.change_buffers"));
    }

    private Map<String, String> info(String name) throws SQLException {
        return row("SELECT * FROM pgstream.stream_tables_info WHERE name = " + Sql.literal(name));
    }

    private Map<String, String> row(String sql) throws SQLException {
        List<Map<String, String>> rows = rows(sql);
        assertEquals(1, rows.size(), sql);
        return rows.getFirst();
    }

    private List<Map<String, String>> rows(String sql) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Map<String, String> withoutNulls(Map<String, String> row) {
        Map<String, String> present = new LinkedHashMap<>(row);
        present.values().removeIf(value -> value == null);
        return present;
    }

    private void create(String name, String query, String schedule) throws SQLException {
        try (Connection c = db.connect()) {
            StreamTables.create(c, name, query, schedule, "auto");
        }
    }

    private String refresh(String name) throws SQLException {
        return db.queryString("SELECT action FROM pgstream.refresh_stream_table(" + Sql.literal(name) + ")");
    }
}
