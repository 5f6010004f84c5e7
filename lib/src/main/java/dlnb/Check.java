package dlnb;

/**
 * Checks for a notebook's autograded test cells (nbgrader): each one that fails throws an {@link AssertionError}
 * whose message says which number is off, by how much, and where it should be. nbgrader gives a test cell its
 * points when it runs without an error and prints nothing, so these print nothing when the check passes.
 */
public final class Check {
    private Check() {
    }

    /** {@code name}'s value must lie in [low, high] (a finite number). */
    public static void inRange(String name, double value, double low, double high) {
        Args.notBlank("name", name);
        Args.check(low <= high, "inRange: low " + low + " must not exceed high " + high);
        if (!(value >= low && value <= high)) {
            throw new AssertionError(name + " = " + value + " should be in [" + low + ", " + high + "]"
                    + (Double.isNaN(value) ? ": it is NaN, check for a division by zero or an empty set" : ""));
        }
    }

    /**
     * The key number the notebook showed as {@code Show.result(name, value)} must lie in [low, high]: a test cell
     * checks a result by the name {@code expectations.json} knows it by, without depending on variable names.
     */
    public static void result(String name, double low, double high) {
        double value = dlnb.display.Show.shownResult(name).orElseThrow(() -> new AssertionError(
                "no result \"" + name + "\" was shown: run the cells above (and fill in the parts marked YOUR CODE HERE)"));
        inRange(name, value, low, high);
    }

    /** {@code name}'s value must equal {@code expected} within {@code tolerance}. */
    public static void near(String name, double value, double expected, double tolerance) {
        Args.check(tolerance >= 0, "near: tolerance must be zero or more, got " + tolerance);
        if (!(Math.abs(value - expected) <= tolerance)) {
            throw new AssertionError(name + " = " + value + " should be " + expected + " ± " + tolerance);
        }
    }

    /** A condition that must hold, with the message to show when it does not. */
    public static void that(boolean condition, String message) {
        Args.notBlank("message", message);
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
