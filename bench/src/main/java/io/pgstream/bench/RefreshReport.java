package io.pgstream.bench;

import io.pgstream.bench.RefreshBenchmark.Figure;
import io.pgstream.bench.RefreshBenchmark.TablePlan;
import io.pgstream.bench.chart.Charts;
import io.pgstream.bench.chart.Charts.Axis;
import io.pgstream.bench.chart.Charts.Line;
import io.pgstream.bench.chart.Charts.Mark;
import io.pgstream.bench.chart.Charts.Point;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the refresh benchmark's figures, judges them against issue 12's targets, writes CSV, JSON and charts. */
final class RefreshReport {

    /** A target of issue 12, what was measured, and whether it is met. */
    record Target(String target, String measured, boolean met) {}

    private RefreshReport() {}

    static void print(RefreshBenchmark.Result result, long rows, long scale, PrintWriter out) {
        List<Figure> figures = result.figures();
        printBaseline(figures, out);
        printByTable(result.plans(), figures, rows, scale, out);
        if (hasPhase(figures, "c")) {
            printDeltaSizes(figures, rows, out);
        }
        if (hasPhase(figures, "d")) {
            printOltp(figures, rows, out);
        }

        out.println();
        for (Figure f : figures) {
            if (f.phase().equals("load")) {
                out.printf("load, %,d rows: %s: %.1f s%n", f.rows(), f.measure(), f.value());
            }
        }

        List<Target> targets = targets(figures, rows, scale);
        if (!targets.isEmpty()) {
            out.println();
            out.println("targets (issue 12):");
            for (Target t : targets) {
                out.printf("  %-6s %s: %s%n", t.met() ? "met" : "MISSED", t.target(), t.measured());
            }
        }
        if (!result.problems().isEmpty()) {
            out.println();
            out.println("PROBLEMS:");
            result.problems().forEach(p -> out.println("  " + p));
        }
        out.flush();
    }

    /** (a), (b), (e) of the two baseline tables side by side, as the benchmark has always printed them. */
    private static void printBaseline(List<Figure> figures, PrintWriter out) {
        List<String> tables = List.of(BenchTable.AGG, BenchTable.JOIN_AGG);
        if (figures.stream().noneMatch(f -> tables.contains(f.table()))) {
            return;
        }
        out.println();
        out.printf("%-4s %-45s %12s %12s %12s  %s%n", "", "stream tables", "orders rows", tables.get(0), tables.get(1), "unit");
        List<String> seen = new ArrayList<>();
        for (Figure f : figures) {
            String key = f.phase() + "|" + f.measure() + "|" + f.rows();
            if (!tables.contains(f.table()) || f.phase().equals("c") || seen.contains(key)) {
                continue;
            }
            seen.add(key);
            out.printf("%-4s %-45s %,12d %12s %12s  %s%n", "(" + f.phase() + ")", f.measure(), f.rows(),
                    number(value(figures, f.phase(), tables.get(0), f.measure(), f.rows())),
                    number(value(figures, f.phase(), tables.get(1), f.measure(), f.rows())), f.unit());
        }
    }

    /**
     * (a), (b) for every table, one a line: the refresh action observed and the one-row refresh median against
     * the view's, at --rows and --scale; then, for each table not refreshed differentially, why.
     */
    private static void printByTable(List<TablePlan> plans, List<Figure> figures, long rows, long scale,
                                     PrintWriter out) {
        out.println();
        out.printf("(a), (b) one-row change, refresh median against REFRESH MATERIALIZED VIEW, at %,d rows%s:%n", rows,
                scale > 0 ? String.format(Locale.ROOT, " | at %,d rows | median at %,d / at %,d", scale, scale, rows) : "");
        out.printf("    %-16s %-13s%s%s%n", "stream table", "refresh", sizeHeader(), scale > 0 ? sizeHeader() + " | ratio" : "");
        List<TablePlan> atRows = plans.stream().filter(p -> p.rows() == rows).toList();
        for (TablePlan plan : atRows) {
            String line = String.format(Locale.ROOT, "    %-16s %-13s%s", plan.table(), plan.actions(),
                    sizeColumns(figures, plan, "a"));
            if (scale > 0) {
                TablePlan large = RefreshBenchmark.planAt(plans, plan.table(), scale);
                line += sizeColumns(figures, large, "b") + String.format(Locale.ROOT, " | %6sx",
                        number(value(figures, "b", plan.table(), large.label() + " median, ratio to --rows", scale)));
            }
            out.println(line);
        }
        for (TablePlan plan : atRows) {
            if (!plan.differential()) {
                out.printf("    %s: %s (plan %s: %s)%n", plan.table(), plan.actions(), plan.plan(), plan.planReason());
            }
        }
    }

