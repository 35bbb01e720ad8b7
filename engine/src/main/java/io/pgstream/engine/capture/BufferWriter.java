package io.pgstream.engine.capture;

import io.pgstream.core.sql.Sql;
import io.pgstream.engine.capture.PgOutputMessage.Relation;
import io.pgstream.engine.capture.PgOutputMessage.Tuple;
import io.pgstream.engine.capture.PgOutputMessage.Value;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Writes decoded rows into the change buffers, in transactions of its own that each cover whole source
 * transactions, and records in the same transaction how far it got ({@code pgstream.wal_capture.decoded_lsn}):
 * a restart resumes after the last one committed, so a source transaction is buffered exactly once. Rows are
 * sent with COPY, a few megabytes at a time, so a large source transaction needs bounded memory.
 */
final class BufferWriter implements AutoCloseable {

    /** A relation's rows are sent once their text reaches this many characters (TOASTed values are large). */
    private static final int COPY_BATCH_CHARS = 4 << 20;

    /** A buffer the decoder writes: a source whose changes come (or still come) from the WAL. */
    private record Buffer(String name, List<String> columns, List<Integer> typeOids) {}

    private final Connection connection;
    private final CopyManager copy;
    private final Map<Integer, Buffer> buffers = new HashMap<>();
    private final Set<Integer> uncaptured = new HashSet<>();
    private final Map<Integer, StringBuilder> pending = new HashMap<>();
    private final TreeSet<Integer> touched = new TreeSet<>();
    private boolean open;
    private long ownXid;
    private long decodedLsn;
    private long coveredLsn;
    private int transactions;
    private long openedAtNanos;

