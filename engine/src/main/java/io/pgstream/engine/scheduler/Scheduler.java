package io.pgstream.engine.scheduler;

import io.pgstream.engine.Failures;
import io.pgstream.engine.Outage;
import io.pgstream.engine.catalog.Catalog;
import io.pgstream.engine.catalog.ScheduledTable;
import io.pgstream.engine.catalog.StreamTables.RefreshResult;
import io.pgstream.engine.compile.PlanInstaller;
import io.pgstream.engine.refresh.RefreshExecutor;
import io.pgstream.engine.refresh.RefreshExecutor.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
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
    /**
     * Quiet tables (see {@link #quiet}) falling due this soon are checked with those already due: one call for
     * many, instead of a wake-up and a transaction per table. Their refresh comes at most this early.
     */
    private static final Duration QUIET_WINDOW = Duration.ofMillis(200);

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
    /**
     * When each plan compiled here was committed: until a reload that starts later, this copy of the catalog may
     * still say pending (a reload under way read the old row), and the table must not be compiled again.
     */
    private final Map<Long, Instant> compiledAt = new ConcurrentHashMap<>();
    private final Outage outage;
    private volatile boolean running = true;
    private Instant nextReload = Instant.MIN;
    private Instant nextMaintenance = Instant.MIN;

    public Scheduler(String database, DataSource dataSource, int refreshThreads, Duration pollInterval) {
        this.database = database;
        this.dataSource = dataSource;
        this.executor = new RefreshExecutor(dataSource);
        this.pollInterval = pollInterval;
        this.outage = new Outage(log, database + ": the scheduler");
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
                if (Failures.connectionLost(e)) {
                    outage.lost(e, "it retries every poll interval");
                } else {
                    log.warn("{}: cannot read the catalog ({}); retrying", database, Failures.brief(e));
                }
                waitUntil(Instant.now().plus(pollInterval));
            } catch (RuntimeException e) {
                log.error("{}: scheduler error; retrying", database, e);
                waitUntil(Instant.now().plus(pollInterval));
            }
        }
    }

    /**
     * Hands every due table to the pool, in rounds with the tables they read; returns when the next one
     * falls due. A round waits while one of its members is in another round under way.
     */
    private Instant dispatchDue(Instant now) {
        Instant next = now.plus(pollInterval);
        Instant dueBy = now.plus(QUIET_WINDOW);
        List<Long> due = new ArrayList<>();
        List<Long> dueSoon = new ArrayList<>();
        for (ScheduledTable table : tables.values()) {
            if (!table.schedulable() || inFlight.contains(table.id())) {
                continue;
            }
            if (table.planPending() && !compiledAt.containsKey(table.id())
                    && !now.isBefore(nextCompile.getOrDefault(table.id(), Instant.MIN))) {
                inFlight.add(table.id());
                workers.execute(() -> compile(table));
                continue;
            }
            Instant nextDue = table.nextDue();
            if (!nextDue.isAfter(now)) {
                due.add(table.id());
            } else {
                next = nextDue.isBefore(next) ? nextDue : next;
                if (!nextDue.isAfter(dueBy) && quiet(table.id())) {
                    dueSoon.add(table.id());
                }
            }
        }
        List<RefreshRound> rounds = RefreshRound.plan(due.stream().filter(id -> !quiet(id)).toList(), tables);
        Set<Long> inRounds = new HashSet<>();
        rounds.forEach(round -> inRounds.addAll(round.members()));
        List<Long> quiet = due.stream().filter(this::quiet).collect(Collectors.toCollection(ArrayList::new));
        if (!quiet.isEmpty()) {  // only with a table already due: otherwise the check would just come early
            quiet.addAll(dueSoon);
            quiet.removeIf(inRounds::contains);
        }
        if (!quiet.isEmpty()) {
            inFlight.addAll(quiet);
            workers.execute(() -> skipOrRefresh(quiet, dueBy));
        }
        for (RefreshRound round : rounds) {
            if (round.members().stream().noneMatch(inFlight::contains)) {
                inFlight.addAll(round.members());
                workers.execute(() -> refresh(round, now));
            }
        }
        return next;
    }

    /** An active stream table that reads no stream table: its cycle with no change needs no round of its own. */
    private boolean quiet(long id) {
        ScheduledTable table = tables.get(id);
        return table != null && table.upstream().isEmpty() && !table.planPending() && table.status().equals("active");
    }

    /**
     * Most due tables usually have nothing new: one call refreshes all of those as SKIP, and the tables whose
     * sources changed each get a round of their own in the pool, so that one slow refresh holds up no other.
     */
    private void skipOrRefresh(List<Long> ids, Instant dueBy) {
        Instant now = Instant.now();
        List<Long> changed = new ArrayList<>();
        try {
            Map<Long, RefreshExecutor.Quiet> outcomes = executor.skipUnchanged(ids);
            outage.connected();
            for (long id : ids) {
                RefreshExecutor.Quiet outcome = outcomes.get(id);
                if (outcome == null) {
                    tables.remove(id); // dropped meanwhile
                } else if (outcome == RefreshExecutor.Quiet.REFRESH) {
                    changed.add(id);
                } else {
                    markAttempted(Set.of(id), now);
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (Failures.connectionLost(e)) {
                outage.lost(database + ": the check of " + ids.size() + " stream tables for changes", e,
                        "they are refreshed one by one");
            } else {
                log.warn("{}: cannot check {} stream tables for changes ({}); refreshing them one by one", database,
                        ids.size(), Failures.brief(e));
            }
            changed.clear();
            changed.addAll(ids);
        } finally {
            ids.stream().filter(id -> !changed.contains(id)).forEach(inFlight::remove);
            for (long id : changed) {  // still in flight: each round's own end releases it
                runLater(() -> refresh(new RefreshRound(Set.of(id), Set.of(id)), dueBy));
            }
            wakeUp.release();
        }
    }

    /** Hands work to the pool from a worker; once the scheduler is closing, the work is left to the next engine. */
    private void runLater(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            if (running) {
                throw e;
            }
        }
    }

    /** Runs a round of the requested tables that are due by {@code dueBy}. */
    private void refresh(RefreshRound round, Instant dueBy) {
        Instant now = Instant.now();
        try {
            Outcome outcome = executor.refreshIfDue(round.requested(), dueBy.isAfter(now) ? dueBy : now);
            outage.connected();
            switch (outcome) {
                case Outcome.Refreshed refreshed -> {
                    remember(round, refreshed.tables(), now);
                    refreshed.results().forEach(this::logResult);
                }
                case Outcome.NotDue notDue -> remember(round, notDue.tables(), now);
                case Outcome.Busy busy -> markAttempted(round.requested(), now);
                case Outcome.GaveWay gaveWay -> {
                    log.info("{}: refresh of {} gave way ({}); it runs again at its next turn", database,
                            names(round.requested()), gaveWay.reason());
                    markAttempted(round.requested(), now);
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (Failures.connectionLost(e)) {
                outage.lost(database + ": refresh of " + names(round.requested()), e, "it runs again at its next turn");
            } else {
                log.warn("{}: refresh of {} failed: {}", database, names(round.requested()), Failures.brief(e));
            }
            markAttempted(round.requested(), now);
        } finally {
            inFlight.removeAll(round.members());
            wakeUp.release();
        }
    }

    /** These tables wait for their next turn, counted from {@code at}. */
    private void markAttempted(Set<Long> ids, Instant at) {
        ids.forEach(id -> tables.computeIfPresent(id, (key, table) -> table.refreshedAt(at)));
    }

    /**
     * Takes the members' catalog rows as they are after the round. A requested table the round could not
     * refresh (its upstream failed or is suspended) counts as attempted now, so it waits for its next turn.
     */
    private void remember(RefreshRound round, List<ScheduledTable> after, Instant attemptedAt) {
        Set<Long> present = new HashSet<>();
        for (ScheduledTable table : after) {
            present.add(table.id());
            boolean untouched = table.lastRefreshAt() == null || table.lastRefreshAt().isBefore(attemptedAt);
            tables.put(table.id(), round.requested().contains(table.id()) && untouched && table.schedulable()
                    ? table.refreshedAt(attemptedAt) : table);
        }
        round.members().stream().filter(id -> !present.contains(id)).forEach(tables::remove);
    }

    private String names(Set<Long> ids) {
        return ids.stream().map(id -> tables.containsKey(id) ? tables.get(id).name() : "#" + id).sorted().toList()
                .toString();
    }

    /** Compiles a stream table's plan; a failure is retried after a poll interval. */
    private void compile(ScheduledTable table) {
        try (Connection connection = dataSource.getConnection()) {
            PlanInstaller.Outcome outcome = PlanInstaller.install(connection, table.id());
            log.info("{}: {} refreshes {}", database, table.name(),
                    outcome.differential() ? "differentially" : "in full: " + outcome.reason());
            nextCompile.remove(table.id());
            compiledAt.put(table.id(), Instant.now());
            reloadRequested.set(true);
        } catch (SQLException | RuntimeException e) {
            if (Failures.connectionLost(e)) {
                outage.lost(database + ": compiling " + table.name(), e, "it is compiled again after a poll interval");
            } else {
                log.warn("{}: cannot compile {}: {}", database, table.name(), Failures.brief(e));
            }
            nextCompile.put(table.id(), Instant.now().plus(pollInterval));
        } finally {
            inFlight.remove(table.id());
            wakeUp.release();
        }
    }

    private void logResult(RefreshResult result) {
        switch (result.action()) {
            case "SKIP" -> log.debug("{}: {}", database, result.describe());
            case "ERROR" -> log.warn("{}: refresh of {} failed: {}", database, result.streamTable(), result.reason());
            default -> log.info("{}: {}", database, result.describe());
        }
    }

    private void reload(Instant now) throws SQLException {
        Instant started = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            List<ScheduledTable> loaded = Catalog.load(connection);
            compiledAt.values().removeIf(committed -> committed.isBefore(started));
            Set<Long> present = ConcurrentHashMap.newKeySet();
            for (ScheduledTable table : loaded) {
                present.add(table.id());
                if (!inFlight.contains(table.id())) {
                    tables.put(table.id(), table);
                }
            }
            tables.keySet().retainAll(present);
        }
        outage.connected();
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
        } finally {
            executor.close();
        }
    }
}
