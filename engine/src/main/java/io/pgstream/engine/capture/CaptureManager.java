package io.pgstream.engine.capture;

import io.pgstream.engine.Failures;
import io.pgstream.engine.Outage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the sources of one database between capture triggers and the WAL, every interval: creates the slot
 * when a source can move, starts sources on their way (see {@code pgstream._begin_wal_capture}), takes each
 * cutover's next step ({@code pgstream._step_capture}), runs the {@link WalDecoder} while a source needs it,
 * falls every source back when the slot is gone or unusable, and drops the slot when nothing needs it. Of
 * several engines, the one holding the capture lock (a session advisory lock) does this; PostgreSQL lets only
 * one of them stream the slot anyway.
 */
public final class CaptureManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CaptureManager.class);

    private final String jdbcUrl;
    private final Properties properties;
    private final String database;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private final Outage outage;
    private Connection connection;
    private WalDecoder decoder;
    private boolean toldNoReplication;

    public CaptureManager(String jdbcUrl, Properties properties, String database, Duration interval) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.database = database;
        this.interval = interval;
        this.outage = new Outage(log, "capture management of database " + database);
        this.executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("pg-stream-capture-" + database).factory());
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            boolean holder = holdsCaptureLock();
            outage.connected();
            if (holder) {
                manage();
            }
        } catch (SQLException | RuntimeException e) {
            if (Failures.connectionLost(e)) {
                outage.lost(e, "it resumes once reconnected");
            } else {
                log.warn("capture management of database {} failed: {}", database, Failures.brief(e));
            }
            closeConnection();
        }
    }

    private void manage() throws SQLException {
        String missing = text("SELECT CASE WHEN EXISTS (SELECT 1 FROM pgstream.wal_capture)"
                + " THEN pgstream._decoder_missing_reason() END");
        if (missing != null) {
            log.warn("database {}: {}; its WAL-captured sources fall back to triggers", database, missing);
            stopDecoder();
            try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream._fall_back_all(?)")) {
                statement.setString(1, missing);
                statement.execute();
            }
        }
        if (!mayReplicate()) {
            return;
        }
        List<Long> candidates = relids("SELECT pgstream._wal_candidates()");
        if (!candidates.isEmpty() && text("SELECT slot_name FROM pgstream.wal_capture") == null) {
            createSlot();
        }
        if (text("SELECT slot_name FROM pgstream.wal_capture") != null) {
            startDecoder();
        }
        for (long relid : candidates) {
            String reason = text("SELECT pgstream._begin_wal_capture(" + relid + ")");
            if (reason == null) {
                log.info("database {}: source {} joins the WAL capture", database, relid);
            }
        }
        for (long relid : relids("SELECT source_relid::oid FROM pgstream.capture c WHERE pgstream._uses_decoder(c)"
                + " ORDER BY 1")) {
            String state = text("SELECT pgstream._step_capture(" + relid + ")");
            log.debug("database {}: source {}: {}", database, relid, state);
        }
        execute("SELECT pgstream._check_slot_lag()");
        if (text("SELECT 1 FROM pgstream.capture c WHERE pgstream._uses_decoder(c) LIMIT 1") == null
                && text("SELECT slot_name FROM pgstream.wal_capture") != null) {
            stopDecoder();
            if ("true".equals(text("SELECT pgstream._drop_slot_if_unused()::text"))) {
                log.info("database {}: no source is decoded from the WAL any more; the slot is dropped", database);
            }
        }
    }

    /** Whether the engine's role may stream a slot; said once when it may not: the sources stay on triggers. */
    private boolean mayReplicate() throws SQLException {
        if ("true".equals(text("SELECT (rolsuper OR rolreplication)::text FROM pg_roles WHERE rolname = current_user"))) {
            return true;
        }
        if (!toldNoReplication) {
            log.info("database {}: the engine's role has no REPLICATION attribute, so its sources stay on capture triggers",
                    database);
            toldNoReplication = true;
        }
        return false;
    }

    /** Creates the slot outside any transaction (PostgreSQL refuses one that has written). */
    private void createSlot() throws SQLException {
        String slot = text("SELECT pgstream._slot_name()");
        if (text("SELECT slot_name FROM pg_replication_slots WHERE slot_name = pgstream._slot_name() AND NOT active") != null) {
            execute("SELECT pg_drop_replication_slot(pgstream._slot_name())");  // left by an earlier fallback
        }
        execute("SELECT pgstream._create_publication()"); // committed first: see the function
        String lsn = text("SELECT lsn::text FROM pg_create_logical_replication_slot(pgstream._slot_name(), 'pgoutput')");
        try (PreparedStatement statement = connection.prepareStatement("SELECT pgstream._register_slot(?, ?::pg_lsn)")) {
            statement.setString(1, slot);
            statement.setString(2, lsn);
            statement.execute();
        }
        log.info("database {}: created replication slot {} at {}", database, slot, lsn);
    }

    private void startDecoder() {
        if (decoder == null || !decoder.isAlive()) {
            decoder = new WalDecoder(jdbcUrl, properties, "pg-stream-wal-" + database);
            decoder.start();
        }
    }

    private void stopDecoder() {
        if (decoder != null) {
            decoder.stop();
            decoder = null;
        }
    }

    private boolean holdsCaptureLock() throws SQLException {
        if (connection != null && connection.isValid(2)) {
            return true;
        }
        closeConnection();
        Connection candidate = DriverManager.getConnection(jdbcUrl, properties);
        try (Statement statement = candidate.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(1346851671, 0)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                connection = candidate;
                return true;
            }
        }
        candidate.close();
        return false;
    }

    private String text(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<Long> relids(String sql) throws SQLException {
        List<Long> relids = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                relids.add(rs.getLong(1));
            }
        }
        return relids;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the capture connection failed: {}", e.getMessage());
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopDecoder();
        closeConnection();
    }
}
