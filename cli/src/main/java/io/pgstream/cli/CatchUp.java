package io.pgstream.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the engine has caught up with the writes made before a moment: a stream table has when its data
 * timestamp (taken just before the snapshot of its last refresh) is later. Only watches; never refreshes.
 */
final class CatchUp {

    private static final Duration POLL = Duration.ofMillis(100);

    private CatchUp() {}

    /** The database's clock: data timestamps come from it, so the moment must too. */
    static OffsetDateTime now(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /**
     * Waits until every stream table reflects a snapshot taken after {@code moment}, at most {@code limit} and
     * not past a stop request; returns the stream tables that still lag (none: caught up).
     */
    static List<String> await(Connection connection, OffsetDateTime moment, Duration limit, ShutdownSignal signal)
            throws SQLException {
        Instant deadline = Instant.now().plus(limit);
        List<String> lagging = lagging(connection, moment);
        while (!lagging.isEmpty() && Instant.now().isBefore(deadline) && !signal.await(POLL)) {
            lagging = lagging(connection, moment);
        }
        return lagging;
    }

    private static List<String> lagging(Connection connection, OffsetDateTime moment) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT name FROM pgstream.stream_tables
                 WHERE data_timestamp IS NULL OR data_timestamp <= ? ORDER BY name""")) {
            statement.setObject(1, moment);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
