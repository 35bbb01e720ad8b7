package io.pgstream.engine.pipeline;

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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A diamond under the engine and concurrent writers: {@code b} and {@code c} both read {@code a}, and {@code d}
 * joins them. {@code b} and {@code c} compute the same thing, so {@code d} must never see them differ: that
 * would mean it combined two states of {@code a}. {@code c} refreshes every 3 seconds and {@code d} every 2,
 * while a session refreshes {@code b} by hand every few milliseconds: {@code b} is nearly always ahead of
 * {@code c} when {@code d} falls due, unless {@code d}'s round brings both to one point.
 */
class DiamondConsistencyTest {

    private static final String PER_KEY = "SELECT k, sum(v) AS s, count(*) AS n FROM a GROUP BY k";
    private static final String DRIFT = "SELECT b.k, b.s - c.s AS drift_s, b.n - c.n AS drift_n FROM b JOIN c ON b.k = c.k";

    @Test
    void theJoinOfTwoReadersOfOneTableNeverMixesItsStates() throws Exception {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE items (id serial PRIMARY KEY, k int, v int)",
                "INSERT INTO items (k, v) SELECT g % 10, g FROM generate_series(1, 1000) g",
                "SELECT pgstream.create_stream_table('a', 'SELECT id, k, v FROM items')",
                "SELECT pgstream.create_stream_table('b', '" + PER_KEY + "', schedule => '1s')",
                "SELECT pgstream.create_stream_table('c', '" + PER_KEY + "', schedule => '3s')",
                "SELECT pgstream.create_stream_table('d', '" + DRIFT + "', schedule => '2s')");
        assertEquals("00:00:01", db.queryString("SELECT effective_interval FROM pgstream.stream_table WHERE relid = 'a'::regclass"));

        int observations = 0;
        try (Engine engine = Engine.start(new EngineConfig(List.of(db.url()), 2, Duration.ofMillis(500)));
             Writer first = new Writer(db, 11, 3); Writer second = new Writer(db, 12, 3);
             ManualRefresher refresher = new ManualRefresher(db, "b", 20);
             Connection reader = db.connect(); Statement statement = reader.createStatement()) {
            Instant end = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(end)) {
                try (ResultSet rs = statement.executeQuery("""
                        SELECT (SELECT count(*) FROM d WHERE drift_s <> 0 OR drift_n <> 0),
                               (SELECT data_timestamp FROM pgstream.stream_table WHERE relid = 'd'::regclass)
                            <= (SELECT min(data_timestamp) FROM pgstream.stream_table WHERE relid IN ('b'::regclass, 'c'::regclass))""")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "d combined b and c computed from different states of a");
                    assertTrue(rs.getBoolean(2), "d reflects no more than what it read");
                }
                observations++;
                Thread.sleep(20);
            }
            first.close();
            second.close();
            refresher.close();
            assertTrue(refresher.refreshes() > 50, "b was refreshed by hand " + refresher.refreshes() + " times");
            assertTrue(first.committed() + second.committed() > 200, "the writers wrote");
            Await.until(Duration.ofSeconds(20), "d equals its query over the base table", () -> Oracle.matches(reader, "d",
                    "SELECT k, 0::bigint AS drift_s, 0::bigint AS drift_n FROM items GROUP BY k"));
        }
        assertTrue(observations > 100, "observed " + observations + " times");
        long dRefreshes = refreshesWithChanges(db, "d");
        assertTrue(dRefreshes >= 3, "d refreshed with changes " + dRefreshes + " times");
    }

    private static long refreshesWithChanges(TestDatabase db, String table) throws Exception {
        return db.queryLong("SELECT count(*) FROM pgstream.refresh_history h JOIN pgstream.stream_table st"
                + " ON st.id = h.stream_table_id WHERE st.relid = '" + table + "'::regclass"
                + " AND h.initiated_by = 'scheduled' AND h.action IN ('FULL', 'DIFFERENTIAL')");
    }
}
