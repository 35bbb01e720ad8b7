package io.pgstream.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.pgstream.core.analyzed.DatumText;
import io.pgstream.core.sql.Sql;
import io.pgstream.engine.testing.TestPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Every literal is stored by PostgreSQL 18 in a view, its CONST datum read back from pg_rewrite.ev_action and decoded
 * by {@link DatumText}; the decoded text, cast to the type, must give the very same value: equal text, IS NOT
 * DISTINCT FROM, and equal bytes from the type's binary send function (which sees numeric's display scale, float's
 * -0, bpchar's padding and interval's separate fields). Each literal is stored and read back under two sets of unusual
 * settings, one of them IntervalStyle sql_standard, which changes how interval input reads signs.
 */
class DatumTextServerTest {

    /**
     * TimeZone, DateStyle, IntervalStyle and extra_float_digits, in force inside a function's SET clause: pgjdbc
     * refuses a session whose DateStyle is not ISO, but a function's settings end with the call and are never
     * reported to it.
     */
    private record Settings(String function, String timeZone, String dateStyle, String intervalStyle,
                            int extraFloatDigits) {

        /** A function that runs a statement, then a query returning text[], under these settings. */
        String createFunction() {
            return "CREATE FUNCTION " + function + "(statement text, query text) RETURNS text[] LANGUAGE plpgsql"
                    + " SET TimeZone = " + Sql.literal(timeZone) + " SET DateStyle = " + Sql.literal(dateStyle)
                    + " SET IntervalStyle = " + Sql.literal(intervalStyle) + " SET extra_float_digits = " + extraFloatDigits
                    + " AS $$ DECLARE result text[]; BEGIN"
                    + " IF statement IS NOT NULL THEN EXECUTE statement; END IF;"
                    + " IF query IS NOT NULL THEN EXECUTE query INTO result; END IF;"
                    + " RETURN result; END $$";
        }

        @Override
        public String toString() {
            return timeZone + ", " + dateStyle + ", " + intervalStyle + ", extra_float_digits " + extraFloatDigits;
        }
    }

    private static final List<Settings> SETTINGS = List.of(
            new Settings("under_caracas", "America/Caracas", "SQL, DMY", "postgres_verbose", 1),
            new Settings("under_chatham", "Pacific/Chatham", "German, DMY", "sql_standard", -15));

    /** One literal and the type its constant must have. */
    private record Case(String type, String literal) {

        /** An unknown-typed literal stays unknown only as an argument of type "any"; in a select list it turns text. */
        String viewExpression() {
            return type.equals("unknown") ? "pg_typeof(" + literal + ")" : literal;
        }

        /** The name to cast to: "character" alone would mean character(1) and cut the value to one character. */
        String castType() {
            return type.equals("character") ? "bpchar" : type;
        }

        /** json and unknown have no equality operator, so the value comparison goes through text for them. */
        String comparable(String expression) {
            return type.equals("json") || type.equals("unknown") ? "(" + expression + ")::text" : expression;
        }
    }

