package io.pgstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture benchmark, at tiny sizes, runs end to end and yields every figure, each positive. */
class CaptureBenchmarkTest {

    @Test
    void everyFigureIsMeasured(@TempDir Path results) throws Exception {
        StringWriter printed = new StringWriter();
        List<CaptureBenchmark.Figure> figures = BenchRunner.capture(null, new CaptureBenchmark.Sizes(500, 1, 1000, 1, 5),
                results, new PrintWriter(printed, true));

        for (String[] expected : expectedFigures()) {
            double value = CaptureReport.value(figures, expected[0], expected[1])
                    .orElseThrow(() -> new AssertionError("no figure " + String.join(": ", expected) + "\n" + printed));
            assertTrue(value > 0, String.join(": ", expected) + " = " + value);
        }
        assertTrue(printed.toString().contains("target >= 95%"), printed::toString);
        try (var files = Files.list(results)) {
            Path csv = files.findFirst().orElseThrow();
            assertEquals(figures.size() + 1, Files.readAllLines(csv).size());
        }
    }

    private static List<String[]> expectedFigures() {
        List<String[]> expected = new ArrayList<>();
        for (String variant : CaptureBenchmark.BULK_VARIANTS) {
            for (String operation : CaptureBenchmark.BULK_OPERATIONS) {
                expected.add(new String[] {variant, "bulk " + operation});
            }
        }
        for (String operation : CaptureBenchmark.BULK_OPERATIONS) {
            expected.add(new String[] {"wal", "bulk " + operation + ", decoder catch-up"});
        }
        expected.add(new String[] {"wal", "decoder throughput, INSERT of 1000 rows"});
        expected.add(new String[] {"wal", "decoder throughput, UPDATE of 1000 rows"});
        for (int clients : CaptureBenchmark.CLIENTS) {
            for (String variant : CaptureBenchmark.OLTP_VARIANTS) {
                expected.add(new String[] {variant, CaptureBenchmark.tps(clients)});
            }
            expected.add(new String[] {"statement", CaptureBenchmark.tpsRatio(clients)});
            expected.add(new String[] {"wal", CaptureBenchmark.tpsRatio(clients)});
        }
        for (String variant : CaptureBenchmark.LATENCY_VARIANTS) {
            expected.add(new String[] {variant, "refresh by hand, one row changed"});
            expected.add(new String[] {variant, "refresh by hand, nothing changed"});
            expected.add(new String[] {variant, "commit to visible, 1s schedule, p50"});
            expected.add(new String[] {variant, "commit to visible, 1s schedule, p99"});
        }
        return expected;
    }
}
