package dlnb.autodiff;

import dlnb.Args;
import dlnb.plot.Figure;
import dlnb.plot.Plot;

import java.util.Arrays;

/**
 * A function and its derivative sampled on a grid, as the engine computed them (the homework's
 * {@code compute_f_and_df}), ready to be drawn side by side:
 *
 * <pre>{@code
 * FunctionSamples s = FunctionSamples.of(f, Grid.linspace(-2, 2, 401)).breakAt(0);
 * Show.charts(s.valuePlot("f with a jump at 0", "f(x)"), s.derivativePlot("f' from SameDiff", "f'(x)"));
 * }</pre>
 *
 * <p>A line through samples joins neighbours, so a jump would be drawn as a steep segment. With
 * {@link #breakAt} the curves are drawn in pieces: no segment crosses a jump point. A sample lying exactly on a
 * jump point is joined to the side whose neighbouring value is closer (the side it is continuous with; to the
 * right on a tie), so the value the program takes at the jump shows as the end of its own piece.
 */
public final class FunctionSamples {
    private final double[] x;
    private final double[] values;
    private final double[] derivatives;
    private final double[] jumps;

    private FunctionSamples(double[] x, double[] values, double[] derivatives, double[] jumps) {
        this.x = x;
        this.values = values;
        this.derivatives = derivatives;
        this.jumps = jumps;
    }

    /** f and the engine's f' at every point of {@code x} (strictly increasing), one graph per point. */
    public static FunctionSamples of(DiffProg f, double... x) {
        Args.notNull("f", f);
        checkGrid(x);
        double[] v = new double[x.length], d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            ValueAndDerivative p = Autodiff.at(f, x[i]);
            v[i] = p.value();
            d[i] = p.derivative();
        }
        return new FunctionSamples(x.clone(), v, d, new double[0]);
    }

    /** Samples computed some other way (a closed form, another engine), to draw or compare the same way. */
    public static FunctionSamples of(double[] x, double[] values, double[] derivatives) {
        checkGrid(x);
        Args.notNull("values", values);
        Args.notNull("derivatives", derivatives);
        Args.sameLength("x", x.length, "values", values.length);
        Args.sameLength("x", x.length, "derivatives", derivatives.length);
        return new FunctionSamples(x.clone(), values.clone(), derivatives.clone(), new double[0]);
    }

    /** The same samples, drawn in pieces broken at these points (jumps of f or of f'). */
    public FunctionSamples breakAt(double... jumpPoints) {
        Args.notNull("jumpPoints", jumpPoints);
        for (double j : jumpPoints) {
            Args.finite("jump point", j);
        }
        double[] sorted = jumpPoints.clone();
        Arrays.sort(sorted);
        return new FunctionSamples(x, values, derivatives, sorted);
    }

    public int size() {
        return x.length;
    }

    public double[] x() {
        return x.clone();
    }

    public double[] values() {
        return values.clone();
    }

    public double[] derivatives() {
        return derivatives.clone();
    }

    /** The jump points the curves are broken at, in increasing order. */
    public double[] jumps() {
        return jumps.clone();
    }

    /** f against x, one series named {@code yLabel}, in pieces at the jump points. */
    public Plot valuePlot(String title, String yLabel) {
        return plot(title, yLabel, values);
    }

    /** The engine's f' against x, one series named {@code yLabel}, in pieces at the jump points. */
    public Plot derivativePlot(String title, String yLabel) {
        return plot(title, yLabel, derivatives);
    }

    /** f and f' side by side, for {@code Show.charts(...)}: "{name}(x)" and "{name}′(x) from SameDiff". */
    public Figure[] plots(String name) {
        Args.notBlank("name", name);
        return new Figure[]{valuePlot(name + "(x)", name + "(x)"), derivativePlot(name + "′(x) from SameDiff", name + "′(x)")};
    }

    private Plot plot(String title, String yLabel, double[] y) {
        Args.notBlank("yLabel", yLabel);
        double[][] p = pieces(x, y, jumps);
        return Plot.lines(title, "x", yLabel).series(yLabel, p[0], p[1]);
    }

    /**
     * The curve (x, y) with a gap (a point whose y is NaN, which breaks a drawn line) between every two
     * neighbouring samples that a jump point separates; returns {x', y'}. Jump points outside the samples'
     * range change nothing; a jump point on the first or last sample neither.
     */
    static double[][] pieces(double[] x, double[] y, double[] jumps) {
        Args.sameLength("x", x.length, "y", y.length);
        double[] gx = new double[x.length + 2 * jumps.length], gy = new double[gx.length];
        int n = 0, j = 0;
        for (int i = 0; i < x.length; i++) {
            while (j < jumps.length && jumps[j] < x[i]) {   // jumps strictly before sample i
                if (i > 0 && jumps[j] > x[i - 1] && !gapAfterLast(gy, n)) {
                    gx[n] = jumps[j];
                    gy[n++] = Double.NaN;
                }
                j++;
            }
            boolean onJump = j < jumps.length && jumps[j] == x[i];
            boolean inside = i > 0 && i < x.length - 1;
            boolean joinsRight = onJump && inside && Math.abs(y[i + 1] - y[i]) <= Math.abs(y[i] - y[i - 1]);
            if (joinsRight && !gapAfterLast(gy, n)) {
                gx[n] = x[i];
                gy[n++] = Double.NaN;
            }
            gx[n] = x[i];
            gy[n++] = y[i];
            if (onJump && inside && !joinsRight) {
                gx[n] = x[i];
                gy[n++] = Double.NaN;
            }
            while (j < jumps.length && jumps[j] == x[i]) {
                j++;
            }
        }
        return new double[][]{Arrays.copyOf(gx, n), Arrays.copyOf(gy, n)};
    }

    private static boolean gapAfterLast(double[] gy, int n) {
        return n > 0 && Double.isNaN(gy[n - 1]);
    }

    private static void checkGrid(double[] x) {
        Args.notEmpty("x", x);
        for (int i = 0; i < x.length; i++) {
            Args.finite("x[" + i + "]", x[i]);
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("x must be strictly increasing: x[" + (i - 1) + "] = " + x[i - 1]
                        + ", x[" + i + "] = " + x[i]);
            }
        }
    }
}
