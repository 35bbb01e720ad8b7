package io.pgstream.bench;

import static io.pgstream.bench.RefreshReport.string;

import io.pgstream.bench.TpchBenchmark.QueryFigures;
import io.pgstream.bench.TpchBenchmark.Result;
import io.pgstream.bench.chart.Charts;
import io.pgstream.bench.chart.Charts.Axis;
import io.pgstream.bench.chart.Charts.BarSeries;
import io.pgstream.bench.chart.Charts.Reference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.ToDoubleFunction;

/** Prints the TPC-H benchmark's figures, judges them against issue 12's targets, writes CSV, JSON and charts. */
final class TpchReport {

    /** A target of issue 12, what was measured, and whether it is met. */
    record Target(String target, String measured, boolean met) {}

    private TpchReport() {}

    static void print(Result result, PrintWriter out) {
        out.printf("%nTPC-H SF %s, %d cycle(s); load %.1f s (COPY, indexes, ANALYZE), stream tables and views created"
                + " in %.1f s%n", TpchBenchmark.scaleFactorText(result.scaleFactor()), result.cycles(), result.loadSeconds(), result.createSeconds());
        out.printf("%-5s %-12s %6s %15s %12s %14s %12s %10s %6s%n", "query", "plan", "diff", "differential ms",
                "FULL ms", "REFRESH MV ms", "query ms", "speed-up", "equal");
        for (QueryFigures q : result.queries()) {
            out.printf(Locale.ROOT, "%-5s %-12s %6s %15s %12s %14s %12s %9sx %6s%n", q.query(), q.plan(),
                    differentialCycles(q), number(q.differentialMillis()), number(q.fullMillis()),
                    number(q.materializedViewMillis()), number(q.queryMillis()), number(q.speedUp()),
                    q.equal() ? "yes" : "NO");
        }
        out.printf(Locale.ROOT, "geometric mean of the speed-ups over REFRESH MATERIALIZED VIEW: %sx%n",
                number(result.geometricMeanSpeedUp()));
        out.println("(differential ms: median over the cycles; FULL, REFRESH MV and the query: one run after one more"
                + " cycle; speed-up: REFRESH MV over differential)");
        out.println();
        out.println("targets (issue 12):");
        for (Target t : targets(result)) {
            out.printf("  %-6s %s: %s%n", t.met() ? "met" : "MISSED", t.target(), t.measured());
        }
        if (!result.misses().isEmpty()) {
            out.println("misses (their delta statement's plan and their refresh's profile in the -explain.txt file):");
            result.misses().forEach(q -> out.printf("  %s: %s%n", q.query(), q.miss()));
        }
        if (!result.problems().isEmpty()) {
            out.println();
            out.println("PROBLEMS:");
            result.problems().forEach(p -> out.println("  " + p));
        }
        out.flush();
    }

    private static String differentialCycles(QueryFigures q) {
        return q.actions().stream().filter("DIFFERENTIAL"::equals).count() + "/" + q.actions().size();
    }

    static List<Target> targets(Result result) {
        List<QueryFigures> slow = result.queries().stream()
                .filter(q -> !(q.speedUp() >= TpchBenchmark.TARGET_SPEED_UP)).toList();
        List<String> slowNames = slow.stream().map(q -> q.query() + " " + number(q.speedUp()) + "x").toList();
        String at = "SF " + TpchBenchmark.scaleFactorText(result.scaleFactor());
        double mean = result.geometricMeanSpeedUp();
        long equal = result.queries().stream().filter(QueryFigures::equal).count();
        return List.of(
                new Target("every query's differential refresh >= " + TpchBenchmark.TARGET_SPEED_UP
                        + "x faster than REFRESH MATERIALIZED VIEW",
                        (result.queries().size() - slow.size()) + " of " + result.queries().size() + " at " + at
                                + (slow.isEmpty() ? "" : "; below: " + String.join(", ", slowNames)),
                        slow.isEmpty()),
                new Target("geometric mean of the speed-ups >= " + TpchBenchmark.TARGET_GEOMETRIC_MEAN + "x",
                        number(mean) + "x at " + at, mean >= TpchBenchmark.TARGET_GEOMETRIC_MEAN),
                new Target("every stream table equal to its query after the cycles",
                        equal + " of " + result.queries().size(), equal == result.queries().size()));
    }

