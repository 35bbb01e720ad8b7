package io.pgstream.bench;

import io.pgstream.bench.PgIvmBenchmark.Figure;
import io.pgstream.bench.PgIvmBenchmark.Variant;
import io.pgstream.bench.chart.Charts;
import io.pgstream.bench.chart.Charts.Axis;
import io.pgstream.bench.chart.Charts.BarSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/** The pg_ivm benchmark's figures as two tables (writers, batches), as CSV and JSON, and as the chart's series. */
final class PgIvmReport {

    private PgIvmReport() {}

    static void print(PgIvmBenchmark.Result result, PrintWriter out) {
        printOltp(result.figures(), out);
        printBatches(result.figures(), out);
        if (!result.problems().isEmpty()) {
            out.println();
            out.println("PROBLEMS:");
            result.problems().forEach(p -> out.println("  " + p));
        }
        out.flush();
    }

    /** One row per variant; TPS, mean and p99 latency, a column per client count under each. */
    private static void printOltp(List<Figure> figures, PrintWriter out) {
        long[] clients = sizes(figures, "oltp");
        List<String> measures = List.of("TPS", "mean latency", "p99 latency");
        String group = " |%-" + 8 * clients.length + "s";
        out.println();
        out.println("single-row UPDATEs by key, autocommit:");
        out.printf("%-10s", "");
        measures.forEach(measure -> out.printf(group, " " + measure + (measure.equals("TPS") ? "" : " (µs)")));
        out.printf("%n%-10s", "clients");
        for (int m = 0; m < measures.size(); m++) {
            out.print(" |");
            Arrays.stream(clients).forEach(n -> out.printf("%8d", n));
        }
        out.println();
        for (Variant variant : Variant.values()) {
            out.printf("%-10s", variant.label());
            for (String measure : measures) {
                out.print(" |");
                Arrays.stream(clients).forEach(n -> out.printf(Locale.ROOT, "%8.0f",
                        value(figures, "oltp", variant, measure, n)));
            }
            out.println();
        }
    }

    /** One row per batch size: pg_ivm's cost inside the writer, pg_stream's capture and refreshes. */
    private static void printBatches(List<Figure> figures, PrintWriter out) {
        out.println();
        out.println("bringing both views up to date after a batch (ms, medians):");
        out.printf("%8s | %12s | %12s | %-32s | %-32s%n", "rows", "no views", "pg_ivm", "triggers: capture + refresh",
                "WAL: capture + refresh");
        for (long k : sizes(figures, "batch")) {
            out.printf(Locale.ROOT, "%,8d | %12.2f | %12.2f | %-32s | %-32s%n", k,
                    value(figures, "batch", Variant.NONE, "writer transaction, median", k),
                    value(figures, "batch", Variant.PG_IVM, "maintenance in the writer (with IMMVs minus without)", k),
                    streamCost(figures, Variant.TRIGGERS, k), streamCost(figures, Variant.WAL, k));
        }
        out.println("(no views: the UPDATE's own time; pg_ivm: what its IMMVs add to it; capture: what capture adds"
                + " to it; refresh: both stream tables refreshed once after it)");
    }

    private static String streamCost(List<Figure> figures, Variant variant, long k) {
        return String.format(Locale.ROOT, "%.2f + %.2f = %.2f",
                value(figures, "batch", variant, "capture in the writer (captured minus uncaptured)", k),
                value(figures, "batch", variant, "refresh of both views, median", k),
                value(figures, "batch", variant, "capture + refresh", k));
    }

    static void writeCsv(List<Figure> figures, Map<String, String> machine, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> facts = new ArrayList<>();
        machine.forEach((k, v) -> facts.add(k + "=" + v));
        StringBuilder csv = new StringBuilder("# " + String.join(", ", facts) + "\nphase,variant,measure,size,value,unit\n");
        for (Figure f : figures) {
            csv.append(String.format(Locale.ROOT, "%s,%s,\"%s\",%d,%.4f,%s%n", f.phase(), f.variant(), f.measure(),
                    f.size(), f.value(), f.unit()));
        }
        Files.writeString(file, csv);
    }

