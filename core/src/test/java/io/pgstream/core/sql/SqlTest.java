package io.pgstream.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void identifiersAreAlwaysQuotedWithEmbeddedQuotesDoubled() {
        assertEquals("\"orders\"", Sql.identifier("orders"));
        assertEquals("\"My \"\"Big\"\" Table\"", Sql.identifier("My \"Big\" Table"));
        assertEquals("\"My Schema\".\"t\"", Sql.qualified("My Schema", "t"));
    }

    @Test
    void literalsDoubleTheirQuotes() {
        assertEquals("'it''s'", Sql.literal("it's"));
        assertEquals("NULL", Sql.literal(null));
    }

    @Test
    void emptyAndNulNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sql.identifier(""));
        assertThrows(IllegalArgumentException.class, () -> Sql.identifier("a\0b"));
    }
}
