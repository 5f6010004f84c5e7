package dlnb.plot;

import dlnb.Args;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.Legend_;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * XChart charts in the project's style, and their rendering to PNG (drawn at twice the size so they
 * stay sharp on high-density screens and in PDFs) or SVG.
 */
public final class Charts {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    /** Pixels per chart unit in PNGs. */
    public static final int SCALE = 2;

    private Charts() {
    }

    /**
     * Series colours, in order: the Okabe-Ito palette (Okabe &amp; Ito, "Color universal design", 2008), which stays
     * distinguishable with the common colour-vision deficiencies and in grey-scale print; yellow last (faint on white).
     */
    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xE69F00),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)};

    /** The k-th series colour (cycling). */
    public static Color color(int k) {
        return PALETTE[Math.floorMod(k, PALETTE.length)];
    }

    /** An empty line chart; add series with {@code chart.addSeries(name, x, y)}. Prefer {@link Plot#lines}. */
    public static XYChart line(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart);
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    /** The project's style: white background, light grid, plain tick labels, palette, no tooltips. */
    static void style(Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBorderColor(new Color(0, 0, 0, 0));
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 225));
        styler.setToolTipsEnabled(false);
        styler.setSeriesColors(PALETTE);
        if (styler instanceof AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(225, 225, 225));
            axes.setAxisTickMarksColor(Color.DARK_GRAY);
            // plain tick labels: XChart's bold default crowds integer axes (epochs, degrees) into one another
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        if (chart instanceof XYChart) {
            chart.setCustomXAxisTickLabelsFormatter(Charts::tick);
        }
        chart.setCustomYAxisTickLabelsFormatter(Charts::tick);
    }

    /**
     * A tick label: a leading zero ("0.05", not XChart's ".05"), no floating-point noise (0.30000000000000004 is
     * "0.3"), thousands separators, and compact scientific notation far from 1 ("1E-9", "2.5E6", written as XChart writes its log-axis ticks).
     */
    public static String tick(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            String mantissa = d.unscaledValue().toString();
            boolean negative = mantissa.startsWith("-");
            String digits = negative ? mantissa.substring(1) : mantissa;
            int exponent = digits.length() - 1 - d.scale();
            String m = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (negative ? "-" : "") + m + "E" + exponent;
        }
        if (d.scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", d.longValueExact());
        }
        return d.toPlainString();
    }

    /**
     * The legend outside the plot when no inside corner is free: on the right of a wide chart; below a narrow one
     * (a panel in a row), where a column of entries would squeeze the plot, in a row if that fits the width and
     * else in a column. {@code legendAfterLayout} lays the chart out and returns where the legend went.
     */
    static void legendOutside(Chart<?, ?> chart, java.util.function.Supplier<Rectangle2D> legendAfterLayout) {
        Styler styler = chart.getStyler();
        if (chart.getWidth() >= 600) {
            styler.setLegendPosition(Styler.LegendPosition.OutsideE).setLegendLayout(Styler.LegendLayout.Vertical);
            return;
        }
        styler.setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        Rectangle2D box = legendAfterLayout.get();
        if (box.getMinX() < 0 || box.getMaxX() > chart.getWidth()) {
            styler.setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    /** Where a chart's legend was drawn by its last paint (XChart keeps the position in package-private fields). */
    static Rectangle2D legendBox(Legend_<?, ?> legend) {
        Rectangle2D size = legend.getBounds();
        return new Rectangle2D.Double(legendOffset(legend, "xOffset"), legendOffset(legend, "yOffset"), size.getWidth(), size.getHeight());
    }

    private static double legendOffset(Legend_<?, ?> legend, String field) {
        try {
            Field f = Legend_.class.getDeclaredField(field);
            f.setAccessible(true);
            return f.getDouble(legend);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this XChart version does not expose the legend position (" + field + "): " + e, e);
        }
    }

    /**
     * XChart places ticks as on a linear axis whenever a custom label formatter is set, even on a log axis (its
     * labels then sit at the wrong values): a log axis drops {@link #tick} and keeps XChart's decade ticks.
     */
    static void logAxesWithTheirOwnTicks(Chart<?, ?> chart) {
        if (chart.getStyler() instanceof AxesChartStyler axes) {
            if (axes.isXAxisLogarithmic()) {
                chart.setCustomXAxisTickLabelsFormatter(null);
            }
            if (axes.isYAxisLogarithmic()) {
                chart.setCustomYAxisTickLabelsFormatter(null);
            }
        }
    }

    /** The chart as an image, {@link #SCALE} pixels per unit. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return row(List.of(chart));
    }

    /** Charts drawn side by side into one image (e.g. ROC beside PR). */
    public static BufferedImage row(List<? extends Chart<?, ?>> charts) {
        Args.notEmpty("charts", charts);
        int width = charts.stream().mapToInt(Chart::getWidth).sum();
        int height = charts.stream().mapToInt(Chart::getHeight).max().orElseThrow();
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(SCALE, SCALE);
            int x = 0;
            for (Chart<?, ?> chart : charts) {
                Graphics2D part = (Graphics2D) g.create(x, 0, chart.getWidth(), chart.getHeight());
                try {
                    logAxesWithTheirOwnTicks(chart);
                    chart.paint(part, chart.getWidth(), chart.getHeight());
                } finally {
                    part.dispose();
                }
                x += chart.getWidth();
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] png(Chart<?, ?> chart) {
        return png(image(chart));
    }

    public static byte[] png(BufferedImage image) {
        Args.notNull("image", image);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the image as PNG", e);
        }
    }

    public static String svg(Chart<?, ?> chart) {
        Args.notNull("chart", chart);
        logAxesWithTheirOwnTicks(chart);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart as SVG", e);
        }
    }
}
