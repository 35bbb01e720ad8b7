package io.pgstream.engine.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import io.pgstream.extension.ExtensionInstaller;
import io.pgstream.extension.ExtensionInstaller.Method;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Managed PostgreSQL (RDS, Cloud SQL, Azure): no superuser anywhere. The database's owner installs pg_stream
 * as a schema, the engine logs in as a plain member of pgstream_admin, and a user creates, alters and drops
 * stream tables over its own tables while the engine keeps them fresh.
 */
@Tag("smoke")
class ManagedInstallTest {

    @Test
    void theWholeLifecycleWorksWithoutASuperuser() throws Exception {
        TestDatabase db = TestPostgres.emptyDatabase();
        String owner = db.role("owner");
        String engineRole = db.role("engine");
        String alice = db.role("alice");
        // what the provider's administrator role amounts to; pg_stream's roles exist already on this shared server,
        // so it is given what it would have had creating them
        db.execute("CREATE ROLE " + owner + " LOGIN CREATEROLE", "ALTER DATABASE " + db.name() + " OWNER TO " + owner,
                "DO $$ BEGIN IF to_regrole('pgstream_admin') IS NULL THEN CREATE ROLE pgstream_user; CREATE ROLE pgstream_admin"
                        + " IN ROLE pgstream_user; END IF; END $$");
        db.execute("GRANT pgstream_user, pgstream_admin TO " + owner + " WITH ADMIN OPTION");
        TestDatabase asOwner = db.as(owner);
        try (Connection c = asOwner.connect()) {
            assertEquals(Method.SCHEMA, ExtensionInstaller.install(c, Method.AUTO).method());
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_event_trigger"), "event triggers need a superuser");
        asOwner.execute("CREATE ROLE " + engineRole + " LOGIN IN ROLE pgstream_admin",
                "CREATE ROLE " + alice + " LOGIN IN ROLE pgstream_user", "GRANT CREATE ON SCHEMA public TO " + alice,
                "CREATE TABLE orders (id int PRIMARY KEY, region text, amount int)",
                "INSERT INTO orders SELECT i, 'r' || i % 3, i FROM generate_series(1, 30) i",
                "SELECT pgstream.create_stream_table('by_region', 'SELECT region, sum(amount) AS total FROM orders GROUP BY region', '1s')");
        TestDatabase asAlice = db.as(alice);
        asAlice.execute("CREATE TABLE items (k int, v int)", "INSERT INTO items SELECT i % 4, i FROM generate_series(1, 40) i",
                "SELECT pgstream.create_stream_table('item_sums', 'SELECT k, sum(v) AS s, count(*) AS n FROM items GROUP BY k', '1s')");

        Map<String, String> queries = Map.of(
                "by_region", "SELECT region, sum(amount) AS total FROM orders GROUP BY region",
                "item_sums", "SELECT k, sum(v) AS s, count(*) AS n FROM items GROUP BY k");
        try (Engine engine = Engine.start(new EngineConfig(List.of(db.as(engineRole).url()), 1, Duration.ofMillis(100)));
             Connection check = db.connect()) {
            Await.until(Duration.ofSeconds(30), "the engine compiled both", () -> db.queryLong(
                    "SELECT count(*) FROM pgstream.stream_table WHERE plan_status = 'differential'") == 2);
            asOwner.execute("UPDATE orders SET amount = amount * 2 WHERE id % 2 = 0", "DELETE FROM orders WHERE id = 3");
            asAlice.execute("INSERT INTO items VALUES (9, 9), (1, 100)", "DELETE FROM items WHERE v = 2");
            for (Map.Entry<String, String> query : queries.entrySet()) {
                Await.until(Duration.ofSeconds(30), query.getKey() + " caught up", () -> Oracle.matches(check, query.getKey(), query.getValue()));
            }
            assertEquals(2, db.queryLong("SELECT count(DISTINCT stream_table_id) FROM pgstream.refresh_history"
                    + " WHERE initiated_by = 'scheduled' AND action = 'DIFFERENTIAL'"), "the engine refreshed both differentially");

            asAlice.execute("SELECT pgstream.alter_stream_table('item_sums', query => 'SELECT k, max(v) AS top FROM items GROUP BY k',"
                    + " schedule => '2s')");
            asAlice.execute("INSERT INTO items VALUES (2, 500)");
            Await.until(Duration.ofSeconds(30), "the altered stream table caught up",
                    () -> Oracle.matches(check, "item_sums", "SELECT k, max(v) AS top FROM items GROUP BY k"));
            asAlice.execute("SELECT pgstream.drop_stream_table('item_sums')");
            asOwner.execute("SELECT pgstream.drop_stream_table('by_region')");
        }
        assertNull(db.queryString("SELECT to_regclass('item_sums')"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pgstream%'"), "no capture left behind");
        assertEquals(0, db.queryLong("SELECT count(*) FROM pgstream.capture"));
    }
}
