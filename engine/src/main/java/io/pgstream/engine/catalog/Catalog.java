package io.pgstream.engine.catalog;

import io.pgstream.engine.Failures;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the scheduling view of pg_stream's catalog. */
public final class Catalog {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    /** The interval used when the catalog has none yet (a stream table created by an older script). */
    private static final Duration FALLBACK_INTERVAL = Duration.ofMinutes(1);

    private static final String SELECT = """
            SELECT id, relid::regclass::text AS name, schedule, status, last_refresh_at,
                   extract(epoch FROM effective_interval)::float8 AS effective_seconds,
                   plan_status = 'pending' AS plan_pending,
                   ARRAY(SELECT e.upstream_id FROM pgstream._edges e WHERE e.downstream_id = st.id) AS upstream
              FROM pgstream.stream_table st""";
    private static final String LOAD = SELECT + " ORDER BY id";
    private static final String LOAD_SOME = SELECT + " WHERE id = ANY (?) ORDER BY id";

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

    /**
     * Repairs a catalog restored from a dump (see the extension's 20-restore.sql) before anything reads its change
     * buffers; says whether it was one. Refreshes do it too, so a restore works without an engine.
     */
    public static boolean repairIfRestored(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream._repair_if_restored()");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
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

    /** The stream tables among {@code ids} that still exist. */
    public static List<ScheduledTable> loadSome(Connection connection, Collection<Long> ids) throws SQLException {
        List<ScheduledTable> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LOAD_SOME)) {
            statement.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    toScheduledTable(rs).ifPresent(tables::add);
                }
            }
        }
        return tables;
    }

    private static Optional<ScheduledTable> toScheduledTable(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        Schedule schedule;
        try {
            schedule = Schedule.parse(rs.getString("schedule"));
        } catch (IllegalArgumentException e) {
            // the extension validated it; a mismatch between the two parsers must not stop the others
            log.warn("stream table {} is not scheduled: {}", name, Failures.brief(e));
            return Optional.empty();
        }
        Timestamp last = rs.getTimestamp("last_refresh_at");
        double effectiveSeconds = rs.getDouble("effective_seconds");
        Duration effective = rs.wasNull() ? FALLBACK_INTERVAL : Duration.ofMillis(Math.round(effectiveSeconds * 1000));
        Set<Long> upstream = new HashSet<>(Arrays.asList((Long[]) rs.getArray("upstream").getArray()));
        return Optional.of(new ScheduledTable(rs.getLong("id"), name, schedule, effective, rs.getString("status"),
                last == null ? null : last.toInstant(), rs.getBoolean("plan_pending"), upstream));
    }

    /** A database the engine cannot serve as it is. */
    public static final class MissingExtensionException extends SQLException {
        public MissingExtensionException(String message) {
            super(message);
        }
    }

}
