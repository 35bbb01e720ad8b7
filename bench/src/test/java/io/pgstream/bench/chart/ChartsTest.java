package io.pgstream.bench.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgstream.bench.chart.Charts.Axis;
import io.pgstream.bench.chart.Charts.BarSeries;
import io.pgstream.bench.chart.Charts.Line;
import io.pgstream.bench.chart.Charts.Mark;
import io.pgstream.bench.chart.Charts.Point;
import io.pgstream.bench.chart.Charts.Reference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of chart renders headless to a PNG of the chart's size, values that a log axis cannot draw left out. */
class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void barsOnALogAxis() throws IOException {
        SequencedMap<String, Double> speedUps = new LinkedHashMap<>();
        speedUps.put("Q1", 3.2);
        speedUps.put("Q2", 1250.0);
        speedUps.put("Q3", Double.NaN);
        speedUps.put("Q4", 0.0);
        Path png = dir.resolve("bars.png");
        Charts.bars(png, "speed-up", "query", Axis.log("x"), speedUps, List.of(new Reference("target 10x", 10)));
        assertIsAChart(png);
    }

    @Test
    void groupedBars() throws IOException {
        SequencedMap<String, Double> pgStream = new LinkedHashMap<>();
        SequencedMap<String, Double> other = new LinkedHashMap<>();
        for (String clients : List.of("1", "4", "8")) {
            pgStream.put(clients, 1000.0 * clients.length());
            other.put(clients, 800.0);
        }
        Path png = dir.resolve("grouped.png");
        Charts.groupedBars(png, "TPS by clients", "clients", Axis.linear("tx/s"),
                List.of(new BarSeries("pg_stream", pgStream), new BarSeries("other", other)), List.of());
        assertIsAChart(png);
    }

    @Test
    void linesOnLogAxesWithAMark() throws IOException {
        Path png = dir.resolve("lines.png");
        Charts.lines(png, "refresh by delta", Axis.log("rows"), Axis.log("ms"),
                List.of(new Line("a", List.of(new Point(1, 2), new Point(100, 20), new Point(10_000, 2_000))),
                        new Line("b", List.of(new Point(1, 500), new Point(10_000, 600)))),
                List.of(new Mark("crossover", new Point(5_000, 550))));
        assertIsAChart(png);
    }

    private static void assertIsAChart(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        assertTrue(distinctColors(image) > 5, "a chart, not a blank image");
    }

    private static long distinctColors(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().limit(10).count();
    }
}
