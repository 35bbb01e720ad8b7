package io.pgstream.engine;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pg_stream engine, embeddable as a library: {@code try (Engine engine = Engine.start(config)) { ... }}.
 * {@code pg-stream run} is this plus signal handling.
 */
public final class Engine implements AutoCloseable {

    private static final AtomicInteger STARTED = new AtomicInteger();

    private final List<DatabaseWorker> workers;

    private Engine(List<DatabaseWorker> workers) {
        this.workers = workers;
    }

    /** Checks every database first (a missing extension fails here, naming the database), then starts. */
    public static Engine start(EngineConfig config) throws SQLException {
        // names the engine in pg_stat_activity and in refresh_history.refreshed_by
        String applicationName = "pg-stream engine " + ProcessHandle.current().pid() + "-" + STARTED.incrementAndGet();
        List<DatabaseWorker> workers = new ArrayList<>();
        try {
            for (String url : config.databaseUrls()) {
                workers.add(DatabaseWorker.open(url, config, applicationName));
            }
        } catch (SQLException | RuntimeException e) {
            workers.forEach(DatabaseWorker::close);
            throw e;
        }
        workers.forEach(DatabaseWorker::start);
        return new Engine(workers);
    }

    @Override
    public void close() {
        workers.forEach(DatabaseWorker::close);
    }
}
