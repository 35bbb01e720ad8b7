package io.pgstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.bench.RefreshBenchmark.Figure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh benchmark's charts are drawn from its figures: by source size when (b) ran, by delta size when (c) did. */
class RefreshReportTest {

    private static final long ROWS = 1_000_000;
    private static final long SCALE = 10_000_000;

    @Test
    void writesBothChartsFromTheFigures(@TempDir Path dir) throws Exception {
        List<Figure> figures = new ArrayList<>();
        for (String table : List.of(BenchTable.AGG, BenchTable.JOIN_AGG)) {
            figures.add(new Figure("a", table, "differential refresh, median", ROWS, 2.0, "ms"));
            figures.add(new Figure("a", table, "REFRESH MATERIALIZED VIEW, median of 3", ROWS, 100, "ms"));
            figures.add(new Figure("b", table, "differential refresh, median", SCALE, 2.2, "ms"));
            figures.add(new Figure("b", table, "REFRESH MATERIALIZED VIEW, one run", SCALE, 900, "ms"));
        }
        long[] sizes = {1, 100, 10_000, 100_000, 250_000};
        double[] differential = {1.5, 3, 70, 300, 650};
        for (int i = 0; i < sizes.length; i++) {
            figures.add(new Figure("c", BenchTable.AGG, "differential refresh, median", sizes[i], differential[i], "ms"));
            figures.add(new Figure("c", BenchTable.AGG, "FULL refresh, median", sizes[i], 180 + sizes[i] / 700.0, "ms"));
        }
        Path bySource = dir.resolve("source.png");
        Path byDelta = dir.resolve("delta.png");

        assertEquals(List.of(bySource, byDelta), RefreshReport.writeCharts(figures, ROWS, SCALE, bySource, byDelta));
        assertTrue(Files.size(bySource) > 10_000 && Files.size(byDelta) > 10_000);
        assertTrue(RefreshBenchmark.crossover(figures) > 100_000, "the delta chart has a crossover to mark");
    }

    @Test
    void drawsNothingThatWasNotMeasured(@TempDir Path dir) throws Exception {
        List<Figure> oneRowOnly = List.of(new Figure("a", BenchTable.AGG, "differential refresh, median", ROWS, 2, "ms"));
        assertEquals(List.of(), RefreshReport.writeCharts(oneRowOnly, ROWS, 0, dir.resolve("s.png"), dir.resolve("d.png")));
    }
}
