package dlnb.plot;

import dlnb.Args;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * A chart over categories (batch sizes, models, settings) in one expression:
 *
 * <pre>{@code
 * Show.chart(Plot.bars("Updates to interpolation", "batch size B", "updates").series("updates", labels, updates));
 * Show.chart(Plot.bars("Accuracy vs batch size", "batch size", "accuracy").lines().series("train", b, tr).series("test", b, te));
 * }</pre>
 *
 * Categories are equally spaced, so doublings (32, 64, 128) are one step apart. {@link #lines()} draws each
 * series as a line with markers instead of bars. The legend (only with two or more series) goes in the first
 * inside corner where it covers nothing drawn, else outside on the right.
 */
public final class Bars implements Figure {
    private final BarsChart chart;

    Bars(String title, String xLabel, String yLabel) {
        chart = new BarsChart(Charts.WIDTH, Charts.HEIGHT);
        chart.setTitle(Args.notNull("title", title));
        chart.setXAxisTitle(Args.notNull("xLabel", xLabel));
        chart.setYAxisTitle(Args.notNull("yLabel", yLabel));
        Charts.style(chart);
    }

    /** One value per category; every series of the chart must use the same categories. */
    public Bars series(String name, List<?> categories, double[] values) {
        Args.notNull("name", name);
        Args.notNull("categories", categories);
        Args.notNull("values", values);
        Args.sameLength("categories", categories.size(), "values", values.length);
        for (int i = 0; i < values.length; i++) {
            Args.check(Double.isFinite(values[i]), "bars: series \"" + name + "\" has value " + values[i] + " for category " + categories.get(i));
        }
        CategorySeries s = chart.addSeries(name, categories.stream().map(String::valueOf).toList(),
                Arrays.stream(values).boxed().toList());
        if (chart.getStyler().getDefaultSeriesRenderStyle() == CategorySeriesRenderStyle.Line) {
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return this;
    }

    /** Categories given as numbers (e.g. batch sizes 1, 2, 4, 8, 16), labelled as whole numbers where they are. */
    public Bars series(String name, double[] categories, double[] values) {
        return series(name, Arrays.stream(Args.notNull("categories", categories)).mapToObj(Charts::tick).toList(), values);
    }

    public Bars series(String name, int[] categories, double[] values) {
        return series(name, Arrays.stream(Args.notNull("categories", categories)).boxed().toList(), values);
    }

    /** Each series as a line with markers over the categories (series share the positions). */
    public Bars lines() {
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setMarkerSize(8);
        return this;
    }

    /** A logarithmic y axis, ticks at powers of ten (see {@link Plot#logY()}); for {@link #lines()}: bars start at zero. */
    public Bars logY() {
        chart.getStyler().setYAxisLogarithmic(true);
        return this;
    }

    public Bars yRange(double min, double max) {
        Args.check(min < max, "yRange: min must be below max, got " + min + " and " + max);
        chart.getStyler().setYAxisMin(min).setYAxisMax(max);
        return this;
    }

    public Bars size(int width, int height) {
        chart.resize(Args.positive("width", width), Args.positive("height", height));
        return this;
    }

    @Override
    public CategoryChart chart() {
        return chart;
    }

    @Override
    public CategoryChart chart(int width, int height) {
        return size(width, height).chart();
    }

    /** The category chart with the automatic legend: a corner is free when the chart without legend drew nothing there. */
    static final class BarsChart extends CategoryChart {
        BarsChart(int width, int height) {
            super(width, height);
        }

        void resize(int width, int height) {
            setWidth(width);
            setHeight(height);
        }

        @Override
        public void paint(Graphics2D g, int width, int height) {
            Args.check(!getStyler().isYAxisLogarithmic() || getStyler().getDefaultSeriesRenderStyle() == CategorySeriesRenderStyle.Line,
                    "chart \"" + getTitle() + "\": a log y axis cannot show bars (they start at zero); call lines() to draw the values as lines");
            if (getSeriesMap().size() <= 1) {
                getStyler().setLegendVisible(false);
            } else {
                placeLegend(width, height);
            }
            super.paint(g, width, height);
        }

        private void placeLegend(int width, int height) {
            getStyler().setLegendVisible(false);
            BufferedImage bare = render(width, height);
            getStyler().setLegendVisible(true).setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
            for (LegendPosition position : List.of(LegendPosition.InsideNE, LegendPosition.InsideNW, LegendPosition.InsideN)) {
                getStyler().setLegendPosition(position);
                render(width, height);
                Rectangle2D box = legendBox();
                if (plot.getBounds().contains(box) && !inked(bare, box)) {
                    return;
                }
            }
            Charts.legendOutside(this, () -> {
                render(width, height);
                return legendBox();
            });
        }

        private BufferedImage render(int width, int height) {
            BufferedImage image = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                super.paint(g, width, height);
            } finally {
                g.dispose();
            }
            return image;
        }

        /** Whether the box holds any pixel that is neither background nor grid line (a bar, a line, a marker). */
        private static boolean inked(BufferedImage image, Rectangle2D box) {
            for (int y = (int) box.getMinY(); y <= (int) box.getMaxY(); y++) {
                for (int x = (int) box.getMinX(); x <= (int) box.getMaxX(); x++) {
                    if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight() && saturated(new Color(image.getRGB(x, y)))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Series colours are far from grey; the background, grid lines and anti-aliased grid edges are grey. */
        private static boolean saturated(Color c) {
            int max = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()));
            int min = Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
            return max - min > 40 || max < 120;
        }

        private Rectangle2D legendBox() {
            return Charts.legendBox(legend);
        }

    }
}
