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
     * Waits until every stream table that refreshes at least once within {@code limit} reflects a snapshot taken
     * after {@code moment}, at most {@code limit} and not past a stop request; returns those that still lag
     * (none: caught up).
     */
    static List<String> await(Connection connection, OffsetDateTime moment, Duration limit, ShutdownSignal signal)
            throws SQLException {
        Instant deadline = Instant.now().plus(limit);
        List<String> lagging = lagging(connection, moment, limit);
        while (!lagging.isEmpty() && Instant.now().isBefore(deadline) && !signal.await(POLL)) {
            lagging = lagging(connection, moment, limit);
        }
        return lagging;
    }

    /** The stream tables that refresh less often than {@code limit}: the engine would not catch them up in time. */
    static List<String> slowerThan(Connection connection, Duration limit) throws SQLException {
        return names(connection, "SELECT name FROM pgstream.stream_tables"
                + " WHERE effective_interval > make_interval(secs => ?) ORDER BY name", limit.toSeconds());
    }

    private static List<String> lagging(Connection connection, OffsetDateTime moment, Duration limit)
            throws SQLException {
        return names(connection, "SELECT name FROM pgstream.stream_tables"
                + " WHERE (data_timestamp IS NULL OR data_timestamp <= ?)"
                + "   AND effective_interval <= make_interval(secs => ?) ORDER BY name", moment, limit.toSeconds());
    }

    private static List<String> names(Connection connection, String sql, Object... parameters) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
