package io.pgstream.engine.catalog;

import io.pgstream.core.schedule.Schedule;
import io.pgstream.extension.ExtensionFiles;
import io.pgstream.extension.ExtensionInstaller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the scheduling view of pg_stream's catalog. */
public final class Catalog {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private static final String SELECT = """
            SELECT id, relid::regclass::text AS name, schedule, status, last_refresh_at,
                   plan_status = 'pending' AS plan_pending
              FROM pgstream.stream_table""";
    private static final String LOAD = SELECT + " ORDER BY id";
    private static final String LOAD_ONE = SELECT + " WHERE id = ?";

    private Catalog() {}

    /** Fails with a clear message when the database has no pg_stream, or an older one than this engine. */
    public static String requireExtension(Connection connection, String databaseName) throws SQLException {
        Optional<String> installed = ExtensionInstaller.installedVersion(connection);
        String packaged = ExtensionFiles.defaultVersion();
        if (installed.isEmpty()) {
            throw new MissingExtensionException("database \"" + databaseName + "\" has no pg_stream extension: "
                    + "install it with `pg-stream install --db URL` (or CREATE EXTENSION pg_stream)");
        }
        if (!installed.get().equals(packaged)) {
            throw new MissingExtensionException("database \"" + databaseName + "\" has pg_stream " + installed.get()
                    + " but this engine needs " + packaged + ": upgrade it with `pg-stream install --db URL`");
        }
        return installed.get();
    }

    public static List<ScheduledTable> load(Connection connection) throws SQLException {
        List<ScheduledTable> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LOAD); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                toScheduledTable(rs).ifPresent(tables::add);
            }
        }
        return tables;
    }

    public static Optional<ScheduledTable> loadOne(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOAD_ONE)) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? toScheduledTable(rs) : Optional.empty();
            }
        }
    }

    /** The interval of 'calculated' schedules. */
    public static Duration calculatedInterval(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream.setting('calculated_interval')");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return Schedule.parseDuration(rs.getString(1));
        }
    }

    private static Optional<ScheduledTable> toScheduledTable(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        Schedule schedule;
        try {
            schedule = Schedule.parse(rs.getString("schedule"));
        } catch (IllegalArgumentException e) {
            // the extension validated it; a mismatch between the two parsers must not stop the others
            log.warn("stream table {} is not scheduled: {}", name, e.getMessage());
            return Optional.empty();
        }
        Timestamp last = rs.getTimestamp("last_refresh_at");
        return Optional.of(new ScheduledTable(rs.getLong("id"), name, schedule, rs.getString("status"),
                last == null ? null : last.toInstant(), rs.getBoolean("plan_pending")));
    }

    /** A database the engine cannot serve as it is. */
    public static final class MissingExtensionException extends SQLException {
        public MissingExtensionException(String message) {
            super(message);
        }
    }

}
