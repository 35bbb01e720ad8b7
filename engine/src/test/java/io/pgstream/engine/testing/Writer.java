package io.pgstream.engine.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A background write workload on a table shaped as {@code items(id serial, k int, v int)}: random single-row
 * transactions. By default a failed write fails the writer (reported by {@link #close()}); a
 * {@link #reconnecting} one carries on, on a new connection, across lost connections and server restarts.
 */
public final class Writer implements AutoCloseable {

    private static final int RECONNECT_PAUSE_MILLIS = 100;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger committed = new AtomicInteger();
    private final Thread thread;
    private volatile Throwable failure;

    public Writer(TestDatabase db, long seed, int pauseMillis) {
        this(db, "items", seed, pauseMillis, false);
    }

    private Writer(TestDatabase db, String table, long seed, int pauseMillis, boolean reconnect) {
        thread = Thread.ofPlatform().daemon().name("test-writer-" + table + "-" + seed).start(() -> {
            Random random = new Random(seed);
            while (running.get()) {
                try {
                    write(db, table, random, pauseMillis);
                } catch (SQLException e) {
                    if (!reconnect) {
                        failure = e;
                        return;
                    }
                    sleep(RECONNECT_PAUSE_MILLIS);
                } catch (InterruptedException | RuntimeException e) {
                    failure = e;
                    return;
                }
            }
        });
    }

    /** One that reconnects whenever a write fails (its connection was cut, the server restarts). */
    public static Writer reconnecting(TestDatabase db, String table, long seed, int pauseMillis) {
        return new Writer(db, table, seed, pauseMillis, true);
    }

    private void write(TestDatabase db, String table, Random random, int pauseMillis)
            throws SQLException, InterruptedException {
        try (Connection c = db.connect(); Statement statement = c.createStatement()) {
            while (running.get()) {
                int k = random.nextInt(10);
                statement.execute(switch (random.nextInt(3)) {
                    case 0 -> "INSERT INTO " + table + " (k, v) VALUES (" + k + ", " + random.nextInt(1000) + ")";
                    case 1 -> "UPDATE " + table + " SET v = v + 1 WHERE id = (SELECT max(id) - " + random.nextInt(50)
                            + " FROM " + table + ")";
                    default -> "DELETE FROM " + table + " WHERE id = (SELECT min(id) + " + random.nextInt(50)
                            + " FROM " + table + ")";
                });
                committed.incrementAndGet();
                Thread.sleep(pauseMillis);
            }
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int committed() {
        return committed.get();
    }

    /** Stops writing; rethrows what the writer failed with, if anything. */
    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join();
        if (failure != null) {
            throw new AssertionError("the writer failed", failure);
        }
    }
}
