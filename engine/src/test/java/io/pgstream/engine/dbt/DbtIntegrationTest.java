package io.pgstream.engine.dbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.Engine;
import io.pgstream.engine.EngineConfig;
import io.pgstream.engine.differential.Workload;
import io.pgstream.engine.testing.Await;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dbt package end to end: the integration project (dbt-pgstream/integration_tests) run by the pinned
 * dbt-core and dbt-postgres against a database with pg_stream and a running engine, in the sequence a team
 * lives through: build, writes to the sources, an edited model, a refused change, a table in the way,
 * {@code --full-refresh}. After each step every stream table equals its stored query.
 */
class DbtIntegrationTest {

    private static final List<String> STREAM_TABLES = List.of(
            "analytics.customer_revenue", "analytics.order_details", "analytics.region_revenue");
    private static final String ORDER_DETAILS = "models/order_details.sql";

    private TestDatabase db;
    private DbtProject dbt;

    @Test
    void dbtCreatesAltersAndReinitializesStreamTablesTheEngineKeepsFresh() throws Exception {
        db = TestPostgres.database();
        db.execute(Workload.LIFT_CHANGE_RATIO);  // the seeds are small: the writes below would refresh in full in 'auto'
        dbt = DbtProject.copyFor(db.name(), TestPostgres.server().port(), TestPostgres.server().superuser());
        try (Engine engine = Engine.start(new EngineConfig(List.of(db.url()), 2, Duration.ofMillis(500)))) {
            buildsTheProject();
            catchesUpWithWritesToTheSeeds();
            aRunWithoutChangesChangesNothing();
            anEditedModelIsAlteredInPlace();
            onConfigurationChangeFailAndContinueLeaveItAlone();
            aTableInTheWayIsReplacedOnlyByFullRefresh();
            fullRefreshReinitializesEverything();
        }
    }

    private void buildsTheProject() throws Exception {
        for (String command : new String[] {"deps", "seed", "run", "test"}) {
            succeeds(command);
        }
        assertEquals(List.of(
                        "analytics.customer_revenue calculated 00:00:02 from dependent analytics.region_revenue auto",
                        "analytics.order_details 1s 00:00:01 declared auto",
                        "analytics.region_revenue 2s 00:00:02 declared differential"),
                db.queryColumn("SELECT concat_ws(' ', name, schedule, effective_interval, effective_basis, refresh_mode)"
                        + " FROM pgstream.stream_tables ORDER BY name"),
                "the calculated schedule is inherited through ref()");
        assertEquals("v", db.queryString("SELECT relkind FROM pg_class WHERE oid = 'analytics.top_regions'::regclass"));
        assertEquals("t", db.queryString("SELECT has_table_privilege('pgstream_user', 'analytics.order_details', 'SELECT')"),
                "grants are applied");
        assertEquals(List.of("customer_revenue (customer_id) unique", "order_details (region,ordered_at)"),
                userIndexes(), "indexes are created");
        Await.until(Duration.ofSeconds(30), "the engine compiled every stream table's plan",
                () -> db.queryLong("SELECT count(*) FROM pgstream.stream_tables WHERE plan = 'differential'") == 3);
        assertAllMatch();
    }

    private void catchesUpWithWritesToTheSeeds() throws Exception {
        long before = differentialRefreshes();
        db.execute("INSERT INTO analytics.orders VALUES (61, 1, 10.00, '2026-12-01'), (61, 1, 10.00, '2026-12-01'),"
                        + " (62, NULL, NULL, NULL), (63, 6, 5.50, '2026-12-02')",
                "UPDATE analytics.orders SET amount = amount * 2 WHERE order_id % 5 = 0",
                "DELETE FROM analytics.orders WHERE order_id % 7 = 0",
                "UPDATE analytics.customers SET region = 'west' WHERE customer_id = 1",
                "INSERT INTO analytics.customers VALUES (6, 'Femi', 'south')");
        Await.until(Duration.ofSeconds(30), "the engine refreshed every stream table with the writes", this::allMatch);
        assertTrue(differentialRefreshes() >= before + 3, "the engine refreshed differentially");
        succeeds("seed");  // truncates the seeds and loads them again
        Await.until(Duration.ofSeconds(30), "the engine refreshed every stream table after dbt seed", this::allMatch);

        DbtProject.Run status = succeeds("run-operation", "pgstream_status");
        for (String name : STREAM_TABLES) {
            assertTrue(status.output().contains(name + ": active"), status.output());
        }
        DbtProject.Run refresh = succeeds("run-operation", "pgstream_refresh", "--args", "{model_name: region_revenue}");
        assertTrue(refresh.output().contains("pg_stream refreshed analytics.region_revenue: "), refresh.output());
    }