    private static String sizeHeader() {
        return String.format(Locale.ROOT, " | %11s %11s %9s", "refresh", "view", "speed-up");
    }

    private static String sizeColumns(List<Figure> figures, TablePlan plan, String phase) {
        String table = plan.table();
        Figure view = figures.stream().filter(f -> f.phase().equals(phase) && f.table().equals(table)
                && f.rows() == plan.rows() && f.measure().startsWith("REFRESH MATERIALIZED VIEW")).findFirst().orElseThrow();
        return String.format(Locale.ROOT, " | %8s ms %8s ms %8sx",
                number(value(figures, phase, table, plan.label() + " refresh, median", plan.rows())),
                number(view.value()),
                number(value(figures, phase, table, "speed-up over REFRESH MATERIALIZED VIEW", plan.rows())));
    }

    private static void printDeltaSizes(List<Figure> figures, long rows, PrintWriter out) {
        out.println();
        out.printf("(c) delta size on %s, %,d rows: %12s %12s %12s %12s%n", BenchTable.AGG, rows,
                "of the table", "differential", "FULL", "diff / FULL");
        for (Figure d : figures) {
            if (d.phase().equals("c") && d.measure().startsWith("differential")) {
                double full = value(figures, "c", d.table(), "FULL refresh, median", d.rows());
                out.printf("    %,27d changed rows %11.4f%% %9s ms %9s ms %11.2fx%n", d.rows(), 100.0 * d.rows() / rows,
                        number(d.value()), number(full), d.value() / full);
            }
        }
        out.println("    " + crossoverSentence(figures, rows));
    }

    private static void printOltp(List<Figure> figures, long rows, PrintWriter out) {
        out.println();
        out.printf("(d) single-row UPDATEs, %,d rows: %14s %14s %10s %14s %14s%n", rows, "uncaptured TPS",
                "captured TPS", "ratio", "uncaptured µs", "captured µs");
        for (String clients : List.of("1 client", "4 clients")) {
            out.printf("    %-29s %14.0f %14.0f %9.2fx %14.0f %14.0f%n", clients,
                    value(figures, "d", "orders_plain", "TPS, " + clients, rows),
                    value(figures, "d", "orders", "TPS, " + clients, rows),
                    value(figures, "d", "", "captured / uncaptured TPS, " + clients, rows),
                    value(figures, "d", "orders_plain", "mean latency, " + clients, rows),
                    value(figures, "d", "orders", "mean latency, " + clients, rows));
        }
    }

    private static boolean hasPhase(List<Figure> figures, String phase) {
        return figures.stream().anyMatch(f -> f.phase().equals(phase));
    }

    static String crossoverSentence(List<Figure> figures, long rows) {
        double k = RefreshBenchmark.crossover(figures);
        if (k < 0) {
            return "differential stayed faster than FULL at every measured size: no crossover";
        }
        double fraction = k / rows;
        // an UPDATE is two change rows (a delete and an insert); the setting compares change rows to source rows
        return String.format(Locale.ROOT, "crossover: FULL becomes faster at about %,.0f updated rows, %.1f%% of the"
                        + " table; the setting counts change rows (two per updated row) against source rows, so"
                        + " recommended differential_max_change_ratio = %.2f (default 0.3)",
                k, 100 * fraction, 2 * fraction);
    }

