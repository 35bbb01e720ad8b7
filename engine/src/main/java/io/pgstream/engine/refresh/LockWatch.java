package io.pgstream.engine.refresh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps scheduled refreshes out of the way of other sessions' table locks. A refresh holds the locks it took
 * until it commits, so a user's ALTER TABLE, TRUNCATE or LOCK TABLE on a table the refresh reads or writes
 * would wait for the whole refresh, and every later query on that table would wait behind it. Every
 * {@link #CHECK_INTERVAL}, while a watched refresh has run longer than that, one query asks whether a session
 * that is not an engine's waits for a relation lock a watched refresh holds; that refresh is then cancelled
 * (its transaction rolls back whole) and runs again at its next turn, as autovacuum gives way to a lock.
 */
final class LockWatch implements AutoCloseable {

    static final Duration CHECK_INTERVAL = Duration.ofMillis(250);
    private static final String QUERY_CANCELED = "57014";

    private static final Logger log = LoggerFactory.getLogger(LockWatch.class);
    // waiters are read from pg_locks, which every role sees whole (pg_stat_activity hides other roles' waits)
    private static final String IN_THE_WAY = """
            SELECT DISTINCT ON (blocker) blocker,
                   format('session %s waits for %s on %s', w.pid, w.mode, w.relation::regclass)
              FROM pg_locks w CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) blocker
             WHERE w.locktype = 'relation' AND NOT w.granted
               AND w.database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND blocker = ANY (?)
               AND w.pid NOT IN (SELECT a.pid FROM pg_stat_activity a WHERE a.application_name LIKE 'pg-stream engine%')
             ORDER BY blocker, w.pid""";

    /** A refresh under watch; {@code inTheWayOf} is set when it was cancelled for a waiting session. */
    private static final class Watched {
        final Statement statement;
        final long startedNanos = System.nanoTime();
        volatile String inTheWayOf;

        Watched(Statement statement) {
            this.statement = statement;
        }
    }

    /** Thrown instead of the cancellation of a refresh that gave way; says to whom. */
    static final class GaveWay extends SQLException {
        GaveWay(String inTheWayOf, SQLException cancellation) {
            super(inTheWayOf, cancellation.getSQLState(), cancellation);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private final DataSource dataSource;
    private final Map<Integer, Watched> watched = new ConcurrentHashMap<>();  // by backend pid
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pg-stream-lock-watch").factory());

    LockWatch(DataSource dataSource) {
        this.dataSource = dataSource;
        timer.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs {@code work}, the execution of {@code statement}, under watch; throws {@link GaveWay} if cancelled. */
    <T> T run(Connection connection, Statement statement, Work<T> work) throws SQLException {
        int pid = connection.unwrap(PGConnection.class).getBackendPID();
        Watched refresh = new Watched(statement);
        watched.put(pid, refresh);
        try {
            return work.run();
        } catch (SQLException e) {
            if (refresh.inTheWayOf != null && QUERY_CANCELED.equals(e.getSQLState())) {
                throw new GaveWay(refresh.inTheWayOf, e);
            }
            throw e;
        } finally {
            watched.remove(pid);
        }
    }

    private void check() {
        long now = System.nanoTime();
        Integer[] longRunning = watched.entrySet().stream()
                .filter(e -> now - e.getValue().startedNanos >= CHECK_INTERVAL.toNanos())
                .map(Map.Entry::getKey).toArray(Integer[]::new);
        if (longRunning.length == 0) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(IN_THE_WAY)) {
            query.setArray(1, connection.createArrayOf("integer", longRunning));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    cancel(rs.getInt(1), rs.getString(2));
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("could not check whether refreshes are in the way of a lock: {}", e.getMessage());
        }
    }

    private void cancel(int pid, String inTheWayOf) {
        Watched refresh = watched.get(pid);
        if (refresh == null) {
            return;  // finished meanwhile
        }
        refresh.inTheWayOf = inTheWayOf;
        try {
            refresh.statement.cancel();  // cancels only while this statement runs
        } catch (SQLException e) {
            log.debug("could not cancel a refresh in the way of {}: {}", inTheWayOf, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
