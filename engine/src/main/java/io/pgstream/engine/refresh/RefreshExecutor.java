package io.pgstream.engine.refresh;

import io.pgstream.engine.catalog.Catalog;
import io.pgstream.engine.catalog.ScheduledTable;
import io.pgstream.engine.catalog.StreamTables;
import io.pgstream.engine.catalog.StreamTables.RefreshResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs scheduled refreshes. Each runs in its own READ COMMITTED transaction: take the stream table's
 * advisory lock without waiting (another engine or a manual refresh may hold it), re-read the catalog
 * row (another engine may just have refreshed), refresh through the extension, commit. A crash at any
 * point rolls the whole refresh back and releases the lock with the session.
 */
public final class RefreshExecutor {

    /** What became of one attempt. */
    public sealed interface Outcome {
        /** The refresh ran (its action may be SKIP or ERROR; an ERROR was recorded in the catalog). */
        record Refreshed(RefreshResult result, ScheduledTable table) implements Outcome {}

        /** Someone else holds the lock: that refresh is under way. */
        record Busy() implements Outcome {}

        /** Another refresh happened meanwhile, or the table was suspended: nothing to do yet. */
        record NotDue(ScheduledTable table) implements Outcome {}

        /** The stream table was dropped. */
        record Gone() implements Outcome {}
    }

    private static final String REFRESH =
            "SELECT " + StreamTables.RESULT_COLUMNS + " FROM pgstream._refresh(?, 'scheduled', false) r";

    private final DataSource dataSource;

    public RefreshExecutor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Outcome refreshIfDue(long id, Duration calculatedInterval, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                Outcome outcome = attempt(connection, id, calculatedInterval, now);
                if (outcome instanceof Outcome.Refreshed) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Outcome attempt(Connection connection, long id, Duration calculatedInterval, Instant now) throws SQLException {
        if (!tryLock(connection, id)) {
            return new Outcome.Busy();
        }
        Optional<ScheduledTable> current = Catalog.loadOne(connection, id);
        if (current.isEmpty()) {
            return new Outcome.Gone();
        }
        if (!current.get().schedulable() || current.get().nextDue(calculatedInterval).isAfter(now)) {
            return new Outcome.NotDue(current.get());
        }
        RefreshResult result;
        try (PreparedStatement statement = connection.prepareStatement(REFRESH)) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                result = StreamTables.readResult(rs);
            }
        }
        ScheduledTable after = Catalog.loadOne(connection, id).orElseThrow();
        return new Outcome.Refreshed(result, after);
    }

    private static boolean tryLock(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream.try_lock_stream_table(?)")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
