package dlnb.stats;

import dlnb.Args;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Where a logged series first reaches a target: e.g. the number of updates after which training accuracy
 * is first 1 (interpolation). Only the logged points count: between two logs the series is unknown, so the
 * answer is exact to the logging interval, no finer. NaN never reaches a target.
 */
public final class FirstReach {
    private FirstReach() {
    }

    /** The first index {@code i} with {@code y[i] >= target}, empty if there is none. */
    public static OptionalInt index(double[] y, double target) {
        Args.notNull("y", y);
        Args.check(!Double.isNaN(target), "target must be a number, got NaN");
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= target) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** {@code x[i]} at the first index with {@code y[i] >= target} (x: e.g. updates at each log), empty if none. */
    public static OptionalDouble at(double[] x, double[] y, double target) {
        Args.notNull("x", x);
        Args.check(y != null && x.length == y.length, "x and y must have the same length, got "
                + x.length + " and " + (y == null ? "null" : y.length));
        OptionalInt i = index(y, target);
        return i.isPresent() ? OptionalDouble.of(x[i.getAsInt()]) : OptionalDouble.empty();
    }
}
