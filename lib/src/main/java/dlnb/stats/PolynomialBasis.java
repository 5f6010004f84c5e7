package dlnb.stats;

import dlnb.Args;

/**
 * Feature maps x -> (p_0(x), ..., p_d(x)) for polynomial regression of degree d.
 *
 * <p>The monomial basis 1, x, ..., x^d on [0, 10] has a design matrix whose condition number grows
 * like 10^d and beyond: at degree 15 a least-squares fit loses all its digits. The Legendre basis on
 * the data range mapped to [-1, 1] spans the same polynomials with nearly orthogonal columns, so
 * high degrees stay numerically sound.
 */
public final class PolynomialBasis {
    private final int degree;
    private final boolean legendre;
    private final double xMin;
    private final double xMax;

    private PolynomialBasis(int degree, boolean legendre, double xMin, double xMax) {
        this.degree = Args.nonNegative("degree", degree);
        this.legendre = legendre;
        this.xMin = xMin;
        this.xMax = xMax;
    }

    /** 1, x, x^2, ..., x^degree (coefficients read as the textbook polynomial). */
    public static PolynomialBasis monomial(int degree) {
        return new PolynomialBasis(degree, false, -1, 1);
    }

    /** Legendre polynomials P_0..P_degree of t = (2x - xMin - xMax) / (xMax - xMin), which maps [xMin, xMax] to [-1, 1]. */
    public static PolynomialBasis legendre(int degree, double xMin, double xMax) {
        Args.finite("xMin", xMin);
        Args.finite("xMax", xMax);
        Args.check(xMax > xMin, "xMax must be greater than xMin, got xMin " + xMin + " and xMax " + xMax);
        return new PolynomialBasis(degree, true, xMin, xMax);
    }

    public int degree() {
        return degree;
    }

    /** Number of features, degree + 1 (the first one is the constant). */
    public int size() {
        return degree + 1;
    }

    public double[] features(double x) {
        double[] p = new double[degree + 1];
        if (!legendre) {
            double power = 1;
            for (int k = 0; k <= degree; k++) {
                p[k] = power;
                power *= x;
            }
            return p;
        }
        double t = (2 * x - xMin - xMax) / (xMax - xMin);
        p[0] = 1;
        if (degree >= 1) {
            p[1] = t;
        }
        // Bonnet's recursion: (k+1) P_{k+1} = (2k+1) t P_k - k P_{k-1}
        for (int k = 1; k < degree; k++) {
            p[k + 1] = ((2 * k + 1) * t * p[k] - k * p[k - 1]) / (k + 1);
        }
        return p;
    }

    /** The design matrix, one row of features per input. */
    public double[][] design(double[] x) {
        Args.notNull("x", x);
        double[][] a = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            a[i] = features(x[i]);
        }
        return a;
    }

    @Override
    public String toString() {
        return legendre ? "Legendre basis, degree " + degree + " on [" + xMin + ", " + xMax + "]" : "monomial basis, degree " + degree;
    }
}
