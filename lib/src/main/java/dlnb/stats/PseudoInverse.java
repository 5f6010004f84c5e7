package dlnb.stats;

import dlnb.Args;
import smile.math.matrix.Matrix;

/**
 * The Moore-Penrose pseudo-inverse of a full-rank matrix and the minimum-norm solution of an underdetermined
 * linear system, from the singular value decomposition computed by Smile (LAPACK {@code gesdd}).
 *
 * <p>With the thin SVD A = U Σ Vᵀ (k = min(m, n) singular values σ₁ ≥ ... ≥ σ_k &gt; 0), A⁺ = V Σ⁻¹ Uᵀ
 * (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §5.5.2). For a wide X (n rows, d &gt; n columns) of full
 * row rank, w* = X⁺t = Xᵀ(XXᵀ)⁻¹t is the one solution of Xw = t in the row space of X, hence the solution of
 * least Euclidean norm; I − X⁺X projects onto the null space of X. A matrix that is square and invertible has
 * A⁺ = A⁻¹. Rank-deficient input is rejected rather than silently truncated: the problems this serves (the
 * implicit bias of gradient descent) assume full rank, and a truncation threshold would hide a broken design.
 */
public final class PseudoInverse {
    private PseudoInverse() {
    }

    /** The pseudo-inverse A⁺ (n×m) of a full-rank m×n matrix A of any shape. */
    public static double[][] of(double[][] a) {
        int[] shape = LeastSquares.shape(a);
        Matrix.SVD svd = fullRank("a", a, shape);
        return svd.pinv().toArray();
    }

    /**
     * The minimum-norm interpolant w* = X⁺t of an overparameterised problem: X is n×d with n &lt; d (rows = examples)
     * and full row rank, so Xw = t has a (d − n)-dimensional affine family of solutions and w* is the shortest.
     */
    public static double[] minimumNorm(double[][] x, double[] t) {
        int[] shape = LeastSquares.shape(x);
        Args.notNull("t", t);
        Args.sameLength("rows of x (examples)", shape[0], "t (targets)", t.length);
        LeastSquares.finite(t);
        Args.check(shape[0] < shape[1], "x is " + shape[0] + "x" + shape[1] + " (n = " + shape[0] + " examples, d = "
                + shape[1] + " parameters): a minimum-norm interpolant needs an overparameterised problem, d > n; with d <= n"
                + " use LeastSquares.solve, or PseudoInverse.of for a square invertible x");
        return fullRank("x", x, shape).pinv().mv(t);
    }

    /** The part of v in the null space of x, (I − X⁺X) v; x is n×d with full row rank and n &lt; d, v has d entries. */
    public static double[] nullSpacePart(double[][] x, double[] v) {
        int[] shape = LeastSquares.shape(x);
        Args.notNull("v", v);
        Args.sameLength("columns of x (parameters)", shape[1], "v", v.length);
        LeastSquares.finite(v);
        double[] xv = Matrix.of(x).mv(v);
        double[] row = minimumNorm(x, xv);
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] - row[j];
        }
        return out;
    }

    /** The singular values of a, largest first (min(m, n) of them; zero ones included). */
    public static double[] singularValues(double[][] a) {
        LeastSquares.shape(a);
        return Matrix.of(a).svd(false, true).s.clone();
    }

    private static Matrix.SVD fullRank(String name, double[][] a, int[] shape) {
        Matrix.SVD svd = Matrix.of(a).svd(true, true);
        double[] s = svd.s;
        double largest = s[0];
        double smallest = s[s.length - 1];
        // the usual numerical-rank threshold (as in LAPACK's and NumPy's rank): max(m, n) * eps * sigma_max
        double tolerance = Math.max(shape[0], shape[1]) * Math.ulp(1.0) * largest;
        if (!(largest > 0) || smallest <= tolerance) {
            int rank = 0;
            for (double v : s) {
                if (v > tolerance) {
                    rank++;
                }
            }
            throw new IllegalArgumentException(name + " (" + shape[0] + "x" + shape[1] + ") is rank deficient: its smallest"
                    + " singular value is " + smallest + " against a largest of " + largest + " (numerical rank " + rank
                    + " of " + s.length + "); some " + (shape[0] <= shape[1] ? "row is a combination of the others" : "column"
                    + " is a combination of the others") + ", remove it or draw the data again");
        }
        return svd;
    }
}
