package dlnb.augment;

import dlnb.Args;
import dlnb.Seeds;
import dlnb.data.ImageSet;

import java.util.Locale;

/**
 * Random resized crop, then random rotation, of a grey-scale image: the augmentation of homework 3, written
 * here with {@link Bilinear} interpolation (no imaging library).
 *
 * <p><b>Crop.</b> As torchvision's {@code RandomResizedCrop}: draw an area fraction {@code s} uniformly in
 * [{@code scaleMin}, {@code scaleMax}] and an aspect ratio {@code a} log-uniformly in [{@code ratioMin},
 * {@code ratioMax}]; the box is {@code w = sqrt(s H W a)} wide and {@code h = sqrt(s H W / a)} high (real
 * numbers, not rounded to pixels), placed uniformly inside the {@code H x W} frame. A box that does not fit
 * is drawn again, up to 10 times; then the whole frame is used. The box is resized back to {@code H x W}:
 * output pixel {@code (i, j)} takes the value at {@code (top + (i + 1/2) h/H - 1/2, left + (j + 1/2) w/W - 1/2)}
 * (pixel centres map to pixel centres), points beyond the edge clamped onto it.
 *
 * <p><b>Rotation.</b> An angle {@code t} uniform in [-{@code maxDegrees}, {@code maxDegrees}], positive
 * anticlockwise on screen, about the centre {@code (cy, cx) = ((H-1)/2, (W-1)/2)}: output pixel
 * {@code (i, j)} takes the value at {@code (cy + (j-cx) sin t + (i-cy) cos t, cx + (j-cx) cos t - (i-cy) sin t)};
 * neighbours outside the image count as {@code fill}. Multiples of 90 degrees use exact cosines and sines, so
 * they move pixels without interpolating.
 *
 * <p><b>Pixel values.</b> Raw values (0-255 as stored): augment before scaling, so that {@code fill = 0} is the
 * background of FashionMNIST. (Standardising first and filling with 0 would fill with the mean pixel instead.)
 *
 * <p><b>Randomness.</b> Each draw is a pure function of a 64-bit seed ({@link #seed(String, int, int)}: the
 * notebook seed, a purpose, the pass and the image's index), through a counter-based generator (SplitMix64), so
 * the same seed gives the same image in any order and drawing allocates nothing. Instances are immutable.
 */
public final class CropRotate {
    private static final int ATTEMPTS = 10;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final double scaleMin;
    private final double scaleMax;
    private final double ratioMin;
    private final double ratioMax;
    private final double maxDegrees;
    private final float fill;

    /** Crop box (top, left, height, width in pixels, real numbers) and rotation angle in degrees for one image. */
    public record Params(double top, double left, double height, double width, double degrees) {
        /** The parameters that leave a {@code rows x cols} image unchanged: the whole frame, no rotation. */
        public static Params identity(int rows, int cols) {
            return new Params(0, 0, rows, cols, 0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "crop %.2fx%.2f at (%.2f, %.2f), rotate %+.2f deg", height, width, top, left, degrees);
        }
    }

    private CropRotate(double scaleMin, double scaleMax, double ratioMin, double ratioMax, double maxDegrees, float fill) {
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.maxDegrees = maxDegrees;
        this.fill = fill;
    }

    /** Homework 3's augmentation: area 0.75-1, aspect ratio 3/4-4/3, rotation within +-10 degrees, fill 0. */
    public static CropRotate homework3() {
        return new CropRotate(0.75, 1, 3.0 / 4, 4.0 / 3, 10, 0f);
    }

    /** The same with the crop's area fraction drawn in [{@code min}, {@code max}] (0 < min <= max <= 1). */
    public CropRotate scale(double min, double max) {
        Args.check(min > 0 && min <= max && max <= 1, "scale must satisfy 0 < min <= max <= 1, got [" + min + ", " + max + "]");
        return new CropRotate(min, max, ratioMin, ratioMax, maxDegrees, fill);
    }

    /** The same with the crop's aspect ratio (width / height) drawn log-uniformly in [{@code min}, {@code max}]. */
    public CropRotate ratio(double min, double max) {
        Args.check(min > 0 && min <= max && Double.isFinite(max), "ratio must satisfy 0 < min <= max < infinity, got [" + min + ", " + max + "]");
        return new CropRotate(scaleMin, scaleMax, min, max, maxDegrees, fill);
    }

