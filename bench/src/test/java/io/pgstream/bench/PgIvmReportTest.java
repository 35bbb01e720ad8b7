package io.pgstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.bench.PgIvmBenchmark.Figure;
import io.pgstream.bench.PgIvmBenchmark.Variant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pg_ivm benchmark's report, on made-up figures: no server, no PostgreSQL build. */
class PgIvmReportTest {

    private static final Map<String, String> MACHINE = new LinkedHashMap<>(Map.of("cores", "2"));

    @Test
    void writerTpsIsOneSeriesPerVariantInOrderWithTheClientCountsAsCategories(@TempDir Path dir) throws Exception {
        List<Figure> figures = figures();
        var series = PgIvmReport.writerTps(figures);
        assertEquals(List.of("none", "pg_ivm", "triggers", "wal"), List.copyOf(series.keySet()));
        assertEquals(List.of("1", "4", "8"), List.copyOf(series.get("pg_ivm").keySet()));
        assertEquals(1400.0, series.get("pg_ivm").get("4"));

        Path tps = dir.resolve("tps.csv");
        PgIvmReport.writeTpsTable(figures, tps);
        assertEquals(List.of("clients,none,pg_ivm,triggers,wal", "1,1000.0,1100.0,1200.0,1300.0",
                "4,1300.0,1400.0,1500.0,1600.0", "8,1700.0,1800.0,1900.0,2000.0"), Files.readAllLines(tps));

        Path png = dir.resolve("tps.png");
        PgIvmReport.writeTpsChart(figures, png);
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 0, "the chart is a PNG image");
    }

    @Test
    void csvHasTheMachineThenOneQuotedLinePerFigure(@TempDir Path dir) throws Exception {
        List<Figure> figures = figures();
        Path csv = dir.resolve("results/pgivm.csv");
        PgIvmReport.writeCsv(figures, MACHINE, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("# cores=2", lines.get(0));
        assertEquals("phase,variant,measure,size,value,unit", lines.get(1));
        assertEquals(figures.size() + 2, lines.size());
        assertTrue(lines.contains("batch,pg_ivm,\"maintenance in the writer (with IMMVs minus without)\",100,4.5000,ms"),
                String.join("\n", lines));
    }

    @Test
    void jsonNamesTheBenchmarkAndListsFiguresAndProblems(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("pgivm.json");
        PgIvmReport.writeJson(new PgIvmBenchmark.Result(figures(), List.of("a \"quoted\" problem")), MACHINE, 1000, json);
        String text = Files.readString(json);
        assertTrue(text.contains("\"benchmark\": \"pgivm\""), text);
        assertTrue(text.contains("\"machine\": {\"cores\": \"2\"}"), text);
        assertTrue(text.contains("{\"phase\": \"oltp\", \"variant\": \"wal\", \"measure\": \"TPS\", \"size\": 8,"
                + " \"value\": 2000.0000, \"unit\": \"tx/s\"}"), text);
        assertTrue(text.contains("\"a \\\"quoted\\\" problem\""), text);
        assertEquals(text.chars().filter(ch -> ch == '{').count(), text.chars().filter(ch -> ch == '}').count());
    }

    @Test
    void printedTablesShowEachVariantAndEachBatchSize() {
        StringWriter printed = new StringWriter();
        PgIvmReport.print(new PgIvmBenchmark.Result(figures(), List.of("something differed")), new PrintWriter(printed));
        String text = printed.toString();
        assertTrue(text.matches("(?s).*\\npg_ivm +\\| +1100 +1400 +1800 \\|.*"), text);
        assertTrue(text.contains("     100 |         2.00 |         4.50 | 0.50 + 7.00 = 7.50"), text);
        assertTrue(text.contains("PROBLEMS:\n  something differed"), text);
    }

    /** TPS 1000 + 100 per variant + 300 or 700 per client count; batch costs that grow with the batch. */
    private static List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        int[] clients = {1, 4, 8};
        double[] base = {1000, 1300, 1700};
        for (int n = 0; n < clients.length; n++) {
            for (Variant variant : Variant.values()) {
                String label = variant.label();
                figures.add(new Figure("oltp", label, "TPS", clients[n], base[n] + 100 * variant.ordinal(), "tx/s"));
                figures.add(new Figure("oltp", label, "mean latency", clients[n], 500, "µs"));
                figures.add(new Figure("oltp", label, "p99 latency", clients[n], 900, "µs"));
            }
        }
        for (long k : new long[] {1, 100}) {
            double scale = k == 1 ? 1 : 2;
            figures.add(new Figure("batch", "none", "writer transaction, median", k, scale, "ms"));
            figures.add(new Figure("batch", "pg_ivm", "maintenance in the writer (with IMMVs minus without)", k,
                    2.25 * scale, "ms"));
            for (String variant : List.of("triggers", "wal")) {
                figures.add(new Figure("batch", variant, "capture in the writer (captured minus uncaptured)", k,
                        0.25 * scale, "ms"));
                figures.add(new Figure("batch", variant, "refresh of both views, median", k, 3.5 * scale, "ms"));
                figures.add(new Figure("batch", variant, "capture + refresh", k, 3.75 * scale, "ms"));
            }
        }
        return figures;
    }
}
