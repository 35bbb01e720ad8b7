package io.pgstream.cli;

import static io.pgstream.cli.ResultSets.seconds;

import io.pgstream.core.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream table as {@code pgstream.stream_tables} reports it, plus its row count and number of refreshes
 * that applied changes (full or differential). Read by {@code pg-stream status}, {@code pg-stream create} and the demo's display.
 *
 * @param sinceLastRefresh    time since the last refresh started (null: never refreshed)
 * @param lastRefreshDuration how long the last refresh took
 * @param staleness           age of the data: now minus the time of the snapshot the table reflects
 * @param rows                null when its table cannot be found (dropped without pg_stream noticing)
 */
record StreamTableStatus(String name, String status, String schedule, String refreshMode, String lastAction,
                         Duration sinceLastRefresh, Duration lastRefreshDuration, Duration staleness,
                         Long rows, long refreshes, String lastError) {

    private static final String SELECT = """
            SELECT st.name, st.status, st.schedule, st.refresh_mode, st.last_refresh_action,
                   extract(epoch FROM now() - st.last_refresh_at) AS since_last_refresh,
                   extract(epoch FROM st.last_refresh_duration) AS last_refresh_duration,
                   extract(epoch FROM st.staleness) AS staleness,
                   st.last_error, n.nspname, c.relname,
                   (SELECT count(*) FROM pgstream.refresh_history h
                     WHERE h.stream_table_id = st.id AND h.action IN ('FULL', 'DIFFERENTIAL')) AS refreshes
              FROM pgstream.stream_tables st
              LEFT JOIN pg_class c ON c.oid = to_regclass(st.name)
              LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
            """;

    /** Every stream table of the database, by name. */
    static List<StreamTableStatus> readAll(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT + " ORDER BY st.name")) {
            return read(connection, statement);
        }
    }

    /** The stream table a name designates, resolved like any table name. */
    static StreamTableStatus readOne(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                SELECT + " WHERE c.oid = to_regclass(?)")) {
            statement.setString(1, name);
            List<StreamTableStatus> found = read(connection, statement);
            if (found.isEmpty()) {
                throw new SQLException("stream table " + name + " does not exist");
            }
            return found.getFirst();
        }
    }

    /** "FULL 0.4s ago", or "never". */
    String lastRefreshSummary() {
        return lastAction == null ? "never" : lastAction + " " + Formats.duration(sinceLastRefresh) + " ago";
    }

    private static List<StreamTableStatus> read(Connection connection, PreparedStatement statement)
            throws SQLException {
        List<StreamTableStatus> tables = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                tables.add(new StreamTableStatus(rs.getString("name"), rs.getString("status"),
                        rs.getString("schedule"), rs.getString("refresh_mode"), rs.getString("last_refresh_action"),
                        seconds(rs, "since_last_refresh"), seconds(rs, "last_refresh_duration"),
                        seconds(rs, "staleness"),
                        countRows(connection, rs.getString("nspname"), rs.getString("relname")),
                        rs.getLong("refreshes"), rs.getString("last_error")));
            }
        }
        return tables;
    }

    private static Long countRows(Connection connection, String schema, String table) throws SQLException {
        if (table == null) {
            return null;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + Sql.qualified(schema, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
