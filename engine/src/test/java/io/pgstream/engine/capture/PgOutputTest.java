package io.pgstream.engine.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing pgoutput messages built byte by byte from the protocol's description. */
class PgOutputTest {

    @Test
    void begin() {
        byte[] message = new Message('B').int64(0x1234_5678L).int64(777_000_000L).int32(42).bytes();
        assertEquals(new Begin(0x1234_5678L, 777_000_000L, 42), PgOutput.parse(ByteBuffer.wrap(message)));
    }

    @Test
    void aTransactionIdAboveTwoToTheThirtyFirstIsUnsigned() {
        byte[] message = new Message('B').int64(1).int64(2).int32(0x8000_0005).bytes();
        assertEquals(0x8000_0005L, ((Begin) parse(message)).xid());
    }

    @Test
    void commit() {
        byte[] message = new Message('C').int8(0).int64(100).int64(120).int64(999).bytes();
        assertEquals(new Commit(100, 120, 999), parse(message));
    }

    @Test
    void relation() {
        byte[] message = new Message('R').int32(16384).string("public").string("items").int8('d').int16(2)
                .int8(1).string("id").int32(23).int32(-1)
                .int8(0).string("name").int32(1043).int32(24)
                .bytes();
        Relation expected = new Relation(16384, "public", "items", 'd', List.of(
                new Relation.Column(true, "id", 23, -1), new Relation.Column(false, "name", 1043, 24)));
        assertEquals(expected, parse(message));
    }

    @Test
    void insertWithNullAndMultiByteText() {
        byte[] message = new Message('I').int32(16384).int8('N').int16(3).text("1").nul().text("zoë €").bytes();
        Tuple row = new Tuple(List.of(new Value.Text("1"), Value.Null.INSTANCE, new Value.Text("zoë €")));
        assertEquals(new Insert(16384, row), parse(message));
    }

    @Test
    void binaryValue() {
        byte[] message = new Message('I').int32(1).int8('N').int16(1).int8('b').int32(3).raw(7, 0, -1).bytes();
        Value.Binary value = (Value.Binary) ((Insert) parse(message)).newRow().values().get(0);
        assertArrayEquals(new byte[] {7, 0, -1}, value.bytes());
    }

    @Test
    void updateWithTheOldRowAndAnUnchangedToastedValue() {
        byte[] message = new Message('U').int32(16384)
                .int8('O').int16(2).text("1").text("long old text")
                .int8('N').int16(2).text("2").int8('u')
                .bytes();
        Update update = (Update) parse(message);
        assertEquals(new Tuple(List.of(new Value.Text("1"), new Value.Text("long old text"))), update.oldRow());
        assertFalse(update.oldRowIsKeyOnly());
        assertEquals(new Tuple(List.of(new Value.Text("2"), Value.UnchangedToast.INSTANCE)), update.newRow());
    }

    @Test
    void updateWithTheOldKey() {
        byte[] message = new Message('U').int32(5).int8('K').int16(1).text("1").int8('N').int16(1).text("2").bytes();
        Update update = (Update) parse(message);
        assertEquals(new Tuple(List.of(new Value.Text("1"))), update.oldRow());
        assertTrue(update.oldRowIsKeyOnly());
    }

    @Test
    void updateWithoutAnOldRow() {
        byte[] message = new Message('U').int32(16384).int8('N').int16(1).text("x").bytes();
        Update update = (Update) parse(message);
        assertNull(update.oldRow());
        assertFalse(update.oldRowIsKeyOnly());
        assertEquals(new Tuple(List.of(new Value.Text("x"))), update.newRow());
    }

    @Test
    void deleteWithTheOldKey() {
        byte[] message = new Message('D').int32(16384).int8('K').int16(2).text("1").nul().bytes();
        Tuple key = new Tuple(List.of(new Value.Text("1"), Value.Null.INSTANCE));
        assertEquals(new Delete(16384, key, true), parse(message));
    }

    @Test
    void deleteWithTheOldRow() {
        byte[] message = new Message('D').int32(16384).int8('O').int16(1).text("1").bytes();
        assertFalse(((Delete) parse(message)).oldRowIsKeyOnly());
    }

