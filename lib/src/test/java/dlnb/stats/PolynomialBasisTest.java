package dlnb.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolynomialBasisTest {

    @Test
    void monomialFeaturesArePowers() {
        assertArrayEquals(new double[]{1, 2, 4, 8}, PolynomialBasis.monomial(3).features(2), 0);
        assertArrayEquals(new double[]{1}, PolynomialBasis.monomial(0).features(5), 0);
    }

    @Test
    void legendreFeaturesMatchClosedFormsOnTheMappedInput() {
        // x = 7.5 on [0, 10] maps to t = 0.5; P2 = (3t^2 - 1)/2 = -0.125, P3 = (5t^3 - 3t)/2 = -0.4375,
        // P4 = (35t^4 - 30t^2 + 3)/8 = -0.2890625
        double[] p = PolynomialBasis.legendre(4, 0, 10).features(7.5);
        assertArrayEquals(new double[]{1, 0.5, -0.125, -0.4375, -0.2890625}, p, 1e-15);
        // endpoints: P_k(1) = 1, P_k(-1) = (-1)^k
        assertArrayEquals(new double[]{1, 1, 1, 1, 1}, PolynomialBasis.legendre(4, 0, 10).features(10), 1e-15);
        assertArrayEquals(new double[]{1, -1, 1, -1, 1}, PolynomialBasis.legendre(4, 0, 10).features(0), 1e-15);
    }

    @Test
    void designHasOneRowPerInputAndDegreePlusOneColumns() {
        double[][] a = PolynomialBasis.legendre(15, 0, 10).design(new double[]{0, 1, 2});
        assertEquals(3, a.length);
        assertEquals(16, a[0].length);
        assertEquals(16, PolynomialBasis.monomial(15).size());
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolynomialBasis.monomial(-1));
        assertTrue(e.getMessage().contains("degree") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PolynomialBasis.legendre(2, 3, 3));
        assertTrue(e.getMessage().contains("xMax"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolynomialBasis.legendre(2, 0, Double.NaN));
    }
}
