package io.pgstream.core.sql;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Renders PostgreSQL identifiers and literals. Every name that becomes SQL text passes through here. */
public final class Sql {

    private Sql() {}

    /** Quotes one identifier, always, doubling embedded quotes: {@code My "T"} becomes {@code "My ""T"""}. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an identifier must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier must not contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Quotes each part and joins them with dots: {@code qualified("My Schema", "t")} is {@code "My Schema"."t"}. */
    public static String qualified(String... parts) {
        return Arrays.stream(parts).map(Sql::identifier).collect(Collectors.joining("."));
    }

    /** A string literal, with standard_conforming_strings semantics (on since PostgreSQL 9.1). */
    public static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a PostgreSQL string must not contain a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
