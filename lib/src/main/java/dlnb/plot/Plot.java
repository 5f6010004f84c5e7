package dlnb.plot;

import dlnb.Args;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A line or scatter chart in one expression:
 *
 * <pre>{@code
 * Show.chart(Plot.lines("Distance to the min-norm solution", "iteration", "||w - w*||")
 *         .series("GD", it, gd).series("SGD", it, sgd).dashed().logY().hline("round-off", 1e-12));
 * }</pre>
 *
 * <p>What the notebooks need again and again, with the project's style: log axes, axis ranges, markers for
 * special points, guide lines, decision regions with points by class. A NaN in y breaks a line (so a function
 * is drawn in pieces and a jump is not joined); infinite values are left out, and so are values &le; 0 on a
 * log axis. The legend goes in the first inside corner where it covers no data, else outside on the right;
 * a chart with one series has no legend (its title and axes say what it shows). {@link #chart()} gives the
 * XChart chart for anything unusual.
 */
public final class Plot implements Figure {
    private final PlotChart chart;
    private final boolean scatterByDefault;
    private XYSeries last;

    private Plot(String title, String xLabel, String yLabel, boolean scatter) {
        chart = new PlotChart(Charts.WIDTH, Charts.HEIGHT);
        chart.setTitle(Args.notNull("title", title));
        chart.setXAxisTitle(Args.notNull("xLabel", xLabel));
        chart.setYAxisTitle(Args.notNull("yLabel", yLabel));
        Charts.style(chart);
        chart.getStyler().setMarkerSize(scatter ? 6 : 0);
        scatterByDefault = scatter;
    }

    /** A chart whose series are lines. */
    public static Plot lines(String title, String xLabel, String yLabel) {
        return new Plot(title, xLabel, yLabel, false);
    }

    /** A chart whose series are points (markers, no lines). */
    public static Plot scatter(String title, String xLabel, String yLabel) {
        return new Plot(title, xLabel, yLabel, true);
    }

    /** A chart over categories (bars, or lines with {@link Bars#lines()}). */
    public static Bars bars(String title, String xLabel, String yLabel) {
        return new Bars(title, xLabel, yLabel);
    }

    /** A series of (x, y) pairs: a line on {@link #lines}, points on {@link #scatter}. */
    public Plot series(String name, double[] x, double[] y) {
        return add(name, x, y, scatterByDefault);
    }

    /** A series against 1, 2, ..., n (epochs, passes, layers). */
    public Plot series(String name, double[] y) {
        Args.notNull("y", y);
        double[] x = new double[y.length];
        Arrays.setAll(x, i -> i + 1);
        return series(name, x, y);
    }

    /** A series drawn as points only, on either kind of chart. */
    public Plot points(String name, double[] x, double[] y) {
        return add(name, x, y, true);
    }

    /** Puts markers on the last series' line (values measured at a few points, e.g. per epoch). */
    public Plot withMarkers() {
        lastSeries().setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setMarkerSize(Math.max(chart.getStyler().getMarkerSize(), 5));
        return this;
    }

    /** Draws the last series dashed (a reference, a bound, a second view of the same run). */
    public Plot dashed() {
        lastSeries().setLineStyle(SeriesLines.DASH_DASH);
        return this;
    }

    /** A special point, drawn as a large diamond and named in the legend (e.g. "min-norm point w*"). */
    public Plot mark(String label, double x, double y) {
        XYSeries s = add(label, new double[]{x}, new double[]{y}, true).last;
        s.setMarker(SeriesMarkers.DIAMOND);
        chart.getStyler().setMarkerSize(Math.max(chart.getStyler().getMarkerSize(), 6));
        return this;
    }

    /** A vertical guide line at x across the data (e.g. a chosen learning rate), named in the legend. */
    public Plot vline(String label, double x) {
        return guide(label, x, true);
    }

    /** A horizontal guide line at y across the data (e.g. chance accuracy, round-off), named in the legend. */
    public Plot hline(String label, double y) {
        return guide(label, y, false);
    }

    private Plot guide(String label, double at, boolean vertical) {
        Args.finite(vertical ? "x" : "y", at);
        double[] where = {at, at};
        add(label, vertical ? where : new double[]{0, 0}, vertical ? new double[]{0, 0} : where, false);
        last.setLineStyle(SeriesLines.DOT_DOT);
        last.setMarker(SeriesMarkers.NONE);
        chart.guides.put(last.getName(), vertical);
        return this;
    }

    /** A logarithmic x axis, ticks at powers of ten. */
    public Plot logX() {
        chart.getStyler().setXAxisLogarithmic(true);
        return this;
    }

    /** A logarithmic y axis, ticks at powers of ten. */
    public Plot logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    public Plot xRange(double min, double max) {
        Args.check(min < max, "xRange: min must be below max, got " + min + " and " + max);
        chart.getStyler().setXAxisMin(min).setXAxisMax(max);
        return this;
    }

    public Plot yRange(double min, double max) {
        Args.check(min < max, "yRange: min must be below max, got " + min + " and " + max);
        chart.getStyler().setYAxisMin(min).setYAxisMax(max);
        return this;
    }

    /** A fixed legend position instead of the automatic choice. */
    public Plot legend(LegendPosition position) {
        chart.autoLegend = false;
        chart.getStyler().setLegendVisible(true).setLegendPosition(Args.notNull("position", position));
        return this;
    }

    /** No legend. */
    public Plot noLegend() {
        chart.autoLegend = false;
        chart.getStyler().setLegendVisible(false);
        return this;
    }

    /** Size in chart units (default {@link Charts#WIDTH} x {@link Charts#HEIGHT}). */
    public Plot size(int width, int height) {
        chart.resize(Args.positive("width", width), Args.positive("height", height));
        return this;
    }

    /**
     * The decision regions of a classifier on [x0, x1] x [y0, y1]: each pixel tinted by the class probabilities
     * {@code probabilities} returns for a batch of points (one row of k probabilities per point, e.g.
     * {@code grid -> net.output(Nd4j.create(grid), false).toDoubleMatrix()}); class k has the k-th series colour,
     * as in {@link #byClass}. Sets the axis ranges to the rectangle.
     */
    public Plot regions(double x0, double x1, double y0, double y1, Function<double[][], double[][]> probabilities) {
        chart.regions = Regions.of(x0, x1, y0, y1, Args.notNull("probabilities", probabilities));
        return xRange(x0, x1).yRange(y0, y1);
    }

    /**
     * Points scattered by class: one series per class, class k in the k-th series colour (the colour its
     * region has in {@link #regions}), named by {@code classNames} (or "class k").
     */
    public Plot byClass(double[][] points, int[] labels, String... classNames) {
        Args.notNull("points", points);
        Args.notNull("labels", labels);
        Args.sameLength("points", points.length, "labels", labels.length);
        for (int i = 0; i < points.length; i++) {
            Args.check(points[i] != null && points[i].length == 2, "byClass: point " + i + " must have two coordinates");
            Args.check(labels[i] >= 0, "byClass: labels must be class indices 0, 1, ..., label " + i + " is " + labels[i]);
        }
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        Args.check(classNames.length == 0 || classNames.length >= classes,
                "byClass: " + classNames.length + " class names for " + classes + " classes");
        for (int k = 0; k < classes; k++) {
            final int c = k;
            int[] idx = IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
            points(classNames.length > 0 ? classNames[k] : "class " + k,
                    Arrays.stream(idx).mapToDouble(i -> points[i][0]).toArray(),
                    Arrays.stream(idx).mapToDouble(i -> points[i][1]).toArray());
            last.setMarkerColor(Charts.color(k));
        }
        return this;
    }

    /** The chart (for anything this class does not cover); legend and guides are settled when it is drawn. */
    @Override
    public XYChart chart() {
        return chart;
    }

    @Override
    public XYChart chart(int width, int height) {
        size(width, height);
        return chart();
    }

    private Plot add(String name, double[] x, double[] y, boolean points) {
        Args.notNull("name", name);
        Args.notNull("x", x);
        Args.notNull("y", y);
        Args.sameLength("x", x.length, "y", y.length);
        String unique = name;
        for (int k = 2; chart.getSeriesMap().containsKey(unique); k++) {
            unique = name + " (" + k + ")"; // XChart needs distinct names; two runs may share one
        }
        last = chart.addSeries(unique, finite(x), finite(y));
        if (points) {
            last.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            last.setMarker(SeriesMarkers.CIRCLE);
            chart.getStyler().setMarkerSize(Math.max(chart.getStyler().getMarkerSize(), 6));
        } else {
            last.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            last.setMarker(SeriesMarkers.NONE);
        }
        Color colour = Charts.color(chart.getSeriesMap().size() - 1);
        last.setLineColor(colour);
        last.setMarkerColor(colour);
        return this;
    }

    private XYSeries lastSeries() {
        Args.check(last != null, "add a series first");
        return last;
    }

    /** Infinite values become gaps, like NaN (XChart cannot scale an axis to infinity). */
    private static double[] finite(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isInfinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
