package io.pgstream.engine.capture;

import io.pgstream.engine.capture.PgOutputMessage.Begin;
import io.pgstream.engine.capture.PgOutputMessage.Commit;
import io.pgstream.engine.capture.PgOutputMessage.Delete;
import io.pgstream.engine.capture.PgOutputMessage.Ignored;
import io.pgstream.engine.capture.PgOutputMessage.Insert;
import io.pgstream.engine.capture.PgOutputMessage.LogicalMessage;
import io.pgstream.engine.capture.PgOutputMessage.Relation;
import io.pgstream.engine.capture.PgOutputMessage.Truncate;
import io.pgstream.engine.capture.PgOutputMessage.Tuple;
import io.pgstream.engine.capture.PgOutputMessage.Update;
import io.pgstream.engine.capture.PgOutputMessage.Value;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser of pgoutput logical replication messages, protocol version 1 with tuples in text format, as
 * PostgreSQL's "Logical Replication Message Formats" documents them.
 */
public final class PgOutput {

    private static final int KEY_COLUMN_FLAG = 1;
    private static final int TRUNCATE_CASCADE = 1;
    private static final int TRUNCATE_RESTART_IDENTITY = 2;
    private static final int MESSAGE_TRANSACTIONAL = 1;

    private PgOutput() {}

    /**
     * Parses the one message from the buffer's position to its limit, leaving the buffer itself unchanged.
     *
     * @throws IllegalArgumentException if the message is truncated, malformed, has bytes after its end, or is
     *     of a kind protocol version 1 does not have
     */
    public static PgOutputMessage parse(ByteBuffer buffer) {
        ByteBuffer in = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (!in.hasRemaining()) {
            throw new IllegalArgumentException("empty pgoutput message");
        }
        char kind = readChar(in);
        try {
            PgOutputMessage message = body(kind, in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(
                        in.remaining() + " unexpected bytes after the end of pgoutput '" + kind + "' message");
            }
            return message;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(
                    "pgoutput '" + kind + "' message truncated: its " + buffer.remaining() + " bytes end early", e);
        }
    }

    private static PgOutputMessage body(char kind, ByteBuffer in) {
        return switch (kind) {
            case 'B' -> new Begin(in.getLong(), in.getLong(), Integer.toUnsignedLong(in.getInt()));
            case 'C' -> commit(in);
            case 'R' -> relation(in);
            case 'I' -> insert(in);
            case 'U' -> update(in);
            case 'D' -> delete(in);
            case 'T' -> truncate(in);
            case 'M' -> logicalMessage(in);
            case 'O', 'Y' -> ignored(kind, in);
            default -> throw new IllegalArgumentException(
                    "unknown pgoutput message kind '" + kind + "' (byte 0x" + Integer.toHexString(kind) + ")");
        };
    }

    private static Commit commit(ByteBuffer in) {
        in.get(); // flags: none are defined
        return new Commit(in.getLong(), in.getLong(), in.getLong());
    }

    private static Relation relation(ByteBuffer in) {
        int relationId = in.getInt();
        String namespace = string(in);
        String name = string(in);
        char replicaIdentity = replicaIdentity(readChar(in));
        int columnCount = count(in.getShort(), "column");
        List<Relation.Column> columns = new ArrayList<>();
        for (int i = 0; i < columnCount; i++) {
            columns.add(column(in));
        }
        return new Relation(relationId, namespace, name, replicaIdentity, columns);
    }

    private static char replicaIdentity(char setting) {
        if ("dnfi".indexOf(setting) < 0) {
            throw new IllegalArgumentException("unknown replica identity setting '" + setting + "'");
        }
        return setting;
    }

    private static Relation.Column column(ByteBuffer in) {
        boolean key = (in.get() & KEY_COLUMN_FLAG) != 0;
        return new Relation.Column(key, string(in), in.getInt(), in.getInt());
    }

    private static Insert insert(ByteBuffer in) {
        int relationId = in.getInt();
        expect(readChar(in), 'N', "insert");
        return new Insert(relationId, tuple(in));
    }

    private static Update update(ByteBuffer in) {
        int relationId = in.getInt();
        char marker = readChar(in);
        boolean oldRowIsKeyOnly = marker == 'K';
        Tuple oldRow = null;
        if (marker == 'K' || marker == 'O') {
            oldRow = tuple(in);
            marker = readChar(in);
        }
        expect(marker, 'N', "update");
        return new Update(relationId, oldRow, oldRowIsKeyOnly, tuple(in));
    }

    private static Delete delete(ByteBuffer in) {
        int relationId = in.getInt();
        char marker = readChar(in);
        if (marker != 'K' && marker != 'O') {
            throw new IllegalArgumentException("pgoutput delete: expected 'K' or 'O', found '" + marker + "'");
        }
        return new Delete(relationId, tuple(in), marker == 'K');
    }

    private static Truncate truncate(ByteBuffer in) {
        int relationCount = count(in.getInt(), "relation");
        int options = in.get();
        List<Integer> relationIds = new ArrayList<>();
        for (int i = 0; i < relationCount; i++) {
            relationIds.add(in.getInt());
        }
        return new Truncate(relationIds, (options & TRUNCATE_CASCADE) != 0,
                (options & TRUNCATE_RESTART_IDENTITY) != 0);
    }

    private static LogicalMessage logicalMessage(ByteBuffer in) {
        boolean transactional = (in.get() & MESSAGE_TRANSACTIONAL) != 0;
        long lsn = in.getLong();
        String prefix = string(in);
        return new LogicalMessage(transactional, lsn, prefix, bytes(in, in.getInt()));
    }

    private static Ignored ignored(char kind, ByteBuffer in) {
        in.position(in.limit());
        return new Ignored(kind);
    }

    private static Tuple tuple(ByteBuffer in) {
        int columnCount = count(in.getShort(), "tuple column");
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < columnCount; i++) {
            values.add(value(in));
        }
        return new Tuple(values);
    }

    private static Value value(ByteBuffer in) {
        char kind = readChar(in);
        return switch (kind) {
            case 'n' -> Value.Null.INSTANCE;
            case 'u' -> Value.UnchangedToast.INSTANCE;
            case 't' -> new Value.Text(utf8(bytes(in, in.getInt())));
            case 'b' -> new Value.Binary(bytes(in, in.getInt()));
            default -> throw new IllegalArgumentException("unknown pgoutput tuple value kind '" + kind + "'");
        };
    }

    private static void expect(char found, char expected, String message) {
        if (found != expected) {
            throw new IllegalArgumentException(
                    "pgoutput " + message + ": expected '" + expected + "', found '" + found + "'");
        }
    }

    private static int count(int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException("negative pgoutput " + what + " count " + count);
        }
        return count;
    }

    private static char readChar(ByteBuffer in) {
        return (char) Byte.toUnsignedInt(in.get());
    }

    private static String string(ByteBuffer in) {
        int end = in.position();
        while (end < in.limit() && in.get(end) != 0) {
            end++;
        }
        byte[] bytes = bytes(in, end - in.position());
        in.get(); // the NUL; underflows when the string is not terminated
        return utf8(bytes);
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative pgoutput length " + length);
        }
        if (length > in.remaining()) { // checked before allocating, as a garbled length can be huge
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("pgoutput string is not valid UTF-8", e);
        }
    }
}