    private void aRunWithoutChangesChangesNothing() throws Exception {
        Map<String, String> identities = identities();
        long initialRefreshes = initialRefreshes();
        String refreshedAt = lastRefreshAt("analytics.order_details");
        DbtProject.Run run = succeeds("run");
        assertTrue(run.output().contains("[UNCHANGED"), run.output());
        assertTrue(run.output().contains("[REFRESH "), "order_details asks for a refresh on every run: " + run.output());
        assertEquals(identities, identities());
        assertEquals(initialRefreshes, initialRefreshes(), "nothing was re-initialized");
        assertTrue(lastRefreshAt("analytics.order_details").compareTo(refreshedAt) > 0, "refresh_on_run refreshed it");
    }

    private void anEditedModelIsAlteredInPlace() throws Exception {
        Map<String, String> identities = identities();
        dbt.write(ORDER_DETAILS, dbt.read(ORDER_DETAILS).replace("'schedule': '1s'", "'schedule': '3s'")
                .replace(", c.region\n", ", coalesce(c.region, 'unknown') as region\n"));
        DbtProject.Run run = succeeds("run");
        assertTrue(run.output().contains("ALTER query, schedule 1s -> 3s"), run.output());
        assertEquals(identities, identities(), "the same stream table and table, altered in place");
        assertEquals("3s", db.queryString("SELECT schedule FROM pgstream.stream_tables WHERE name = 'analytics.order_details'"));
        assertTrue(storedQuery("analytics.order_details").contains("'unknown'"));
        assertAllMatch();

        // a new column: PostgreSQL needs a new table, so the same stream table gets one, with its indexes and grants
        dbt.write(ORDER_DETAILS, dbt.read(ORDER_DETAILS).replace(" as region\n", " as region, o.amount is null as unpriced\n"));
        succeeds("run");
        assertEquals(identities.get("analytics.order_details").split(" ")[0],
                identities().get("analytics.order_details").split(" ")[0], "the same stream table");
        assertEquals(List.of("customer_revenue (customer_id) unique", "order_details (region,ordered_at)"),
                userIndexes(), "the index is back on the new table");
        assertEquals("t", db.queryString("SELECT has_table_privilege('pgstream_user', 'analytics.order_details', 'SELECT')"));
        assertAllMatch();
    }

    private void onConfigurationChangeFailAndContinueLeaveItAlone() throws Exception {
        String stored = storedQuery("analytics.order_details");
        String applied = dbt.read(ORDER_DETAILS);
        for (String option : new String[] {"fail", "continue"}) {
            dbt.write(ORDER_DETAILS, applied.replace("config(", "config(on_configuration_change='" + option + "', ")
                    .replace("left join", "join"));
            DbtProject.Run run = dbt.dbt("run", "--select", "order_details");
            assertEquals(option.equals("fail"), !run.succeeded(), run.output());
            assertTrue(run.output().contains("on_configuration_change is '" + option + "'"), run.output());
            assertEquals(stored, storedQuery("analytics.order_details"), "the stream table was left as it was");
        }
    }