    /** The same with the rotation angle drawn in [-{@code max}, {@code max}] degrees (0: no rotation). */
    public CropRotate degrees(double max) {
        Args.check(max >= 0 && max <= 180, "degrees must be in [0, 180], got " + max);
        return new CropRotate(scaleMin, scaleMax, ratioMin, ratioMax, max, fill);
    }

    /** The same with the raw pixel value given to the corners a rotation uncovers (0 = FashionMNIST's background). */
    public CropRotate fill(double value) {
        Args.finite("fill", value);
        return new CropRotate(scaleMin, scaleMax, ratioMin, ratioMax, maxDegrees, (float) value);
    }

    public float fill() {
        return fill;
    }

    /** The seed of one image in one pass: a function of the notebook seed, {@code purpose}, {@code pass} and {@code index} only. */
    public static long seed(String purpose, int pass, int index) {
        return seed(Seeds.derive(Args.notNull("purpose", purpose)), pass, index);
    }

    /** {@link #seed(String, int, int)} from an already derived purpose seed. */
    public static long seed(long base, int pass, int index) {
        return mix(base ^ mix(((long) pass << 32) ^ (index & 0xffffffffL) ^ GOLDEN));
    }

    /** The crop box and angle for a {@code rows x cols} image drawn from {@code seed}. */
    public Params draw(long seed, int rows, int cols) {
        double[] p = new double[5];
        draw(seed, rows, cols, p);
        return new Params(p[0], p[1], p[2], p[3], p[4]);
    }

    /** Augments the image in {@code src} from {@code srcOffset} into {@code dest} from {@code destOffset}, drawing from {@code seed}. */
    public void apply(float[] src, int srcOffset, int rows, int cols, long seed, float[] dest, int destOffset, Workspace work) {
        draw(seed, rows, cols, work.params);
        double[] p = work.params;
        apply(src, srcOffset, rows, cols, p[0], p[1], p[2], p[3], p[4], dest, destOffset, work.scratch(rows * cols));
    }

    /** Augments with given parameters (the fill is this instance's). */
    public void apply(float[] src, int srcOffset, int rows, int cols, Params params, float[] dest, int destOffset) {
        Args.notNull("params", params);
        apply(src, srcOffset, rows, cols, params.top(), params.left(), params.height(), params.width(), params.degrees(),
                dest, destOffset, new float[rows * cols]);
    }

    /** Image {@code i} of {@code images}, raw values 0-255, augmented with {@code params}. */
    public float[] apply(ImageSet images, int i, Params params) {
        float[] src = raw(images, i);
        float[] out = new float[src.length];
        apply(src, 0, images.rows(), images.cols(), params, out, 0);
        return out;
    }

    /** Image {@code i} of {@code images}, raw values 0-255, augmented with the parameters drawn from {@code seed}. */
    public float[] apply(ImageSet images, int i, long seed) {
        return apply(images, i, draw(seed, images.rows(), images.cols()));
    }

    /** Image {@code i}'s raw pixel values as floats. */
    public static float[] raw(ImageSet images, int i) {
        Args.notNull("images", images);
        float[] v = new float[images.pixelsPerImage()];
        for (int r = 0; r < images.rows(); r++) {
            for (int c = 0; c < images.cols(); c++) {
                v[r * images.cols() + c] = images.pixel(i, r, c);
            }
        }
        return v;
    }

