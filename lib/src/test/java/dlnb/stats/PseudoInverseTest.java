package dlnb.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PseudoInverseTest {

    @Test
    void oneExampleTwoParametersGivesThePointOfTheLineClosestToTheOrigin() {
        // 2 w1 + w2 = 2: w* = x^T (x x^T)^{-1} t = [2, 1] * 2 / 5 = [0.8, 0.4], norm 2 / sqrt(5)
        double[] w = PseudoInverse.minimumNorm(new double[][]{{2, 1}}, new double[]{2});
        assertArrayEquals(new double[]{0.8, 0.4}, w, 1e-15);
        assertEquals(2 / Math.sqrt(5), Math.hypot(w[0], w[1]), 1e-15);
        // null space of [2, 1] is spanned by [1, -2]: w* is orthogonal to it
        assertEquals(0, w[0] * 1 + w[1] * -2, 1e-15);
    }

    @Test
    void twoByThreeCaseByHand() {
        // X = [[1,0,1],[0,1,1]], t = [1,1]: X X^T = [[2,1],[1,2]], (X X^T)^{-1} t = [1/3, 1/3], w* = X^T [1/3, 1/3]
        double[][] x = {{1, 0, 1}, {0, 1, 1}};
        double[] w = PseudoInverse.minimumNorm(x, new double[]{1, 1});
        assertArrayEquals(new double[]{1.0 / 3, 1.0 / 3, 2.0 / 3}, w, 1e-15);
        // null space spanned by [1, 1, -1]
        assertEquals(0, w[0] + w[1] - w[2], 1e-15);
        // X^+ = X^T (X X^T)^{-1} = X^T [[2,-1],[-1,2]] / 3
        double[][] expected = {{2.0 / 3, -1.0 / 3}, {-1.0 / 3, 2.0 / 3}, {1.0 / 3, 1.0 / 3}};
        double[][] pinv = PseudoInverse.of(x);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], pinv[i], 1e-15);
        }
    }

    @Test
    void squareFullRankPseudoInverseIsTheInverse() {
        // [[4,7],[2,6]]^{-1} = [[6,-7],[-2,4]] / 10
        double[][] inv = PseudoInverse.of(new double[][]{{4, 7}, {2, 6}});
        assertArrayEquals(new double[]{0.6, -0.7}, inv[0], 1e-15);
        assertArrayEquals(new double[]{-0.2, 0.4}, inv[1], 1e-15);
        // a permutation-and-scaling matrix: inverse by hand
        double[][] inv3 = PseudoInverse.of(new double[][]{{0, 2, 0}, {0, 0, 4}, {-1, 0, 0}});
        assertArrayEquals(new double[]{0, 0, -1}, inv3[0], 1e-15);
        assertArrayEquals(new double[]{0.5, 0, 0}, inv3[1], 1e-15);
        assertArrayEquals(new double[]{0, 0.25, 0}, inv3[2], 1e-15);
    }

    @Test
    void tallFullColumnRankPseudoInverseGivesTheLeastSquaresSolution() {
        // points (0,0), (1,1), (2,1): least squares line (1/6, 1/2), as in LeastSquaresTest (QR, independent of the SVD)
        double[][] pinv = PseudoInverse.of(new double[][]{{1, 0}, {1, 1}, {1, 2}});
        double[] b = {0, 1, 1};
        double[] w = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                w[i] += pinv[i][j] * b[j];
            }
        }
        assertArrayEquals(new double[]{1.0 / 6, 0.5}, w, 1e-14);
    }

    @Test
    void randomWideProblemInterpolatesAndMatchesTheNormalEquationsOfTheRows() {
        Random rnd = new Random(3);
        int n = 20;
        int d = 100;
        double[][] x = new double[n][d];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = rnd.nextGaussian();
            }
            t[i] = rnd.nextGaussian();
        }
        double[] w = PseudoInverse.minimumNorm(x, t);
        double[][] xxt = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < d; j++) {
                    xxt[i][k] += x[i][j] * x[k][j];
                }
            }
            assertEquals(t[i], dot(x[i], w), 1e-12, "row " + i + " interpolated");
        }
        // independently: w* = X^T c with (X X^T) c = t solved by QR
        double[] c = LeastSquares.solve(xxt, t);
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[i][j] * c[i];
            }
            assertEquals(s, w[j], 1e-12, "coefficient " + j);
        }
        // a null-space direction is orthogonal to w*, and X kills it
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = rnd.nextGaussian();
        }
        double[] nul = PseudoInverse.nullSpacePart(x, v);
        assertEquals(0, dot(nul, w), 1e-10);
        for (int i = 0; i < n; i++) {
            assertEquals(0, dot(x[i], nul), 1e-12);
        }
    }

    @Test
    void nullSpacePartAndSingularValuesByHand() {
        // row space of [2, 1] projects with x x^T / 5 = [[0.8, 0.4], [0.4, 0.2]]; (I - P) [1, 0] = [0.2, -0.4]
        assertArrayEquals(new double[]{0.2, -0.4}, PseudoInverse.nullSpacePart(new double[][]{{2, 1}}, new double[]{1, 0}), 1e-15);
        assertArrayEquals(new double[]{3, 2}, PseudoInverse.singularValues(new double[][]{{0, 2}, {-3, 0}}), 1e-15);
        assertArrayEquals(new double[]{Math.sqrt(5)}, PseudoInverse.singularValues(new double[][]{{2, 1}}), 1e-15);
        assertArrayEquals(new double[]{5, 0}, PseudoInverse.singularValues(new double[][]{{3, 0}, {4, 0}}), 1e-15);
    }

    @Test
    void badInputIsRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PseudoInverse.minimumNorm(new double[][]{{1, 0}, {0, 1}}, new double[]{1, 1}));
        assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("d > n"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PseudoInverse.minimumNorm(new double[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}}, new double[]{1, 1, 1, 1}));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("d = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PseudoInverse.minimumNorm(new double[][]{{1, 0, 1}, {0, 1, 1}}, new double[]{1, 1, 1}));
        assertTrue(e.getMessage().contains("same length") && e.getMessage().contains("2 and 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PseudoInverse.minimumNorm(new double[][]{{1, 2, 3}, {2, 4, 6}}, new double[]{1, 2}));
        assertTrue(e.getMessage().contains("rank deficient") && e.getMessage().contains("rank 1 of 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PseudoInverse.of(new double[][]{{0, 0}, {0, 0}}));
        assertTrue(e.getMessage().contains("rank deficient") && e.getMessage().contains("0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PseudoInverse.nullSpacePart(new double[][]{{2, 1}}, new double[]{1, 0, 0}));
        assertTrue(e.getMessage().contains("2 and 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PseudoInverse.minimumNorm(new double[][]{{2, Double.NaN}}, new double[]{1}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PseudoInverse.of(new double[][]{{1, 2}, {1}}));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
