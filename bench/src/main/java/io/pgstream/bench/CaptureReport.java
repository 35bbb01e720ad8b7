package io.pgstream.bench;

import io.pgstream.bench.CaptureBenchmark.Figure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The capture benchmark's figures as a table, one column per capture variant, and as CSV. */
public final class CaptureReport {

    private CaptureReport() {}

    /** Prints the figures, the overhead over the uncaptured table where there is one, and the WAL target. */
    public static void print(List<Figure> figures, PrintWriter out) {
        out.printf("%-48s", "operation");
        CaptureBenchmark.BULK_VARIANTS.forEach(variant -> out.printf(" %11s", variant));
        out.printf("   %s%n", "unit");
        for (String operation : figures.stream().map(Figure::operation).distinct().toList()) {
            out.printf("%-48s", operation);
            CaptureBenchmark.BULK_VARIANTS.forEach(variant -> out.printf(" %11s",
                    value(figures, variant, operation).map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("-")));
            out.printf("   %s%s%n", unit(figures, operation), overhead(figures, operation));
        }
        printWalTarget(figures, out);
    }

    /** What each capture adds per row to the uncaptured table's time. */
    private static String overhead(List<Figure> figures, String operation) {
        Optional<Double> none = value(figures, "none", operation);
        if (none.isEmpty() || !unit(figures, operation).equals("µs/row")) {
            return "";
        }
        return CaptureBenchmark.BULK_VARIANTS.stream().filter(variant -> !variant.equals("none"))
                .map(variant -> variant + " " + String.format(Locale.ROOT, "%.2f",
                        value(figures, variant, operation).orElseThrow() - none.get()))
                .collect(Collectors.joining(", ", " (capture adds: ", ")"));
    }

    private static void printWalTarget(List<Figure> figures, PrintWriter out) {
        int clients = CaptureBenchmark.CLIENTS[CaptureBenchmark.CLIENTS.length - 1];
        double ratio = value(figures, "wal", CaptureBenchmark.tpsRatio(clients)).orElseThrow();
        out.printf(Locale.ROOT, "WAL capture at %d clients: %.1f%% of the uncaptured TPS; target >= %.0f%%: %s%n",
                clients, 100 * ratio, 100 * CaptureBenchmark.WAL_TPS_TARGET,
                ratio >= CaptureBenchmark.WAL_TPS_TARGET ? "met" : "NOT met");
    }

    public static void writeCsv(List<Figure> figures, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder csv = new StringBuilder("variant,operation,value,unit\n");
        for (Figure f : figures) {
            csv.append(String.format(Locale.ROOT, "%s,\"%s\",%.3f,%s%n", f.variant(), f.operation(), f.value(), f.unit()));
        }
        Files.writeString(file, csv);
    }

    static Optional<Double> value(List<Figure> figures, String variant, String operation) {
        return figures.stream().filter(f -> f.variant().equals(variant) && f.operation().equals(operation))
                .findFirst().map(Figure::value);
    }

    private static String unit(List<Figure> figures, String operation) {
        return figures.stream().filter(f -> f.operation().equals(operation)).findFirst().orElseThrow().unit();
    }
}
