package io.pgstream.engine.capture;

import java.util.List;

/**
 * One decoded pgoutput logical replication message (protocol version 1). Relation ids are PostgreSQL oids,
 * unsigned, kept in an {@code int}.
 */
public sealed interface PgOutputMessage {

    /** The start of a transaction; {@code xid} is the unsigned transaction id. */
    record Begin(long finalLsn, long commitTimeMicros, long xid) implements PgOutputMessage {}

    /** The end of a transaction; the time is in microseconds since 2000-01-01. */
    record Commit(long commitLsn, long endLsn, long commitTimeMicros) implements PgOutputMessage {}

    /** A table's description, sent before the first change to it (and again after it changes). */
    record Relation(int relationId, String namespace, String name, char replicaIdentity, List<Column> columns)
            implements PgOutputMessage {

        public Relation {
            columns = List.copyOf(columns);
        }

        /** A column of a relation; {@code key} when it is part of the replica identity. */
        public record Column(boolean key, String name, int typeOid, int typeModifier) {}
    }

    /** An inserted row. */
    record Insert(int relationId, Tuple newRow) implements PgOutputMessage {}

    /**
     * An updated row; {@code oldRow} is null when the old row was not sent, and holds only the replica
     * identity's columns when {@code oldRowIsKeyOnly}.
     */
    record Update(int relationId, Tuple oldRow, boolean oldRowIsKeyOnly, Tuple newRow) implements PgOutputMessage {}

    /** A deleted row: its replica identity's columns when {@code oldRowIsKeyOnly}, else the full row. */
    record Delete(int relationId, Tuple oldRow, boolean oldRowIsKeyOnly) implements PgOutputMessage {}

    /** Tables truncated together, with the TRUNCATE's options. */
    record Truncate(List<Integer> relationIds, boolean cascade, boolean restartIdentity) implements PgOutputMessage {

        public Truncate {
            relationIds = List.copyOf(relationIds);
        }
    }

    /** A message written by {@code pg_logical_emit_message}. */
    record LogicalMessage(boolean transactional, long lsn, String prefix, byte[] content) implements PgOutputMessage {

        public LogicalMessage {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** A message that carries nothing capture needs (origin, type). */
    record Ignored(char kind) implements PgOutputMessage {}

    /** A row's column values, in the relation's column order. */
    record Tuple(List<Value> values) {

        public Tuple {
            values = List.copyOf(values);
        }
    }

    /** One column's value in a tuple. */
    sealed interface Value {

        /** SQL NULL. */
        enum Null implements Value { INSTANCE }

        /** A TOASTed value the update did not change, so it was not sent. */
        enum UnchangedToast implements Value { INSTANCE }

        /** A value in its text format. */
        record Text(String text) implements Value {}

        /** A value in its binary format. */
        record Binary(byte[] bytes) implements Value {

            public Binary {
                bytes = bytes.clone();
            }

            @Override
            public byte[] bytes() {
                return bytes.clone();
            }
        }
    }
}
