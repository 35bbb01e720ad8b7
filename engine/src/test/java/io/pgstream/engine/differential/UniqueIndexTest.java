package io.pgstream.engine.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A unique index of the user's on a key of the stream table's result (dbt's {@code indexes} with
 * {@code unique: true}, a primary key for readers). A changed row is deleted and inserted again under the
 * same key, in one statement: the deletes must land first, in differential and in full refreshes, and in
 * the full refresh that installs the plan over rows stored without one.
 */
class UniqueIndexTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "order_id | SELECT o.id AS order_id, o.amount, c.name, c.region FROM orders o LEFT JOIN customers c ON c.id = o.customer",
            "customer | SELECT customer, count(*) AS n, sum(amount) AS revenue, max(amount) AS top FROM orders GROUP BY customer",
            "region   | SELECT DISTINCT c.region, o.amount > 100 AS big FROM orders o JOIN customers c ON c.id = o.customer"
                    + " WHERE c.region IS NOT NULL"})
    void refreshesKeepTheIndexSatisfied(String key, String query) throws SQLException {
        TestDatabase db = TestPostgres.database();
        db.execute("CREATE TABLE customers (id int PRIMARY KEY, name text, region text)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer int, amount numeric(10,2))",
                "INSERT INTO customers SELECT g, 'c' || g, (ARRAY['north', 'south', NULL])[1 + g % 3] FROM generate_series(1, 20) g",
                "INSERT INTO orders SELECT g, 1 + g % 25, g * 1.5 FROM generate_series(1, 200) g");
        String[] keyColumns = key.equals("region") ? new String[] {"region", "big"} : new String[] {key};
        try (Connection c = db.connect()) {
            StreamTables.create(c, "st", query, "1m", "differential");
            db.execute("CREATE UNIQUE INDEX st_key ON st (" + String.join(", ", keyColumns) + ")");
            PlanInstaller.Outcome outcome = PlanInstaller.install(c, "st");  // repopulates the table in full
            assertTrue(outcome.differential(), () -> "not differential: " + outcome.reason());
            Random random = new Random(key.hashCode());
            for (int cycle = 0; cycle < 30; cycle++) {
                boolean truncates = cycle % 10 == 9;
                boolean forcedFull = cycle % 7 == 6;
                db.execute(truncates ? TRUNCATE : randomChange(random, cycle));
                if (forcedFull) {
                    db.execute("UPDATE pgstream.stream_table SET pending_full_reason = 'test' WHERE relid = 'st'::regclass");
                }
                String action = StreamTables.refresh(c, "st").action();
                if (truncates || forcedFull) {
                    assertEquals("FULL", action, "cycle " + cycle);
                } else {
                    assertTrue(action.equals("DIFFERENTIAL") || action.equals("SKIP"), "cycle " + cycle + ": " + action);
                }
                Oracle.assertMatches(c, "st", query);
            }
        }
    }

    private static final String TRUNCATE = "TRUNCATE orders; INSERT INTO orders SELECT g, 1 + g % 25, g FROM generate_series(1, 50) g";

    /** Changes that move rows' non-key values under a kept key, NULLs included. */
    private static String randomChange(Random random, int cycle) {
        int id = 1 + random.nextInt(25);
        return switch (random.nextInt(5)) {
            case 0 -> "UPDATE orders SET amount = amount + " + random.nextInt(50) + " WHERE id % " + (2 + random.nextInt(5)) + " = 0";
            case 1 -> "UPDATE customers SET name = CASE WHEN name IS NULL THEN 'n" + cycle + "' END, region = (ARRAY['north',"
                    + " 'south', NULL])[1 + (id + " + cycle + ") % 3] WHERE id % 4 = " + random.nextInt(4);
            case 2 -> "INSERT INTO orders SELECT coalesce(max(id), 0) + 1, " + id + ", NULL FROM orders";
            case 3 -> "DELETE FROM orders WHERE customer = " + id;
            default -> "INSERT INTO customers VALUES (" + (20 + cycle) + ", NULL, 'east') ON CONFLICT (id) DO UPDATE SET name = NULL";
        };
    }
}
