package io.pgstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.core.sql.Sql;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pg-stream status over a small graph with names that need quoting: the table, the dependency tree (what is
 * queried at the top, what it reads below), and the JSON document for scripts.
 */
class StatusCommandTest {

    private static final String LINES = "\"Sales Dept\".\"Order \"\"Lines\"\"\"";
    private static final String SUMMARY = "\"Sales Dept\".\"Qty Summary\"";
    private static final String BIG = "public.\"Big Qty\"";
    private static final String COUNTS = "public.counts";

    private TestDatabase db;

    @BeforeEach
    void graph() throws SQLException {
        db = TestPostgres.database();
        db.execute("CREATE SCHEMA \"Sales Dept\"",
                "CREATE TABLE " + LINES + " (\"Line Id\" int PRIMARY KEY, \"Qty\" int)",
                "CREATE TABLE notes (id int)",
                "INSERT INTO " + LINES + " SELECT g, g % 4 FROM generate_series(1, 40) g");
        try (Connection c = db.connect()) {
            StreamTables.create(c, SUMMARY,
                    "SELECT \"Qty\", count(*) AS n FROM " + LINES + " GROUP BY \"Qty\"", "1m", "auto");
            StreamTables.create(c, BIG, "SELECT s.\"Qty\" FROM " + SUMMARY + " s, notes WHERE s.n > 5", "calculated", "full");
            StreamTables.create(c, COUNTS, "SELECT count(*) AS n FROM " + SUMMARY, "5m", "auto");
        }
        db.execute("SELECT pgstream.alter_stream_table(" + Sql.literal(SUMMARY) + ", status => 'suspended')",
                "INSERT INTO " + LINES + " VALUES (100, 1), (101, 2)");
    }

    @Test
    void showsEveryStreamTableThenTheGraphWithWhatIsQueriedOnTop() {
        Cli status = Cli.run("status", "--db", db.url());
        assertEquals(0, status.exitCode(), status::toString);
        List<String> lines = status.out().lines().toList();
        assertEquals(List.of("NAME", "STATUS", "SCHEDULE"), List.of(lines.get(0).split(" +")).subList(0, 3));
        assertTrue(lines.get(1).matches("\"Sales Dept\"[.]\"Qty Summary\" +suspended +1m .* +2 +0 +suspended by user"),
                lines.get(1));
        assertTrue(lines.get(2).matches("public[.]\"Big Qty\" +active +calculated .* full [(]full[)] .*"
                + " +0 +0 +blocked by \"Sales Dept\"[.]\"Qty Summary\""), lines.get(2));
        assertTrue(lines.get(3).startsWith("public.counts "), lines.get(3));
        assertEquals(List.of(
                "",
                "DEPENDENCIES (what applications read at the top, what each stream table reads below it)",
                "public.\"Big Qty\" [active, calculated]",
                "├── \"Sales Dept\".\"Qty Summary\" [suspended, 1m]",
                "│   └── \"Sales Dept\".\"Order \"\"Lines\"\"\" (table)",
                "└── public.notes (table)",
                "public.counts [active, 5m]",
                "└── \"Sales Dept\".\"Qty Summary\" [suspended, 1m]",
                "    └── \"Sales Dept\".\"Order \"\"Lines\"\"\" (table)",
                ""),
                lines.subList(4, 14));
        assertTrue(lines.get(14).startsWith("CAPTURE "), lines.get(14));
        assertEquals(List.of("SOURCE", "CAPTURE", "SINCE"), List.of(lines.get(15).split(" +")).subList(0, 3));
        assertTrue(lines.get(16).matches("\"Sales Dept\"[.]\"Order \"\"Lines\"\"\" +trigger .* moves to the WAL once an engine runs"),
                lines.get(16));
        assertTrue(lines.get(17).matches("\"Sales Dept\"[.]\"Qty Summary\" +trigger .* a stream table: .*"), lines.get(17));
        assertTrue(lines.get(18).matches("public[.]notes +trigger .*"), lines.get(18));
        assertEquals(19, lines.size(), status::out);
    }

    @Test
    void jsonHasTheRowsOfTheThreeViews() throws SQLException {
        Cli status = Cli.run("status", "--db", db.url(), "--json");
        assertEquals(0, status.exitCode(), status::toString);
        String json = status.out();
        // PostgreSQL parses it: one valid document
        assertEquals("change_buffers,dependencies,tables",
                query(json, "SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(?::jsonb) k"));
        assertEquals(String.join(",", SUMMARY, BIG, "public.counts"),
                query(json, "SELECT string_agg(t ->> 'name', ',' ORDER BY t ->> 'name' COLLATE \"C\") FROM jsonb_array_elements(?::jsonb -> 'tables') t"));
        assertEquals("suspended|suspended by user|2",
                query(json, "SELECT concat_ws('|', t ->> 'status', t ->> 'suspended_reason', t ->> 'pending_changes')"
                        + " FROM jsonb_array_elements(?::jsonb -> 'tables') t WHERE t ->> 'name' = " + Sql.literal(SUMMARY)));
        assertTrue(query(json, "SELECT t ->> 'staleness' FROM jsonb_array_elements(?::jsonb -> 'tables') t"
                + " WHERE t ->> 'name' = 'public.counts'").matches("PT[0-9.]+S"), "intervals in ISO 8601");
        assertEquals("number", query(json, "SELECT jsonb_typeof(t -> 'pending_changes')"
                + " FROM jsonb_array_elements(?::jsonb -> 'tables') t WHERE t ->> 'name' = 'public.counts'"));
        assertEquals("4", query(json, "SELECT jsonb_array_length(?::jsonb -> 'dependencies')"));
        assertEquals(SUMMARY + "|stream table|" + BIG, query(json, "SELECT concat_ws('|', d ->> 'upstream',"
                + " d ->> 'upstream_kind', d ->> 'downstream') FROM jsonb_array_elements(?::jsonb -> 'dependencies') d"
                + " WHERE d ->> 'downstream' = " + Sql.literal(BIG) + " AND d ->> 'upstream_kind' = 'stream table'"));
        assertEquals(LINES + "|2|1", query(json, "SELECT concat_ws('|', b ->> 'source', b ->> 'pending_changes',"
                + " b ->> 'consumers') FROM jsonb_array_elements(?::jsonb -> 'change_buffers') b"
                + " WHERE b ->> 'source' = " + Sql.literal(LINES)));
    }

    @Test
    void jsonOfADatabaseWithoutStreamTablesHasEmptyLists() throws SQLException {
        TestDatabase empty = TestPostgres.database();
        Cli status = Cli.run("status", "--db", empty.url(), "--json");
        assertEquals(0, status.exitCode(), status::toString);
        assertEquals("{\"tables\": [], \"dependencies\": [], \"change_buffers\": []}", query(status.out(), "SELECT ?::jsonb::text"));
    }

    /** Runs a query with the JSON document as its one parameter. */
    private String query(String json, String sql) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, json);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