    private static final List<Case> CASES = cases("""
            boolean | true
            boolean | false
            "char" | 'A'::"char"
            "char" | '\\377'::"char"
            "char" | '\\001'::"char"
            "char" | ''::"char"
            "char" | ''''::"char"
            name | 'ab'::name
            name | 'Ünïcödé name'::name
            name | 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn'::name
            smallint | '32767'::int2
            smallint | '-32768'::int2
            smallint | '0'::int2
            integer | 2147483647
            integer | '-2147483648'::int4
            integer | -3
            integer | 0
            bigint | '-9223372036854775808'::int8
            bigint | 9223372036854775807
            bigint | '-1'::int8
            text | 'x'
            text | ''
            text | 'it''s'
            text | '"quoted" \\ back\\slash \\x41'
            text | E'line\\nbreak\\ttab\\r'
            text | 'é😀中文 ǅ'
            text | '  spaces  '
            oid | '4294967295'::oid
            oid | '0'::oid
            oid | '26'::oid
            json | '{"a": [1, 2.50, "x\\u00e9"], "a": null}'::json
            json | '  [ 1 ]  '::json
            real | '0.1'::float4
            real | '-1.5'::float4
            real | '1e-45'::float4
            real | '1.17549435e-38'::float4
            real | '3.4028235e38'::float4
            real | '-0'::float4
            real | '0'::float4
            real | 'NaN'::float4
            real | 'Infinity'::float4
            real | '-Infinity'::float4
            real | '16777216'::float4
            real | '0.33333334'::float4
            double precision | '0.1'::float8
            double precision | '0.30000000000000004'::float8
            double precision | '4.9e-324'::float8
            double precision | '2.2250738585072014e-308'::float8
            double precision | '1.7976931348623157e308'::float8
            double precision | '-0'::float8
            double precision | '0'::float8
            double precision | 'NaN'::float8
            double precision | 'Infinity'::float8
            double precision | '-Infinity'::float8
            double precision | '1e23'::float8
            double precision | '123456789012345680000'::float8
            double precision | '-2.5e-5'::float8
            unknown | 'abc'
            unknown | ''
            unknown | 'it''s é'
            character | 'a  '::bpchar
            character | 'x'::bpchar
            character | ' '::bpchar
            character | ''::bpchar
            character | 'é ab  '::bpchar
            character varying | 'hello  '::varchar
            character varying | ''::varchar
            date | '2024-02-29'::date
            date | '1999-12-31'::date
            date | '0044-03-15 BC'::date
            date | '0001-12-31 BC'::date
            date | '4714-11-24 BC'::date
            date | '5874897-12-31'::date
            date | '0001-01-01'::date
            date | '0099-03-04'::date
            date | '10000-01-01'::date
            date | 'infinity'::date
            date | '-infinity'::date
            time without time zone | '13:45:30.25'::time
            time without time zone | '24:00:00'::time
            time without time zone | '00:00:00'::time
            time without time zone | '23:59:59.999999'::time
            timestamp without time zone | '2000-01-01 00:00:00.000001'::timestamp
            timestamp without time zone | '1999-12-31 23:59:59.999999'::timestamp
            timestamp without time zone | '0044-03-15 12:00:00.5 BC'::timestamp
            timestamp without time zone | '4714-11-24 00:00:00 BC'::timestamp
            timestamp without time zone | '294276-12-31 23:59:59.999999'::timestamp
            timestamp without time zone | '1900-02-28 13:00:00'::timestamp
            timestamp without time zone | 'infinity'::timestamp
            timestamp without time zone | '-infinity'::timestamp
            timestamp with time zone | '1969-07-20 20:17:40.5+00'::timestamptz
            timestamp with time zone | '2024-03-31 02:30:00 Europe/Berlin'::timestamptz
            timestamp with time zone | '2024-06-01 12:00:00'::timestamptz
            timestamp with time zone | '1800-01-01 00:00:00+05:53:28'::timestamptz
            timestamp with time zone | '0044-03-15 12:00:00+00 BC'::timestamptz
            timestamp with time zone | '4714-11-24 00:00:00+00 BC'::timestamptz
            timestamp with time zone | '294276-12-31 23:59:59.999999+00'::timestamptz
            timestamp with time zone | 'infinity'::timestamptz
            timestamp with time zone | '-infinity'::timestamptz
            interval | '90 days'::interval
            interval | '-1 year -2 days -3 hours'::interval
            interval | '1 mon -2 days 0.000001 seconds'::interval
            interval | '-1 mon 2 days 03:00:00'::interval
            interval | '-1 mon +2 days +03:00:00'::interval
            interval | '-3 days +0.000001 seconds'::interval
            interval | '0'::interval
            interval | '1 mon'::interval
            interval | '30 days'::interval
            interval | 'P1Y2M3DT4H5M6.789S'::interval
            interval | '-178956970 years -8 months -2147483648 days -2562047788:00:54.775807'::interval
            interval | '178956970 years 7 months 2147483647 days 2562047788:00:54.775806'::interval
            interval | 'infinity'::interval
            interval | '-infinity'::interval
            numeric | 1.50
            numeric | -1.5
            numeric | '0'::numeric
            numeric | '0.000'::numeric
            numeric | '-0.000'::numeric
            numeric | '1e-20'::numeric
            numeric | 12345678.9
            numeric | '-123456789012345678901234567890.123456789'::numeric
            numeric | '1e300'::numeric
            numeric | '-1e300'::numeric
            numeric | '0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001'::numeric
            numeric | '9999.9999'::numeric
            numeric | '10000'::numeric
            numeric | '0.0001'::numeric
            numeric | '123.4500'::numeric
            numeric | 'NaN'::numeric
            numeric | 'Infinity'::numeric
            numeric | '-Infinity'::numeric
            uuid | 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid
            uuid | '00000000-0000-0000-0000-000000000000'::uuid
            uuid | 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'::uuid
            bytea | '\\xdeadbeef'::bytea
            bytea | ''::bytea
            bytea | '\\x00ff7f'::bytea
            bytea | 'abc\\000'::bytea
            """);

