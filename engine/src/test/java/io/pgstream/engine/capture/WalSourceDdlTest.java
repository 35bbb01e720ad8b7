package io.pgstream.engine.capture;

import static io.pgstream.engine.capture.WalTesting.assertEqualNow;
import static io.pgstream.engine.capture.WalTesting.awaitMode;
import static io.pgstream.engine.capture.WalTesting.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgstream.engine.Engine;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DDL on a source whose changes are decoded from the WAL: a column added (and then read by a new stream
 * table), renamed, retyped, the table dropped; and the publication and slot follow the stream tables away.
 */
class WalSourceDdlTest {

    private static final String TOTALS = "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k";
    private static final String NOTES = "SELECT note, count(*) AS n FROM items GROUP BY note";

    @Test
    void sourceDdlInWalModeKeepsWorking() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, 500) g",
                "CREATE TABLE extra (id int PRIMARY KEY, x int)", "INSERT INTO extra VALUES (1, 1)",
                "SELECT pgstream.create_stream_table('totals', '" + TOTALS + "', '1s')",
                "SELECT pgstream.create_stream_table('extra_sum', 'SELECT sum(x) AS s FROM extra', '1s')");
        try (Engine engine = engine(db)) {
            awaitMode(db, "items", "wal");
            awaitMode(db, "extra", "wal");

            db.execute("ALTER TABLE items ADD COLUMN note text", "INSERT INTO items (k, v, note) VALUES (1, 1, 'a')");
            assertEqualNow(db, "items", Map.of("totals", TOTALS));
            // a new consumer of a column the buffer did not have
            db.execute("SELECT pgstream.create_stream_table('notes', '" + NOTES + "', '1s')",
                    "INSERT INTO items (k, v, note) VALUES (2, 2, 'b'), (3, 3, 'a')", "UPDATE items SET note = 'c' WHERE id < 5");
            assertEqualNow(db, "items", Map.of("totals", TOTALS, "notes", NOTES));
            assertEquals("wal", db.queryString("SELECT capture_mode FROM pgstream.change_buffers WHERE source = 'public.items'"));

            db.execute("ALTER TABLE items RENAME COLUMN note TO remark", "INSERT INTO items (k, v, remark) VALUES (4, 4, 'd')");
            assertEqualNow(db, "items", Map.of("totals", TOTALS));
            db.execute("SELECT pgstream.alter_stream_table('notes', query => $$SELECT remark, count(*) AS n FROM items GROUP BY remark$$)",
                    "INSERT INTO items (k, v, remark) VALUES (5, 5, 'e')");
            assertEqualNow(db, "items", Map.of("totals", TOTALS,
                    "notes", "SELECT remark, count(*) AS n FROM items GROUP BY remark"));

            db.execute("ALTER TABLE items ALTER COLUMN v TYPE bigint", "INSERT INTO items (k, v) VALUES (6, 6000000000)",
                    "SELECT pgstream.alter_stream_table('totals', query => $$" + TOTALS + "$$)",
                    "UPDATE items SET v = v + 1 WHERE id < 20");
            assertEqualNow(db, "items", Map.of("totals", TOTALS));

            db.execute("DROP TABLE extra");
            assertEquals("error", db.queryString("SELECT status FROM pgstream.stream_tables WHERE name = 'extra_sum'"));
            assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.capture WHERE source_name = 'extra'"));

            db.execute("SELECT pgstream.drop_stream_table('extra_sum')", "SELECT pgstream.drop_stream_table('notes')",
                    "SELECT pgstream.drop_stream_table('totals')");
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_publication_tables WHERE pubname = 'pgstream_capture'"));
            assertEquals("d", db.queryString("SELECT relreplident::text FROM pg_class WHERE oid = 'items'::regclass"));
            Await.until(Duration.ofSeconds(30), "the slot goes with the last source",
                    () -> db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()") == 0);
        }
    }
}
