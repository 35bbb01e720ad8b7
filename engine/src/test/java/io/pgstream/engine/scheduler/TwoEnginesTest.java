package io.pgstream.engine.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.engine.testing.Writer;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two engines on one database coordinate through advisory locks. */
class TwoEnginesTest {

    private static final Map<String, String> STREAM_TABLES = Map.of(
            "totals", "SELECT k, count(*) AS n, sum(v) AS total FROM items GROUP BY k",
            "big_items", "SELECT i.id, i.v, j.v AS other FROM items i JOIN items j ON j.id = i.id + 1 WHERE i.v > 500",
            "item_count", "SELECT count(*) AS n FROM items");

    @Test
    void neverRefreshTheSameStreamTableConcurrentlyAndStarveNone() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, 20000) g");
        for (var entry : STREAM_TABLES.entrySet()) {
            db.execute("SELECT pgstream.create_stream_table('" + entry.getKey() + "', '" + entry.getValue() + "', '1s')");
        }
        EngineConfig config = new EngineConfig(List.of(db.url()), 2, Duration.ofMillis(300));
        try (Engine first = Engine.start(config); Engine second = Engine.start(config);
             Writer writer = new Writer(db, 11, 2); Writer another = new Writer(db, 12, 2)) {
            Thread.sleep(8000);
        }
        // each scheduled refresh ran in one transaction under the lock, so its interval is exclusive
        long overlaps = db.queryLong("""
                SELECT count(*) FROM pgstream.refresh_history a JOIN pgstream.refresh_history b
                  ON a.stream_table_id = b.stream_table_id AND a.id < b.id
                 AND a.started_at < b.finished_at AND b.started_at < a.finished_at
                 WHERE a.initiated_by = 'scheduled' AND b.initiated_by = 'scheduled'""");
        assertEquals(0, overlaps, "refreshes of one stream table overlapped");
        for (String name : STREAM_TABLES.keySet()) {
            long refreshes = db.queryLong("SELECT coalesce(sum(cycles), 0) FROM pgstream.refresh_history h"
                    + " JOIN pgstream.stream_table st ON st.id = h.stream_table_id"
                    + " WHERE st.relid = '" + name + "'::regclass AND h.initiated_by = 'scheduled'");
            assertTrue(refreshes >= 4, name + " was refreshed only " + refreshes + " times in 8 s");
        }
        assertEquals(2, db.queryLong("SELECT count(DISTINCT refreshed_by) FROM pgstream.refresh_history"
                + " WHERE initiated_by = 'scheduled'"), "both engines did work");

        // and the result is right once the last changes are in
        try (Connection c = db.connect()) {
            for (var entry : STREAM_TABLES.entrySet()) {
                db.execute("SELECT pgstream.refresh_stream_table('" + entry.getKey() + "')");
                Oracle.assertMatches(c, entry.getKey(), entry.getValue());
            }
        }
    }

}