    /**
     * The box {@code (top, left, h, w)} of a {@code rows x cols} image resized back to {@code rows x cols}
     * (see the class comment); the box must lie inside the frame.
     */
    public static void resizedCrop(float[] src, int srcOffset, int rows, int cols, double top, double left, double height, double width,
                                   float[] dest, int destOffset) {
        Bilinear.checkImage("src", src, srcOffset, rows, cols);
        Bilinear.checkImage("dest", dest, destOffset, rows, cols);
        double eps = 1e-9;
        if (!(height > 0 && width > 0 && top >= -eps && left >= -eps && top + height <= rows + eps && left + width <= cols + eps)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, // built only on failure: called per image
                    "the crop box (top %.4g, left %.4g, height %.4g, width %.4g) must lie inside the %dx%d frame", top, left, height, width, rows, cols));
        }
        double sy = height / rows, sx = width / cols;
        for (int i = 0; i < rows; i++) {
            double y = top + (i + 0.5) * sy - 0.5;
            for (int j = 0; j < cols; j++) {
                dest[destOffset + i * cols + j] = Bilinear.clamped(src, srcOffset, rows, cols, y, left + (j + 0.5) * sx - 0.5);
            }
        }
    }

    /** The image rotated by {@code degrees} (anticlockwise on screen) about its centre, uncovered corners filled with {@code fill}. */
    public static void rotate(float[] src, int srcOffset, int rows, int cols, double degrees, float fill, float[] dest, int destOffset) {
        Bilinear.checkImage("src", src, srcOffset, rows, cols);
        Bilinear.checkImage("dest", dest, destOffset, rows, cols);
        Args.finite("degrees", degrees);
        double cos = cosDegrees(degrees), sin = cosDegrees(degrees - 90);
        double cy = (rows - 1) / 2.0, cx = (cols - 1) / 2.0;
        for (int i = 0; i < rows; i++) {
            double dy = i - cy;
            for (int j = 0; j < cols; j++) {
                double dx = j - cx;
                dest[destOffset + i * cols + j] = Bilinear.filled(src, srcOffset, rows, cols, cy + dx * sin + dy * cos, cx + dx * cos - dy * sin, fill);
            }
        }
    }

    /** Scratch space for {@link #apply(float[], int, int, int, long, float[], int, Workspace)}: allocate once, reuse for every image. */
    public static final class Workspace {
        private final double[] params = new double[5];
        private float[] scratch = new float[0];

        float[] scratch(int n) {
            if (scratch.length < n) {
                scratch = new float[n];
            }
            return scratch;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "random resized crop (area %.3g-%.3g, aspect ratio %.3g-%.3g), then rotation within +-%.3g deg, fill %.4g",
                scaleMin, scaleMax, ratioMin, ratioMax, maxDegrees, fill);
    }

    private void apply(float[] src, int srcOffset, int rows, int cols, double top, double left, double height, double width, double degrees,
                       float[] dest, int destOffset, float[] scratch) {
        resizedCrop(src, srcOffset, rows, cols, top, left, height, width, scratch, 0);
        rotate(scratch, 0, rows, cols, degrees, fill, dest, destOffset);
    }

    /** Fills {@code out} with top, left, height, width, degrees. Draw k (from 0) of a seed is {@link #unit}(seed, k). */
    private void draw(long seed, int rows, int cols, double[] out) {
        Args.positive("rows", rows);
        Args.positive("cols", cols);
        double area = (double) rows * cols;
        double logMin = Math.log(ratioMin), logMax = Math.log(ratioMax);
        out[0] = 0;
        out[1] = 0;
        out[2] = rows;
        out[3] = cols;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double s = scaleMin + (scaleMax - scaleMin) * unit(seed, 4 * attempt);
            double a = Math.exp(logMin + (logMax - logMin) * unit(seed, 4 * attempt + 1));
            double w = Math.sqrt(s * area * a), h = Math.sqrt(s * area / a);
            if (w <= cols && h <= rows) {
                out[0] = (rows - h) * unit(seed, 4 * attempt + 2);
                out[1] = (cols - w) * unit(seed, 4 * attempt + 3);
                out[2] = h;
                out[3] = w;
                break;
            }
        }
        out[4] = maxDegrees * (2 * unit(seed, 4 * ATTEMPTS) - 1);
    }

    /** Draw {@code k} of {@code seed}, uniform in [0, 1): SplitMix64's k-th output, top 53 bits. */
    static double unit(long seed, int k) {
        return (mix(seed + (k + 1L) * GOLDEN) >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** cos of an angle in degrees, exact (0, 1 or -1) at multiples of 90. */
    static double cosDegrees(double degrees) {
        double r = degrees % 360;
        if (r < 0) {
            r += 360;
        }
        if (r == 0) {
            return 1;
        }
        if (r == 90 || r == 270) {
            return 0;
        }
        if (r == 180) {
            return -1;
        }
        return Math.cos(Math.toRadians(r));
    }
}
