package io.pgstream.core.analyzed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the datum of a constant, as PostgreSQL's node output (outfuncs.c) writes it into {@code pg_rewrite.ev_action},
 * back into text that the type's input function reads to the same value, whatever the session's DateStyle, TimeZone,
 * IntervalStyle or extra_float_digits.
 *
 * <p>The bytes are in the server's memory order; this assumes a little-endian server (as x86-64 and ARM64 are). A
 * by-value type's datum is the whole 8-byte {@code Datum} (the value in its low bytes, the rest sign- or
 * zero-extended); a by-reference type's is the value itself: the whole varlena with its 4-byte or 1-byte header, a
 * cstring with its NUL, or the fixed number of bytes. Text types are decoded as UTF-8, the database encoding
 * this assumes; bytes that are not valid UTF-8 give empty rather than a wrong value.
 */
public final class DatumText {

    private static final int BOOL = 16;
    private static final int BYTEA = 17;
    private static final int CHAR = 18;
    private static final int NAME = 19;
    private static final int INT8 = 20;
    private static final int INT2 = 21;
    private static final int INT4 = 23;
    private static final int TEXT = 25;
    private static final int OID = 26;
    private static final int JSON = 114;
    private static final int FLOAT4 = 700;
    private static final int FLOAT8 = 701;
    private static final int UNKNOWN = 705;
    private static final int BPCHAR = 1042;
    private static final int VARCHAR = 1043;
    private static final int DATE = 1082;
    private static final int TIME = 1083;
    private static final int TIMESTAMP = 1114;
    private static final int TIMESTAMPTZ = 1184;
    private static final int INTERVAL = 1186;
    private static final int NUMERIC = 1700;
    private static final int UUID = 2950;

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** Days from 1970-01-01 (Java's epoch) to 2000-01-01 (PostgreSQL's). */
    private static final long UNIX_DAYS_AT_POSTGRES_EPOCH = 10_957;

    private DatumText() {
    }

    /**
     * The text form of a constant of type {@code typeOid} whose datum outfuncs.c wrote as {@code bytes} (the bytes
     * after the length, as signed bytes), as the type's input function reads it back to the same value; empty for a
     * type this does not decode. Numbers, dates and times come out in ASCII whatever the JVM's locale. Cast the text
     * to bpchar by that name: {@code ::character} would mean character(1) and cut it to one character.
     */
    public static Optional<String> of(long typeOid, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (typeOid != (int) typeOid) {
            return Optional.empty();
        }
        return switch ((int) typeOid) {
            case BOOL -> fixed(bytes, 1).map(value -> value.get(0) != 0 ? "true" : "false");
            case CHAR -> fixed(bytes, 1).map(value -> singleByteChar(value.get(0)));
            case NAME -> utf8(untilNul(bytes));
            case INT2 -> fixed(bytes, 2).map(value -> Short.toString(value.getShort(0)));
            case INT4 -> fixed(bytes, 4).map(value -> Integer.toString(value.getInt(0)));
            case INT8 -> fixed(bytes, 8).map(value -> Long.toString(value.getLong(0)));
            case OID -> fixed(bytes, 4).map(value -> Integer.toUnsignedString(value.getInt(0)));
            case FLOAT4 -> fixed(bytes, 4).map(value -> Float.toString(value.getFloat(0)));
            case FLOAT8 -> fixed(bytes, 8).map(value -> Double.toString(value.getDouble(0)));
            case TEXT, VARCHAR, BPCHAR, JSON -> varlenaPayload(bytes).flatMap(DatumText::utf8WithoutNul);
            case UNKNOWN -> utf8(untilNul(bytes));
            case BYTEA -> varlenaPayload(bytes).map(payload -> "\\x" + HexFormat.of().formatHex(payload));
            case NUMERIC -> varlenaPayload(bytes).flatMap(DatumText::numeric);
            case DATE -> fixed(bytes, 4).map(value -> date(value.getInt(0)));
            case TIME -> fixed(bytes, 8).map(value -> timeOfDay(value.getLong(0)));
            case TIMESTAMP -> fixed(bytes, 8).map(value -> timestamp(value.getLong(0), ""));
            // An explicit UTC offset, so the session's TimeZone plays no part in reading it back.
            case TIMESTAMPTZ -> fixed(bytes, 8).map(value -> timestamp(value.getLong(0), "+00"));
            case INTERVAL -> fixed(bytes, 16).map(value -> interval(value.getLong(0), value.getInt(8), value.getInt(12)));
            case UUID -> fixed(bytes, 16).map(value -> uuid(bytes));
            default -> Optional.empty();
        };
    }

