package dlnb.plot;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XYChart behind a {@link Plot}. At paint time it lays the chart out once without drawing, then: stretches
 * guide lines ({@code vline}, {@code hline}) across the data, puts the legend in the first inside corner where
 * it covers no data (outside the plot when every corner is taken) and paints a decision-region field under the
 * series. Plain XChart calls on it work as usual.
 */
final class PlotChart extends XYChart {
    private static final Color CLEAR = new Color(0, 0, 0, 0);
    /** Inside positions tried for the legend, in order of preference. */
    private static final List<LegendPosition> CORNERS = List.of(LegendPosition.InsideNE, LegendPosition.InsideNW,
            LegendPosition.InsideSE, LegendPosition.InsideSW, LegendPosition.InsideN, LegendPosition.InsideS);
    /** Pixels kept free around the legend box when testing whether it covers data. */
    private static final double CLEARANCE = 3;

    /** Guide lines by series name: true for vertical (at x), false for horizontal (at y). */
    final Map<String, Boolean> guides = new LinkedHashMap<>();
    boolean autoLegend = true;
    Regions regions;

    PlotChart(int width, int height) {
        super(width, height);
    }

    void resize(int width, int height) {
        setWidth(width);
        setHeight(height);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        dropWhatLogAxesCannotShow();
        stretchGuides();
        if (autoLegend) {
            placeLegend(width, height);
        }
        if (regions == null) {
            super.paint(g, width, height);
            return;
        }
        layout(width, height);
        g.setColor(getStyler().getChartBackgroundColor());
        g.fillRect(0, 0, width, height);
        regions.paintField(g, this);
        Color chartBackground = getStyler().getChartBackgroundColor(), plotBackground = getStyler().getPlotBackgroundColor();
        getStyler().setChartBackgroundColor(CLEAR);
        getStyler().setPlotBackgroundColor(CLEAR);
        try {
            super.paint(g, width, height);
        } finally {
            getStyler().setChartBackgroundColor(chartBackground);
            getStyler().setPlotBackgroundColor(plotBackground);
        }
    }

    /** Paints into a scratch image so that plot bounds, legend size and the data-to-screen mapping are known. */
    void layout(int width, int height) {
        BufferedImage scratch = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            super.paint(g, width, height);
        } finally {
            g.dispose();
        }
    }

    /** The plot area (inside the axes) of the last layout or paint, in chart units. */
    Rectangle2D plotArea() {
        return plot.getBounds();
    }

    /** Where the legend box was drawn in the last layout or paint. */
    Rectangle2D legendBox() {
        return Charts.legendBox(legend);
    }


    /** Legend in the first inside position whose box covers no data point or line; outside (east) if none is free. */
    private void placeLegend(int width, int height) {
        long shown = getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
        if (shown <= 1 && guides.isEmpty()) {
            getStyler().setLegendVisible(false); // one series: the title and axis labels say what it is
            return;
        }
        getStyler().setLegendVisible(true).setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        for (LegendPosition position : CORNERS) {
            getStyler().setLegendPosition(position);
            layout(width, height);
            Rectangle2D box = legendBox();
            Rectangle2D padded = new Rectangle2D.Double(box.getX() - CLEARANCE, box.getY() - CLEARANCE,
                    box.getWidth() + 2 * CLEARANCE, box.getHeight() + 2 * CLEARANCE);
            if (plotArea().contains(box) && !coversData(padded)) {
                return;
            }
        }
        Charts.legendOutside(this, () -> {
            layout(width, height);
            return legendBox();
        });
    }

    /** Whether any point, or any line segment between consecutive points, of a series falls inside the box. */
    boolean coversData(Rectangle2D box) {
        for (XYSeries s : getSeriesMap().values()) {
            double[] x = s.getXData(), y = s.getYData();
            boolean lines = s.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter;
            double px = Double.NaN, py = Double.NaN;
            for (int i = 0; i < x.length; i++) {
                double sx = screenX(x[i]), sy = screenY(y[i]);
                if (Double.isFinite(sx) && Double.isFinite(sy)) {
                    if (box.contains(sx, sy) || (lines && Double.isFinite(px) && box.intersectsLine(px, py, sx, sy))) {
                        return true;
                    }
                }
                px = sx;
                py = sy;
            }
        }
        return false;
    }

    double screenX(double x) {
        if (!Double.isFinite(x) || (getStyler().isXAxisLogarithmic() && x <= 0)) {
            return Double.NaN;
        }
        return getScreenXFromChart(x);
    }

    double screenY(double y) {
        if (!Double.isFinite(y) || (getStyler().isYAxisLogarithmic() && y <= 0)) {
            return Double.NaN;
        }
        return getScreenYFromChart(y);
    }

    /** Points with a coordinate &le; 0 on a log axis are left out (XChart would throw). */
    private void dropWhatLogAxesCannotShow() {
        boolean logX = getStyler().isXAxisLogarithmic(), logY = getStyler().isYAxisLogarithmic();
        if (!logX && !logY) {
            return;
        }
        for (XYSeries s : List.copyOf(getSeriesMap().values())) {
            double[] x = s.getXData(), y = s.getYData();
            int[] keep = java.util.stream.IntStream.range(0, x.length)
                    .filter(i -> !(logX && x[i] <= 0) && !(logY && y[i] <= 0)).toArray();
            if (keep.length < x.length && !guides.containsKey(s.getName())) {
                updateXYSeries(s.getName(), java.util.Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
                        java.util.Arrays.stream(keep).mapToDouble(i -> y[i]).toArray(), null);
            }
        }
    }

    /** Vertical guides span the data's y range (or the set range), horizontal ones its x range. */
    private void stretchGuides() {
        if (guides.isEmpty()) {
            return;
        }
        double[] xr = range(true), yr = range(false);
        for (Map.Entry<String, Boolean> g : guides.entrySet()) {
            XYSeries s = getSeriesMap().get(g.getKey());
            if (s == null) {
                continue;
            }
            if (g.getValue()) {
                double at = s.getXData()[0];
                updateXYSeries(g.getKey(), new double[]{at, at}, yr, null);
            } else {
                double at = s.getYData()[0];
                updateXYSeries(g.getKey(), xr, new double[]{at, at}, null);
            }
        }
    }

    /** The axis range set on the styler, else the extent of the non-guide series (positive values on a log axis). */
    private double[] range(boolean xAxis) {
        Double min = xAxis ? getStyler().getXAxisMin() : getStyler().getYAxisMin();
        Double max = xAxis ? getStyler().getXAxisMax() : getStyler().getYAxisMax();
        boolean log = xAxis ? getStyler().isXAxisLogarithmic() : getStyler().isYAxisLogarithmic();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : getSeriesMap().values()) {
            if (guides.containsKey(s.getName())) {
                continue;
            }
            for (double v : xAxis ? s.getXData() : s.getYData()) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            lo = log ? 1 : 0;
            hi = log ? 10 : 1;
        }
        return new double[]{min != null ? min : lo, max != null ? max : hi};
    }
}
