package io.pgstream.engine.capture;

import java.util.List;

/** Lines in COPY's text format: fields escaped, separated by tabs, NULL written as {@code \N}. */
final class CopyText {

    private static final char NO_ESCAPE = 0;

    private CopyText() {}

    /** Appends one field, escaped; a null value appends {@code \N}. */
    static void appendField(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char escape = escapeOf(c);
            if (escape == NO_ESCAPE) {
                line.append(c);
            } else {
                line.append('\\').append(escape);
            }
        }
    }

    /** The fields as one line, ending with a newline. */
    static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append('\t');
            }
            appendField(line, fields.get(i));
        }
        return line.append('\n').toString();
    }

    private static char escapeOf(char c) {
        return switch (c) {
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            case '\u000B' -> 'v';
            default -> NO_ESCAPE;
        };
    }
}
