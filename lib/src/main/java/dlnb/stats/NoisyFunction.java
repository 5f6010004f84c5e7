package dlnb.stats;

import dlnb.Args;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * The data-generating process y = f(x) + e with x uniform on [xMin, xMax] and e independent Gaussian
 * noise: the "true" world a bias-variance experiment samples training sets from.
 */
public record NoisyFunction(DoubleUnaryOperator f, double xMin, double xMax, Noise noise) {
    public NoisyFunction {
        Args.notNull("f", f);
        Args.finite("xMin", xMin);
        Args.finite("xMax", xMax);
        Args.check(xMax > xMin, "xMax must be greater than xMin, got xMin " + xMin + " and xMax " + xMax);
        Args.notNull("noise", noise);
    }

    /** f(x); a NaN or infinite value is an error naming x (it would poison every average it enters). */
    public double f(double x) {
        double v = f.applyAsDouble(x);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("f(" + x + ") is " + v + "; the true function must be finite on [" + xMin
                    + ", " + xMax + "]");
        }
        return v;
    }

    /** n points with x uniform on the range and noisy y. */
    public Sample sample(int n, Random random) {
        Args.positive("n", n);
        Args.notNull("random", random);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xMin + (xMax - xMin) * random.nextDouble();
        }
        return sampleAt(x, random);
    }

    /** Noisy observations at given inputs. */
    public Sample sampleAt(double[] x, Random random) {
        Args.notNull("x", x);
        Args.notNull("random", random);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f(x[i]) + noise.draw(random);
        }
        return new Sample(x.clone(), y);
    }

    /** f at each x, without noise. */
    public double[] values(double[] x) {
        Args.notNull("x", x);
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = f(x[i]);
        }
        return v;
    }

    /** n evenly spaced inputs from xMin to xMax inclusive (for smooth curves and fixed test sets). */
    public double[] grid(int n) {
        Args.atLeast("n", n, 2);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = xMin + (xMax - xMin) * i / (n - 1);
        }
        return g;
    }
}
