package io.pgstream.engine.refresh;

import io.pgstream.engine.Failures;
import io.pgstream.engine.catalog.Catalog;
import io.pgstream.engine.catalog.ScheduledTable;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.catalog.StreamTables.RefreshResult;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Runs scheduled refresh rounds. A round is one READ COMMITTED transaction: take the advisory locks of
 * the due stream tables and of every stream table they read, without waiting (another engine or a
 * manual refresh may hold one), re-read their catalog rows (another engine may just have refreshed),
 * refresh them through the extension in dependency order, commit. A crash at any point rolls the whole
 * round back and releases the locks with the session.
 *
 * <p>A round gives way to other sessions' locks rather than hold them up: it waits at most
 * {@link #LOCK_TIMEOUT} for each lock it takes (less than PostgreSQL's default deadlock_timeout, so that in a
 * deadlock with a user's transaction it is the round that gives up), and a {@link LockWatch} cancels one that
 * holds a table lock another session waits for. Either way the round rolls back whole and runs again at its
 * next turn.
 */
public final class RefreshExecutor implements AutoCloseable {

    /** What became of one attempt. */
    public sealed interface Outcome {
        /**
         * The round ran: what each refresh did (SKIP and ERROR included; errors are recorded in the catalog),
         * and the catalog rows of every member afterwards.
         */
        record Refreshed(List<RefreshResult> results, List<ScheduledTable> tables) implements Outcome {}

        /** Someone else holds one of the locks: that refresh is under way. */
        record Busy() implements Outcome {}

        /** Another refresh happened meanwhile, or the tables were suspended or dropped: nothing to do yet. */
        record NotDue(List<ScheduledTable> tables) implements Outcome {}

        /** The round rolled back to let another session have a lock: {@code reason} says which. */
        record GaveWay(String reason) implements Outcome {}
    }

    static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEADLOCK_DETECTED = "40P01";

    private static final String REFRESH_ROUND =
            "SELECT " + StreamTables.RESULT_COLUMNS + " FROM pgstream._refresh_round(?, 'scheduled', false) r";

    private final DataSource dataSource;
    private final LockWatch lockWatch;

    /** The data source must have a connection to spare for the {@link LockWatch}'s checks. */
    public RefreshExecutor(DataSource dataSource) {
        this.dataSource = dataSource;
        this.lockWatch = new LockWatch(dataSource);
    }

    /** What {@link #skipUnchanged} did with one stream table. */
    public enum Quiet { SKIPPED, REFRESH, BUSY }

    /**
     * One transaction for due stream tables that read no other stream table: those whose sources did not change
     * are refreshed as SKIP at once; the others say whether they need a round or are busy.
     */
    public Map<Long, Quiet> skipUnchanged(Collection<Long> ids) throws SQLException {
        return inTransaction(connection -> {
            Map<Long, Quiet> outcomes = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT stream_table_id, outcome FROM pgstream._skip_unchanged(?, 'scheduled')")) {
                statement.setArray(1, bigints(connection, ids));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        outcomes.put(rs.getLong(1), Quiet.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)));
                    }
                }
            }
            return outcomes;
        }, outcomes -> true);
    }

    /** Refreshes those of the {@code requested} stream tables still due by {@code dueBy}, after what they read. */
    public Outcome refreshIfDue(Collection<Long> requested, Instant dueBy) throws SQLException {
        try {
            return inTransaction(connection -> attempt(connection, requested, dueBy),
                    outcome -> outcome instanceof Outcome.Refreshed);
        } catch (LockWatch.GaveWay e) {
            return new Outcome.GaveWay(e.getMessage());  // the waiting session
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || DEADLOCK_DETECTED.equals(e.getSQLState())) {
                return new Outcome.GaveWay(Failures.brief(e));
            }
            throw e;
        }
    }

    /** Work in one READ COMMITTED transaction, committed when {@code commit} says so, else rolled back. */
    private <T> T inTransaction(TransactionWork<T> work, Predicate<T> commit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
                }
                T result = work.run(connection);
                if (commit.test(result)) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackAfter(connection, e);
                throw e;
            }
        }
    }

    /** Rolls back after a failure, which stays the one reported (a lost connection cannot roll back either). */
    private static void rollbackAfter(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private Outcome attempt(Connection connection, Collection<Long> requested, Instant dueBy) throws SQLException {
        List<Long> members = tryLockRound(connection, requested);
        if (members == null) {
            return new Outcome.Busy();
        }
        List<ScheduledTable> current = Catalog.loadSome(connection, members);
        List<Long> due = current.stream()
                .filter(t -> requested.contains(t.id()) && t.schedulable() && !t.nextDue().isAfter(dueBy))
                .map(ScheduledTable::id)
                .toList();
        if (due.isEmpty()) {
            return new Outcome.NotDue(current);
        }
        List<RefreshResult> results = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(REFRESH_ROUND)) {
            statement.setArray(1, bigints(connection, due));
            lockWatch.run(connection, statement, () -> {
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        results.add(StreamTables.readResult(rs));
                    }
                }
                return null;
            });
        }
        return new Outcome.Refreshed(results, Catalog.loadSome(connection, members));
    }

    /** The round's members, all locked; null when one is busy. */
    private static List<Long> tryLockRound(Connection connection, Collection<Long> requested) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream._lock_round(?, false)")) {
            statement.setArray(1, bigints(connection, requested));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                Array members = rs.getArray(1);
                return members == null ? null : Arrays.asList((Long[]) members.getArray());
            }
        }
    }

    @Override
    public void close() {
        lockWatch.close();
    }

    private static Array bigints(Connection connection, Collection<Long> ids) throws SQLException {
        return connection.createArrayOf("bigint", ids.toArray());
    }
}
