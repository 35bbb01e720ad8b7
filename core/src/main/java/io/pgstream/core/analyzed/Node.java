package io.pgstream.core.analyzed;

import java.util.List;
import java.util.Map;

/**
 * One node of PostgreSQL's node text, {@code {TYPE :field value ...}}, with its fields by name. Reading
 * by name is what survives PostgreSQL versions: a field added or dropped between 14 and 18 is simply
 * present or absent. A value is a {@link Node}, a {@link List} of values, a {@link Datum}, a token
 * ({@link String}, unescaped), a quoted string ({@link Text}), or null for {@code <>}.
 */
public record Node(String type, Map<String, Object> fields) {

    public Node {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A quoted string value ({@code "id"} in a list of column names). */
    public record Text(String value) {}

    /** A constant's value as outfuncs.c writes it: the bytes of the datum. */
    public record Datum(byte[] bytes) {}

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Object value(String field) {
        return fields.get(field);
    }

    public Node node(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Node node) {
            return node;
        }
        throw unexpected(field, "a node");
    }

    /** A list field; {@code <>} (and an absent field) is the empty list. */
    public List<Object> list(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        throw unexpected(field, "a list");
    }

    /** A list field whose elements are nodes. */
    public List<Node> nodes(String field) {
        return list(field).stream().map(element -> {
            if (element instanceof Node node) {
                return node;
            }
            throw unexpected(field, "a list of nodes");
        }).toList();
    }

    public String token(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String token) {
            return token;
        }
        throw unexpected(field, "a token");
    }

    public long integer(String field) {
        String token = token(field);
        if (token == null) {
            throw unexpected(field, "a number");
        }
        return Long.parseLong(token);
    }

    /** An integer field, or {@code otherwise} where this PostgreSQL version does not write it. */
    public long integer(String field, long otherwise) {
        return has(field) ? integer(field) : otherwise;
    }

    public boolean bool(String field) {
        String token = token(field);
        if ("true".equals(token)) {
            return true;
        }
        if ("false".equals(token)) {
            return false;
        }
        throw unexpected(field, "true or false");
    }

    /** A boolean field, or false where this PostgreSQL version does not write it. */
    public boolean flag(String field) {
        return has(field) && bool(field);
    }

    private IllegalArgumentException unexpected(String field, String what) {
        return new IllegalArgumentException("node " + type + " field :" + field + " is not " + what + ": " + fields.get(field));
    }
}
