package io.pgstream.engine.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** COPY text format lines: NULL, escapes, and a literal backslash-N that must not read back as NULL. */
class CopyTextTest {

    @Test
    void nullIsBackslashN() {
        assertEquals("\\N", field(null));
    }

    @Test
    void plainTextIsUnchanged() {
        assertEquals("zoë € 42", field("zoë € 42"));
    }

    @Test
    void eachSpecialCharacterIsEscaped() {
        assertEquals("a\\\\b", field("a\\b"));
        assertEquals("a\\nb", field("a\nb"));
        assertEquals("a\\rb", field("a\rb"));
        assertEquals("a\\tb", field("a\tb"));
        assertEquals("a\\bb", field("a\bb"));
        assertEquals("a\\fb", field("a\fb"));
        assertEquals("a\\vb", field("a\u000Bb"));
    }

    @Test
    void aLiteralBackslashNIsNotNull() {
        assertEquals("\\\\N", field("\\N"));
    }

    @Test
    void aLineJoinsFieldsWithTabsAndEndsWithANewline() {
        assertEquals("1\t\\N\tx\\ty\n", CopyText.line(Arrays.asList("1", null, "x\ty")));
    }

    private static String field(String value) {
        StringBuilder line = new StringBuilder();
        CopyText.appendField(line, value);
        return line.toString();
    }
}
