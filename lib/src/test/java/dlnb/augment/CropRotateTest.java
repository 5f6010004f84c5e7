package dlnb.augment;

import dlnb.Seeds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CropRotateTest {
    /** A 28x28 image with distinct, irregular values (no symmetry that would hide a wrong mapping). */
    static float[] pattern(int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37 + (i / cols) * 11) % 256;
        }
        return v;
    }

    @Test
    void identityParametersReturnTheImageExactly() {
        float[] src = pattern(28, 28);
        float[] out = new float[src.length];
        CropRotate.homework3().apply(src, 0, 28, 28, CropRotate.Params.identity(28, 28), out, 0);
        assertArrayEquals(src, out);
    }

    @Test
    void cropOfTheFullFrameIsTheIdentity() {
        float[] src = pattern(28, 20);
        float[] out = new float[src.length];
        CropRotate.resizedCrop(src, 0, 28, 20, 0, 0, 28, 20, out, 0);
        assertArrayEquals(src, out);
    }

    @Test
    void rotationByZeroIsTheIdentity() {
        float[] src = pattern(5, 7);
        float[] out = new float[src.length];
        CropRotate.rotate(src, 0, 5, 7, 0, 0f, out, 0);
        assertArrayEquals(src, out);
        CropRotate.rotate(src, 0, 5, 7, 360, 0f, out, 0);
        assertArrayEquals(src, out);
    }

    @Test
    void ninetyDegreesTurnsAKnownImageAnticlockwise() {
        float[] src = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] out = new float[9];
        CropRotate.rotate(src, 0, 3, 3, 90, -1f, out, 0);
        // [[1,2,3],[4,5,6],[7,8,9]] turned anticlockwise: the right column becomes the top row
        assertArrayEquals(new float[]{3, 6, 9, 2, 5, 8, 1, 4, 7}, out);
        CropRotate.rotate(src, 0, 3, 3, -90, -1f, out, 0);
        assertArrayEquals(new float[]{7, 4, 1, 8, 5, 2, 9, 6, 3}, out);
    }

    @Test
    void ninetyDegreesOnTheFullSizeImageMovesEveryPixel() {
        int n = 28;
        float[] src = pattern(n, n);
        float[] out = new float[src.length];
        CropRotate.rotate(src, 0, n, n, 90, -1f, out, 0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(src[j * n + (n - 1 - i)], out[i * n + j], "pixel " + i + ", " + j);
            }
        }
    }

    @Test
    void handComputedResizedCrop() {
        // 1x4 image [0, 10, 20, 30], box left 1, width 2: samples at x = 0.75, 1.25, 1.75, 2.25
        float[] src = {0, 10, 20, 30};
        float[] out = new float[4];
        CropRotate.resizedCrop(src, 0, 1, 4, 0, 1, 1, 2, out, 0);
        assertArrayEquals(new float[]{7.5f, 12.5f, 17.5f, 22.5f}, out, 1e-5f);
    }

    @Test
    void aConstantImageStaysConstant() {
        float[] src = new float[28 * 28];
        Arrays.fill(src, 7f);
        float[] out = new float[src.length];
        CropRotate same = CropRotate.homework3().fill(7);
        CropRotate background = CropRotate.homework3();
        for (int k = 0; k < 50; k++) {
            CropRotate.Params p = same.draw(CropRotate.seed(123L, 0, k), 28, 28);
            same.apply(src, 0, 28, 28, p, out, 0);
            for (float v : out) {
                assertEquals(7f, v, 1e-4f, p.toString());
            }
            background.apply(src, 0, 28, 28, p, out, 0);
            // inside the rotated frame the value is the constant; the centre always is
            assertEquals(7f, out[14 * 28 + 14], 1e-4f);
            for (float v : out) {
                assertTrue(v >= -1e-4f && v <= 7f + 1e-4f, "value between fill and constant: " + v);
            }
        }
        // a 10 degree rotation uncovers the corners: they are the fill
        CropRotate.rotate(src, 0, 28, 28, 10, 0f, out, 0);
        assertEquals(0f, out[0]);
        assertEquals(7f, out[14 * 28 + 14], 1e-4f);
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherOutput() {
        float[] src = pattern(28, 28);
        CropRotate aug = CropRotate.homework3();
        CropRotate.Workspace w = new CropRotate.Workspace();
        float[] a = new float[src.length], b = new float[src.length], c = new float[src.length];
        aug.apply(src, 0, 28, 28, 42L, a, 0, w);
        aug.apply(src, 0, 28, 28, 43L, c, 0, w);
        aug.apply(src, 0, 28, 28, 42L, b, 0, new CropRotate.Workspace());
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertEquals(aug.draw(42L, 28, 28), aug.draw(42L, 28, 28));
    }

    @Test
    void seedsDependOnPurposePassAndIndex() {
        Seeds.set(42);
        long s = CropRotate.seed("train", 3, 17);
        assertEquals(s, CropRotate.seed("train", 3, 17));
        assertNotEquals(s, CropRotate.seed("train", 4, 17));
        assertNotEquals(s, CropRotate.seed("train", 3, 18));
        assertNotEquals(s, CropRotate.seed("test", 3, 17));
        Seeds.set(43);
        assertNotEquals(s, CropRotate.seed("train", 3, 17));
        Seeds.set(42);
    }

    @Test
    void drawnParametersStayInTheirRanges() {
        CropRotate aug = CropRotate.homework3();
        double minAngle = 0, maxAngle = 0, minScale = 1;
        for (int k = 0; k < 5000; k++) {
            CropRotate.Params p = aug.draw(CropRotate.seed(7L, 1, k), 28, 28);
            double scale = p.height() * p.width() / (28.0 * 28);
            double ratio = p.width() / p.height();
            boolean whole = p.height() == 28 && p.width() == 28 && p.top() == 0 && p.left() == 0;
            assertTrue(whole || (scale >= 0.75 - 1e-9 && scale <= 1 + 1e-9), "area fraction " + scale);
            assertTrue(whole || (ratio >= 0.75 - 1e-9 && ratio <= 4.0 / 3 + 1e-9), "aspect ratio " + ratio);
            assertTrue(p.top() >= 0 && p.left() >= 0 && p.top() + p.height() <= 28 + 1e-9 && p.left() + p.width() <= 28 + 1e-9, p.toString());
            assertTrue(Math.abs(p.degrees()) <= 10, p.toString());
            minAngle = Math.min(minAngle, p.degrees());
            maxAngle = Math.max(maxAngle, p.degrees());
            minScale = Math.min(minScale, scale);
        }
        // the ranges are used, not just respected
        assertTrue(minAngle < -9.9 && maxAngle > 9.9, minAngle + " " + maxAngle);
        assertTrue(minScale < 0.76, "smallest area fraction " + minScale);
    }

    @Test
    void drawsAreUniform() {
        // mean of 20,000 draws of U[0, 1): 0.5 within 5 standard errors (sd 0.289 / sqrt(20000) = 0.002)
        double sum = 0;
        for (int k = 0; k < 20000; k++) {
            sum += CropRotate.unit(CropRotate.seed(99L, 0, k), 0);
        }
        assertEquals(0.5, sum / 20000, 0.01);
    }

    @Test
    void exactCosinesAtRightAngles() {
        assertEquals(0.0, CropRotate.cosDegrees(90));
        assertEquals(0.0, CropRotate.cosDegrees(-90));
        assertEquals(-1.0, CropRotate.cosDegrees(180));
        assertEquals(1.0, CropRotate.cosDegrees(-360));
        assertEquals(Math.cos(Math.toRadians(10)), CropRotate.cosDegrees(10), 1e-15);
    }

    @Test
    void badSettingsAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CropRotate.homework3().scale(0.5, 1.5));
        assertTrue(e.getMessage().contains("[0.5, 1.5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CropRotate.resizedCrop(new float[4], 0, 2, 2, 1, 0, 2, 2, new float[4], 0));
        assertTrue(e.getMessage().contains("must lie inside the 2x2 frame"), e.getMessage());
    }
}
