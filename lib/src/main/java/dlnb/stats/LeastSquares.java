package dlnb.stats;

import dlnb.Args;

/**
 * Least squares min ||A w - b||^2 and ridge regression, solved by Householder QR of A itself.
 *
 * <p>Why not the normal equations (A^T A) w = A^T b: forming A^T A squares the condition number, so
 * an ill-conditioned polynomial design loses twice the digits. QR works on A directly.
 */
public final class LeastSquares {
    /** A diagonal of R smaller than this, relative to the largest, means the columns are (numerically) dependent. */
    static final double RANK_TOLERANCE = 1e-12;

    private LeastSquares() {
    }

    /** The w minimising ||A w - b||^2; A must have at least as many rows as columns and full column rank. */
    public static double[] solve(double[][] a, double[] b) {
        int[] shape = shape(a);
        Args.notNull("b", b);
        Args.sameLength("rows of a", shape[0], "b", b.length);
        finite(b);
        Args.check(shape[0] >= shape[1], "a needs at least as many rows as columns, got " + shape[0] + "x" + shape[1]);
        double[][] r = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            r[i] = a[i].clone();
        }
        return householderSolve(r, b.clone(), shape[1]);
    }

    /**
     * Ridge regression: the w minimising ||A w - b||^2 + lambda * sum_{j >= unpenalised} w_j^2. The first
     * {@code unpenalised} coefficients (typically 1: the intercept) are left free, so shrinkage does not
     * pull predictions towards zero. Solved as least squares on A stacked over sqrt(lambda) I.
     */
    public static double[] ridge(double[][] a, double[] b, double lambda, int unpenalised) {
        int[] shape = shape(a);
        Args.notNull("b", b);
        Args.sameLength("rows of a", shape[0], "b", b.length);
        finite(b);
        Args.nonNegative("lambda", lambda);
        Args.check(unpenalised >= 0 && unpenalised <= shape[1],
                "unpenalised must be between 0 and the number of columns " + shape[1] + ", got " + unpenalised);
        int n = shape[0];
        int p = shape[1];
        double[][] stacked = new double[n + p][];
        double[] target = new double[n + p];
        for (int i = 0; i < n; i++) {
            stacked[i] = a[i].clone();
            target[i] = b[i];
        }
        double root = Math.sqrt(lambda);
        for (int j = 0; j < p; j++) {
            stacked[n + j] = new double[p];
            stacked[n + j][j] = j < unpenalised ? 0 : root;
        }
        return householderSolve(stacked, target, p);
    }

    /** Rows and columns of a rectangular, finite, non-empty matrix; a clear message naming the entry otherwise. */
    static int[] shape(double[][] a) {
        Args.notNull("a", a);
        Args.check(a.length > 0, "a must have at least one row");
        int cols = Args.notNull("a[0]", a[0]).length;
        Args.check(cols > 0, "a must have at least one column");
        for (int i = 0; i < a.length; i++) {
            Args.check(a[i] != null && a[i].length == cols,
                    "a must be rectangular: row " + i + " has " + (a[i] == null ? "no" : a[i].length) + " entries, row 0 has " + cols);
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("a[" + i + "][" + j + "] (row " + i + ", column " + j + ") is " + a[i][j]
                            + "; least squares needs finite inputs (a NaN or infinite feature would make every coefficient NaN)");
                }
            }
        }
        return new int[]{a.length, cols};
    }

    /** Rejects a NaN or infinite target, naming its index. */
    static void finite(double[] b) {
        for (int i = 0; i < b.length; i++) {
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("b[" + i + "] (row " + i + ") is " + b[i]
                        + "; least squares needs finite targets (a NaN or infinite target would make every coefficient NaN)");
            }
        }
    }

    /** Overwrites r with R (upper part) and b with Q^T b, then back-substitutes. */
    private static double[] householderSolve(double[][] r, double[] b, int p) {
        int n = r.length;
        double largest = 0;
        for (int k = 0; k < p; k++) {
            double norm = 0;
            for (int i = k; i < n; i++) {
                norm = Math.hypot(norm, r[i][k]);
            }
            if (norm == 0) {
                throw new IllegalArgumentException("a is rank deficient: column " + k + " depends on the columns before it");
            }
            // reflect x = r[k..n][k] onto -sign(x_k) ||x|| e_1: the sign choice avoids cancellation
            double alpha = r[k][k] > 0 ? -norm : norm;
            double[] v = new double[n];
            v[k] = r[k][k] - alpha;
            for (int i = k + 1; i < n; i++) {
                v[i] = r[i][k];
            }
            double vv = 0;
            for (int i = k; i < n; i++) {
                vv += v[i] * v[i];
            }
            for (int j = k; j < p; j++) {
                double dot = 0;
                for (int i = k; i < n; i++) {
                    dot += v[i] * r[i][j];
                }
                double scale = 2 * dot / vv;
                for (int i = k; i < n; i++) {
                    r[i][j] -= scale * v[i];
                }
            }
            double dot = 0;
            for (int i = k; i < n; i++) {
                dot += v[i] * b[i];
            }
            double scale = 2 * dot / vv;
            for (int i = k; i < n; i++) {
                b[i] -= scale * v[i];
            }
            largest = Math.max(largest, Math.abs(r[k][k]));
        }
        for (int k = 0; k < p; k++) {
            if (Math.abs(r[k][k]) <= RANK_TOLERANCE * largest) {
                throw new IllegalArgumentException("a is rank deficient (numerically): column " + k
                        + " depends on the columns before it; use fewer features or more distinct x values");
            }
        }
        double[] w = new double[p];
        for (int k = p - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < p; j++) {
                s -= r[k][j] * w[j];
            }
            w[k] = s / r[k][k];
            if (!Double.isFinite(w[k])) {
                throw new IllegalArgumentException("least squares overflowed: coefficient " + k + " came out " + w[k]
                        + " although every input is finite; the columns span too many orders of magnitude, rescale them"
                        + " (e.g. a Legendre basis on the data range instead of monomials)");
            }
        }
        return w;
    }
}