    /**
     * Issue 12's targets, judged only when every phase ran (with a subset of the tables, only (a) and (b) do). A
     * one-row change is judged with and without a VACUUM before it: a server relies on autovacuum.
     */
    static List<Target> targets(List<Figure> figures, long rows, long scale) {
        List<Target> targets = new ArrayList<>();
        if (!hasPhase(figures, "d")) {
            return targets;
        }
        String agg = BenchTable.AGG;
        String join = BenchTable.JOIN_AGG;
        double vacuumed = value(figures, "a", agg, "differential refresh, server-side median", rows);
        double unvacuumed = value(figures, "f", agg, "differential refresh without VACUUM, server-side median", rows);
        targets.add(new Target("one-row change to the aggregate, server-side <= 0.5 ms",
                String.format(Locale.ROOT, "%.2f ms after VACUUM, %.2f ms without (medians at %,d rows)", vacuumed,
                        unvacuumed, rows), vacuumed <= 0.5 && unvacuumed <= 0.5));
        targets.add(speedUp(figures, "a", agg, rows, 200));
        if (scale > 0) {
            targets.add(speedUp(figures, "b", agg, scale, 2000));
        }
        figures.stream().filter(f -> f.phase().equals("a") && f.measure().equals("speed-up over REFRESH MATERIALIZED VIEW")
                        && !f.table().equals(agg)).map(Figure::table).distinct()
                .forEach(table -> targets.add(speedUp(figures, "a", table, rows, 100)));
        double aggSkip = value(figures, "e", agg, "no-change refresh (SKIP), median", rows);
        double joinSkip = value(figures, "e", join, "no-change refresh (SKIP), median", rows);
        targets.add(new Target("no-change refresh cycle <= 0.3 ms",
                String.format(Locale.ROOT, "%s %.2f ms, %s %.2f ms", agg, aggSkip, join, joinSkip),
                aggSkip <= 0.3 && joinSkip <= 0.3));
        double full = value(figures, "c", agg, "FULL refresh, median", 1);
        double view = figures.stream().filter(f -> f.phase().equals("a") && f.table().equals(agg) && f.rows() == rows
                && f.measure().startsWith("REFRESH MATERIALIZED VIEW")).findFirst().orElseThrow().value();
        targets.add(new Target("FULL refresh <= 1.1x REFRESH MATERIALIZED VIEW of the same query",
                String.format(Locale.ROOT, "%s: %.1f ms against %.1f ms, %.2fx", agg, full, view, full / view),
                full <= 1.1 * view));
        return targets;
    }

    private static Target speedUp(List<Figure> figures, String phase, String table, long n, double least) {
        double measured = value(figures, phase, table, "speed-up over REFRESH MATERIALIZED VIEW", n);
        return new Target(String.format(Locale.ROOT, "%s >= %,.0fx faster than REFRESH MATERIALIZED VIEW at %,d rows",
                table, least, n), String.format(Locale.ROOT, "%.0fx", measured), measured >= least);
    }

    /**
     * The charts of what was measured, as PNG: the one-row refresh of the baseline tables against REFRESH
     * MATERIALIZED VIEW at --rows and --scale (when (b) ran), and differential against FULL by delta size with the
     * crossover marked (when (c) ran). Returns the files written.
     */
    static List<Path> writeCharts(List<Figure> figures, long rows, long scale, Path sourceSizePng, Path deltaSizePng)
            throws IOException {
        List<Path> written = new ArrayList<>();
        if (scale > 0 && hasPhase(figures, "b")) {
            List<Line> lines = new ArrayList<>();
            for (String table : List.of(BenchTable.AGG, BenchTable.JOIN_AGG)) {
                lines.add(new Line(table + ": differential refresh", List.of(
                        new Point(rows, value(figures, "a", table, "differential refresh, median", rows)),
                        new Point(scale, value(figures, "b", table, "differential refresh, median", scale)))));
                lines.add(new Line(table + ": REFRESH MATERIALIZED VIEW", List.of(
                        new Point(rows, materializedView(figures, "a", table, rows)),
                        new Point(scale, materializedView(figures, "b", table, scale)))));
            }
            Charts.lines(sourceSizePng, "Refresh after a one-row change, by source size (medians)",
                    Axis.log("rows of orders (log scale)"), Axis.log("ms (log scale)"), lines, List.of());
            written.add(sourceSizePng);
        }
        if (hasPhase(figures, "c")) {
            List<Point> differential = deltaSeries(figures, "differential refresh, median");
            List<Point> full = deltaSeries(figures, "FULL refresh, median");
            double k = RefreshBenchmark.crossover(figures);
            List<Mark> marks = k < 0 ? List.of() : List.of(new Mark(String.format(Locale.ROOT,
                    "crossover: about %,.0f updated rows (%.1f%% of the table)", k, 100.0 * k / rows),
                    new Point(k, interpolatedLog(full, k))));
            Charts.lines(deltaSizePng, String.format(Locale.ROOT, "Refresh of %s by delta size, %,d rows%s",
                            BenchTable.AGG, rows, k < 0 ? ": differential faster at every size" : ""),
                    Axis.log("updated rows (log scale)"), Axis.log("ms (log scale)"),
                    List.of(new Line("differential refresh", differential), new Line("FULL refresh", full)), marks);
            written.add(deltaSizePng);
        }
        return written;
    }

    private static double materializedView(List<Figure> figures, String phase, String table, long n) {
        return figures.stream().filter(f -> f.phase().equals(phase) && f.table().equals(table) && f.rows() == n
                        && f.measure().startsWith("REFRESH MATERIALIZED VIEW"))
                .findFirst().map(Figure::value).orElse(Double.NaN);
    }

