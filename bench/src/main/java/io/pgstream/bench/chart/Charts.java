package io.pgstream.bench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SequencedMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes benchmark charts as PNG files: {@link #bars}, {@link #groupedBars} and {@link #lines}. Rendering
 * is headless (no display needed: {@code java.awt.headless} is set before the first chart). Values on a
 * logarithmic axis must be positive; a value that is not (or is NaN) is left out of the chart.
 */
public final class Charts {

    /** A value axis: its label, and whether it is logarithmic (base 10). */
    public record Axis(String label, boolean logarithmic) {
        public static Axis linear(String label) {
            return new Axis(label, false);
        }

        public static Axis log(String label) {
            return new Axis(label, true);
        }
    }

    /** One series of bars: its name (in the legend) and its value for each category, in the order drawn. */
    public record BarSeries(String name, SequencedMap<String, Double> valueByCategory) {}

    /** A horizontal line across a bar chart at {@code value}, such as a target. */
    public record Reference(String label, double value) {}

    public record Point(double x, double y) {}

    /** One line of an XY chart, its points joined in the order given. */
    public record Line(String name, List<Point> points) {}

    /** A point pointed at with a label, and a dashed vertical line through it, such as a crossover. */
    public record Mark(String label, Point point) {}

    static final int WIDTH = 1200;
    static final int HEIGHT = 640;
    static final int MAX_LABELLED_BARS = 40;

    static {
        System.setProperty("java.awt.headless", "true"); // before anything asks AWT for a display
    }

    private Charts() {}

    /** One bar per category, with its value printed on it; no legend. */
    public static void bars(Path png, String title, String categoryLabel, Axis values,
                            SequencedMap<String, Double> valueByCategory, List<Reference> references)
            throws IOException {
        groupedBars(png, title, categoryLabel, values, List.of(new BarSeries("", valueByCategory)), references);
    }

    /**
     * Bars grouped by category, one bar per series in each group (for example TPS by client count, one
     * series per system); a legend when there are several series. Each bar has its value printed on it
     * while there are at most {@value #MAX_LABELLED_BARS} bars (more would overlap).
     */
    public static void groupedBars(Path png, String title, String categoryLabel, Axis values, List<BarSeries> series,
                                   List<Reference> references) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (BarSeries each : series) {
            // a value that cannot be drawn leaves its slot empty, so that the categories keep their order
            each.valueByCategory().forEach((category, value) ->
                    dataset.addValue(drawable(value, values) ? value : null, each.name(), category));
        }
        CategoryAxis categoryAxis = new CategoryAxis(categoryLabel);
        categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        categoryAxis.setLabelFont(ChartStyle.AXIS_LABEL);
        categoryAxis.setTickLabelFont(ChartStyle.TICK_LABEL);
        ValueAxis valueAxis = valueAxis(values, range(series.stream()
                .flatMap(s -> s.valueByCategory().values().stream()).toList(), references, values, true));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new CompactNumberFormat()));
        renderer.setDefaultItemLabelsVisible(dataset.getRowCount() * dataset.getColumnCount() <= MAX_LABELLED_BARS);
        renderer.setDefaultItemLabelFont(ChartStyle.ITEM_LABEL);
        if (values.logarithmic()) {
            renderer.setBase(valueAxis.getLowerBound()); // a bar starts at the axis' foot: log(0) does not exist
            renderer.setIncludeBaseInRange(false);
        }
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        CategoryPlot plot = new CategoryPlot(dataset, categoryAxis, valueAxis, renderer);
        for (Reference reference : references) {
            plot.addRangeMarker(referenceMarker(reference), Layer.FOREGROUND);
        }
        write(png, ChartStyle.chart(title, plot, series.size() > 1));
    }

    /** Lines of points on linear or logarithmic axes, each point drawn, with the marks pointed at. */
    public static void lines(Path png, String title, Axis x, Axis y, List<Line> lines, List<Mark> marks)
            throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries xy = new XYSeries(line.name(), false, true);
            line.points().stream().filter(p -> drawable(p.x(), x) && drawable(p.y(), y)).forEach(p -> xy.add(p.x(), p.y()));
            dataset.addSeries(xy);
        }
        List<Point> all = lines.stream().flatMap(l -> l.points().stream()).toList();
        ValueAxis xAxis = valueAxis(x, range(all.stream().map(Point::x).toList(), List.of(), x, false));
        ValueAxis yAxis = valueAxis(y, range(all.stream().map(Point::y).toList(), List.of(), y, false));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < lines.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        for (Mark mark : marks) {
            addMark(plot, mark);
        }
        write(png, ChartStyle.chart(title, plot, lines.size() > 1));
    }

    /** The label goes up and away from the nearer side, so that it stays inside the plot. */
    private static void addMark(XYPlot plot, Mark mark) {
        ValueMarker vertical = new ValueMarker(mark.point().x(), Color.DARK_GRAY, ChartStyle.DASHED);
        plot.addDomainMarker(vertical, Layer.BACKGROUND);
        boolean rightHalf = fraction(plot.getDomainAxis(), mark.point().x()) > 0.5;
        XYPointerAnnotation pointer = new XYPointerAnnotation(mark.label(), mark.point().x(), mark.point().y(),
                rightHalf ? -3 * Math.PI / 4 : -Math.PI / 4);
        pointer.setFont(ChartStyle.ITEM_LABEL);
        pointer.setTextAnchor(rightHalf ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
        pointer.setArrowLength(14);
        pointer.setBaseRadius(40);
        pointer.setTipRadius(4);
        plot.addAnnotation(pointer);
    }

    /** Where x lies along the axis, from 0 (lower bound) to 1 (upper), on the axis' own scale. */
    private static double fraction(ValueAxis axis, double x) {
        if (axis instanceof LogAxis) {
            return Math.log(x / axis.getLowerBound()) / Math.log(axis.getUpperBound() / axis.getLowerBound());
        }
        return (x - axis.getLowerBound()) / (axis.getUpperBound() - axis.getLowerBound());
    }

    private static ValueMarker referenceMarker(Reference reference) {
        ValueMarker marker = new ValueMarker(reference.value(), Color.DARK_GRAY, ChartStyle.DASHED);
        marker.setLabel(reference.label());
        marker.setLabelFont(ChartStyle.ITEM_LABEL);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    /**
     * The axis' bounds, from the values and references drawn on it. For bars: from zero, or from a whole power of
     * 10 when logarithmic, with room above the highest bar for its label; for lines: a margin around the points.
     */
    private static double[] range(List<Double> values, List<Reference> references, Axis axis, boolean bars) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (drawable(value, axis)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        for (Reference reference : references) {
            min = Math.min(min, reference.value());
            max = Math.max(max, reference.value());
        }
        if (min > max) { // nothing to draw
            return axis.logarithmic() ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (axis.logarithmic()) {
            return bars ? new double[] {Math.pow(10, Math.floor(Math.log10(min))),
                    Math.pow(10, Math.ceil(Math.log10(max * 1.8)))} : new double[] {min / 1.5, max * 1.5};
        }
        double low = bars ? Math.min(0, min) : min;
        double span = max > low ? max - low : Math.max(Math.abs(max), 1) * 0.1;
        return bars ? new double[] {low, max + 0.12 * span} : new double[] {low - 0.05 * span, max + 0.05 * span};
    }

    private static ValueAxis valueAxis(Axis axis, double[] range) {
        ValueAxis valueAxis;
        if (axis.logarithmic()) {
            LogAxis log = new LogAxis(axis.label());
            log.setBase(10);
            log.setTickUnit(new NumberTickUnit(1)); // one tick a power of 10
            log.setMinorTickMarksVisible(true);
            log.setNumberFormatOverride(new CompactNumberFormat());
            valueAxis = log;
        } else {
            NumberAxis linear = new NumberAxis(axis.label());
            linear.setNumberFormatOverride(new CompactNumberFormat());
            valueAxis = linear;
        }
        valueAxis.setRange(range[0], range[1]);
        valueAxis.setLabelFont(ChartStyle.AXIS_LABEL);
        valueAxis.setTickLabelFont(ChartStyle.TICK_LABEL);
        return valueAxis;
    }

    private static boolean drawable(Double value, Axis axis) {
        return value != null && Double.isFinite(value) && (!axis.logarithmic() || value > 0);
    }

    private static void write(Path png, JFreeChart chart) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
