package dlnb.plot;

import dlnb.Args;
import dlnb.data.ImageSet;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;

/**
 * Small images from the arrays the notebooks hold: grey-scale or RGB pixels in [0, 1] (values outside are
 * clamped, so a slightly overshooting prediction still shows), an {@link ImageSet} entry, or an ND4J array.
 * For {@link ImageGrid} and {@code Show.image}.
 */
public final class Images {
    private Images() {
    }

    /** Grey-scale, row-major, values in [0, 1] (0 black). */
    public static BufferedImage grey(double[] pixels, int width, int height) {
        check(pixels.length, 1, width, height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < pixels.length; i++) {
            int v = level(pixels[i], i);
            image.setRGB(i % width, i / width, (v << 16) | (v << 8) | v);
        }
        return image;
    }

    public static BufferedImage grey(float[] pixels, int width, int height) {
        double[] d = new double[Args.notNull("pixels", pixels).length];
        for (int i = 0; i < d.length; i++) {
            d[i] = pixels[i];
        }
        return grey(d, width, height);
    }

    /** Colour, planar (all red values row-major, then green, then blue, as CIFAR-10 stores them), values in [0, 1]. */
    public static BufferedImage rgb(double[] planar, int width, int height) {
        check(planar.length, 3, width, height);
        int n = width * height;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < n; i++) {
            int r = level(planar[i], i), g = level(planar[n + i], n + i), b = level(planar[2 * n + i], 2 * n + i);
            image.setRGB(i % width, i / width, (r << 16) | (g << 8) | b);
        }
        return image;
    }

    /** Image {@code i} of a set (grey-scale, pixel bytes 0-255 as stored). */
    public static BufferedImage of(ImageSet set, int i) {
        Args.notNull("set", set);
        Args.check(i >= 0 && i < set.size(), "image index " + i + " is outside the set's 0.." + (set.size() - 1));
        double[] pixels = new double[set.rows() * set.cols()];
        for (int r = 0; r < set.rows(); r++) {
            for (int c = 0; c < set.cols(); c++) {
                pixels[r * set.cols() + c] = set.pixel(i, r, c) / 255.0;
            }
        }
        return grey(pixels, set.cols(), set.rows());
    }

    /**
     * An ND4J array as an image, values in [0, 1]: [h, w] or [1, h, w] grey-scale, [3, h, w] RGB; a leading
     * batch axis of size 1 ([1, c, h, w]) is allowed.
     */
    public static BufferedImage of(INDArray array) {
        Args.notNull("array", array);
        long[] s = array.shape();
        if (s.length == 4 && s[0] == 1) {
            return of(array.reshape(s[1], s[2], s[3]));
        }
        double[] v = array.dup().ravel().toDoubleVector();
        if (s.length == 2) {
            return grey(v, (int) s[1], (int) s[0]);
        }
        Args.check(s.length == 3 && (s[0] == 1 || s[0] == 3), "an image array must be [h, w], [1, h, w] or [3, h, w] (optionally with a"
                + " leading batch axis of 1), got shape " + java.util.Arrays.toString(s));
        return s[0] == 1 ? grey(v, (int) s[2], (int) s[1]) : rgb(v, (int) s[2], (int) s[1]);
    }

    private static void check(int length, int channels, int width, int height) {
        Args.positive("width", width);
        Args.positive("height", height);
        Args.check(length == channels * width * height, "expected " + channels + " x " + width + " x " + height + " = "
                + channels * width * height + " pixel values, got " + length);
    }

    private static int level(double v, int index) {
        Args.check(!Double.isNaN(v), "pixel value " + index + " is NaN");
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }
}
