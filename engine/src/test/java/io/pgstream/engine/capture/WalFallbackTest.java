package io.pgstream.engine.capture;

import static io.pgstream.engine.capture.WalTesting.ITEMS;
import static io.pgstream.engine.capture.WalTesting.assertEqualNow;
import static io.pgstream.engine.capture.WalTesting.awaitMode;
import static io.pgstream.engine.capture.WalTesting.createItems;
import static io.pgstream.engine.capture.WalTesting.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.differential.Workload;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A source on the WAL goes back to triggers, losing nothing: without a refresh in full when the decoder
 * still works (pinned by a setting), with one (recorded with its reason) when changes may have been missed
 * (the slot dropped by hand, a refresh with no engine running); and it returns to the WAL afterwards, at once
 * when it was only pinned.
 */
class WalFallbackTest {


    @Test
    void aDroppedSlotFallsBackToTriggersAndTheSourceReturns() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("UPDATE pgstream.settings SET value = '1s' WHERE name = 'wal_retry_after'");
        createItems(db, 2000);
        try (Engine engine = engine(db); Writer writer = new Writer(db, 5, 1)) {
            awaitMode(db, "items", "wal");
            String slot = db.queryString("SELECT slot_name FROM pgstream.wal_capture");
            Await.until(Duration.ofSeconds(30), "the slot is dropped", () -> {
                db.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE active_pid IS NOT NULL");
                try {
                    db.execute("SELECT pg_drop_replication_slot('" + slot + "')");
                    return true;
                } catch (java.sql.SQLException stillActive) {
                    return false;
                }
            });
            Await.until(Duration.ofSeconds(30), "items falls back", () -> "the replication slot was dropped"
                    .equals(db.queryString("SELECT fallback_reason FROM pgstream.change_buffers")));
            assertEqualNow(db, "items", ITEMS);
            assertTrue(db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'FULL'"
                    + " AND reason LIKE 'the capture of public.items fell back to triggers (the replication slot was dropped)%'") >= 2);
            awaitMode(db, "items", "wal");
            assertEqualNow(db, "items", ITEMS);
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'ERROR'"));
    }

    @Test
    void aDecoderThatFailsRepeatedlyFallsBackAndTheSourceReturnsOnceItWorks() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("UPDATE pgstream.settings SET value = '1s' WHERE name = 'wal_retry_after'");
        createItems(db, 500);
        try (Engine engine = engine(db)) {
            awaitMode(db, "items", "wal");
            String buffer = db.queryString("SELECT buffer FROM pgstream.change_buffers");
            // decoded rows cannot be written any more; trigger rows still can
            db.execute("ALTER TABLE " + buffer + " ADD CONSTRAINT no_decoded_rows CHECK (NOT __pgs_wal) NOT VALID",
                    "INSERT INTO items (k, v) VALUES (1, 1)");
            Await.until(Duration.ofSeconds(30), "items falls back", () -> db.queryString(
                    "SELECT fallback_reason FROM pgstream.change_buffers") != null);
            assertTrue(db.queryString("SELECT fallback_reason FROM pgstream.change_buffers")
                    .startsWith("the WAL decoder failed 3 times in a row: "));
            db.execute("INSERT INTO items (k, v) VALUES (2, 2)");
            assertEqualNow(db, "items", ITEMS);
            db.execute("ALTER TABLE " + buffer + " DROP CONSTRAINT no_decoded_rows");
            awaitMode(db, "items", "wal");
            db.execute("INSERT INTO items (k, v) VALUES (3, 3)");
            assertEqualNow(db, "items", ITEMS);
        }
    }

    @Test
    void aPinnedSourceGoesBackToTriggersWithoutARefreshInFull() throws Exception {
        TestDatabase db = TestPostgres.database();
        // a pin is no failure: unpinned, the source returns to the WAL without waiting to retry
        db.execute("UPDATE pgstream.settings SET value = '1 hour' WHERE name = 'wal_retry_after'",
                // six writers change more rows a second than auto's change ratio lets refresh differentially
                Workload.LIFT_CHANGE_RATIO);
        createItems(db, 2000);
        try (Engine engine = engine(db); Writer writer = new Writer(db, 6, 1)) {
            awaitMode(db, "items", "wal");
            assertEqualNow(db, "items", ITEMS);
            long fullBefore = db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'FULL'");
            db.execute("SELECT pgstream.set_capture('items', 'trigger')");
            for (int i = 0; i < 10; i++) {
                assertEqualNow(db, "items", ITEMS);
                Thread.sleep(100);
            }
            Await.until(Duration.ofSeconds(30), "the cutover back to triggers is finished",
                    () -> db.queryString("SELECT cutover FROM pgstream.capture") == null);
            assertEquals("pinned", db.queryString("SELECT capture_mode FROM pgstream.change_buffers"));
            assertEquals("pgstream_capture_delete pgstream_capture_insert pgstream_capture_truncate pgstream_capture_update",
                    db.queryString("SELECT string_agg(tgname, ' ' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'items'::regclass"));
            assertEqualNow(db, "items", ITEMS);
            assertEquals(fullBefore, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'FULL'"));
            Await.until(Duration.ofSeconds(30), "the slot nobody needs is dropped",
                    () -> db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()") == 0);

            db.execute("SELECT pgstream.set_capture('items', 'auto')");
            awaitMode(db, "items", "wal");
            assertEqualNow(db, "items", ITEMS);
        }
    }

    @Test
    void aRefreshWithNoEngineFallsBackAndRefreshesInFull() throws Exception {
        TestDatabase db = TestPostgres.database();
        createItems(db, 500);
        try (Engine engine = engine(db)) {
            awaitMode(db, "items", "wal");
        }
        db.execute("INSERT INTO items (k, v) VALUES (1, 1), (2, 2)", "UPDATE items SET v = v + 1 WHERE id < 10");
        assertEqualNow(db, "items", ITEMS);
        assertEquals("trigger", db.queryString("SELECT capture_mode FROM pgstream.change_buffers"));
        assertEquals("refreshed with no engine decoding the WAL",
                db.queryString("SELECT fallback_reason FROM pgstream.change_buffers"));
        assertNull(db.queryString("SELECT string_agg(pending_full_reason, ',') FROM pgstream.stream_table"));
        db.execute("INSERT INTO items (k, v) VALUES (3, 3)");
        assertEqualNow(db, "items", ITEMS);
        assertEquals(2, db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'DIFFERENTIAL'"
                + " AND initiated_by = 'manual'"));
        assertNotNull(db.queryString("SELECT 1 FROM pg_trigger WHERE tgrelid = 'items'::regclass LIMIT 1"));
    }

    @Test
    void walCaptureOffKeepsEverySourceOnTriggers() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("UPDATE pgstream.settings SET value = 'off' WHERE name = 'wal_capture'");
        createItems(db, 100);
        try (Engine engine = engine(db)) {
            Await.until(Duration.ofSeconds(30), "the reason is recorded", () -> "WAL capture is off (setting wal_capture)"
                    .equals(db.queryString("SELECT pgstream._trigger_reason('items'::regclass)")));
            Thread.sleep(1000);
            assertEquals("trigger", db.queryString("SELECT capture_mode FROM pgstream.change_buffers"));
            assertEquals(0, db.queryLong("SELECT count(*) FROM pg_replication_slots WHERE database = current_database()"));
        }
    }
}