    static void writeJson(PgIvmBenchmark.Result result, Map<String, String> machine, long rows, Path file)
            throws IOException {
        Files.createDirectories(file.getParent());
        List<String> facts = new ArrayList<>();
        machine.forEach((k, v) -> facts.add(RefreshReport.string(k) + ": " + RefreshReport.string(v)));
        List<String> items = new ArrayList<>();
        for (Figure f : result.figures()) {
            items.add(String.format(Locale.ROOT, "    {\"phase\": %s, \"variant\": %s, \"measure\": %s, \"size\": %d,"
                            + " \"value\": %s, \"unit\": %s}", RefreshReport.string(f.phase()),
                    RefreshReport.string(f.variant()), RefreshReport.string(f.measure()), f.size(),
                    Double.isFinite(f.value()) ? String.format(Locale.ROOT, "%.4f", f.value()) : "null",
                    RefreshReport.string(f.unit())));
        }
        List<String> problems = result.problems().stream().map(p -> "    " + RefreshReport.string(p)).toList();
        String json = "{\n  \"benchmark\": \"pgivm\",\n  \"machine\": {" + String.join(", ", facts) + "},\n"
                + "  \"rows\": " + rows + ",\n"
                + "  \"figures\": [\n" + String.join(",\n", items) + "\n  ],\n"
                + "  \"problems\": [" + (problems.isEmpty() ? "" : "\n" + String.join(",\n", problems) + "\n  ") + "]\n}\n";
        Files.writeString(file, json);
    }

    /** The chart's data as CSV: one line per client count, one column per variant, TPS. */
    static void writeTpsTable(List<Figure> figures, Path file) throws IOException {
        SequencedMap<String, SequencedMap<String, Double>> series = writerTps(figures);
        List<String> lines = new ArrayList<>(List.of("clients," + String.join(",", series.keySet())));
        for (String clients : series.firstEntry().getValue().keySet()) {
            lines.add(clients + "," + String.join(",", series.values().stream()
                    .map(byClients -> String.format(Locale.ROOT, "%.1f", byClients.get(clients))).toList()));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    /** Writer TPS by client count, a group of bars per client count, one bar per variant. */
    static void writeTpsChart(List<Figure> figures, Path png) throws IOException {
        List<BarSeries> bars = writerTps(figures).entrySet().stream()
                .map(variant -> new BarSeries(variant.getKey(), variant.getValue())).toList();
        Charts.groupedBars(png, "single-row UPDATEs by key: writer TPS, no views / pg_ivm / pg_stream", "clients",
                Axis.linear("transactions per second"), bars, List.of());
    }

    /**
     * The chart's data: writer TPS by client count, one series per variant (none, pg_ivm, triggers, wal), each
     * mapping "1", "4", "8" (the categories, clients) to TPS, in that order.
     */
    static SequencedMap<String, SequencedMap<String, Double>> writerTps(List<Figure> figures) {
        SequencedMap<String, SequencedMap<String, Double>> series = new LinkedHashMap<>();
        for (Variant variant : Variant.values()) {
            SequencedMap<String, Double> byClients = new LinkedHashMap<>();
            for (long clients : sizes(figures, "oltp")) {
                byClients.put(Long.toString(clients), value(figures, "oltp", variant, "TPS", clients));
            }
            series.put(variant.label(), byClients);
        }
        return series;
    }

    /** The client counts or batch sizes of a phase, in the order measured. */
    private static long[] sizes(List<Figure> figures, String phase) {
        return figures.stream().filter(f -> f.phase().equals(phase)).mapToLong(Figure::size).distinct().toArray();
    }

    static double value(List<Figure> figures, String phase, Variant variant, String measure, long size) {
        return figures.stream()
                .filter(f -> f.phase().equals(phase) && f.variant().equals(variant.label()) && f.measure().equals(measure)
                        && f.size() == size)
                .findFirst().map(Figure::value).orElse(Double.NaN);
    }
}
