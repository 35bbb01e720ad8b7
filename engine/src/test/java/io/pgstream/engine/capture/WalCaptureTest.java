package io.pgstream.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sources move from capture triggers to the WAL by themselves while writers run, and the stream tables stay
 * equal to their queries throughout: no change is lost or counted twice across the cutover, and the rows
 * the decoder writes (inserts, updates with and without TOASTed values changing, deletes, TRUNCATE, large
 * and many small transactions) are the rows the triggers would have written.
 */
class WalCaptureTest {

    private static final Map<String, String> ITEMS = Map.of(
            "totals", "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k",
            "pairs", "SELECT i.k, i.v, j.v AS next_v FROM items i JOIN items j ON j.id = i.id + 1");

    static Engine engine(TestDatabase db) throws Exception {
        return Engine.start(new EngineConfig(List.of(db.url()), 2, Duration.ofMillis(200)));
    }

    static void awaitMode(TestDatabase db, String source, String mode) throws Exception {
        Await.until(Duration.ofSeconds(60), source + " is captured in mode " + mode, () -> mode.equals(
                db.queryString("SELECT capture_mode FROM pgstream.change_buffers WHERE source = 'public." + source + "'")));
    }

    /**
     * Refreshes each stream table and compares it with its query while the writers are held off by a SHARE
     * lock on the sources, so that both sides see the same rows.
     */
    static void assertEqualNow(TestDatabase db, String sources, Map<String, String> streamTables) throws Exception {
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            c.setAutoCommit(false);
            statement.execute("LOCK TABLE " + sources + " IN SHARE MODE");
            for (var entry : streamTables.entrySet()) {
                statement.execute("SELECT pgstream.refresh_stream_table('" + entry.getKey() + "')");
                Oracle.assertMatches(c, entry.getKey(), entry.getValue());
            }
            c.commit();
        }
    }

    static void createItems(TestDatabase db, int rows) throws Exception {
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, " + rows + ") g");
        for (var entry : ITEMS.entrySet()) {
            db.execute("SELECT pgstream.create_stream_table('" + entry.getKey() + "', '" + entry.getValue() + "', '1s')");
        }
    }

    @Test
    void sourcesMoveToTheWalUnderWritesAndStayEqualThroughout() throws Exception {
        TestDatabase db = TestPostgres.database();
        createItems(db, 2000);
        try (Engine engine = engine(db); Writer writer = new Writer(db, 1, 1); Writer another = new Writer(db, 2, 1)) {
            int checksInWalMode = 0;
            while (checksInWalMode < 5) {
                boolean wal = "wal".equals(db.queryString("SELECT capture_mode FROM pgstream.change_buffers"));
                assertEqualNow(db, "items", ITEMS);
                checksInWalMode += wal ? 1 : 0;
                Thread.sleep(100);
            }
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'items'::regclass"));
            assertTrue(writer.committed() + another.committed() > 100);
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'ERROR'"));
        assertTrue(db.queryLong("SELECT count(*) FROM pgstream.refresh_history h, pgstream.capture c"
                + " WHERE h.action = 'DIFFERENTIAL' AND h.started_at > c.mode_since") > 0,
                "stream tables refresh differentially from decoded changes");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_publication_tables WHERE tablename = 'items'"));
        assertEquals("f", db.queryString("SELECT relreplident::text FROM pg_class WHERE oid = 'items'::regclass"));
    }

    @Test
    void everyKindOfChangeArrivesThroughTheWal() throws Exception {
        TestDatabase db = TestPostgres.database();
        // every refresh but the one after TRUNCATE differential, however many changes it has
        db.execute("UPDATE pgstream.settings SET value = '1000000' WHERE name = 'differential_max_change_ratio'");
        Map<String, String> docs = Map.of(
                "doc_summary", "SELECT id, length(body) AS len, md5(body) AS body_md5, meta->>'tag' AS tag, n FROM docs",
                "doc_counts", "SELECT n % 7 AS bucket, count(*) AS c, sum(n) AS s FROM docs GROUP BY n % 7");
        db.execute("CREATE TABLE docs (id int PRIMARY KEY, body text, meta jsonb, n int)",
                // stored out of line, uncompressed: an update that leaves them alone does not send them
                "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL, ALTER COLUMN meta SET STORAGE EXTERNAL",
                "INSERT INTO docs SELECT g, repeat(md5(g::text), 100 + g), jsonb_build_object('tag', 't' || g,"
                        + " 'pad', repeat('x', 3000 + g)), g FROM generate_series(1, 20) g");
        for (var entry : docs.entrySet()) {
            db.execute("SELECT pgstream.create_stream_table('" + entry.getKey() + "', $$" + entry.getValue() + "$$, '1h')");
        }
        try (Engine engine = engine(db)) {
            awaitMode(db, "docs", "wal");
            // TOASTed values: unchanged (filled from the old row), changed, set to NULL; multi-byte text
            db.execute("UPDATE docs SET n = n + 100 WHERE id <= 5",
                    "UPDATE docs SET body = repeat('zoë €', 1000) WHERE id = 6",
                    "UPDATE docs SET meta = meta || '{\"tag\": \"changed\"}' WHERE id = 7",
                    "UPDATE docs SET body = NULL, meta = NULL WHERE id = 8",
                    "DELETE FROM docs WHERE id = 9",
                    "INSERT INTO docs VALUES (100, repeat('ü', 3000), '{\"tag\": \"new\"}', 3)");
            assertEqualNow(db, "docs", docs);
            // many small transactions (one in ten updates a TOASTed row), then one large one
            try (Connection c = db.connect(); Statement statement = c.createStatement()) {
                for (int i = 0; i < 10_000; i++) {
                    statement.execute(i % 10 == 0 ? "UPDATE docs SET n = n + 1 WHERE id = " + (1 + i % 20)
                            : "INSERT INTO docs VALUES (" + (2_000_000 + i) + ", 'small " + i + "', '{}', " + i + ")");
                }
            }
            assertEqualNow(db, "docs", docs);
            db.execute("INSERT INTO docs SELECT g, 'row ' || g, jsonb_build_object('tag', g % 3), g FROM generate_series(1000, 1000999) g");
            assertEqualNow(db, "docs", docs);
            db.execute("TRUNCATE docs", "INSERT INTO docs VALUES (1, 'again', '{\"tag\": \"after truncate\"}', 1)");
            assertEqualNow(db, "docs", docs);
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'ERROR'"));
        assertEquals("a source was truncated", db.queryString("SELECT reason FROM pgstream.refresh_history"
                + " WHERE stream_table_id = (SELECT id FROM pgstream.stream_tables WHERE name = 'doc_counts') ORDER BY id DESC LIMIT 1"));
        assertTrue(db.queryLong("SELECT count(*) FROM pgstream.refresh_history h, pgstream.capture c"
                + " WHERE h.action = 'DIFFERENTIAL' AND h.started_at > c.mode_since") >= 6);
    }
}
