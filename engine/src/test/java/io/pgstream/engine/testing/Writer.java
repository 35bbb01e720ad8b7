package io.pgstream.engine.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A background write workload on {@code items(id serial, k int, v int)}: random single-row transactions. */
public final class Writer implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger committed = new AtomicInteger();
    private final Thread thread;
    private volatile Throwable failure;

    public Writer(TestDatabase db, long seed, int pauseMillis) {
        thread = Thread.ofPlatform().daemon().name("test-writer-" + seed).start(() -> {
            Random random = new Random(seed);
            try (Connection c = db.connect(); Statement statement = c.createStatement()) {
                while (running.get()) {
                    int k = random.nextInt(10);
                    statement.execute(switch (random.nextInt(3)) {
                        case 0 -> "INSERT INTO items (k, v) VALUES (" + k + ", " + random.nextInt(1000) + ")";
                        case 1 -> "UPDATE items SET v = v + 1 WHERE id = (SELECT max(id) - " + random.nextInt(50) + " FROM items)";
                        default -> "DELETE FROM items WHERE id = (SELECT min(id) + " + random.nextInt(50) + " FROM items)";
                    });
                    committed.incrementAndGet();
                    Thread.sleep(pauseMillis);
                }
            } catch (SQLException | InterruptedException | RuntimeException e) {
                failure = e;
            }
        });
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