    /** The one CONST of a view's targetlist: its type and the bytes of its datum. */
    private static final Pattern CONSTANT = Pattern.compile(
            "\\{CONST :consttype (\\d+) .*?:constisnull false .*?:constvalue \\d+ \\[ ((?:-?\\d+ )*)\\]\\}");

    private static final AtomicInteger VIEWS = new AtomicInteger();
    private static Connection session;

    private static List<Case> cases(String table) {
        String longText = "text | '" + "long ".repeat(60) + "'";
        return Stream.concat(table.lines(), Stream.of(longText)).map(line -> {
            int separator = line.indexOf(" | ");
            return new Case(line.substring(0, separator), line.substring(separator + 3));
        }).toList();
    }

    @BeforeAll
    static void functionsForEachSettings() throws SQLException {
        session = TestPostgres.emptyDatabase().connect();
        for (Settings settings : SETTINGS) {
            try (Statement statement = session.createStatement()) {
                statement.execute(settings.createFunction());
            }
        }
    }

    @AfterAll
    static void closeSession() throws SQLException {
        session.close();
    }

    @TestFactory
    Stream<DynamicContainer> everyLiteralReadsBackAsTheSameValue() {
        assertTrue(CASES.size() >= 60, "at least 60 literals");
        return SETTINGS.stream().map(settings -> dynamicContainer(settings.toString(),
                CASES.stream().map(c -> dynamicTest(c.type() + " " + c.literal(), () -> check(settings, c)))));
    }

    private static void check(Settings settings, Case c) throws SQLException {
        String view = "datum_case_" + VIEWS.incrementAndGet();
        underSettings(settings, "CREATE TEMPORARY VIEW " + view + " AS SELECT " + c.viewExpression() + " AS c", null);
        String rule = queryString("SELECT ev_action::text FROM pg_rewrite WHERE ev_class = '" + view + "'::regclass");
        Matcher constant = CONSTANT.matcher(rule);
        assertTrue(constant.find(), () -> "no constant in " + rule);
        long typeOid = Long.parseLong(constant.group(1));
        byte[] datum = signedBytes(constant.group(2));
        assertFalse(constant.find(), () -> "more than one constant in " + rule);
        assertEquals(c.type(), queryString("SELECT format_type(" + typeOid + ", NULL)"), "type of the constant");

        String text = DatumText.of(typeOid, datum).orElseThrow(() -> new AssertionError("not decoded: " + rule));
        String decoded = "(" + Sql.literal(text) + "::" + c.castType() + ")";
        String original = "(" + c.literal() + ")";
        String send = queryString("SELECT typsend::text FROM pg_type WHERE oid = " + typeOid);
        List<String> results = underSettings(settings, null, "SELECT ARRAY[current_setting('DateStyle'), "
                + decoded + "::text, " + original + "::text, "
                + "(" + c.comparable(decoded) + " IS NOT DISTINCT FROM " + c.comparable(original) + ")::text, "
                + send + decoded + "::text, " + send + original + "::text]");
        assertEquals(settings.dateStyle(), results.get(0), "the function's settings are in force");
        assertEquals(results.get(2), results.get(1), () -> "text of the value read back from " + text);
        assertEquals("true", results.get(3), () -> "distinct from the value read back from " + text);
        assertEquals(results.get(5), results.get(4), () -> "binary form of the value read back from " + text);
    }

    private static List<String> underSettings(Settings settings, String statement, String query) throws SQLException {
        try (PreparedStatement call = session.prepareStatement("SELECT " + settings.function() + "(?, ?)")) {
            call.setString(1, statement);
            call.setString(2, query);
            try (ResultSet rs = call.executeQuery()) {
                assertTrue(rs.next());
                Array array = rs.getArray(1);
                return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
            }
        }
    }

    private static byte[] signedBytes(String printed) {
        String[] parts = printed.strip().isEmpty() ? new String[0] : printed.strip().split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = Byte.parseByte(parts[i]);
        }
        return bytes;
    }

    private static String queryString(String sql) throws SQLException {
        try (Statement statement = session.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
