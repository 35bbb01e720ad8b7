package io.pgstream.engine.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.testing.Oracle;
import io.pgstream.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stream tables of many kinds over three small tables (an aggregate, a join, DISTINCT, UNION, a window
 * function, a TopK, WITH RECURSIVE, and a stream table over a stream table), the writes of a round that change
 * what each one reads, and the checks that each equals its query: what an upgrade or a restore must carry.
 */
final class StreamTableKinds {

    /** Each stream table and its query, upstream before downstream. */
    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("totals", "SELECT customer, count(*) AS n, sum(amount) AS total FROM orders GROUP BY customer");
        QUERIES.put("order_names", "SELECT o.id, c.name, o.amount FROM orders o JOIN customers c ON c.id = o.customer");
        QUERIES.put("regions", "SELECT DISTINCT region FROM customers");
        QUERIES.put("parties", "SELECT customer AS id FROM orders UNION SELECT id FROM customers");
        QUERIES.put("ranked", "SELECT id, customer, rank() OVER (PARTITION BY customer ORDER BY amount, id) AS r FROM orders");
        QUERIES.put("top_orders", "SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 3");
        QUERIES.put("reach", "WITH RECURSIVE r (src, dst) AS (SELECT src, dst FROM edges"
                + " UNION SELECT r.src, e.dst FROM r JOIN edges e ON e.src = r.dst) SELECT src, dst FROM r");
        QUERIES.put("big_totals", "SELECT customer, total FROM totals WHERE total > 20");
    }

    private StreamTableKinds() {}

    static void createSources(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE customers (id int PRIMARY KEY, name text, region text)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer int, amount numeric)",
                "CREATE TABLE edges (src int, dst int)",
                "INSERT INTO customers SELECT g, 'customer ' || g, 'region ' || (g % 3) FROM generate_series(1, 6) g",
                "INSERT INTO orders SELECT g, g % 6 + 1, g * 1.5 FROM generate_series(1, 30) g",
                "INSERT INTO edges VALUES (1, 2), (2, 3), (3, 4), (7, 8)");
    }

    /** Creates every stream table and compiles its plan, which must be differential. */
    static void create(Connection c) throws SQLException {
        for (Map.Entry<String, String> table : QUERIES.entrySet()) {
            StreamTables.create(c, table.getKey(), table.getValue(), "1m", "differential");
            PlanInstaller.Outcome outcome = PlanInstaller.install(c, table.getKey());
            assertTrue(outcome.differential(), () -> table.getKey() + " is not differential: " + outcome.reason());
        }
    }

    /** Creates every stream table with the plan the engine of {@code version} installed (see {@link FrozenPlans}). */
    static void createWithPlansOf(Connection c, String version) throws SQLException {
        for (Map.Entry<String, String> table : QUERIES.entrySet()) {
            StreamTables.create(c, table.getKey(), table.getValue(), "1m", "differential");
            try (PreparedStatement statement = c.prepareStatement("SELECT (pgstream._find(?)).id")) {
                statement.setString(1, table.getKey());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    FrozenPlans.install(c, version, table.getKey(), rs.getLong(1));
                }
            }
        }
    }

    /** Writes that change what every stream table reads; {@code round} keeps each round's rows new. */
    static void write(TestDatabase db, int round) throws SQLException {
        int base = 1000 * round;
        db.execute("INSERT INTO customers VALUES (" + base + ", 'customer " + base + "', 'region " + base + "')",
                "INSERT INTO orders SELECT " + base + " + g, g % 6 + 1, 100 + g + " + round + " FROM generate_series(1, 5) g",
                "UPDATE orders SET amount = amount + 1 WHERE id % 4 = " + round % 4,
                "DELETE FROM orders WHERE id % 7 = " + round % 7 + " AND id < 1000",
                "INSERT INTO edges VALUES (4, " + (base + 1) + "), (" + (base + 1) + ", 1)");
    }

    /** Refreshes every stream table by hand; each refresh must take {@code action}, then equal its query. */
    static void refreshAll(Connection c, String action) throws SQLException {
        for (String name : QUERIES.keySet()) {
            StreamTables.RefreshResult result = StreamTables.refresh(c, name);
            assertEquals(action, result.action(), result.describe());
        }
        assertAllMatch(c);
    }

    static void assertAllMatch(Connection c) throws SQLException {
        for (Map.Entry<String, String> table : QUERIES.entrySet()) {
            Oracle.assertMatches(c, table.getKey(), table.getValue());
        }
    }
}
