package io.pgstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.bench.TpchBenchmark.QueryFigures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TPC-H benchmark at a tiny scale factor runs end to end: 22 queries, each with every time measured, equal to
 * its query, and the CSV, JSON and charts written.
 */
class TpchBenchmarkTest {

    @Test
    void everyQueryIsMeasuredAndEqual(@TempDir Path results) throws Exception {
        StringWriter printed = new StringWriter();
        TpchBenchmark.Result result = BenchRunner.tpch(null, 0.01, 2, results, new PrintWriter(printed, true));

        assertEquals(22, result.queries().size(), printed::toString);
        for (QueryFigures q : result.queries()) {
            String what = q.query() + ": " + q + "\n" + printed;
            assertEquals(2, q.actions().size(), what);
            for (double millis : new double[] {q.differentialMillis(), q.fullMillis(), q.materializedViewMillis(),
                    q.queryMillis()}) {
                assertTrue(millis > 0 && Double.isFinite(millis), what);
            }
            assertEquals("FULL", q.fullAction(), what);
            assertTrue(q.equal(), what);
        }
        assertTrue(result.loadSeconds() > 0);
        assertTrue(Double.isFinite(result.geometricMeanSpeedUp()), printed::toString);
        assertTrue(printed.toString().contains("geometric mean"), printed::toString);
        assertEquals(result.misses().isEmpty(), result.diagnostics().isEmpty(), "a miss, and only a miss, is profiled");
        for (QueryFigures miss : result.misses()) {
            assertTrue(result.diagnostics().contains("-- " + miss.query() + " (" + miss.streamTable() + "): "
                    + miss.miss()), miss.query() + " is listed with its reason");
        }
        if (!result.misses().isEmpty()) {
            assertTrue(result.diagnostics().contains("with its generic plan")
                    && result.diagnostics().contains("time by function"), "plans and profiles of the misses");
        }

        List<Path> files;
        try (Stream<Path> listing = Files.list(results)) {
            files = listing.toList();
        }
        Path csv = only(files, ".csv");
        assertEquals(2 + 22, Files.readAllLines(csv).size(), "a comment, a header and a line per query");
        assertTrue(Files.readString(only(files, ".json")).contains("\"geometric_mean_speed_up\""));
        only(files, "-explain.txt");
        for (String chart : List.of("-speedup.png", "-times.png")) {
            assertTrue(Files.size(only(files, chart)) > 10_000, chart + " is a chart");
        }
    }

    private static Path only(List<Path> files, String suffix) {
        List<Path> matching = files.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        assertEquals(1, matching.size(), suffix + " among " + files);
        return matching.get(0);
    }
}
