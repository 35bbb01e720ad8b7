package io.pgstream.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A plain text table with aligned columns, for terminals and logs alike. */
final class TextTable {

    private static final String GAP = "  ";

    /** One column: its header and whether its cells line up on the left or on the right (numbers). */
    record Column(String header, boolean alignRight) {
        static Column left(String header) {
            return new Column(header, false);
        }

        static Column right(String header) {
            return new Column(header, true);
        }
    }

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(Column... columns) {
        this.columns = List.of(columns);
    }

    TextTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    /** The header line and one line per row, without trailing spaces. */
    List<String> lines() {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(columns.get(c).header());
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(columns.stream().map(Column::header).toList(), widths));
        rows.forEach(row -> lines.add(line(row, widths)));
        return Collections.unmodifiableList(lines);
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - width(cell));
            line.append(c == 0 ? "" : GAP).append(columns.get(c).alignRight() ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
