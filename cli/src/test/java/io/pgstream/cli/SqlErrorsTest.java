package io.pgstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class SqlErrorsTest {

    /** An error as the server sends it: one letter per field, each field ended by a NUL. */
    private static PSQLException serverError(String... fields) {
        return new PSQLException(new ServerErrorMessage(String.join("\0", fields) + "\0"));
    }

    private static PSQLException inValidatedQuery(String message, String query, int positionInQuery) {
        return serverError("SERROR", "C42601", "M" + message,
                "p" + (SqlErrors.VALIDATION_PREFIX.length() + positionInQuery),
                "q" + SqlErrors.VALIDATION_PREFIX + query);
    }

    @Test
    void pointsIntoTheUsersQueryNotTheValidationStatement() {
        String query = "SELECT id FROM orders WHERE id = = 1";
        assertEquals("""
                ERROR: syntax error at or near "="
                LINE 1: SELECT id FROM orders WHERE id = = 1
                                                         ^""",
                SqlErrors.render(inValidatedQuery("syntax error at or near \"=\"", query, query.indexOf("= 1") + 1)));
    }

    @Test
    void numbersLinesAndColumnsWithinAMultiLineQuery() {
        String query = "SELECT id,\n       amount\n  FROM orderz";
        assertEquals(List.of("LINE 3:   FROM orderz", "               ^"),
                SqlErrors.pointTo(query, query.indexOf("orderz") + 1));
    }

    @Test
    void pointsPastTheLastCharacterAtEndOfInput() {
        String query = "SELECT 1 +";
        assertEquals(List.of("LINE 1: SELECT 1 +", "                  ^"), SqlErrors.pointTo(query, query.length() + 1));
    }

    @Test
    void keepsTabsSoThatTheCaretStaysAligned() {
        assertEquals(List.of("LINE 1: \tSELECT x", "        \t       ^"), SqlErrors.pointTo("\tSELECT x", 9));
    }

    @Test
    void countsCharactersLikePostgresNotUtf16Units() {
        String query = "SELECT '𝄞' AS clef, nope"; // the clef is one character, two UTF-16 units
        int position = query.codePointCount(0, query.indexOf("nope")) + 1;
        assertEquals(List.of("LINE 1: " + query, " ".repeat(8 + 20) + "^"), SqlErrors.pointTo(query, position));
    }

    @Test
    void cutsLongLinesAroundThePosition() {
        String query = "SELECT " + "a, ".repeat(60) + "oops, " + "b, ".repeat(60) + "c";
        List<String> lines = SqlErrors.pointTo(query, query.indexOf("oops") + 1);
        String shown = lines.get(0);
        int caret = lines.get(1).indexOf('^');
        assertEquals("oops", shown.substring(caret, caret + 4));
        assertEquals(true, shown.startsWith("LINE 1: ...") && shown.endsWith("..."), shown);
    }

    @Test
    void addsDetailAndHint() {
        assertEquals("""
                ERROR: stream table "nope" does not exist
                HINT: SELECT name FROM pgstream.stream_tables lists the stream tables.""",
                SqlErrors.render(serverError("SERROR", "C42P01", "Mstream table \"nope\" does not exist",
                        "HSELECT name FROM pgstream.stream_tables lists the stream tables.")));
        assertEquals("FATAL: no such database\nDETAIL: it was dropped",
                SqlErrors.render(serverError("SFATAL", "C3D000", "Mno such database", "Dit was dropped")));
    }

    @Test
    void errorsWithoutAServerMessageShowTheirText() {
        assertEquals("ERROR: Connection to localhost:1 refused",
                SqlErrors.render(new SQLException("Connection to localhost:1 refused")));
    }

    @Test
    void noPointerWithoutAPosition() {
        assertEquals(List.of(), SqlErrors.pointTo(null, 3));
        assertEquals(List.of(), SqlErrors.pointTo("SELECT 1", 0));
    }
}
