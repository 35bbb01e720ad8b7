package io.pgstream.core.compiler;

import java.util.Map;

/**
 * PostgreSQL prints LIKE and ILIKE as their operators ({@code ~~}, {@code ~~*}, {@code !~~}, {@code !~~*}),
 * which the SQL parser does not read. This spells them as keywords again, outside string literals and
 * quoted identifiers, and only where they stand alone between spaces as PostgreSQL prints them.
 * PostgreSQL reads the keywords back as the same operators: the compiler's round-trip check confirms it.
 */
final class OperatorSpelling {

    private static final Map<String, String> KEYWORDS = Map.of(
            "!~~*", "NOT ILIKE", "~~*", "ILIKE", "!~~", "NOT LIKE", "~~", "LIKE");

    private OperatorSpelling() {}

    static String asKeywords(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closingQuote(sql, i, c);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            String operator = operatorAt(sql, i);
            if (operator != null) {
                out.append(KEYWORDS.get(operator));
                i += operator.length();
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The index after the literal or identifier opened at {@code start}; doubled quotes stay inside. */
    private static int closingQuote(String sql, int start, char quote) {
        boolean escapes = quote == '\'' && start > 0 && Character.toUpperCase(sql.charAt(start - 1)) == 'E';
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (escapes && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static String operatorAt(String sql, int i) {
        if (i == 0 || sql.charAt(i - 1) != ' ') {
            return null;
        }
        for (String operator : new String[] {"!~~*", "~~*", "!~~", "~~"}) {
            int end = i + operator.length();
            if (sql.startsWith(operator, i) && end < sql.length() && sql.charAt(end) == ' ') {
                return operator;
            }
        }
        return null;
    }
}
