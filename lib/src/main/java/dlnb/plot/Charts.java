package dlnb.plot;

import dlnb.Args;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /** An empty line chart; add series with {@code chart.addSeries(name, x, y)}. */
    public static XYChart line(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(0);
        return chart;
    }

    /** An empty scatter chart (markers, no lines). */
    public static XYChart scatter(String title, String xLabel, String yLabel) {
        XYChart chart = line(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /** An empty bar chart. */
    public static CategoryChart bars(String title, String xLabel, String yLabel) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBorderColor(new Color(0, 0, 0, 0));
        styler.setToolTipsEnabled(false);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler) {
            org.knowm.xchart.style.AxesChartStyler axes = (org.knowm.xchart.style.AxesChartStyler) styler;
            axes.setPlotGridLinesColor(new Color(225, 225, 225));
            axes.setAxisTickMarksColor(Color.DARK_GRAY);
            // plain tick labels: XChart's bold default crowds integer axes (epochs, degrees) into one another
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
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
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the chart as SVG", e);
        }
    }
}