    @Test
    void truncateWithCascadeAndRestartIdentity() {
        byte[] message = new Message('T').int32(2).int8(1 | 2).int32(16384).int32(0xFFFF_FFF0).bytes();
        assertEquals(new Truncate(List.of(16384, 0xFFFF_FFF0), true, true), parse(message));
    }

    @Test
    void truncateWithoutOptions() {
        byte[] message = new Message('T').int32(1).int8(0).int32(16384).bytes();
        assertEquals(new Truncate(List.of(16384), false, false), parse(message));
    }

    @Test
    void transactionalMessage() {
        byte[] message = new Message('M').int8(1).int64(300).string("pgstream").int32(2).raw('h', 'i').bytes();
        LogicalMessage parsed = (LogicalMessage) parse(message);
        assertTrue(parsed.transactional());
        assertEquals(300, parsed.lsn());
        assertEquals("pgstream", parsed.prefix());
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), parsed.content());
    }

    @Test
    void nonTransactionalMessage() {
        byte[] message = new Message('M').int8(0).int64(301).string("").int32(0).bytes();
        LogicalMessage parsed = (LogicalMessage) parse(message);
        assertFalse(parsed.transactional());
        assertEquals("", parsed.prefix());
        assertArrayEquals(new byte[0], parsed.content());
    }

    @Test
    void originAndTypeAreIgnored() {
        assertEquals(new Ignored('O'), parse(new Message('O').int64(5).string("origin").bytes()));
        assertEquals(new Ignored('Y'), parse(new Message('Y').int32(600).string("public").string("t").bytes()));
    }

    @Test
    void parsesFromThePositionToTheLimitAndLeavesTheBufferAsItWas() {
        byte[] message = new Message('C').int8(0).int64(1).int64(2).int64(3).bytes();
        byte[] framed = new byte[message.length + 4];
        System.arraycopy(message, 0, framed, 2, message.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed, 2, message.length);
        assertEquals(new Commit(1, 2, 3), PgOutput.parse(buffer));
        assertEquals(2, buffer.position());
    }

    @Test
    void aTruncatedMessageIsRefused() {
        byte[] message = new Message('I').int32(16384).int8('N').int16(1).text("hello").bytes();
        byte[] truncated = Arrays.copyOf(message, message.length - 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(truncated));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void anUnterminatedStringIsRefused() {
        byte[] message = new Message('R').int32(1).raw('p', 'u', 'b').bytes();
        assertThrows(IllegalArgumentException.class, () -> parse(message));
    }

    @Test
    void aNegativeLengthIsRefused() {
        byte[] message = new Message('I').int32(1).int8('N').int16(1).int8('t').int32(-4).bytes();
        assertThrows(IllegalArgumentException.class, () -> parse(message));
    }

    @Test
    void bytesAfterTheMessageAreRefused() {
        byte[] message = new Message('C').int8(0).int64(1).int64(2).int64(3).int8(0).bytes();
        assertThrows(IllegalArgumentException.class, () -> parse(message));
    }

    @Test
    void anUnknownKindIsRefusedNamingTheByte() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(new byte[] {'Z'}));
        assertTrue(e.getMessage().contains("'Z'"), e.getMessage());
    }

    @Test
    void anEmptyBufferIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse(new byte[0]));
    }

    private static PgOutputMessage parse(byte[] message) {
        return PgOutput.parse(ByteBuffer.wrap(message));
    }

    /** A message written field by field, big-endian as the protocol sends it. */
    private static final class Message {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Message(char kind) {
            int8(kind);
        }

        Message int8(int value) {
            return write(() -> out.writeByte(value));
        }

        Message int16(int value) {
            return write(() -> out.writeShort(value));
        }

        Message int32(int value) {
            return write(() -> out.writeInt(value));
        }

        Message int64(long value) {
            return write(() -> out.writeLong(value));
        }

        Message raw(int... values) {
            for (int value : values) {
                int8(value);
            }
            return this;
        }

        Message string(String value) {
            return write(() -> {
                out.write(value.getBytes(StandardCharsets.UTF_8));
                out.writeByte(0);
            });
        }

        Message text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            return write(() -> {
                out.writeByte('t');
                out.writeInt(utf8.length);
                out.write(utf8);
            });
        }

        Message nul() {
            return int8('n');
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private Message write(Write write) {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        private interface Write {
            void run() throws IOException;
        }
    }
}
