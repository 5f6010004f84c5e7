package dlnb.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeastSquaresTest {

    @Test
    void exactDataRecoversTheQuadraticsCoefficients() {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1 + 2 * x[i] - 3 * x[i] * x[i];
        }
        double[] w = LeastSquares.solve(PolynomialBasis.monomial(2).design(x), y);
        assertArrayEquals(new double[]{1, 2, -3}, w, 1e-12);
    }

    @Test
    void overdeterminedLineMatchesTheNormalEquationsByHand() {
        // points (0,0), (1,1), (2,1): A^T A = [[3,3],[3,5]], A^T b = [2,3] -> w = (1/6, 1/2)
        double[] w = LeastSquares.solve(new double[][]{{1, 0}, {1, 1}, {1, 2}}, new double[]{0, 1, 1});
        assertArrayEquals(new double[]{1.0 / 6, 0.5}, w, 1e-14);
        // a constant fitted to (1, 2, 6) is their mean
        assertArrayEquals(new double[]{3}, LeastSquares.solve(new double[][]{{1}, {1}, {1}}, new double[]{1, 2, 6}), 1e-14);
    }

    @Test
    void ridgeMatchesTheClosedFormOnATwoByTwoCase() {
        double[][] a = {{1, 1}, {0, 1}};
        double[] b = {2, 1};
        // all penalised: (A^T A + I)^{-1} A^T b = [[2,1],[1,3]]^{-1} [2,3] = (0.6, 0.8)
        assertArrayEquals(new double[]{0.6, 0.8}, LeastSquares.ridge(a, b, 1, 0), 1e-14);
        // first coefficient free: [[1,1],[1,3]]^{-1} [2,3] = (1.5, 0.5)
        assertArrayEquals(new double[]{1.5, 0.5}, LeastSquares.ridge(a, b, 1, 1), 1e-14);
        // lambda = 0 is plain least squares: the exact solution (1, 1)
        assertArrayEquals(new double[]{1, 1}, LeastSquares.ridge(a, b, 0, 0), 1e-14);
    }

    @Test
    void degreeFifteenInTheLegendreBasisIsNumericallySound() {
        Random rnd = new Random(7);
        PolynomialBasis basis = PolynomialBasis.legendre(15, 0, 10);
        double[] truth = new double[16];
        for (int k = 0; k < truth.length; k++) {
            truth[k] = rnd.nextGaussian();
        }
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 * rnd.nextDouble();
            y[i] = new PolynomialFit.Model(basis, truth).applyAsDouble(x[i]);
        }
        assertArrayEquals(truth, LeastSquares.solve(basis.design(x), y), 1e-8);
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.solve(new double[][]{{1, 2}}, new double[]{1}));
        assertTrue(e.getMessage().contains("rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LeastSquares.solve(new double[][]{{1}, {1}}, new double[]{1}));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.solve(new double[][]{{1, 2}, {2, 4}, {3, 6}}, new double[]{1, 2, 3}));
        assertTrue(e.getMessage().contains("rank deficient"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.ridge(new double[][]{{1}}, new double[]{1}, -0.5, 0));
        assertTrue(e.getMessage().contains("lambda") && e.getMessage().contains("-0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LeastSquares.ridge(new double[][]{{1}}, new double[]{1}, 1, 2));
        assertTrue(e.getMessage().contains("unpenalised"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.solve(new double[][]{{1, 2}, {1}}, new double[]{1, 2}));
        // ridge with lambda > 0 is well posed even with fewer rows than columns
        assertEquals(2, LeastSquares.ridge(new double[][]{{1, 2}}, new double[]{1}, 1, 0).length);
    }
}