    private void aTableInTheWayIsReplacedOnlyByFullRefresh() throws Exception {
        succeeds("run-operation", "pgstream_drop", "--args", "{model_name: order_details}");
        db.execute("CREATE TABLE analytics.order_details (order_id int)");
        DbtProject.Run refused = dbt.dbt("run", "--select", "order_details");
        assertFalse(refused.succeeded(), refused.output());
        assertTrue(refused.output().contains("already exists and is not a pg_stream stream table"), refused.output());
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'analytics.order_details'::regclass"
                + " AND attnum > 0"), "the table was left alone");
    }

    private void fullRefreshReinitializesEverything() throws Exception {
        Map<String, String> identities = identities();
        long lastRefresh = db.queryLong("SELECT max(id) FROM pgstream.refresh_history");
        DbtProject.Run run = succeeds("run", "--full-refresh");
        assertTrue(run.output().contains("[CREATE stream table"), "order_details replaced the table: " + run.output());
        assertTrue(run.output().contains("[REINITIALIZE stream table"), run.output());
        assertFalse(storedQuery("analytics.order_details").contains("left join"), "the last edit is in");
        assertEquals(identities.get("analytics.customer_revenue"), identities().get("analytics.customer_revenue"));
        assertEquals(STREAM_TABLES, db.queryColumn("SELECT DISTINCT st.relid::regclass::text FROM pgstream.refresh_history h"
                + " JOIN pgstream.stream_table st ON st.id = h.stream_table_id WHERE h.id > " + lastRefresh
                + " AND h.initiated_by = 'initial' AND h.action = 'FULL' AND h.refreshed_by NOT LIKE 'pg-stream engine%' ORDER BY 1"),
                "each of the three was populated anew by dbt");
        assertAllMatch();
        succeeds("test");
        Await.until(Duration.ofSeconds(30), "the engine compiled every stream table's plan again",
                () -> db.queryLong("SELECT count(*) FROM pgstream.stream_tables WHERE plan = 'differential'") == 3);
        db.execute("UPDATE analytics.orders SET amount = amount + 1 WHERE order_id % 3 = 0");
        Await.until(Duration.ofSeconds(30), "the engine keeps them fresh after the full refresh", this::allMatch);
    }

    private DbtProject.Run succeeds(String... arguments) {
        DbtProject.Run run = dbt.dbt(arguments);
        assertTrue(run.succeeded(), () -> "dbt " + String.join(" ", arguments) + " failed:\n" + run.output());
        return run;
    }

    private void assertAllMatch() throws SQLException {
        try (Connection c = db.connect()) {
            for (String name : STREAM_TABLES) {
                Oracle.assertMatches(c, name, storedQuery(name));
            }
        }
    }

    private boolean allMatch() throws SQLException {
        try (Connection c = db.connect()) {
            for (String name : STREAM_TABLES) {
                if (!Oracle.matches(c, name, storedQuery(name))) {
                    return false;
                }
            }
            return true;
        }
    }

    private String storedQuery(String name) throws SQLException {
        return db.queryString("SELECT query FROM pgstream.stream_tables WHERE name = '" + name + "'");
    }

    /** Each stream table's catalog id and its table's oid. */
    private Map<String, String> identities() throws SQLException {
        Map<String, String> identities = new java.util.TreeMap<>();
        for (String row : db.queryColumn("SELECT relid::regclass::text || '|' || id || ' ' || relid::oid FROM pgstream.stream_table")) {
            identities.put(row.split("\\|")[0], row.split("\\|")[1]);
        }
        return identities;
    }

    private List<String> userIndexes() throws SQLException {
        return db.queryColumn("SELECT c.relname || ' (' || string_agg(a.attname, ',' ORDER BY k.n) || ')'"
                + " || CASE WHEN i.indisunique THEN ' unique' ELSE '' END"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n)"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE c.relnamespace = 'analytics'::regnamespace"
                + " GROUP BY c.relname, i.indexrelid, i.indisunique HAVING bool_and(a.attname NOT LIKE '\\_\\_pgs%') ORDER BY 1");
    }

    private long differentialRefreshes() throws SQLException {
        return db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE action = 'DIFFERENTIAL'");
    }

    private long initialRefreshes() throws SQLException {
        // the engine's own initial refreshes, when it installs a plan, come at its own time
        return db.queryLong("SELECT count(*) FROM pgstream.refresh_history WHERE initiated_by = 'initial'"
                + " AND refreshed_by NOT LIKE 'pg-stream engine%'");
    }

    private String lastRefreshAt(String name) throws SQLException {
        return db.queryString("SELECT to_char(last_refresh_at, 'YYYY-MM-DD HH24:MI:SS.US') FROM pgstream.stream_tables"
                + " WHERE name = '" + name + "'");
    }
}
