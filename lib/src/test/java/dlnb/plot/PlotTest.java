package dlnb.plot;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotTest {
    private static final double[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /** Draws the chart once (as Show does), so legend and guides are settled. */
    private static BufferedImage draw(Figure f) {
        return Charts.image(f.chart());
    }

    /** Charts the tests drew, for a look: lib/target/charts/. */
    static void save(BufferedImage image, String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "charts");
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(image, "png", dir.resolve(name).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double[] line(double a, double b) {
        double[] y = new double[X.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = a + b * X[i];
        }
        return y;
    }

    @Test
    void seriesKeepTheirDataAxesAndTitles() {
        XYChart c = Plot.lines("Loss", "iteration", "loss").series("GD", X, line(10, -1)).series("GD", line(0, 1)).logY().chart();
        assertEquals("Loss", c.getTitle());
        assertEquals("iteration", c.getXAxisTitle());
        assertEquals("loss", c.getYAxisTitle());
        assertEquals(List.of("GD", "GD (2)"), List.copyOf(c.getSeriesMap().keySet()), "same names get distinct series");
        assertArrayEquals(line(10, -1), c.getSeriesMap().get("GD").getYData(), 0);
        assertEquals(1.0, c.getSeriesMap().get("GD (2)").getXData()[0], 0, "y alone is drawn against 1..n");
        assertTrue(c.getStyler().isYAxisLogarithmic());
        assertFalse(c.getStyler().isXAxisLogarithmic());
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, c.getSeriesMap().get("GD").getXYSeriesRenderStyle());
    }

    @Test
    void nanBreaksALineAndInfinityBecomesAGap() {
        double[] y = {0, 1, Double.NaN, 3, Double.POSITIVE_INFINITY};
        XYChart c = Plot.lines("f in pieces", "x", "f(x)").series("f", new double[]{0, 1, 2, 3, 4}, y).chart();
        double[] drawn = c.getSeriesMap().get("f").getYData();
        assertTrue(Double.isNaN(drawn[2]) && Double.isNaN(drawn[4]));
        assertEquals(3, drawn[3], 0);
        assertTrue(draw(Plot.lines("f", "x", "y").series("f", new double[]{0, 1, 2, 3, 4}, y)).getWidth() > 0, "renders with gaps");
    }

    @Test
    void logAxesLeaveOutWhatTheyCannotShow() {
        Plot p = Plot.lines("distance", "iteration", "distance").series("d", new double[]{1, 2, 3}, new double[]{1, 1e-8, 0}).logY();
        draw(p); // XChart itself throws on a zero on a log axis
        assertArrayEquals(new double[]{1, 1e-8}, p.chart().getSeriesMap().get("d").getYData(), 0);
    }

    /** The labelled ticks XChart drew on an axis at the last paint (its axes are package-private; minor ticks have no label). */
    static List<String> tickLabels(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, boolean xAxis) {
        try {
            java.lang.reflect.Method axis = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredMethod(xAxis ? "getXAxis" : "getYAxis");
            axis.setAccessible(true);
            return ((org.knowm.xchart.internal.chartpart.Axis<?, ?>) axis.invoke(chart)).getAxisTickCalculator().getTickLabels()
                    .stream().filter(java.util.Objects::nonNull).toList();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void logAxesTickAtPowersOfTen() {
        double[] x = {1e-9, 1e-6, 1e-3, 1, 10};
        double[] y = {0.01, 0.1, 1, 10, 100};
        Plot p = Plot.lines("log-log", "learning rate", "error").series("e", x, y).series("f", x, new double[]{0.02, 0.2, 2, 20, 90}).logX().logY();
        save(draw(p), "log-axes.png");
        assertEquals(List.of("0.01", "0.1", "1", "10", "100"), tickLabels(p.chart(), false), "y ticks");
        assertTrue(tickLabels(p.chart(), true).containsAll(List.of("1", "10")), "x ticks: " + tickLabels(p.chart(), true));
        Plot linear = Plot.lines("linear", "x", "y").series("e", X, line(0.05, 0.1));
        draw(linear);
        assertTrue(tickLabels(linear.chart(), false).contains("0.05"), "a linear axis keeps the project's labels (leading zero): " + tickLabels(linear.chart(), false));
        Bars bars = Plot.bars("log lines over categories", "batch", "loss").lines().series("loss", new int[]{32, 64}, new double[]{0.01, 100}).logY();
        draw(bars);
        assertTrue(tickLabels(bars.chart(), false).containsAll(List.of("0.01", "1", "100")), "bar ticks: " + tickLabels(bars.chart(), false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> draw(Plot.bars("log bars", "batch", "loss").series("loss", new int[]{32, 64}, new double[]{0.01, 100}).logY()));
        assertTrue(e.getMessage().contains("call lines()"), e.getMessage());
    }

    @Test
    void logAxesGetXChartsLogTicksAndLinearAxesKeepTheProjectLabels() {
        Plot p = Plot.lines("staircase", "x", "y").series("y", new double[]{1e-7, 1e-3, 2}, new double[]{1, 1e-3, 1e-6}).logX().logY();
        save(draw(p), "log-log.png");
        assertTrue(p.chart().getStyler().getxAxisTickLabelsFormattingFunction() == null, "log x: XChart's own ticks");
        assertTrue(p.chart().getStyler().getyAxisTickLabelsFormattingFunction() == null, "log y: XChart's own ticks");
        Plot linear = Plot.lines("line", "x", "y").series("y", X, line(0, 0.01)).logX();
        draw(linear);
        assertTrue(linear.chart().getStyler().getyAxisTickLabelsFormattingFunction() != null, "a linear y axis keeps its labels");
    }

    @Test
    void oneSeriesHasNoLegend() {
        Plot p = Plot.lines("t", "x", "y").series("only", X, line(0, 1));
        draw(p);
        assertFalse(p.chart().getStyler().isLegendVisible());
    }

    @Test
    void legendAvoidsTheCornerWithData() {
        // both lines rise to the top right, so the default NE corner is taken; NW is free
        Plot p = Plot.lines("rising", "x", "y").series("a", X, line(0, 1)).series("b", X, line(0, 0.9));
        save(draw(p), "legend-nw.png");
        XYChart c = p.chart();
        assertTrue(c.getStyler().isLegendVisible());
        assertEquals(LegendPosition.InsideNW, c.getStyler().getLegendPosition());
        PlotChart pc = (PlotChart) c;
        assertFalse(pc.coversData(pc.legendBox()), "the chosen box covers no point or segment");
        assertTrue(pc.plotArea().contains(pc.legendBox()));
    }

    @Test
    void legendMovesOutsideWhenEveryCornerIsTaken() {
        double[] zig = {0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0};
        Plot p = Plot.lines("dense", "x", "y").series("zig", X, zig).series("zag", X, line(10, -1)).series("up", X, line(0, 1))
                .series("mid", X, line(5, 0));
        save(draw(p), "legend-outside.png");
        assertEquals(LegendPosition.OutsideE, p.chart().getStyler().getLegendPosition());
        p.size(480, 360);
        save(draw(p), "legend-below.png");
        assertEquals(LegendPosition.OutsideS, p.chart().getStyler().getLegendPosition(), "a narrow panel keeps its width for the plot");
        Plot wordy = Plot.lines("dense", "x", "y").series("a rather long name for zig", X, zig).series("a longer name still for zag", X, line(10, -1))
                .series("and a third long name", X, line(0, 1)).size(480, 360);
        save(draw(wordy), "legend-below-wordy.png");
        PlotChart wc = (PlotChart) wordy.chart();
        assertTrue(wc.legendBox().getMaxX() <= 480 && wc.legendBox().getMinX() >= 0, "the legend fits the panel: " + wc.legendBox());
    }

    @Test
    void fixedLegendPositionIsKept() {
        Plot p = Plot.lines("t", "x", "y").series("a", X, line(0, 1)).series("b", X, line(1, 1)).legend(LegendPosition.InsideSE);
        draw(p);
        assertEquals(LegendPosition.InsideSE, p.chart().getStyler().getLegendPosition());
    }

    @Test
    void guideLinesSpanTheDataAndMarksAreSinglePoints() {
        Plot p = Plot.lines("range test", "lr", "loss").series("loss", X, line(2, 0.5)).vline("lr_max", 4).hline("start", 2)
                .mark("minimum", 3, 3.5);
        save(draw(p), "guides.png");
        XYChart c = p.chart();
        assertArrayEquals(new double[]{4, 4}, c.getSeriesMap().get("lr_max").getXData(), 0);
        assertArrayEquals(new double[]{2, 7}, c.getSeriesMap().get("lr_max").getYData(), 1e-12, "from the lowest to the highest y");
        assertArrayEquals(new double[]{0, 10}, c.getSeriesMap().get("start").getXData(), 1e-12);
        assertEquals(1, c.getSeriesMap().get("minimum").getXData().length);
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, c.getSeriesMap().get("minimum").getXYSeriesRenderStyle());
        assertTrue(c.getStyler().isLegendVisible());
    }

    @Test
    void rangesAreSetAndCheckedAndSeriesGetThePalette() {
        XYChart c = Plot.scatter("s", "x", "y").series("a", X, X).series("b", X, X).xRange(-1, 11).yRange(0, 20).chart();
        assertEquals(-1.0, c.getStyler().getXAxisMin(), 0);
        assertEquals(20.0, c.getStyler().getYAxisMax(), 0);
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, c.getSeriesMap().get("a").getXYSeriesRenderStyle());
        assertEquals(Charts.color(1), c.getSeriesMap().get("b").getMarkerColor());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plot.lines("t", "x", "y").xRange(1, 1)).getMessage().contains("xRange"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plot.lines("t", "x", "y").series("s", X, new double[2]))
                .getMessage().contains("x"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plot.lines("t", "x", "y").dashed()).getMessage().contains("series first"));
    }

    @Test
    void regionsTintThePlotByClassProbabilityUnderThePoints() {
        // class 1 where x > 0, certain: left half tinted like class 0, right half like class 1
        Plot p = Plot.scatter("regions", "x1", "x2")
                .regions(-1, 1, -1, 1, grid -> java.util.Arrays.stream(grid).map(q -> q[0] > 0 ? new double[]{0, 1} : new double[]{1, 0})
                        .toArray(double[][]::new))
                .byClass(new double[][]{{-0.5, 0}, {0.5, 0}}, new int[]{0, 1}, "left", "right");
        BufferedImage image = draw(p);
        save(image, "regions.png");
        PlotChart c = (PlotChart) p.chart();
        assertEquals(List.of("left", "right"), List.copyOf(c.getSeriesMap().keySet()));
        assertEquals(Charts.color(1), c.getSeriesMap().get("right").getMarkerColor());
        int s = Charts.SCALE;
        Color left = new Color(image.getRGB((int) (c.screenX(-0.77) * s), (int) (c.screenY(0.63) * s)));
        Color right = new Color(image.getRGB((int) (c.screenX(0.77) * s), (int) (c.screenY(0.63) * s)));
        assertEquals(Regions.tint(Charts.color(0)), left);
        assertEquals(Regions.tint(Charts.color(1)), right);
    }

    @Test
    void regionColoursBlendByProbability() {
        Color half = Regions.blend(new double[]{0.5, 0.5}, 0);
        Color a = Regions.tint(Charts.color(0)), b = Regions.tint(Charts.color(1));
        assertEquals((a.getRed() + b.getRed()) / 2.0, half.getRed(), 1);
        assertEquals((a.getBlue() + b.getBlue()) / 2.0, half.getBlue(), 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Regions.blend(new double[]{Double.NaN}, 7)).getMessage().contains("point 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plot.scatter("r", "x", "y").regions(0, 1, 0, 1, g -> new double[3][]))
                .getMessage().contains("one row of probabilities per grid point"));
    }

    @Test
    void barsOverCategories() {
        Bars one = Plot.bars("updates", "batch size", "updates").series("updates", new int[]{1, 2, 4}, new double[]{9, 5, 3});
        draw(one);
        CategoryChart c = one.chart();
        assertFalse(c.getStyler().isLegendVisible());
        assertEquals(List.of("1", "2", "4"), List.copyOf(c.getSeriesMap().get("updates").getXData()));
        Bars two = Plot.bars("accuracy", "batch size", "accuracy").lines()
                .series("train", new int[]{32, 64, 128}, new double[]{0.9, 0.8, 0.7})
                .series("test", new int[]{32, 64, 128}, new double[]{0.85, 0.75, 0.65}).yRange(0, 1);
        save(draw(two), "bars-lines.png");
        assertTrue(two.chart().getStyler().isLegendVisible());
        assertTrue(two.chart().getStyler().isOverlapped());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Plot.bars("b", "x", "y").series("s", new int[]{1}, new double[]{Double.NaN}))
                .getMessage().contains("NaN"));
    }

    @Test
    void ticksHaveLeadingZerosAndNoNoise() {
        assertEquals("0.05", Charts.tick(0.05));
        assertEquals("0.3", Charts.tick(0.1 + 0.2));
        assertEquals("1E-9", Charts.tick(1e-9));
        assertEquals("2.5E6", Charts.tick(2.5e6));
        assertEquals("300,000", Charts.tick(300000));
        assertEquals("-0.25", Charts.tick(-0.25));
        assertEquals("0", Charts.tick(0));
        assertEquals("10", Charts.tick(10));
    }

    @Test
    void figuresResizeForPanels() {
        Plot p = Plot.lines("t", "x", "y").series("s", X, X);
        XYChart c = p.chart(480, 360);
        assertEquals(480, c.getWidth());
        assertEquals(360, c.getHeight());
        Rectangle2D area = ((PlotChart) c).plotArea();
        assertTrue(area == null || area.getWidth() <= 480);
    }
}
