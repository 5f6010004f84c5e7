package dlnb.plot;

import dlnb.Args;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.Function;

/**
 * A classifier's decision regions on a rectangle of the plane: a grid of {@link #SIDE} x {@link #SIDE} points,
 * each tinted by the mixture of class tints weighted by the class probabilities the classifier gives it.
 * A hard classifier (one-hot rows) gives flat regions; a probabilistic one shows its uncertainty as blends.
 */
final class Regions {
    /** Grid points per side (evaluated in one batch). */
    static final int SIDE = 200;
    /** How far a class colour is blended towards white for its region. */
    private static final float TINT = 0.62f;

    private final double x0, x1, y0, y1;
    private final BufferedImage field;

    private Regions(double x0, double x1, double y0, double y1, BufferedImage field) {
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
        this.field = field;
    }

    static Regions of(double x0, double x1, double y0, double y1, Function<double[][], double[][]> probabilities) {
        Args.check(Double.isFinite(x0) && Double.isFinite(x1) && x0 < x1, "regions: x0 < x1 needed, got " + x0 + " and " + x1);
        Args.check(Double.isFinite(y0) && Double.isFinite(y1) && y0 < y1, "regions: y0 < y1 needed, got " + y0 + " and " + y1);
        double[][] grid = grid(x0, x1, y0, y1);
        double[][] p = probabilities.apply(grid);
        Args.check(p != null && p.length == grid.length, "regions: the classifier must return one row of probabilities per grid point ("
                + grid.length + "), got " + (p == null ? "null" : p.length + " rows"));
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < grid.length; i++) {
            image.setRGB(i % SIDE, i / SIDE, blend(p[i], i).getRGB());
        }
        return new Regions(x0, x1, y0, y1, image);
    }

    /** Grid points row by row, top row first (y1 down to y0), each row left to right. */
    static double[][] grid(double x0, double x1, double y0, double y1) {
        double[][] grid = new double[SIDE * SIDE][];
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                grid[r * SIDE + c] = new double[]{x0 + (x1 - x0) * (c + 0.5) / SIDE, y1 - (y1 - y0) * (r + 0.5) / SIDE};
            }
        }
        return grid;
    }

    /** The probability-weighted mixture of the class tints. */
    static Color blend(double[] p, int point) {
        Args.check(p != null && p.length >= 1, "regions: no probabilities for grid point " + point);
        double r = 0, g = 0, b = 0, total = 0;
        for (int k = 0; k < p.length; k++) {
            Args.check(Double.isFinite(p[k]) && p[k] >= 0, "regions: probability of class " + k + " at grid point " + point + " is " + p[k]);
            Color t = tint(Charts.color(k));
            r += p[k] * t.getRed();
            g += p[k] * t.getGreen();
            b += p[k] * t.getBlue();
            total += p[k];
        }
        if (total == 0) {
            return Color.WHITE;
        }
        return new Color((int) Math.round(r / total), (int) Math.round(g / total), (int) Math.round(b / total));
    }

    static Color tint(Color c) {
        return new Color(mix(c.getRed()), mix(c.getGreen()), mix(c.getBlue()));
    }

    private static int mix(int channel) {
        return Math.round(channel + TINT * (255 - channel));
    }

    /** Draws the field into the plot area of the chart's last layout, under the series. */
    void paintField(Graphics2D g, PlotChart chart) {
        int left = (int) Math.round(chart.screenX(x0)), right = (int) Math.round(chart.screenX(x1));
        int top = (int) Math.round(chart.screenY(y1)), bottom = (int) Math.round(chart.screenY(y0));
        Graphics2D f = (Graphics2D) g.create();
        try {
            f.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            f.drawImage(field, left, top, right - left, bottom - top, null);
        } finally {
            f.dispose();
        }
    }

    BufferedImage field() {
        return field;
    }
}
