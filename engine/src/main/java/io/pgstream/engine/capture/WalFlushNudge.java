package io.pgstream.engine.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Gets a refresh's marker flushed on PostgreSQL 14 to 16, where {@code pg_logical_emit_message} has no flush
 * argument. The walsender sends only flushed WAL, and the WAL writer flushes a partly filled page only up to the
 * last asynchronous commit, so a marker written while nothing commits waited for the next commit (25 s in a test).
 * While the decoder is idle, this checks every {@value #CHECK_MILLIS} ms whether WAL written before the last check
 * is still unflushed (asynchronous commits leave it so for up to {@code wal_writer_delay}) and, if so, commits a
 * transactional logical message (which the decoder ignores) with {@code synchronous_commit = local}: a commit that
 * has an xid and wrote WAL flushes the WAL up to it, the marker with it. At most one such commit per
 * {@value #NUDGE_MILLIS} ms, so writers committing asynchronously, or a long transaction writing WAL, cost at most
 * 20 xids a second. On PostgreSQL 17 and later it does nothing: the marker is flushed as it is written.
 */
final class WalFlushNudge implements AutoCloseable {

    private static final long CHECK_MILLIS = 25;
    private static final long NUDGE_MILLIS = 50;
    private static final long CHECK_NANOS = Duration.ofMillis(CHECK_MILLIS).toNanos();
    private static final long NUDGE_NANOS = Duration.ofMillis(NUDGE_MILLIS).toNanos();
    private static final int FLUSHES_MARKERS_FROM = 17;

    private final Connection connection; // null where markers are flushed as they are written
    private long lastCheck = System.nanoTime();
    private long lastNudge = System.nanoTime() - NUDGE_NANOS;
    private long lastInsertLsn = Long.MAX_VALUE;

    private WalFlushNudge(Connection connection) {
        this.connection = connection;
    }

    /** A nudge for the server {@code serverConnection} is connected to; its own connection only where needed. */
    static WalFlushNudge forServer(Connection serverConnection, String jdbcUrl, Properties properties) throws SQLException {
        if (serverConnection.getMetaData().getDatabaseMajorVersion() >= FLUSHES_MARKERS_FROM) {
            return new WalFlushNudge(null);
        }
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        try (Statement statement = connection.createStatement()) {
            // flush at commit even where the server commits asynchronously, and never wait for a standby
            statement.execute("SET synchronous_commit = local");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new WalFlushNudge(connection);
    }

    /** Called while the decoder has nothing to read: flushes the WAL if it stays unflushed. */
    void whileIdle() throws SQLException {
        long now = System.nanoTime();
        if (connection == null || now - lastCheck < CHECK_NANOS) {
            return;
        }
        lastCheck = now;
        try (Statement statement = connection.createStatement()) {
            boolean stale;
            try (ResultSet rs = statement.executeQuery("SELECT (pg_current_wal_flush_lsn() - '0/0')::bigint,"
                    + " (pg_current_wal_insert_lsn() - '0/0')::bigint")) {
                rs.next();
                stale = rs.getLong(1) < lastInsertLsn;
                lastInsertLsn = rs.getLong(2);
            }
            if (stale && now - lastNudge >= NUDGE_NANOS) {
                lastNudge = now;
                statement.execute("SELECT pg_logical_emit_message(true, 'pgstream_flush', '')");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
