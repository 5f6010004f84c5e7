package dlnb;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GridTest {
    @Test
    void linspaceHasExactEndsAndMidpoint() {
        double[] x = Grid.linspace(-2, 2, 401);
        assertEquals(401, x.length);
        assertEquals(-2, x[0], 0);
        assertEquals(2, x[400], 0);
        assertEquals(0, x[200], 0);
        assertEquals(0.01, x[201], 1e-15);
        for (int i = 1; i < x.length; i++) {
            assertEquals(0.01, x[i] - x[i - 1], 1e-12);
        }
    }

    @Test
    void geomspaceIsEquallySpacedInLog() {
        double[] x = Grid.geomspace(1e-7, 10, 9);
        assertEquals(1e-7, x[0], 0);
        assertEquals(10, x[8], 0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(-7 + i, Math.log10(x[i]), 1e-12);
        }
    }

    @Test
    void badGridsAreRefused() {
        assertEquals("linspace: a must be below b, got 1.0 and 1.0",
                assertThrows(IllegalArgumentException.class, () -> Grid.linspace(1, 1, 5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Grid.geomspace(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Grid.linspace(0, 1, 1));
    }
}
