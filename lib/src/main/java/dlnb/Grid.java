package dlnb;

/** Grids of sample points for evaluating and drawing functions. */
public final class Grid {
    private Grid() {
    }

    /**
     * n equally spaced points from a to b, both included: a + (b - a) i / (n - 1). The endpoints are exact, and
     * so is the midpoint 0 of a symmetric grid with n odd (so a grid can hit a special point exactly).
     */
    public static double[] linspace(double a, double b, int n) {
        Args.finite("a", a);
        Args.finite("b", b);
        Args.check(a < b, "linspace: a must be below b, got " + a + " and " + b);
        Args.atLeast("n", n, 2);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a + (b - a) * i / (n - 1);
        }
        x[n - 1] = b;
        return x;
    }

    /** n points from a to b (both positive, both included) equally spaced on a log scale: a (b/a)^(i/(n-1)). */
    public static double[] geomspace(double a, double b, int n) {
        Args.positive("a", a);
        Args.positive("b", b);
        Args.check(a < b, "geomspace: a must be below b, got " + a + " and " + b);
        Args.atLeast("n", n, 2);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a * Math.pow(b / a, (double) i / (n - 1));
        }
        x[0] = a;
        x[n - 1] = b;
        return x;
    }
}
