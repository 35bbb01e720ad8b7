package io.pgstream.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drills' write workload: one thread per table of shape {@code (id serial, k int, v int)}, random single-row
 * inserts, updates and deletes in autocommit, a millisecond apart. A write that fails (its connection was cut,
 * the server restarts) is retried on a new connection: the drills check the stream tables, not the writes.
 */
final class DrillWriters implements AutoCloseable {

    private static final long RECONNECT_PAUSE_MILLIS = 100;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong committed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    DrillWriters(String jdbcUrl, List<String> tables, long seed) {
        for (int i = 0; i < tables.size(); i++) {
            String table = tables.get(i);
            Random random = new Random(seed + i);
            threads.add(Thread.ofPlatform().daemon().name("drill-writer-" + i).start(() -> {
                while (running.get()) {
                    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement statement = c.createStatement()) {
                        while (running.get()) {
                            statement.execute(write(table, random));
                            committed.incrementAndGet();
                            Thread.sleep(1);
                        }
                    } catch (SQLException failed) {
                        pause();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
    }

    private static String write(String table, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "INSERT INTO " + table + " (k, v) VALUES (" + random.nextInt(10) + ", " + random.nextInt(1000) + ")";
            case 1 -> "UPDATE " + table + " SET v = v + 1 WHERE id = (SELECT max(id) - " + random.nextInt(50)
                    + " FROM " + table + ")";
            default -> "DELETE FROM " + table + " WHERE id = (SELECT min(id) + " + random.nextInt(50) + " FROM " + table + ")";
        };
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long committed() {
        return committed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
