package io.pgstream.engine.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Gets a refresh's marker flushed on PostgreSQL 14 to 16, where {@code pg_logical_emit_message} has no flush
 * argument. The walsender sends only flushed WAL, and the WAL writer flushes a partly filled page only up to the
 * last asynchronous commit, so a marker written while nothing commits would wait for the next commit. While the
 * decoder is idle, this checks every {@value #CHECK_MILLIS} ms for written but unflushed WAL and, if there is some,
 * ends a transaction of its own that wrote an (ignored) logical message: a transaction without an xid hands its
 * end to the WAL writer as an asynchronous commit does, and the WAL writer flushes within {@code wal_writer_delay}.
 * On PostgreSQL 17 and later it does nothing: the marker is flushed as it is written.
 */
final class WalFlushNudge implements AutoCloseable {

    private static final long CHECK_MILLIS = 100;
    private static final long CHECK_NANOS = Duration.ofMillis(CHECK_MILLIS).toNanos();
    private static final int FLUSHES_MARKERS_FROM = 17;

    private final Connection connection; // null where markers are flushed as they are written
    private long lastCheck = System.nanoTime();

    private WalFlushNudge(Connection connection) {
        this.connection = connection;
    }

    /** A nudge for the server {@code serverConnection} is connected to; its own connection only where needed. */
    static WalFlushNudge forServer(Connection serverConnection, String jdbcUrl, Properties properties) throws SQLException {
        if (serverConnection.getMetaData().getDatabaseMajorVersion() >= FLUSHES_MARKERS_FROM) {
            return new WalFlushNudge(null);
        }
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        connection.setAutoCommit(true);
        return new WalFlushNudge(connection);
    }

    /** Called while the decoder has nothing to read: nudges the WAL writer if the last check is old enough. */
    void whileIdle() throws SQLException {
        if (connection == null || System.nanoTime() - lastCheck < CHECK_NANOS) {
            return;
        }
        lastCheck = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT CASE WHEN pg_current_wal_flush_lsn() < pg_current_wal_insert_lsn()"
                    + " THEN pg_logical_emit_message(false, 'pgstream_flush', '') END");
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
