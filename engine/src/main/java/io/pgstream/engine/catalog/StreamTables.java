package io.pgstream.engine.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** The extension's SQL API, called over JDBC by the command line and the demo. */
public final class StreamTables {

    private StreamTables() {}

    /** What one refresh did, as {@code pgstream.refresh_result} reports it. */
    public record RefreshResult(String streamTable, String action, String reason, long rowsInserted,
                                long rowsDeleted, long rowsUpdated, Duration duration) {
        public String describe() {
            return "%s: %s (+%d -%d rows, %d updated) in %d ms%s".formatted(streamTable, action, rowsInserted, rowsDeleted,
                    rowsUpdated, duration.toMillis(), reason == null ? "" : " — " + reason);
        }
    }

    public static String create(Connection connection, String name, String query, String schedule, String refreshMode)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pgstream.create_stream_table(?, ?, ?, ?)::text")) {
            statement.setString(1, name);
            statement.setString(2, query);
            statement.setString(3, schedule);
            statement.setString(4, refreshMode);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Columns of a {@code pgstream.refresh_result} r, as {@link #readResult} reads them. */
    public static final String RESULT_COLUMNS =
            "r.stream_table, r.action, r.reason, r.rows_inserted, r.rows_deleted, r.rows_updated, "
            + "extract(epoch FROM r.duration)::float8 * 1000 AS duration_ms";

    public static RefreshResult refresh(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + RESULT_COLUMNS + " FROM pgstream.refresh_stream_table(?) r")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return readResult(rs);
            }
        }
    }

    public static void drop(Connection connection, String name, boolean cascade) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream.drop_stream_table(?, ?)")) {
            statement.setString(1, name);
            statement.setBoolean(2, cascade);
            statement.execute();
        }
    }

    /** Reads one row shaped like {@code pgstream.refresh_result}. */
    public static RefreshResult readResult(ResultSet rs) throws SQLException {
        return new RefreshResult(rs.getString("stream_table"), rs.getString("action"), rs.getString("reason"),
                rs.getLong("rows_inserted"), rs.getLong("rows_deleted"), rs.getLong("rows_updated"),
                Duration.ofNanos(Math.round(rs.getDouble("duration_ms") * 1e6)));
    }
}
