package dlnb.stats;

import dlnb.Args;

import java.util.function.DoubleUnaryOperator;

/** Paired observations (x_i, y_i) of a one-dimensional regression problem. */
public record Sample(double[] x, double[] y) {
    public Sample {
        Args.notNull("x", x);
        Args.notNull("y", y);
        Args.sameLength("x", x.length, "y", y.length);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " of the sample is (x, y) = (" + x[i] + ", " + y[i]
                        + "); a sample needs finite values");
            }
        }
    }

    public int size() {
        return x.length;
    }

    /** Mean squared error of a predictor on these points. */
    public double mse(DoubleUnaryOperator predictor) {
        Args.notNull("predictor", predictor);
        Args.check(size() > 0, "sample must not be empty to compute an MSE");
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double e = predictor.applyAsDouble(x[i]) - y[i];
            sum += e * e;
        }
        return sum / x.length;
    }

    /** The points at the given indices, in that order. */
    public Sample subset(int[] indices) {
        double[] sx = new double[indices.length];
        double[] sy = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Args.check(indices[i] >= 0 && indices[i] < x.length,
                    "index " + indices[i] + " is outside the sample of size " + x.length);
            sx[i] = x[indices[i]];
            sy[i] = y[indices[i]];
        }
        return new Sample(sx, sy);
    }
}
