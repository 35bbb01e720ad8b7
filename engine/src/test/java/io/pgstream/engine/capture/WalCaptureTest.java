package io.pgstream.engine.capture;

import static io.pgstream.engine.capture.WalTesting.ITEMS;
import static io.pgstream.engine.capture.WalTesting.assertEqualNow;
import static io.pgstream.engine.capture.WalTesting.awaitMode;
import static io.pgstream.engine.capture.WalTesting.createItems;
import static io.pgstream.engine.capture.WalTesting.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.differential.Workload;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sources move from capture triggers to the WAL by themselves while writers run, and the stream tables stay
 * equal to their queries throughout: no change is lost or counted twice across the cutover, and the rows
 * the decoder writes (inserts, updates with and without TOASTed values changing, deletes, TRUNCATE, large
 * and many small transactions) are the rows the triggers would have written.
 */
class WalCaptureTest {

    @Test
    @Tag("smoke")
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
            writer.close();
            another.close();
            // what is left is the WAL of the engine's own bookkeeping since the decoder's last report
            Await.until(Duration.ofSeconds(10), "the decoder's lag comes down once the writers stop",
                    () -> db.queryLong("SELECT lag_bytes FROM pgstream.change_buffers") < 65536);
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
        db.execute(Workload.LIFT_CHANGE_RATIO);
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

    /**
     * The marker a refresh waits for reaches the decoder while nothing else writes: PostgreSQL 17 and later flush
     * it as it is written, the decoder has older ones flush it (see WalFlushNudge), where it waited for the next
     * commit (the background writer's snapshot of running transactions, every 15 s).
     */
    @Test
    @Tag("smoke")
    void aRefreshOfAQuietSourceWaitsLittleForTheDecoder() throws Exception {
        TestDatabase db = TestPostgres.database();
        String query = "SELECT sum(v) AS total FROM quiet";
        db.execute("CREATE TABLE quiet (id int PRIMARY KEY, v int)", "INSERT INTO quiet SELECT g, g FROM generate_series(1, 10) g",
                "SELECT pgstream.create_stream_table('quiet_total', '" + query + "', '1h')");
        try (Engine engine = engine(db); Connection c = db.connect()) {
            awaitMode(db, "quiet", "wal");
            for (int round = 0; round < 2; round++) {
                db.execute("UPDATE quiet SET v = v + 1 WHERE id = 1");
                Thread.sleep(1000); // the decoder has gone quiet, and nothing else writes
                long started = System.nanoTime();
                db.execute("SELECT pgstream.refresh_stream_table('quiet_total')");
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(waited.toMillis() < 3000, "the refresh took " + waited);
                Oracle.assertMatches(c, "quiet_total", query);
            }
        }
    }

    @Test
    void valuesOfEveryCommonTypeSurviveTheTextRoundTrip() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')", "CREATE TYPE pair AS (a int, b text)",
                """
                CREATE TABLE typed (id int PRIMARY KEY, i2 int2, i8 int8, num numeric, num_scaled numeric(12,4),
                    f4 float4, f8 float8, txt text, vc varchar(20), bin bytea, flag bool, d date, ts timestamp,
                    tstz timestamptz, span interval, t time, ttz timetz, u uuid, doc jsonb, raw json, ints int[],
                    texts text[], p pair, m mood, addr inet, net cidr, cash money, pt point)""",
                """
                INSERT INTO typed VALUES
                  (1, -32768, 9223372036854775807, 12345678901234567890.123456789, 1.5, 1.17549e-38, 0.1,
                   E'tab\\tnew\\nline back\\\\slash \\\\N ''quote'' zoë', 'x', '\\x00ff10', true, '2026-12-01',
                   '2026-12-01 23:59:59.999999', '2026-12-01 12:00:00+05:30', '1 year 2 mons 3 days 04:05:06.7',
                   '23:59:59', '12:00:00+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2.50, null]}',
                   '{ "spaced" :  1 }', '{1,NULL,3}', '{"a b",NULL,"c\\"d"}', ROW(1, 'x,y'), 'happy',
                   '192.168.0.1/24', '10.0.0.0/8', 12.34, '(1.5,-2)'),
                  (2, NULL, NULL, 'NaN', NULL, 'Infinity', '-0', '', NULL, '\\x', false, 'infinity', '-infinity',
                   NULL, '-1 day', NULL, NULL, NULL, 'null', '[]', '{}', '{}', ROW(NULL, NULL), NULL, '::1', NULL, NULL,
                   NULL)""",
                "SELECT pgstream.create_stream_table('typed_copy', 'SELECT * FROM typed', '1h')");
        Map<String, String> copy = Map.of("typed_copy", "SELECT * FROM typed");
        try (Engine engine = engine(db)) {
            awaitMode(db, "typed", "wal");
            db.execute("INSERT INTO typed SELECT id + 10, i2, i8, num, num_scaled, f4, f8, txt, vc, bin, flag, d, ts, tstz,"
                            + " span, t, ttz, u, doc, raw, ints, texts, p, m, addr, net, cash, pt FROM typed",
                    "UPDATE typed SET f8 = f8 / 3, txt = txt || E'\\r', doc = doc || '{\"b\": true}' WHERE id = 1",
                    "DELETE FROM typed WHERE id = 2");
            assertEqualNow(db, "typed", copy);
        }
        assertEquals("DIFFERENTIAL", db.queryString("SELECT action FROM pgstream.refresh_history ORDER BY id DESC LIMIT 1"));
    }
}
