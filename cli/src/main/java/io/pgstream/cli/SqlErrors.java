package io.pgstream.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Renders a database error for people, the way psql does: the message, the offending line of the query with a
 * caret under the error position, then DETAIL and HINT.
 *
 * <p>pg_stream validates a stream table's query by running it, in PL/pgSQL, as line 2 onwards of
 * {@code CREATE TEMP VIEW pgstream_query AS}; PostgreSQL reports such an error as an internal query and position,
 * which are translated back into the user's own query.
 */
final class SqlErrors {

    static final String VALIDATION_PREFIX = "CREATE TEMP VIEW pgstream_query AS\n";
    /** Longer lines are cut around the error position, so that the caret stays under it on a terminal. */
    private static final int MAX_LINE_WIDTH = 100;
    private static final String CUT = "...";

    private SqlErrors() {}

    static String render(SQLException error) {
        ServerErrorMessage server = error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            return "ERROR: " + error.getMessage();
        }
        List<String> lines = new ArrayList<>();
        lines.add((server.getSeverity() == null ? "ERROR" : server.getSeverity()) + ": " + server.getMessage());
        lines.addAll(pointTo(server.getInternalQuery(), server.getInternalPosition()));
        if (server.getDetail() != null) {
            lines.add("DETAIL: " + server.getDetail());
        }
        if (server.getHint() != null) {
            lines.add("HINT: " + server.getHint());
        }
        return String.join("\n", lines);
    }

    /**
     * The line of {@code query} holding 1-based character {@code position} (PostgreSQL counts characters, not
     * bytes), labelled with its line number, and a caret under that character; nothing without a position.
     */
    static List<String> pointTo(String query, int position) {
        if (query == null || position < 1) {
            return List.of();
        }
        if (query.startsWith(VALIDATION_PREFIX)) {
            query = query.substring(VALIDATION_PREFIX.length());
            position -= VALIDATION_PREFIX.length();
        }
        int[] text = query.codePoints().toArray();
        int at = position - 1; // may equal text.length: "at end of input"
        if (at < 0 || at > text.length) {
            return List.of();
        }
        int lineStart = at;
        while (lineStart > 0 && text[lineStart - 1] != '\n') {
            lineStart--;
        }
        int lineEnd = at;
        while (lineEnd < text.length && text[lineEnd] != '\n') {
            lineEnd++;
        }
        if (lineEnd > lineStart && text[lineEnd - 1] == '\r') {
            lineEnd--;
        }
        int lineNumber = 1;
        for (int i = 0; i < lineStart; i++) {
            lineNumber += text[i] == '\n' ? 1 : 0;
        }

        // show at most MAX_LINE_WIDTH characters, the error position in the middle when the line is longer
        int from = Math.max(lineStart, Math.min(at - MAX_LINE_WIDTH / 2, lineEnd - MAX_LINE_WIDTH));
        int to = Math.min(lineEnd, from + MAX_LINE_WIDTH);
        String cutBefore = from > lineStart ? CUT : "";
        String cutAfter = to < lineEnd ? CUT : "";
        String label = "LINE " + lineNumber + ": ";

        StringBuilder caret = new StringBuilder(" ".repeat(label.length() + cutBefore.length()));
        for (int i = from; i < Math.min(at, to); i++) {
            caret.append(text[i] == '\t' ? '\t' : ' '); // a tab in the line needs a tab here to stay aligned
        }
        caret.append('^');
        return List.of(label + cutBefore + new String(text, from, to - from) + cutAfter, caret.toString());
    }
}
