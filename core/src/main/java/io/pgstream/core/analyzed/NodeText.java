package io.pgstream.core.analyzed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PostgreSQL's node text (what {@code nodeToString} writes and {@code pg_rewrite.ev_action} stores)
 * into {@link Node}s. Its lexical rules are those of the server's own reader: whitespace separates
 * tokens; {@code ( ) { }} are tokens by themselves; a backslash makes the next character plain; {@code <>}
 * is an empty value. A list of numbers is tagged by its first token ({@code (i 1 2)}, {@code (o 23)},
 * {@code (b 3)}, {@code (x 7)}) and read as a list of tokens; a datum is its length followed by
 * {@code [ bytes ]}.
 */
public final class NodeText {

    /** A token and whether its first character was escaped (so {@code \<>} and {@code \"} are plain). */
    private record Token(String text, boolean escapedStart) {
        boolean is(String plain) {
            return !escapedStart && text.equals(plain);
        }
    }

    private final String input;
    private int position;
    private Token peeked;

    private NodeText(String input) {
        this.input = input;
    }

    /** The value the text holds: for {@code ev_action}, a list with one query node. */
    public static Object parse(String text) {
        NodeText reader = new NodeText(text);
        Object value = reader.value(reader.next());
        if (reader.peek() != null) {
            throw reader.error("text after the end of the value");
        }
        return value;
    }

    private Object value(Token token) {
        if (token == null) {
            throw error("the text ends where a value was expected");
        }
        if (token.is("{")) {
            return node();
        }
        if (token.is("(")) {
            return list();
        }
        if (token.is("<>")) {
            return null;
        }
        if (!token.escapedStart() && token.text().length() >= 2 && token.text().startsWith("\"") && token.text().endsWith("\"")) {
            return new Node.Text(token.text().substring(1, token.text().length() - 1));
        }
        Token after = peek();
        if (after != null && after.is("[")) {
            return datum();
        }
        return token.text();
    }

    private Node node() {
        Token type = next();
        if (type == null) {
            throw error("a node without a type");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        while (true) {
            Token token = next();
            if (token == null) {
                throw error("node " + type.text() + " is not closed");
            }
            if (token.is("}")) {
                return new Node(type.text(), fields);
            }
            if (token.escapedStart() || !token.text().startsWith(":")) {
                throw error("node " + type.text() + ": a field name was expected, not " + token.text());
            }
            fields.put(token.text().substring(1), value(next()));
        }
    }

    private List<Object> list() {
        List<Object> elements = new ArrayList<>();
        Token first = next();
        if (first != null && !first.escapedStart() && List.of("i", "o", "b", "x").contains(first.text())) {
            for (Token token = next(); !token.is(")"); token = next()) {
                elements.add(token.text());
            }
            return elements;
        }
        for (Token token = first; token == null || !token.is(")"); token = next()) {
            elements.add(value(token));
        }
        return elements;
    }

    /** A by-value datum prints all the bytes of a Datum (8), more than its length: read up to the bracket. */
    private Node.Datum datum() {
        next(); // [
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (Token token = next(); !token.is("]"); token = next()) {
            bytes.write(Integer.parseInt(token.text()));
        }
        return new Node.Datum(bytes.toByteArray());
    }

    private Token peek() {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    private Token next() {
        Token token = peek();
        peeked = null;
        return token;
    }

    private Token read() {
        while (position < input.length() && Character.isWhitespace(input.charAt(position))) {
            position++;
        }
        if (position >= input.length()) {
            return null;
        }
        char c = input.charAt(position);
        if (c == '(' || c == ')' || c == '{' || c == '}') {
            position++;
            return new Token(String.valueOf(c), false);
        }
        StringBuilder text = new StringBuilder();
        boolean escapedStart = c == '\\';
        while (position < input.length()) {
            c = input.charAt(position);
            if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '{' || c == '}') {
                break;
            }
            if (c == '\\' && position + 1 < input.length()) {
                position++;
                c = input.charAt(position);
            }
            text.append(c);
            position++;
        }
        return new Token(text.toString(), escapedStart);
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("PostgreSQL node text, at character " + position + ": " + problem);
    }
}
