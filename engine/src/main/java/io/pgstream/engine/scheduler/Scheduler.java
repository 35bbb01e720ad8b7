package io.pgstream.engine.scheduler;

import io.pgstream.engine.catalog.Catalog;
import io.pgstream.engine.catalog.ScheduledTable;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.refresh.RefreshExecutor;
import io.pgstream.engine.refresh.RefreshExecutor.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the stream tables of one database. One thread decides what is due; a small pool runs the
 * refreshes. The catalog is re-read on notification and every poll interval; between reads the
 * scheduler's copy is updated from the refreshes it runs.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    /** How often history is trimmed and staleness checked (stale alerts should not lag far behind). */
    private static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MIN_WAIT = Duration.ofMillis(10);

    private final String database;
    private final DataSource dataSource;
    private final RefreshExecutor executor;
    private final Duration pollInterval;
    private final ExecutorService workers;
    private final Thread thread;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean reloadRequested = new AtomicBoolean(true);
    private final Map<Long, ScheduledTable> tables = new ConcurrentHashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<Long, Instant> nextCompile = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile Duration calculatedInterval = Duration.ofMinutes(1);
    private Instant nextReload = Instant.MIN;
    private Instant nextMaintenance = Instant.MIN;

    public Scheduler(String database, DataSource dataSource, int refreshThreads, Duration pollInterval) {
        this.database = database;
        this.dataSource = dataSource;
        this.executor = new RefreshExecutor(dataSource);
        this.pollInterval = pollInterval;
        this.workers = Executors.newFixedThreadPool(refreshThreads,
                Thread.ofPlatform().daemon().name("pg-stream-refresh-" + database + "-", 1).factory());
        this.thread = Thread.ofPlatform().daemon().name("pg-stream-scheduler-" + database).unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    /** Called when the catalog changed: re-read it now. */
    public void requestReload() {
        reloadRequested.set(true);
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            try {
                Instant now = Instant.now();
                if (reloadRequested.getAndSet(false) || !now.isBefore(nextReload)) {
                    reload(now);
                }
                if (!now.isBefore(nextMaintenance)) {
                    maintain(now);
                }
                waitUntil(dispatchDue(now));
            } catch (SQLException e) {
                log.warn("{}: cannot read the catalog ({}); retrying", database, e.getMessage());
                waitUntil(Instant.now().plus(pollInterval));
            } catch (RuntimeException e) {
                log.error("{}: scheduler error; retrying", database, e);
                waitUntil(Instant.now().plus(pollInterval));
            }
        }
    }

    /** Hands every due table to the pool; returns when the next one falls due. */
    private Instant dispatchDue(Instant now) {
        Instant next = now.plus(pollInterval);
        for (ScheduledTable table : tables.values()) {
            if (!table.schedulable() || inFlight.contains(table.id())) {
                continue;
            }
            if (table.planPending() && !now.isBefore(nextCompile.getOrDefault(table.id(), Instant.MIN))) {
                inFlight.add(table.id());
                workers.execute(() -> compile(table));
                continue;
            }
            Instant due = table.nextDue(calculatedInterval);
            if (due.isAfter(now)) {
                next = due.isBefore(next) ? due : next;
            } else {
                inFlight.add(table.id());
                workers.execute(() -> refresh(table));
            }
        }
        return next;
    }

    private void refresh(ScheduledTable table) {
        Instant now = Instant.now();
        try {
            Outcome outcome = executor.refreshIfDue(table.id(), calculatedInterval, now);
            switch (outcome) {
                case Outcome.Refreshed refreshed -> {
                    tables.put(table.id(), refreshed.table());
                    logResult(refreshed);
                }
                case Outcome.NotDue notDue -> tables.put(table.id(), notDue.table());
                case Outcome.Busy busy -> tables.put(table.id(), table.refreshedAt(now));
                case Outcome.Gone gone -> tables.remove(table.id());
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("{}: refresh of {} failed: {}", database, table.name(), e.getMessage());
            tables.put(table.id(), table.refreshedAt(now));
        } finally {
            inFlight.remove(table.id());
            wakeUp.release();
        }
    }

    /** Compiles a stream table's plan; a failure is retried after a poll interval. */
    private void compile(ScheduledTable table) {
        try (Connection connection = dataSource.getConnection()) {
            PlanInstaller.Outcome outcome = PlanInstaller.install(connection, table.id());
            log.info("{}: {} refreshes {}", database, table.name(),
                    outcome.differential() ? "differentially" : "in full: " + outcome.reason());
            nextCompile.remove(table.id());
            reloadRequested.set(true);
        } catch (SQLException | RuntimeException e) {
            log.warn("{}: cannot compile {}: {}", database, table.name(), e.getMessage());
            nextCompile.put(table.id(), Instant.now().plus(pollInterval));
        } finally {
            inFlight.remove(table.id());
            wakeUp.release();
        }
    }

    private void logResult(Outcome.Refreshed refreshed) {
        var result = refreshed.result();
        switch (result.action()) {
            case "SKIP" -> log.debug("{}: {}", database, result.describe());
            case "ERROR" -> log.warn("{}: refresh of {} failed: {}", database, result.streamTable(), result.reason());
            default -> log.info("{}: {}", database, result.describe());
        }
    }

    private void reload(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            calculatedInterval = Catalog.calculatedInterval(connection);
            List<ScheduledTable> loaded = Catalog.load(connection);
            Set<Long> present = ConcurrentHashMap.newKeySet();
            for (ScheduledTable table : loaded) {
                present.add(table.id());
                if (!inFlight.contains(table.id())) {
                    tables.put(table.id(), table);
                }
            }
            tables.keySet().retainAll(present);
        }
        nextReload = now.plus(pollInterval);
    }

    private void maintain(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pgstream.trim_history()");
            statement.execute("SELECT pgstream.check_staleness()");
        }
        nextMaintenance = now.plus(MAINTENANCE_INTERVAL);
    }

    private void waitUntil(Instant until) {
        long millis = Math.max(MIN_WAIT.toMillis(), Duration.between(Instant.now(), until).toMillis());
        try {
            if (wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops scheduling and waits (bounded) for refreshes under way; an unfinished one rolls back. */
    @Override
    public void close() {
        running = false;
        wakeUp.release();
        try {
            thread.join(Duration.ofSeconds(5));
            workers.shutdown();
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
