package io.pgstream.engine.pipeline;

import io.pgstream.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A session calling {@code pgstream.refresh_stream_table} on one stream table in a loop. */
final class ManualRefresher implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger refreshes = new AtomicInteger();
    private final Thread thread;
    private volatile Exception failure;

    ManualRefresher(TestDatabase db, String streamTable, int pauseMillis) {
        thread = Thread.ofPlatform().daemon().name("manual-refresh-" + streamTable).start(() -> {
            try (Connection c = db.connect(); Statement statement = c.createStatement()) {
                while (running.get()) {
                    statement.execute("SELECT pgstream.refresh_stream_table('" + streamTable + "')");
                    refreshes.incrementAndGet();
                    Thread.sleep(pauseMillis);
                }
            } catch (SQLException | InterruptedException e) {
                failure = e;
            }
        });
    }

    int refreshes() {
        return refreshes.get();
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the manual refreshes failed", failure);
        }
    }
}
