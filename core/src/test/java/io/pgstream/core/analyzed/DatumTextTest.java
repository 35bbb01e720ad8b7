package io.pgstream.core.analyzed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Datums as PostgreSQL 18 wrote them into pg_rewrite.ev_action (most copied from a server's output), decoded to the
 * text their input functions read back. Integration: engine's DatumTextServerTest.
 */
class DatumTextTest {

    /** The byte list as outfuncs.c prints it, e.g. {@code "20 0 0 0 120"}: signed decimal bytes. */
    private static byte[] signed(String printed) {
        String trimmed = printed.strip();
        if (trimmed.isEmpty()) {
            return new byte[0];
        }
        String[] parts = trimmed.split("\\s+");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = Byte.parseByte(parts[i]);
        }
        return bytes;
    }

    private static String decoded(long type, String printed) {
        return DatumText.of(type, signed(printed)).orElseThrow(() -> new AssertionError("not decoded: " + printed));
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            16   | 1 0 0 0 0 0 0 0                  | true
            16   | 0 0 0 0 0 0 0 0                  | false
            18   | 65 0 0 0 0 0 0 0                 | A
            18   | 39 0 0 0 0 0 0 0                 | '
            18   | -1 -1 -1 -1 -1 -1 -1 -1          | \\377
            18   | -128 -1 -1 -1 -1 -1 -1 -1        | \\200
            18   | 0 0 0 0 0 0 0 0                  | ``
            21   | 57 48 0 0 0 0 0 0                | 12345
            21   | 0 -128 -1 -1 -1 -1 -1 -1         | -32768
            23   | -3 -1 -1 -1 -1 -1 -1 -1          | -3
            23   | 0 0 0 -128 -1 -1 -1 -1           | -2147483648
            23   | -1 -1 -1 127 0 0 0 0             | 2147483647
            20   | 0 0 0 0 0 0 0 -128               | -9223372036854775808
            20   | -1 -1 -1 -1 -1 -1 -1 127         | 9223372036854775807
            20   | 0 0 0 0 0 0 0 0                  | 0
            26   | -1 -1 -1 -1 0 0 0 0              | 4294967295
            26   | 0 0 0 0 0 0 0 0                  | 0
            """)
    void byValueIntegersBoolAndChar(long type, String printed, String expected) {
        assertEquals(expected, decoded(type, printed));
    }

    @Test
    void theValueIsReadFromTheLowBytesAloneWhenOnlyTheTypeLengthIsGiven() {
        assertEquals("-3", decoded(23, "-3 -1 -1 -1"));
        assertEquals("12345", decoded(21, "57 48"));
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            700  | 0 0 -64 -65 -1 -1 -1 -1          | -1.5
            700  | -51 -52 -52 61 0 0 0 0           | 0.1
            700  | 1 0 0 0 0 0 0 0                  | 1.4E-45
            700  | -1 -1 127 127 0 0 0 0            | 3.4028235E38
            700  | 0 0 0 0 0 0 0 0                  | 0.0
            700  | 0 0 0 -128 -1 -1 -1 -1           | -0.0
            700  | 0 0 -64 127 0 0 0 0              | NaN
            700  | 0 0 -128 127 0 0 0 0             | Infinity
            700  | 0 0 -128 -1 -1 -1 -1 -1          | -Infinity
            701  | -102 -103 -103 -103 -103 -103 -71 63 | 0.1
            701  | 0 0 0 0 0 0 0 -128               | -0.0
            701  | 0 0 0 0 0 0 0 0                  | 0.0
            701  | 0 0 0 0 0 0 -16 -1               | -Infinity
            701  | 0 0 0 0 0 0 -16 127              | Infinity
            701  | 0 0 0 0 0 0 -8 127               | NaN
            701  | 1 0 0 0 0 0 0 0                  | 4.9E-324
            701  | -1 -1 -1 -1 -1 -1 -17 127        | 1.7976931348623157E308
            """)
    void floatsInTheirShortestExactForm(long type, String printed, String expected) {
        assertEquals(expected, decoded(type, printed));
    }

    @Test
    void floatTextParsesBackToTheSameBits() {
        for (double value : new double[] {0.1, 1.0 / 3, 2.0 / 3e300, -5e-324, 123456789.123456789, 1e23}) {
            String text = DatumText.of(701, littleEndian(Double.doubleToRawLongBits(value), 8)).orElseThrow();
            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
        }
        for (float value : new float[] {0.1f, 1.0f / 3, 16777217f, -1e-40f}) {
            String text = DatumText.of(700, littleEndian(Float.floatToRawIntBits(value), 8)).orElseThrow();
            assertEquals(Float.floatToRawIntBits(value), Float.floatToRawIntBits(Float.parseFloat(text)), text);
        }
    }

    private static byte[] littleEndian(long value, int width) {
        byte[] bytes = new byte[width];
        for (int i = 0; i < width; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            25   | 20 0 0 0 120                     | x
            25   | 16 0 0 0                         | ``
            25   | 32 0 0 0 -61 -87 39 34           | é'"
            25   | 52 0 0 0 34 111 107 34 32 -16 -97 -104 -128 | `"ok" 😀`
            25   | 5 120                            | x
            25   | 3                                | ``
            25   | 13 -61 -87 92 110 32             | `é\\n `
            1043 | 20 0 0 0 120                     | x
            1042 | 28 0 0 0 97 32 32                | `a  `
            1042 | 9 97 32 32                       | `a  `
            114  | 40 0 0 0 91 49 44 32 50 93       | `[1, 2]`
            705  | 97 98 99 0                       | abc
            705  | 0                                | ``
            17   | 32 0 0 0 -34 -83 -66 -17         | \\xdeadbeef
            17   | 16 0 0 0                         | \\x
            17   | 9 0 -1 127                       | \\x00ff7f
            2950 | -96 -18 -68 -103 -100 11 78 -8 -69 109 107 -71 -67 56 10 17 | a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11
            """)
    void textLikeTypesByteaAndUuid(long type, String printed, String expected) {
        assertEquals(expected, decoded(type, printed));
    }

    @Test
    void nameStopsAtItsNulPadding() {
        byte[] name = new byte[64];
        name[0] = 97;
        name[1] = 98;
        assertEquals("ab", DatumText.of(19, name).orElseThrow());
        byte[] full = new byte[64];
        Arrays.fill(full, 0, 63, (byte) 'n');
        assertEquals("n".repeat(63), DatumText.of(19, full).orElseThrow());
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1700 | 40 0 0 0 0 -127 1 0 -120 19      | 1.50
            1700 | 40 0 0 0 -128 -96 1 0 -120 19    | -1.5
            1700 | 15 0 -127 1 0 -120 19            | 1.50
            1700 | 32 0 0 0 123 -118 1 0            | 0.00000000000000000001
            1700 | 48 0 0 0 -127 -128 -46 4 46 22 40 35 | 12345678.9
            1700 | 24 0 0 0 -128 -127               | 0.000
            1700 | 24 0 0 0 0 -128                  | 0
            1700 | 24 0 0 0 0 -64                   | NaN
            1700 | 24 0 0 0 0 -48                   | Infinity
            1700 | 24 0 0 0 0 -16                   | -Infinity
            1700 | 112 0 0 0 -121 -92 12 0 -128 13 -46 30 -46 4 46 22 52 35 -128 13 -46 30 -46 4 46 22 40 35 | -123456789012345678901234567890.123456789
            """)
    void numericsKeepTheirDisplayScale(long type, String printed, String expected) {
        assertEquals(expected, decoded(type, printed));
    }

    @Test
    void numericsInTheLongFormat() {
        // weight 75 does not fit the short format's 6 bits
        assertEquals("1" + "0".repeat(300), decoded(1700, "40 0 0 0 0 0 75 0 1 0"));
        assertEquals("-1" + "0".repeat(300), decoded(1700, "40 0 0 0 0 64 75 0 1 0"));
        // display scale 100 does not fit the short format's 6 bits either
        assertEquals("0." + "0".repeat(99) + "1", decoded(1700, "40 0 0 0 100 0 -25 -1 1 0"));
    }

    @Test
    void numericDigitsBeyondTheDisplayScaleAreCutAsNumericOutCutsThem() {
        // short format, display scale 1, weight 0, digits 1 and 2345: 1.2345 shown as 1.2
        assertEquals("1.2", decoded(1700, "40 0 0 0 -128 -128 1 0 41 9"));
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1082 | 116 -2 -1 -1 -1 -1 -1 -1         | 1998-12-01
            1082 | -1 -1 -1 -1 -1 -1 -1 -1          | 1999-12-31
            1082 | 0 0 0 0 0 0 0 0                  | 2000-01-01
            1082 | 123 -99 -12 -1 -1 -1 -1 -1       | 0044-03-15 BC
            1082 | 12 -105 -38 127 0 0 0 0          | 5874897-12-31
            1082 | -1 -1 -1 127 0 0 0 0             | infinity
            1082 | 0 0 0 -128 -1 -1 -1 -1           | -infinity
            1083 | 16 -93 59 -120 11 0 0 0          | 13:45:30.25
            1083 | 0 96 -41 29 20 0 0 0             | 24:00:00
            1083 | 0 0 0 0 0 0 0 0                  | 00:00:00
            1083 | 1 0 0 0 0 0 0 0                  | 00:00:00.000001
            1114 | 1 0 0 0 0 0 0 0                  | 2000-01-01 00:00:00.000001
            1114 | -1 -1 -1 -1 -1 -1 -1 -1          | 1999-12-31 23:59:59.999999
            1114 | 32 113 78 -5 -24 -7 26 -1        | 0044-03-15 12:00:00.5 BC
            1114 | -1 -97 -78 -77 91 -1 -1 127      | 294276-12-31 23:59:59.999999
            1114 | -1 -1 -1 -1 -1 -1 -1 127         | infinity
            1114 | 0 0 0 0 0 0 0 -128               | -infinity
            1184 | 32 2 -74 -117 24 -106 -4 -1      | 1969-07-20 20:17:40.5+00
            1184 | 0 -96 31 65 -63 124 15 -3        | 4714-11-24 00:00:00+00 BC
            1184 | 0 0 0 0 0 0 0 -128               | -infinity
            1184 | -1 -1 -1 -1 -1 -1 -1 127         | infinity
            """)
    void datesAndTimesInIsoFormWithBcAndInfinities(long type, String printed, String expected) {
        assertEquals(expected, decoded(type, printed));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            0 0 0 0 0 0 0 0 90 0 0 0 0 0 0 0                        | +90 days
            0 20 69 124 -3 -1 -1 -1 -2 -1 -1 -1 -12 -1 -1 -1        | -12 mon -2 days -10800000000 microseconds
            1 0 0 0 0 0 0 0 -2 -1 -1 -1 1 0 0 0                     | +1 mon -2 days +1 microseconds
            0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0                         | +0 days
            0 0 0 0 0 0 0 -128 0 0 0 0 0 0 0 0                      | -9223372036854775808 microseconds
            -1 -1 -1 -1 -1 -1 -1 127 -1 -1 -1 127 -1 -1 -1 127      | infinity
            0 0 0 0 0 0 0 -128 0 0 0 -128 0 0 0 -128                | -infinity
            0 0 0 0 0 0 0 -128 0 0 0 -128 0 0 0 0                   | -2147483648 days -9223372036854775808 microseconds
            """)
    void intervalsFieldByFieldWithExplicitSigns(String printed, String expected) {
        assertEquals(expected, decoded(1186, printed));
    }

    @ParameterizedTest(name = "{0} [{1}] is not decoded")
    @CsvSource(delimiter = '|', textBlock = """
            1266 | 0 0 0 0 0 0 0 0 0 0 0 0
            3802 | 20 0 0 0 1
            23   | 1 2 3
            701  | 1 2 3 4
            1186 | 0 0 0 0 0 0 0 0 0 0 0 0
            2950 | 1 2 3
            25   | 24 0 0 0 120
            25   | 22 0 0 0 120
            25   | 1 18 0 0 0
            25   | 20 0 0 0
            25   | 20 0 0 0 0
            25   | 7 -1 -2
            1700 | 28 0 0 0 0 -128 1
            1700 | 32 0 0 0 0 -128 16 39
            1700 | 24 0 0 0 0 -32
            """)
    void malformedOrUnsupportedDatumsAreNotDecoded(long type, String printed) {
        assertEquals(Optional.empty(), DatumText.of(type, signed(printed)));
    }

    @Test
    void anOidBeyondThirtyTwoBitsIsNotDecoded() {
        assertEquals(Optional.empty(), DatumText.of(25L + (1L << 32), signed("20 0 0 0 120")));
    }
}
