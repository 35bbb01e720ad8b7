package io.pgstream.cli;

import io.pgstream.cli.TextTable.Column;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows how fresh each stream table is while the demo runs. On a terminal the same block is redrawn in place once
 * a second; otherwise (a log, CI) a block is printed every few seconds.
 */
final class FreshnessDisplay {

    private static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);
    private static final int ERROR_WIDTH = 90;
    private static final String INDENT = "  ";
    private static final String ESC = "\u001b[";

    private final PrintWriter out;
    private final boolean inPlace;
    private int linesOnScreen;
    private Instant lastPrinted = Instant.MIN;

    FreshnessDisplay(PrintWriter out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** True when stdout is a terminal that understands ANSI cursor movement. */
    static boolean terminalSupportsRedraw() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        // From Java 22 on, System.console() may exist with output redirected; Console.isTerminal() tells.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException java21) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Shows the current state, redrawn on a terminal and printed now and then elsewhere: a heading, the freshness
     * of every stream table, then {@code more} lines.
     */
    void update(String heading, List<StreamTableStatus> tables, List<String> more) {
        Instant now = Instant.now();
        if (inPlace || !now.isBefore(lastPrinted.plus(PLAIN_INTERVAL))) {
            show(heading, tables, more);
            lastPrinted = now;
        }
    }

    /** Shows the final state, however recently the last block was printed. */
    void showFinal(String heading, List<StreamTableStatus> tables, List<String> more) {
        show(heading, tables, more);
    }

    private void show(String heading, List<StreamTableStatus> tables, List<String> more) {
        List<String> lines = frame(heading, tables, more);
        if (inPlace && linesOnScreen > 0) {
            out.print(ESC + linesOnScreen + "F"); // back to the first line of the previous frame
        }
        for (String line : lines) {
            out.print(line);
            out.print(inPlace ? ESC + "K\n" : "\n"); // clear what a longer previous line left
        }
        if (inPlace) {
            out.print(ESC + "J"); // and the lines of a longer previous frame
        }
        out.flush();
        linesOnScreen = lines.size();
    }

    private static List<String> frame(String heading, List<StreamTableStatus> tables, List<String> more) {
        TextTable table = new TextTable(Column.left("STREAM TABLE"), Column.right("ROWS"),
                Column.left("LAST REFRESH"), Column.right("TOOK"), Column.right("STALENESS"),
                Column.right("REFRESHES"));
        List<String> errors = new ArrayList<>();
        for (StreamTableStatus st : tables) {
            table.row(st.name(), Formats.count(st.rows()), st.lastRefreshSummary(),
                    Formats.millis(st.lastRefreshDuration()), Formats.duration(st.staleness()),
                    Formats.count(st.refreshes()));
            if (st.lastError() != null) {
                errors.add(INDENT + "! " + st.name() + ": " + Formats.truncate(st.lastError(), ERROR_WIDTH));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(INDENT + heading);
        lines.add("");
        table.lines().forEach(line -> lines.add(INDENT + line));
        lines.addAll(errors);
        lines.add("");
        more.forEach(line -> lines.add(line.isEmpty() ? line : INDENT + line));
        if (!more.isEmpty()) {
            lines.add("");
        }
        return lines;
    }
}