    private static List<Point> deltaSeries(List<Figure> figures, String measure) {
        return figures.stream().filter(f -> f.phase().equals("c") && f.measure().equals(measure))
                .map(f -> new Point(f.rows(), f.value())).toList();
    }

    /** The series' value at x, interpolated on log scales between the points around it (sorted by x). */
    private static double interpolatedLog(List<Point> points, double x) {
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (x <= b.x()) {
                double t = (Math.log(x) - Math.log(a.x())) / (Math.log(b.x()) - Math.log(a.x()));
                return Math.exp(Math.log(a.y()) + t * (Math.log(b.y()) - Math.log(a.y())));
            }
        }
        return points.get(points.size() - 1).y();
    }

    /** One figure a line, after a comment line with the machine facts. */
    static void writeCsv(List<Figure> figures, Map<String, String> machine, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> facts = new ArrayList<>();
        machine.forEach((k, v) -> facts.add(k + "=" + v));
        StringBuilder csv = new StringBuilder("# " + String.join(", ", facts) + "\nphase,table,measure,rows,value,unit\n");
        for (Figure f : figures) {
            csv.append(String.format(Locale.ROOT, "%s,%s,\"%s\",%d,%.4f,%s%n", f.phase(), f.table(), f.measure(), f.rows(),
                    f.value(), f.unit()));
        }
        Files.writeString(file, csv);
    }

    static void writeJson(RefreshBenchmark.Result result, Map<String, String> machine, long rows, long scale, Path file)
            throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"refresh\",\n");
        json.append("  \"machine\": {");
        List<String> facts = new ArrayList<>();
        machine.forEach((k, v) -> facts.add(string(k) + ": " + string(v)));
        json.append(String.join(", ", facts)).append("},\n");
        json.append(String.format(Locale.ROOT, "  \"rows\": %d,\n  \"scale\": %d,\n", rows, scale));
        json.append("  \"figures\": [\n");
        List<String> items = new ArrayList<>();
        for (Figure f : result.figures()) {
            items.add(String.format(Locale.ROOT, "    {\"phase\": %s, \"table\": %s, \"measure\": %s, \"rows\": %d,"
                            + " \"value\": %s, \"unit\": %s}", string(f.phase()), string(f.table()), string(f.measure()),
                    f.rows(), Double.isFinite(f.value()) ? String.format(Locale.ROOT, "%.4f", f.value()) : "null",
                    string(f.unit())));
        }
        json.append(String.join(",\n", items)).append("\n  ],\n");
        json.append("  \"plans\": [\n");
        items.clear();
        for (TablePlan p : result.plans()) {
            items.add(String.format(Locale.ROOT, "    {\"table\": %s, \"rows\": %d, \"plan\": %s, \"plan_reason\": %s,"
                            + " \"actions\": %s, \"refresh_reason\": %s}", string(p.table()), p.rows(), string(p.plan()),
                    string(p.planReason()), string(p.actions()), string(p.refreshReason())));
        }
        json.append(String.join(",\n", items)).append("\n  ],\n");
        if (hasPhase(result.figures(), "c")) {
            json.append("  \"crossover\": ").append(string(crossoverSentence(result.figures(), rows))).append(",\n");
        }
        json.append("  \"targets\": [\n");
        items.clear();
        for (Target t : targets(result.figures(), rows, scale)) {
            items.add("    {\"target\": " + string(t.target()) + ", \"measured\": " + string(t.measured())
                    + ", \"met\": " + t.met() + "}");
        }
        json.append(String.join(",\n", items)).append("\n  ],\n");
        items.clear();
        result.problems().forEach(p -> items.add("    " + string(p)));
        json.append("  \"problems\": [").append(items.isEmpty() ? "" : "\n" + String.join(",\n", items) + "\n  ")
                .append("]\n}\n");
        Files.writeString(file, json);
    }

    /** {@code s} as a JSON string literal. */
    static String string(String s) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) ch));
                    } else {
                        quoted.append(ch);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static double value(List<Figure> figures, String phase, String table, String measure, long rows) {
        return RefreshBenchmark.value(figures, phase, table, measure, rows);
    }

    /** A figure with the digits that matter: 1.23, 12.3, 1,234; NaN as "-". */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double magnitude = Math.abs(value);
        return String.format(Locale.ROOT, magnitude < 10 ? "%.2f" : magnitude < 1000 ? "%.1f" : "%,.0f", value);
    }
}