    /** The first {@code width} bytes to read in the server's (little-endian) order; empty if there are fewer. */
    private static Optional<ByteBuffer> fixed(byte[] bytes, int width) {
        if (bytes.length < width) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(bytes, 0, width).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * The bytes of a varlena after its header. The header is 4 bytes (low two bits 00, the size in the upper 30 bits)
     * or 1 byte (low bit 1, the size in the upper 7); a compressed value or a TOAST pointer is not decoded.
     */
    private static Optional<byte[]> varlenaPayload(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        int first = bytes[0] & 0xFF;
        int headerSize;
        long totalSize;
        if ((first & 0x01) == 0x01) {
            if (first == 0x01) {
                return Optional.empty(); // a TOAST pointer, not the value
            }
            headerSize = 1;
            totalSize = first >>> 1;
        } else if ((first & 0x03) == 0x00 && bytes.length >= 4) {
            headerSize = 4;
            totalSize = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) >>> 2;
        } else {
            return Optional.empty(); // compressed in line, or truncated
        }
        if (totalSize < headerSize || totalSize > bytes.length) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(bytes, headerSize, (int) totalSize));
    }

    /** A cstring or a NUL-padded name: the bytes before the first NUL. */
    private static byte[] untilNul(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return Arrays.copyOf(bytes, end);
    }

    /** Text types cannot hold NUL; one here means the bytes are not what this expects, so decode nothing. */
    private static Optional<String> utf8WithoutNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        return utf8(bytes);
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** "char": NUL reads back from the empty string; a byte above 127 as charin's escape {@code \ooo} (octal). */
    private static String singleByteChar(byte value) {
        int unsigned = value & 0xFF;
        if (unsigned == 0) {
            return "";
        }
        if (unsigned > 0x7F) {
            return "\\" + String.format(Locale.ROOT, "%03o", unsigned);
        }
        return String.valueOf((char) unsigned);
    }

    private static String uuid(byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes, 0, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    // numeric.c's header word (the first uint16 after the varlena header): its top two bits say which format.
    private static final int NUMERIC_FORMAT_MASK = 0xC000;
    private static final int NUMERIC_LONG_NEGATIVE = 0x4000;
    private static final int NUMERIC_SHORT = 0x8000;
    private static final int NUMERIC_SPECIAL = 0xC000;
    private static final int NUMERIC_SPECIAL_MASK = 0xF000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_POSITIVE_INFINITY = 0xD000;
    private static final int NUMERIC_NEGATIVE_INFINITY = 0xF000;
    private static final int NUMERIC_SHORT_NEGATIVE = 0x2000;
    private static final int NUMERIC_SHORT_SCALE_MASK = 0x1F80;
    private static final int NUMERIC_SHORT_SCALE_SHIFT = 7;
    private static final int NUMERIC_SHORT_WEIGHT_NEGATIVE = 0x0040;
    private static final int NUMERIC_SHORT_WEIGHT_MASK = 0x003F;
    private static final int NUMERIC_LONG_SCALE_MASK = 0x3FFF;
    private static final int NUMERIC_BASE = 10_000;

    /**
     * A numeric: base-10000 digits, the first weighted 10000^weight, printed with exactly the display scale's
     * fraction digits (numeric_out truncates to it), so 1.50 stays 1.50.
     */
    private static Optional<String> numeric(byte[] payload) {
        if (payload.length < 2) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int header = buffer.getShort(0) & 0xFFFF;
        int format = header & NUMERIC_FORMAT_MASK;
        if (format == NUMERIC_SPECIAL) {
            return switch (header & NUMERIC_SPECIAL_MASK) {
                case NUMERIC_NAN -> Optional.of("NaN");
                case NUMERIC_POSITIVE_INFINITY -> Optional.of("Infinity");
                case NUMERIC_NEGATIVE_INFINITY -> Optional.of("-Infinity");
                default -> Optional.empty();
            };
        }
        boolean negative;
        int displayScale;
        int weight;
        int digitsStart;
        if (format == NUMERIC_SHORT) {
            negative = (header & NUMERIC_SHORT_NEGATIVE) != 0;
            displayScale = (header & NUMERIC_SHORT_SCALE_MASK) >>> NUMERIC_SHORT_SCALE_SHIFT;
            int weightBits = header & NUMERIC_SHORT_WEIGHT_MASK;
            weight = (header & NUMERIC_SHORT_WEIGHT_NEGATIVE) != 0 ? weightBits | ~NUMERIC_SHORT_WEIGHT_MASK : weightBits;
            digitsStart = 2;
        } else {
            if (payload.length < 4) {
                return Optional.empty();
            }
            negative = format == NUMERIC_LONG_NEGATIVE;
            displayScale = header & NUMERIC_LONG_SCALE_MASK;
            weight = buffer.getShort(2);
            digitsStart = 4;
        }
        if ((payload.length - digitsStart) % 2 != 0) {
            return Optional.empty();
        }
        int digitCount = (payload.length - digitsStart) / 2;
        StringBuilder decimalDigits = new StringBuilder(digitCount * 4 + 1).append('0');
        for (int i = 0; i < digitCount; i++) {
            int digit = buffer.getShort(digitsStart + 2 * i);
            if (digit < 0 || digit >= NUMERIC_BASE) {
                return Optional.empty();
            }
            decimalDigits.append(String.format(Locale.ROOT, "%04d", digit));
        }
        // The last digit is weighted 10000^(weight - digitCount + 1), i.e. 10^-(4 * (digitCount - 1 - weight)).
        BigDecimal magnitude = new BigDecimal(new BigInteger(decimalDigits.toString()), 4 * (digitCount - 1 - weight))
                .setScale(displayScale, RoundingMode.DOWN);
        return Optional.of((negative ? magnitude.negate() : magnitude).toPlainString());
    }

    /** A date: days since 2000-01-01, with int32's extremes for ±infinity. */
    private static String date(int daysSincePostgresEpoch) {
        if (daysSincePostgresEpoch == Integer.MIN_VALUE) {
            return "-infinity";
        }
        if (daysSincePostgresEpoch == Integer.MAX_VALUE) {
            return "infinity";
        }
        CalendarDay day = CalendarDay.of(daysSincePostgresEpoch);
        return day.isoDate() + day.eraSuffix();
    }

    /** A time of day: microseconds since midnight, up to and including 24:00:00. */
    private static String timeOfDay(long micros) {
        long seconds = micros / MICROS_PER_SECOND;
        String clock = String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        return clock + fraction(micros % MICROS_PER_SECOND);
    }

    /**
     * A timestamp: microseconds since 2000-01-01 00:00, with int64's extremes for ±infinity. Written as ISO
     * {@code YYYY-MM-DD HH:MM:SS[.ffffff]}, which every DateStyle reads year first, then the offset, then BC.
     */
    private static String timestamp(long microsSincePostgresEpoch, String offset) {
        if (microsSincePostgresEpoch == Long.MIN_VALUE) {
            return "-infinity";
        }
        if (microsSincePostgresEpoch == Long.MAX_VALUE) {
            return "infinity";
        }
        CalendarDay day = CalendarDay.of(Math.floorDiv(microsSincePostgresEpoch, MICROS_PER_DAY));
        long timeOfDay = Math.floorMod(microsSincePostgresEpoch, MICROS_PER_DAY);
        return day.isoDate() + " " + timeOfDay(timeOfDay) + offset + day.eraSuffix();
    }

    /** Six fraction digits without trailing zeros, or nothing for a whole second. */
    private static String fraction(long micros) {
        if (micros == 0) {
            return "";
        }
        String digits = String.format(Locale.ROOT, "%06d", micros);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    /**
     * An interval: int64 microseconds, int32 days, int32 months (all three at their extremes for ±infinity). Each
     * field is written in its own unit with an explicit sign, because under IntervalStyle sql_standard a leading minus
     * would otherwise carry over to the unsigned fields after it.
     */
    private static String interval(long micros, int days, int months) {
        if (micros == Long.MIN_VALUE && days == Integer.MIN_VALUE && months == Integer.MIN_VALUE) {
            return "-infinity";
        }
        if (micros == Long.MAX_VALUE && days == Integer.MAX_VALUE && months == Integer.MAX_VALUE) {
            return "infinity";
        }
        StringBuilder text = new StringBuilder();
        appendIntervalField(text, months, "mon");
        appendIntervalField(text, days, "days");
        appendIntervalField(text, micros, "microseconds");
        return text.isEmpty() ? "+0 days" : text.toString();
    }

    private static void appendIntervalField(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(text.isEmpty() ? "" : " ").append(amount > 0 ? "+" : "").append(amount).append(' ').append(unit);
        }
    }

    /** A day of the proleptic Gregorian calendar PostgreSQL uses, printed as it prints ISO dates. */
    private record CalendarDay(LocalDate date) {

        static CalendarDay of(long daysSincePostgresEpoch) {
            return new CalendarDay(LocalDate.ofEpochDay(daysSincePostgresEpoch + UNIX_DAYS_AT_POSTGRES_EPOCH));
        }

        /** Java counts 1 BC as year 0; PostgreSQL writes it as year 1 with " BC" after the whole value. */
        String isoDate() {
            int year = date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
            return String.format(Locale.ROOT, "%04d-%02d-%02d", year, date.getMonthValue(), date.getDayOfMonth());
        }

        String eraSuffix() {
            return date.getYear() > 0 ? "" : " BC";
        }
    }
}
