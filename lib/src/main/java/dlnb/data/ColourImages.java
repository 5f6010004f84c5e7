package dlnb.data;

import dlnb.Args;
import dlnb.Seeds;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Labelled colour images kept as CIFAR-10 stores them: unsigned bytes, planar (all red values of an image
 * row-major, then green, then blue), image after image. Immutable; subsets copy their images.
 *
 * <pre>{@code
 * ColourImages horses = archive.train().ofClass(Cifar10.HORSE).sample(1000, "training subset");
 * Show.image(ImageGrid.of("Horses").row("", horses.image(0), horses.image(1)));
 * }</pre>
 */
public final class ColourImages {
    private final String name;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @param pixels {@code labels.length * 3 * rows * cols} unsigned bytes, planar RGB per image
     * @param labels class of each image, in {@code [0, classNames.size())}
     */
    public ColourImages(String name, int rows, int cols, byte[] pixels, int[] labels, List<String> classNames) {
        this.name = Args.notNull("name", name);
        this.rows = Args.positive("rows", rows);
        this.cols = Args.positive("cols", cols);
        Args.notNull("pixels", pixels);
        Args.notNull("labels", labels);
        this.classNames = List.copyOf(Args.notEmpty("classNames", classNames));
        Args.check((long) labels.length * 3 * rows * cols == pixels.length, "pixels must hold labels.length * 3 * rows * cols = "
                + (long) labels.length * 3 * rows * cols + " bytes, got " + pixels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + classNames.size() + "), got " + labels[i]);
            }
        }
        this.pixels = pixels;
        this.labels = labels;
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image and channel ({@code rows * cols}). */
    public int pixelsPerImage() {
        return rows * cols;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int label(int i) {
        return labels[index(i)];
    }

    /** Value 0-255 of channel {@code channel} (0 red, 1 green, 2 blue) of image {@code i} at ({@code row}, {@code col}). */
    public int value(int i, int channel, int row, int col) {
        index(i);
        Args.check(channel >= 0 && channel < 3, "channel must be 0 (red), 1 (green) or 2 (blue), got " + channel);
        Args.check(row >= 0 && row < rows && col >= 0 && col < cols, "pixel (" + row + ", " + col + ") is outside "
                + rows + "x" + cols);
        return pixels[((i * 3 + channel) * rows + row) * cols + col] & 0xff;
    }

    /** Red, green and blue 0-255 of pixel {@code p} (row-major index) of image {@code i}, without bounds checks beyond the array's. */
    int red(int i, int p) {
        return pixels[i * 3 * rows * cols + p] & 0xff;
    }

    int green(int i, int p) {
        return pixels[(i * 3 + 1) * rows * cols + p] & 0xff;
    }

    int blue(int i, int p) {
        return pixels[(i * 3 + 2) * rows * cols + p] & 0xff;
    }

    /** Images per class. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /** The images with the given indices, in that order. */
    public ColourImages subset(int[] indices, String subsetName) {
        Args.notNull("indices", indices);
        int size = 3 * rows * cols;
        byte[] p = new byte[indices.length * size];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = index(indices[k]);
            System.arraycopy(pixels, i * size, p, k * size, size);
            y[k] = labels[i];
        }
        return new ColourImages(subsetName, rows, cols, p, y, classNames);
    }

    /** The images of one class, in their order (e.g. {@code ofClass(Cifar10.HORSE)}). */
    public ColourImages ofClass(int classIndex) {
        Args.check(classIndex >= 0 && classIndex < classNames.size(), "class must be in [0, " + classNames.size()
                + "), got " + classIndex);
        int[] idx = java.util.stream.IntStream.range(0, size()).filter(i -> labels[i] == classIndex).toArray();
        return subset(idx, name + ", " + classNames.get(classIndex));
    }

    /**
     * {@code n} images drawn without replacement in a random order fixed by the notebook seed and
     * {@code purpose}; {@code n} must not exceed {@link #size()}.
     */
    public ColourImages sample(int n, String purpose) {
        Args.nonNegative("n", n);
        Args.check(n <= size(), "cannot sample " + n + " images from " + name + ", which holds " + size()
                + "; ask for at most " + size());
        int[] order = Arrays.copyOf(Seeds.permutation(size(), Args.notNull("purpose", purpose)), n);
        return subset(order, name + " (" + n + " sampled for " + purpose + ")");
    }

    /** The first {@code n} images (at most all of them). */
    public ColourImages first(int n) {
        return subset(java.util.stream.IntStream.range(0, Math.min(Args.nonNegative("n", n), size())).toArray(), name);
    }

    /** Image {@code i} as a picture. */
    public BufferedImage image(int i) {
        index(i);
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < rows * cols; p++) {
            image.setRGB(p % cols, p / cols, (red(i, p) << 16) | (green(i, p) << 8) | blue(i, p));
        }
        return image;
    }

    /** SHA-256 of the sizes, labels and pixel bytes: identifies exactly these images (e.g. as a cache key). */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(12).putInt(size()).putInt(rows).putInt(cols).array());
            ByteBuffer y = ByteBuffer.allocate(4 * labels.length);
            for (int label : labels) {
                y.putInt(label);
            }
            md.update(y.array());
            md.update(pixels);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private int index(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IllegalArgumentException("image index must be in [0, " + labels.length + ") for " + name + ", got " + i);
        }
        return i;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " colour images " + rows + "x" + cols;
    }
}