    /** One query a line, after a comment line with the machine facts and the load. */
    static void writeCsv(Result result, Map<String, String> machine, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> facts = new ArrayList<>();
        machine.forEach((k, v) -> facts.add(k + "=" + v));
        facts.add("sf=" + TpchBenchmark.scaleFactorText(result.scaleFactor()));
        facts.add("cycles=" + result.cycles());
        facts.add(String.format(Locale.ROOT, "load_seconds=%.1f", result.loadSeconds()));
        StringBuilder csv = new StringBuilder("# " + String.join(", ", facts) + "\n"
                + "query,stream_table,plan,differential_cycles,differential_median_ms,full_ms,full_action,"
                + "refresh_mv_ms,query_ms,speed_up_over_mv,equal\n");
        for (QueryFigures q : result.queries()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.3f,%.3f,%s,%.3f,%.3f,%.4f,%s%n", q.query(),
                    q.streamTable(), q.plan(), differentialCycles(q), q.differentialMillis(), q.fullMillis(),
                    q.fullAction(), q.materializedViewMillis(), q.queryMillis(), q.speedUp(), q.equal()));
        }
        Files.writeString(file, csv);
    }

    static void writeJson(Result result, Map<String, String> machine, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> items = new ArrayList<>();
        machine.forEach((k, v) -> items.add(string(k) + ": " + string(v)));
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"tpch\",\n");
        json.append("  \"machine\": {").append(String.join(", ", items)).append("},\n");
        items.clear();
        result.rows().forEach((table, n) -> items.add(string(table) + ": " + n));
        json.append(String.format(Locale.ROOT, "  \"sf\": %s,\n  \"cycles\": %d,\n  \"load_seconds\": %.2f,\n"
                        + "  \"create_seconds\": %.2f,\n  \"rows\": {%s},\n", result.scaleFactor(), result.cycles(),
                result.loadSeconds(), result.createSeconds(), String.join(", ", items)));
        items.clear();
        result.cycleChanges().forEach(c -> items.add("    " + string(c)));
        json.append("  \"cycle_changes\": [\n").append(String.join(",\n", items)).append("\n  ],\n");
        items.clear();
        for (QueryFigures q : result.queries()) {
            items.add(String.format(Locale.ROOT, "    {\"query\": %s, \"stream_table\": %s, \"plan\": %s,"
                            + " \"plan_reason\": %s, \"actions\": %s, \"differential_median_ms\": %s, \"full_ms\": %s,"
                            + " \"full_action\": %s, \"refresh_mv_ms\": %s, \"query_ms\": %s, \"speed_up_over_mv\": %s,"
                            + " \"equal\": %s, \"equality\": %s, \"miss\": %s}", string(q.query()),
                    string(q.streamTable()), string(q.plan()), string(q.planReason()),
                    string(String.join(", ", q.actions())), jsonNumber(q.differentialMillis()),
                    jsonNumber(q.fullMillis()), string(q.fullAction()), jsonNumber(q.materializedViewMillis()),
                    jsonNumber(q.queryMillis()), jsonNumber(q.speedUp()), q.equal(), string(q.equality()),
                    q.miss() == null ? "null" : string(q.miss())));
        }
        json.append("  \"queries\": [\n").append(String.join(",\n", items)).append("\n  ],\n");
        json.append("  \"geometric_mean_speed_up\": ").append(jsonNumber(result.geometricMeanSpeedUp())).append(",\n");
        items.clear();
        for (Target t : targets(result)) {
            items.add("    {\"target\": " + string(t.target()) + ", \"measured\": " + string(t.measured())
                    + ", \"met\": " + t.met() + "}");
        }
        json.append("  \"targets\": [\n").append(String.join(",\n", items)).append("\n  ],\n");
        items.clear();
        result.problems().forEach(p -> items.add("    " + string(p)));
        json.append("  \"problems\": [").append(items.isEmpty() ? "" : "\n" + String.join(",\n", items) + "\n  ")
                .append("]\n}\n");
        Files.writeString(file, json);
    }

    /**
     * The speed-up of each query over REFRESH MATERIALIZED VIEW (log scale, the targets drawn), and the four
     * times of each query side by side (log scale). Returns the files written.
     */
    static List<Path> writeCharts(Result result, Path speedUpPng, Path timesPng) throws IOException {
        String sf = "TPC-H SF " + TpchBenchmark.scaleFactorText(result.scaleFactor());
        Charts.bars(speedUpPng, sf + ": differential refresh speed-up over REFRESH MATERIALIZED VIEW", "query",
                Axis.log("speed-up (x, log scale)"), byQuery(result, QueryFigures::speedUp),
                List.of(new Reference("target " + TpchBenchmark.TARGET_SPEED_UP + "x", TpchBenchmark.TARGET_SPEED_UP),
                        new Reference("target geometric mean " + TpchBenchmark.TARGET_GEOMETRIC_MEAN + "x",
                                TpchBenchmark.TARGET_GEOMETRIC_MEAN)));
        Charts.groupedBars(timesPng, sf + ": time per query after RF1 + RF2 + updates", "query", Axis.log("ms (log scale)"), List.of(
                new BarSeries("differential refresh (median)", byQuery(result, QueryFigures::differentialMillis)),
                new BarSeries("FULL refresh", byQuery(result, QueryFigures::fullMillis)),
                new BarSeries("REFRESH MATERIALIZED VIEW", byQuery(result, QueryFigures::materializedViewMillis)),
                new BarSeries("the query alone", byQuery(result, QueryFigures::queryMillis))), List.of());
        return List.of(speedUpPng, timesPng);
    }

    private static SequencedMap<String, Double> byQuery(Result result, ToDoubleFunction<QueryFigures> value) {
        SequencedMap<String, Double> values = new LinkedHashMap<>();
        result.queries().forEach(q -> values.put(q.query(), value.applyAsDouble(q)));
        return values;
    }

    private static String jsonNumber(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    private static String number(double value) {
        return RefreshReport.number(value);
    }
}
