package dlnb.metrics;

import dlnb.Args;

/**
 * A piecewise-linear curve through points (x[i], y[i]) in the order given, e.g. an ROC curve
 * (x = false positive rate, y = true positive rate). Its points are finite (checked when it is built).
 */
public record Curve(String name, double[] x, double[] y) {
    public Curve {
        Args.notBlank("name", name);
        Args.notEmpty("x", x);
        Args.notNull("y", y);
        Args.sameLength("x", x.length, "y", y.length);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException(name + ": point " + i + " is (" + x[i] + ", " + y[i]
                        + "); a curve's points must be finite for its area to mean anything");
            }
        }
    }

    public int size() {
        return x.length;
    }

    /** Area under the straight lines joining the points (x must not decrease). */
    public double trapezoidArea() {
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            Args.check(x[i] >= x[i - 1], name + ": x must not decrease for an area, got x[" + (i - 1) + "] = "
                    + x[i - 1] + " > x[" + i + "] = " + x[i]);
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return area;
    }
}