    BufferWriter(Connection connection, long decodedLsn) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.decodedLsn = decodedLsn;
        this.coveredLsn = decodedLsn;
        // the slot is told a position is consumed once the commit returns: by then it must be durable, even
        // where commits are asynchronous by default, or a crash would lose rows the slot never sends again
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = local");
        }
        connection.setAutoCommit(false);
    }

    /** Everything before this position is committed in the buffers. */
    long decodedLsn() {
        return decodedLsn;
    }

    /** Source transactions buffered but not yet committed. */
    int uncommittedTransactions() {
        return transactions;
    }

    /** How long this transaction has been open (0 when none is). */
    long openForNanos() {
        return open ? System.nanoTime() - openedAtNanos : 0;
    }

    /** Opens a transaction: this connection's xid gives the epoch of the 32-bit xids pgoutput sends. */
    private void open() throws SQLException {
        if (open) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_current_xact_id()::text::bigint")) {
            rs.next();
            ownXid = rs.getLong(1);
        }
        buffers.clear();
        uncaptured.clear();
        open = true;
        openedAtNanos = System.nanoTime();
    }

    /**
     * The buffer of a table, if its changes come (or still come) from the WAL: read once per transaction,
     * after taking its column lock (see {@code pgstream._lock_capture_columns}). A table that joined the
     * publication after this transaction began is found here too: its first published change comes after.
     */
    private Buffer buffer(int relationId) throws SQLException {
        open();
        Buffer buffer = buffers.get(relationId);
        if (buffer != null || uncaptured.contains(relationId)) {
            return buffer;
        }
        long relid = Integer.toUnsignedLong(relationId);
        try (PreparedStatement lock = connection.prepareStatement("SELECT pgstream._lock_capture_columns(?::oid, true)");
             PreparedStatement read = connection.prepareStatement("""
                     SELECT pgstream._buffer(c.source_relid),
                            array_agg(a.attname::text ORDER BY a.attnum), array_agg(a.atttypid::integer ORDER BY a.attnum)
                       FROM pgstream.capture c
                       JOIN pg_attribute a ON a.attrelid = pgstream._buffer(c.source_relid)::regclass
                                          AND a.attnum > 0 AND NOT a.attisdropped AND a.attname NOT LIKE '\\_\\_pgs\\_%'
                      WHERE c.source_relid = ?::oid AND pgstream._uses_decoder(c)
                      GROUP BY 1""")) {
            lock.setLong(1, relid);
            lock.execute();
            read.setLong(1, relid);
            try (ResultSet rs = read.executeQuery()) {
                if (rs.next()) {
                    buffer = new Buffer(rs.getString(1), strings(rs.getArray(2)), integers(rs.getArray(3)));
                    buffers.put(relationId, buffer);
                } else {
                    uncaptured.add(relationId);
                }
            }
        }
        return buffer;
    }

    /** A decoded row of a captured table: 'I' (its new values) or 'D' (its old ones). */
    void row(Relation relation, char op, long xid, Tuple row, Tuple oldRow) throws SQLException {
        Buffer buffer = buffer(relation.relationId());
        if (buffer == null) {
            return;
        }
        List<String> fields = leadingFields(xid, op, buffer);
        for (int i = 0; i < buffer.columns().size(); i++) {
            fields.add(value(relation, buffer, i, row, oldRow));
        }
        append(relation.relationId(), buffer, CopyText.line(fields));
    }

    /** A TRUNCATE of a captured table. */
    void truncate(int relationId, long xid) throws SQLException {
        Buffer buffer = buffer(relationId);
        if (buffer == null) {
            return;
        }
        List<String> fields = leadingFields(xid, 'T', buffer);
        for (int i = 0; i < buffer.columns().size(); i++) {
            fields.add(null);
        }
        append(relationId, buffer, CopyText.line(fields));
    }

    /** The buffer row's own columns, as COPY lists them: the writer's xid, the operation, decoded. */
    private List<String> leadingFields(long xid, char op, Buffer buffer) {
        List<String> fields = new ArrayList<>(3 + buffer.columns().size());
        fields.add(Long.toString(fullXid(xid)));
        fields.add(String.valueOf(op));
        fields.add("t");
        return fields;
    }

    /** A source transaction ended at this position (its commit record's end). */
    void transactionEnd(long endLsn) {
        coveredLsn = Math.max(coveredLsn, endLsn);
        transactions++;
    }

    /**
     * Commits what was buffered, and that everything before {@code lsn} is decoded (the end of the last
     * transaction, or a marker a refresh waits for). Returns the new decoded position.
     */
    long commit(long lsn) throws SQLException {
        long decoded = Math.max(coveredLsn, lsn);
        flushCopies();
        try (PreparedStatement progress = connection.prepareStatement(
                "UPDATE pgstream.wal_capture SET decoded_lsn = greatest(decoded_lsn, ?::pg_lsn), decoded_at = now(),"
                        + " consecutive_failures = 0, last_error = NULL");
             PreparedStatement sources = connection.prepareStatement(
                     "UPDATE pgstream.capture SET last_decoded_lsn = ?::pg_lsn, last_decoded_at = now()"
                             + " WHERE source_relid = ANY (?::oid[])")) {
            progress.setString(1, LogSequenceNumber.valueOf(decoded).asString());
            progress.executeUpdate();
            if (!touched.isEmpty()) {
                sources.setString(1, LogSequenceNumber.valueOf(decoded).asString());
                sources.setArray(2, connection.createArrayOf("int8", touched.stream().map(Integer::toUnsignedLong).toArray()));
                sources.executeUpdate();
            }
        }
        connection.commit();
        open = false;
        touched.clear();
        transactions = 0;
        decodedLsn = decoded;
        coveredLsn = decoded;
        return decoded;
    }

    /** Forgets what was not committed (the stream restarts from {@link #decodedLsn()}). */
    void rollback() throws SQLException {
        pending.clear();
        touched.clear();
        transactions = 0;
        coveredLsn = decodedLsn;
        open = false;
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private void append(int relationId, Buffer buffer, String line) throws SQLException {
        StringBuilder lines = pending.computeIfAbsent(relationId, id -> new StringBuilder()).append(line);
        touched.add(relationId);
        if (lines.length() >= COPY_BATCH_CHARS) {
            copyIn(relationId, buffer);
        }
    }

    private void flushCopies() throws SQLException {
        for (Integer relationId : List.copyOf(pending.keySet())) {
            copyIn(relationId, buffers.get(relationId));
        }
    }

    private void copyIn(int relationId, Buffer buffer) throws SQLException {
        StringBuilder lines = pending.remove(relationId);
        if (lines == null || lines.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("COPY ").append(buffer.name()).append(" (__pgs_xid, __pgs_op, __pgs_wal");
        buffer.columns().forEach(c -> sql.append(", ").append(Sql.identifier(c)));
        sql.append(") FROM STDIN");
        try {
            copy.copyIn(sql.toString(), new StringReader(lines.toString()));
        } catch (IOException e) {
            throw new SQLException("could not copy decoded rows into " + buffer.name(), e);
        }
    }

    /**
     * The text of buffer column {@code i}: the relation's column of that name. NULL when the relation no longer
     * has it or has it with another type: the source's DDL reached the buffer before the decoder reached the DDL,
     * and the stream tables reading that column are re-initialized anyway. An unchanged TOASTed value comes from
     * the old row.
     */
    private static String value(Relation relation, Buffer buffer, int i, Tuple row, Tuple oldRow) {
        int column = columnIndex(relation, buffer.columns().get(i));
        if (column < 0 || relation.columns().get(column).typeOid() != buffer.typeOids().get(i)) {
            return null;
        }
        Value value = row.values().get(column);
        if (value == Value.UnchangedToast.INSTANCE) {
            if (oldRow == null || oldRow.values().get(column) == Value.UnchangedToast.INSTANCE) {
                throw new SourceUnusableException(relation.relationId(), "an unchanged TOASTed value of column "
                        + buffer.columns().get(i) + " arrived without the old row");
            }
            value = oldRow.values().get(column);
        }
        return switch (value) {
            case Value.Text text -> text.text();
            case Value.Null n -> null;
            case Value.UnchangedToast u -> throw new IllegalStateException("unreachable");
            case Value.Binary b -> throw new IllegalStateException("binary values are not requested");
        };
    }

    private static int columnIndex(Relation relation, String name) {
        for (int i = 0; i < relation.columns().size(); i++) {
            if (relation.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private long fullXid(long xid) {
        return widenXid(xid, ownXid);
    }

    /**
     * The 64-bit xid of a 32-bit one: the one nearest a known 64-bit xid (live transactions are always within
     * 2^31 of each other), older or newer, across an epoch boundary too.
     */
    static long widenXid(long xid, long reference) {
        int distance = (int) (xid - (reference & 0xFFFF_FFFFL));
        return reference + distance;
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> values = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            values.add((String) o);
        }
        return values;
    }

    private static List<Integer> integers(Array array) throws SQLException {
        List<Integer> values = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            values.add((Integer) o);
        }
        return values;
    }
}
