package io.pgstream.engine.capture;

import io.pgstream.engine.Failures;
import io.pgstream.engine.Outage;
import io.pgstream.engine.capture.PgOutputMessage.Begin;
import io.pgstream.engine.capture.PgOutputMessage.Commit;
import io.pgstream.engine.capture.PgOutputMessage.Delete;
import io.pgstream.engine.capture.PgOutputMessage.Insert;
import io.pgstream.engine.capture.PgOutputMessage.LogicalMessage;
import io.pgstream.engine.capture.PgOutputMessage.Relation;
import io.pgstream.engine.capture.PgOutputMessage.Truncate;
import io.pgstream.engine.capture.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the database's slot (pgoutput, protocol 1, with logical messages) and hands the rows to a
 * {@link BufferWriter}. It acknowledges a position to the server only after the rows before it are
 * committed (automatic flush off), and skips a transaction whose commit lies before what was committed, so a
 * restart at any instant neither loses nor repeats one. A logical message with prefix {@code pgstream} (a
 * refresh waiting, see {@code pgstream._await_decoder}) makes it commit at once; before PostgreSQL 17 a
 * {@link WalFlushNudge} gets that message flushed. One thread; runs until
 * {@link #stop()} or until the slot is no longer registered.
 */
final class WalDecoder {

    private static final Logger log = LoggerFactory.getLogger(WalDecoder.class);
    private static final long COMMIT_AFTER_NANOS = Duration.ofMillis(100).toNanos();
    private static final long HEARTBEAT_NANOS = Duration.ofSeconds(1).toNanos();
    private static final String MARKER_PREFIX = "pgstream";
    private static final long BUSY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long QUIET_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final long QUIET_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String jdbcUrl;
    private final Properties properties;
    private final Thread thread;
    private final Outage outage = new Outage(log, "the WAL decoder");
    private volatile boolean running = true;

    private final Map<Integer, Relation> relations = new HashMap<>();
    private long xid;
    private boolean replayed;
    private boolean inTransaction;

    WalDecoder(String jdbcUrl, Properties properties, String threadName) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                if (!stream()) {
                    return;
                }
            } catch (SourceUnusableException e) {
                fallBack(e);
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                // a server restarting or out of reach is not the decoder failing: it resumes from the slot once the
                // server is back (a slot that did not survive is found missing and the sources fall back then)
                if (Failures.connectionLost(e)) {
                    pause(outage.lost(e, "it resumes from the slot once reconnected"));
                } else {
                    log.warn("the WAL decoder failed: {}", Failures.brief(e));
                    recordFailure(e);
                    pause(Duration.ofSeconds(1));
                }
            } catch (RuntimeException e) {
                log.warn("the WAL decoder failed: {}", Failures.brief(e));
                recordFailure(e);
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Streams until stopped; false when there is no slot to stream. */
    private boolean stream() throws SQLException {
        try (Connection writerConnection = DriverManager.getConnection(jdbcUrl, properties)) {
            Slot slot = Slot.read(writerConnection);
            if (slot == null) {
                return false;
            }
            try (BufferWriter writer = new BufferWriter(writerConnection, slot.decodedLsn());
                 WalFlushNudge nudge = WalFlushNudge.forServer(writerConnection, jdbcUrl, properties);
                 Connection replication = DriverManager.getConnection(jdbcUrl, replicationProperties());
                 PGReplicationStream stream = open(replication, slot)) {
                outage.connected();
                relations.clear();
                inTransaction = false;
                try {
                    consume(stream, writer, nudge);
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(writer);
                    throw e;
                }
            }
        }
        return running;
    }

    private void consume(PGReplicationStream stream, BufferWriter writer, WalFlushNudge nudge) throws SQLException {
        long lastCommit = System.nanoTime();
        long lastMessage = System.nanoTime();
        while (running) {
            ByteBuffer data = stream.readPending();
            if (data == null) {
                // only between source transactions: a restart resumes at one's beginning
                boolean due = writer.uncommittedTransactions() > 0 && writer.openForNanos() > COMMIT_AFTER_NANOS;
                if (!inTransaction && due) {
                    acknowledge(stream, writer.commit(writer.decodedLsn()));
                    lastCommit = System.nanoTime();
                } else if (!inTransaction && writer.uncommittedTransactions() == 0
                        && System.nanoTime() - lastCommit > HEARTBEAT_NANOS) {
                    // every message received is handled: what the server reported sending is decoded too
                    acknowledge(stream, writer.commit(Math.max(writer.decodedLsn(), stream.getLastReceiveLSN().asLong())));
                    lastCommit = System.nanoTime();
                }
                nudge.whileIdle();
                // a refresh waiting for a marker waits on this loop; a shorter pause costs CPU, which matters
                // to writers while busy and to an idle machine while quiet
                LockSupport.parkNanos(System.nanoTime() - lastMessage > QUIET_AFTER_NANOS ? QUIET_PAUSE_NANOS : BUSY_PAUSE_NANOS);
                continue;
            }
            lastMessage = System.nanoTime();
            if (handle(PgOutput.parse(data), writer)) {
                acknowledge(stream, writer.commit(writer.decodedLsn()));
                lastCommit = System.nanoTime();
            }
        }
        writer.commit(writer.decodedLsn());
    }

    /** Applies one message; true when it asks for a commit now. */
    private boolean handle(PgOutputMessage message, BufferWriter writer) throws SQLException {
        switch (message) {
            case Begin begin -> {
                xid = begin.xid();
                replayed = begin.finalLsn() < writer.decodedLsn();
                inTransaction = true;
            }
            case Commit commit -> {
                inTransaction = false;
                if (!replayed) {
                    writer.transactionEnd(commit.endLsn());
                }
            }
            case Relation relation -> relations.put(relation.relationId(), relation);
            case Insert insert -> {
                if (!replayed) {
                    writer.row(relation(insert.relationId()), 'I', xid, insert.newRow(), null);
                }
            }
            case Update update -> {
                if (!replayed) {
                    Relation relation = fullRow(update.relationId(), update.oldRow(), update.oldRowIsKeyOnly());
                    writer.row(relation, 'D', xid, update.oldRow(), null);
                    writer.row(relation, 'I', xid, update.newRow(), update.oldRow());
                }
            }
            case Delete delete -> {
                if (!replayed) {
                    writer.row(fullRow(delete.relationId(), delete.oldRow(), delete.oldRowIsKeyOnly()), 'D', xid,
                            delete.oldRow(), null);
                }
            }
            case Truncate truncate -> {
                if (!replayed) {
                    for (int relationId : truncate.relationIds()) {
                        writer.truncate(relationId, xid);
                    }
                }
            }
            case LogicalMessage marker -> {
                if (MARKER_PREFIX.equals(marker.prefix()) && !marker.transactional()) {
                    writer.transactionEnd(marker.lsn());
                    return true;
                }
            }
            case PgOutputMessage.Ignored ignored -> { }
        }
        return false;
    }

    private Relation relation(int relationId) {
        Relation relation = relations.get(relationId);
        if (relation == null) {
            throw new IllegalStateException("a change of relation " + Integer.toUnsignedLong(relationId)
                    + " arrived before its description");
        }
        return relation;
    }

    /** The relation of an update or delete, which must carry the whole old row (REPLICA IDENTITY FULL). */
    private Relation fullRow(int relationId, PgOutputMessage.Tuple oldRow, boolean keyOnly) {
        Relation relation = relation(relationId);
        if (oldRow == null || keyOnly || relation.replicaIdentity() != 'f') {
            throw new SourceUnusableException(relationId, "its replica identity is no longer FULL, so the WAL"
                    + " lacks the old values of updated and deleted rows");
        }
        return relation;
    }

    private static void acknowledge(PGReplicationStream stream, long lsn) {
        stream.setFlushedLSN(LogSequenceNumber.valueOf(lsn));
        stream.setAppliedLSN(LogSequenceNumber.valueOf(lsn));
    }

    private static PGReplicationStream open(Connection replication, Slot slot) throws SQLException {
        return replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(slot.name())
                .withSlotOption("proto_version", 1)
                .withSlotOption("publication_names", slot.publication())
                .withSlotOption("messages", true)
                .withStartPosition(LogSequenceNumber.valueOf(slot.decodedLsn()))
                .withStatusInterval(1, TimeUnit.SECONDS)
                .withAutomaticFlush(false)
                .start();
    }

    private Properties replicationProperties() {
        Properties replication = new Properties();
        replication.putAll(properties);
        PGProperty.REPLICATION.set(replication, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(replication, "14");
        PGProperty.PREFER_QUERY_MODE.set(replication, "simple");
        return replication;
    }

    private void fallBack(SourceUnusableException e) {
        log.warn("source {} cannot be decoded from the WAL ({}); it falls back to triggers",
                Integer.toUnsignedLong(e.relationId()), e.getMessage());
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
             PreparedStatement statement = connection.prepareStatement("SELECT pgstream._fall_back(?::oid, ?, false)")) {
            statement.setLong(1, Integer.toUnsignedLong(e.relationId()));
            statement.setString(2, e.getMessage());
            statement.execute();
        } catch (SQLException failure) {
            log.warn("the fallback of source {} failed: {}", Integer.toUnsignedLong(e.relationId()), Failures.brief(failure));
            recordFailure(failure);
            pause(Duration.ofSeconds(1));
        }
    }


    private void recordFailure(Exception e) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
             PreparedStatement statement = connection.prepareStatement("SELECT pgstream._record_decoder_failure(?)")) {
            statement.setString(1, String.valueOf(e.getMessage()));
            statement.execute();
        } catch (SQLException unrecorded) {
            log.debug("could not record the decoder failure: {}", unrecorded.getMessage());
        }
    }

    private static void rollbackQuietly(BufferWriter writer) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.debug("rollback after a decoder failure failed: {}", e.getMessage());
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** The registered slot and how far its changes are committed. */
    record Slot(String name, String publication, long decodedLsn) {

        static Slot read(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT slot_name, publication, decoded_lsn::text FROM pgstream.wal_capture");
                 ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Slot slot = new Slot(rs.getString(1), rs.getString(2), LogSequenceNumber.valueOf(rs.getString(3)).asLong());
                // the driver sends both names unquoted
                if (!slot.name().matches("[a-z0-9_]+") || !slot.publication().matches("[a-z0-9_]+")) {
                    throw new SQLException("unexpected slot or publication name: " + slot);
                }
                return slot;
            }
        }
    }
}
