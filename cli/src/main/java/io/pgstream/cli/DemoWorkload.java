package io.pgstream.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writers that keep changing the demo's shop while the engine refreshes: new orders, orders moving through their
 * statuses, changed quantities, deleted orders, and now and then a customer moving to another region. Each change
 * is a transaction of its own.
 */
final class DemoWorkload implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoWorkload.class);

    static final int WRITERS = 3;
    /** Between two transactions of one writer: about 20 per second each. */
    private static final Duration PAUSE = Duration.ofMillis(45);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private static final String INSERT_ORDER = """
            INSERT INTO orders (customer_id, product_id, quantity, amount, status)
            SELECT ?, p.id, ?, p.price * ?, 'pending' FROM products p WHERE p.id = ?
            RETURNING id""";
    // the first order at or after a random id: ids have gaps where orders were deleted
    private static final String SOME_ORDER = "(SELECT id FROM orders WHERE id >= ? ORDER BY id LIMIT 1)";
    private static final String ADVANCE_STATUS = """
            UPDATE orders SET status = CASE status WHEN 'pending' THEN 'paid' WHEN 'paid' THEN 'shipped'
                                                   WHEN 'shipped' THEN 'delivered' ELSE status END
             WHERE id = """ + SOME_ORDER;
    private static final String CANCEL = "UPDATE orders SET status = 'cancelled' WHERE id = " + SOME_ORDER;
    private static final String CHANGE_QUANTITY = """
            UPDATE orders o SET quantity = ?, amount = p.price * ?
              FROM products p WHERE p.id = o.product_id AND o.id = """ + SOME_ORDER;
    private static final String DELETE_ORDER = "DELETE FROM orders WHERE id = " + SOME_ORDER;
    private static final String MOVE_CUSTOMER = "UPDATE customers SET region = ? WHERE id = ?";

    private final List<Thread> writers = new ArrayList<>();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong newestOrder = new AtomicLong(DemoSchema.ORDERS);
    private volatile boolean running = true;

    /** Connects every writer (so that a failure shows here), then starts them. */
    static DemoWorkload start(String jdbcUrl) throws SQLException {
        DemoWorkload workload = new DemoWorkload();
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < WRITERS; i++) {
                Connection connection = DriverManager.getConnection(jdbcUrl);
                connections.add(connection);
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            for (Connection connection : connections) {
                connection.close();
            }
            throw e;
        }
        for (int i = 0; i < WRITERS; i++) {
            Connection connection = connections.get(i);
            workload.writers.add(Thread.ofPlatform().daemon().name("demo-writer-" + (i + 1))
                    .start(() -> workload.write(connection, new Random())));
        }
        return workload;
    }

    long committed() {
        return committed.get();
    }

    long failed() {
        return failed.get();
    }

    private void write(Connection connection, Random random) {
        try (connection) {
            while (running) {
                try {
                    changeSomething(connection, random);
                    connection.commit();
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    rollback(connection);
                    if (running && failed.incrementAndGet() == 1) {
                        log.warn("a demo transaction failed ({}); further failures are only counted", e.getMessage());
                    }
                }
                Thread.sleep(PAUSE);
            }
        } catch (SQLException | InterruptedException e) {
            log.debug("demo writer stopped: {}", e.getMessage());
        }
    }

    /** One transaction's worth of change, picked with the odds of a small shop's day. */
    private void changeSomething(Connection connection, Random random) throws SQLException {
        int dice = random.nextInt(100);
        long someOrder = 1 + random.nextLong(newestOrder.get());
        int quantity = 1 + random.nextInt(6);
        if (dice < 40) {
            int customer = 1 + random.nextInt(DemoSchema.CUSTOMERS);
            int product = 1 + random.nextInt(DemoSchema.PRODUCTS);
            try (PreparedStatement insert = prepare(connection, INSERT_ORDER, customer, quantity, quantity, product);
                 ResultSet rs = insert.executeQuery()) {
                rs.next();
                newestOrder.accumulateAndGet(rs.getLong(1), Math::max);
            }
        } else if (dice < 70) {
            update(connection, ADVANCE_STATUS, someOrder);
        } else if (dice < 82) {
            update(connection, CHANGE_QUANTITY, quantity, quantity, someOrder);
        } else if (dice < 88) {
            update(connection, CANCEL, someOrder);
        } else if (dice < 97) {
            update(connection, DELETE_ORDER, someOrder);
        } else {
            String region = DemoSchema.REGIONS.get(random.nextInt(DemoSchema.REGIONS.size()));
            update(connection, MOVE_CUSTOMER, region, 1 + random.nextInt(DemoSchema.CUSTOMERS));
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the next statement fails and is counted
        }
    }

    /** Stops the writers and waits for their last transactions; closing twice does nothing more. */
    @Override
    public void close() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(STOP_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
