package dlnb.augment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BilinearTest {
    /** 2x2 image [[0, 10], [20, 30]]. */
    private static final float[] SQUARE = {0, 10, 20, 30};

    @Test
    void pixelsAreReturnedExactly() {
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(SQUARE[r * 2 + c], Bilinear.clamped(SQUARE, 0, 2, 2, r, c));
                assertEquals(SQUARE[r * 2 + c], Bilinear.filled(SQUARE, 0, 2, 2, r, c, 99f));
            }
        }
    }

    @Test
    void handComputedInterpolation() {
        // centre: mean of the four
        assertEquals(15f, Bilinear.clamped(SQUARE, 0, 2, 2, 0.5, 0.5), 1e-6);
        // (0.25, 0.5): rows give 5 and 25, then 0.75 * 5 + 0.25 * 25 = 10
        assertEquals(10f, Bilinear.clamped(SQUARE, 0, 2, 2, 0.25, 0.5), 1e-6);
        // (0.25, 0.75): rows give 7.5 and 27.5, then 0.75 * 7.5 + 0.25 * 27.5 = 12.5
        assertEquals(12.5f, Bilinear.filled(SQUARE, 0, 2, 2, 0.25, 0.75, 0f), 1e-6);
    }

    @Test
    void edgesClampOrFill() {
        // clamped: (-3, 5) moves to (0, 1)
        assertEquals(10f, Bilinear.clamped(SQUARE, 0, 2, 2, -3, 5));
        // filled: (-0.5, 0) is halfway between the fill (row -1) and pixel (0, 0) = 0
        assertEquals(50f, Bilinear.filled(SQUARE, 0, 2, 2, -0.5, 0, 100f), 1e-6);
        // (1, 1.5): halfway between 30 and the fill
        assertEquals(65f, Bilinear.filled(SQUARE, 0, 2, 2, 1, 1.5, 100f), 1e-6);
        // wholly outside
        assertEquals(100f, Bilinear.filled(SQUARE, 0, 2, 2, 5, 5, 100f));
        assertEquals(100f, Bilinear.filled(SQUARE, 0, 2, 2, Double.NaN, 0, 100f));
    }

    @Test
    void offsetSelectsTheImage() {
        float[] two = {9, 9, 9, 9, 0, 10, 20, 30};
        assertEquals(15f, Bilinear.clamped(two, 4, 2, 2, 0.5, 0.5), 1e-6);
    }

    @Test
    void tooShortArrayIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bilinear.checkImage("src", SQUARE, 1, 2, 2));
        assertEquals("src must hold 2x2 = 4 values from offset 1, but has length 4", e.getMessage());
    }
}
