package io.pgstream.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The time from a commit until a stream table shows it. One connection inserts a row with the next id every
 * {@value #INSERT_INTERVAL_MILLIS} ms, in autocommit, noting when the commit returned; another reads the
 * highest id in the stream table every {@value #POLL_MILLIS} ms, noting when each id first shows (a refresh makes
 * every committed row visible at once, so the highest id tells which are). The table is {@code (id int PRIMARY
 * KEY, v int)}, empty, and the stream table shows its rows.
 */
record CommitLatency(String jdbcUrl, String table, String streamTable) {

    private static final long INSERT_INTERVAL_MILLIS = 200;
    private static final long POLL_MILLIS = 10;
    private static final Duration VISIBILITY_TIMEOUT = Duration.ofMinutes(1);

    /** Milliseconds from commit to visibility, one per sample. */
    double[] measure(int samples) throws SQLException, InterruptedException {
        long[] committedAt = new long[samples];
        double[] millis = new double[samples];
        try (Connection writer = DriverManager.getConnection(jdbcUrl);
             Connection reader = DriverManager.getConnection(jdbcUrl);
             PreparedStatement insert = writer.prepareStatement("INSERT INTO " + table + " VALUES (?, 0)");
             PreparedStatement highestVisible = reader.prepareStatement(
                     "SELECT coalesce(max(id), 0) FROM " + streamTable)) {
            int inserted = 0;
            int visible = 0;
            long nextInsert = System.nanoTime();
            while (visible < samples) {
                if (inserted < samples && System.nanoTime() >= nextInsert) {
                    insert.setInt(1, inserted + 1);
                    insert.executeUpdate();
                    committedAt[inserted++] = System.nanoTime();
                    nextInsert += INSERT_INTERVAL_MILLIS * 1_000_000;
                }
                int highest = highest(highestVisible);
                long seenAt = System.nanoTime();
                for (; visible < highest; visible++) {
                    millis[visible] = (seenAt - committedAt[visible]) / 1e6;
                }
                checkNotOverdue(committedAt, inserted, visible);
                Thread.sleep(POLL_MILLIS);
            }
        }
        return millis;
    }

    private static int highest(PreparedStatement highestVisible) throws SQLException {
        try (ResultSet rs = highestVisible.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void checkNotOverdue(long[] committedAt, int inserted, int visible) {
        if (visible < inserted && System.nanoTime() - committedAt[visible] > VISIBILITY_TIMEOUT.toNanos()) {
            throw new IllegalStateException("row " + (visible + 1) + " of " + table + " did not show in " + streamTable
                    + " within " + VISIBILITY_TIMEOUT.toSeconds() + " s of its commit: is the engine refreshing it?");
        }
    }
}
