package dlnb.data;

import dlnb.Args;
import dlnb.Seeds;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Labelled grey-scale images kept as unsigned bytes (a quarter of the memory of floats; FashionMNIST's
 * training set is 47 MB), converted to floats a batch at a time by {@link ImageBatches}. Immutable.
 */
public final class ImageSet {
    private final String name;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @param pixels     {@code labels.length * rows * cols} unsigned bytes, image after image, row after row
     * @param labels     class of each image, in {@code [0, classNames.size())}
     * @param classNames one name per class
     */
    public ImageSet(String name, int rows, int cols, byte[] pixels, int[] labels, List<String> classNames) {
        this.name = Args.notNull("name", name);
        this.rows = Args.positive("rows", rows);
        this.cols = Args.positive("cols", cols);
        Args.notNull("pixels", pixels);
        Args.notNull("labels", labels);
        this.classNames = List.copyOf(Args.notEmpty("classNames", classNames));
        Args.check((long) labels.length * rows * cols == pixels.length, "pixels must hold labels.length * rows * cols = "
                + (long) labels.length * rows * cols + " bytes, got " + pixels.length);
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

    /** Pixels per image. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    public int classes() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int label(int i) {
        return labels[index("i", i)];
    }

    /** Pixel value 0-255 of image {@code i} at ({@code row}, {@code col}). */
    public int pixel(int i, int row, int col) {
        Args.check(row >= 0 && row < rows, "row must be in [0, " + rows + "), got " + row);
        Args.check(col >= 0 && col < cols, "col must be in [0, " + cols + "), got " + col);
        return pixels[index("i", i) * rows * cols + row * cols + col] & 0xff;
    }

    /** Number of images of each class. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order (indices may repeat). */
    public ImageSet subset(int[] indices, String subsetName) {
        Args.notNull("indices", indices);
        int per = pixelsPerImage();
        byte[] p = new byte[indices.length * per];
        int[] y = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = index("indices[" + k + "]", indices[k]);
            System.arraycopy(pixels, i * per, p, k * per, per);
            y[k] = labels[i];
        }
        return new ImageSet(subsetName, rows, cols, p, y, classNames);
    }

    /** A subset and the images left out of it. */
    public record Split(ImageSet taken, ImageSet rest) {
    }

    /**
     * {@code perClass} images of every class drawn at random without replacement (a balanced subset),
     * reproducible from the notebook seed and {@code purpose}; images keep their original order.
     */
    public ImageSet stratified(int perClass, String purpose) {
        return stratifiedSplit(perClass, purpose).taken();
    }

    /** Like {@link #stratified} but also returns the remaining images (e.g. a validation set and the rest for training). */
    public Split stratifiedSplit(int perClass, String purpose) {
        Args.positive("perClass", perClass);
        Args.notNull("purpose", purpose);
        int[] counts = classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < perClass) {
                throw new IllegalArgumentException("perClass must be at most " + Arrays.stream(counts).min().orElse(0)
                        + " (class " + c + " '" + classNames.get(c) + "' has " + counts[c] + " images in " + name + "), got " + perClass);
            }
        }
        Random random = Seeds.random(purpose);
        boolean[] taken = new boolean[size()];
        for (int c = 0; c < counts.length; c++) {
            int[] ofClass = new int[counts[c]];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    ofClass[k++] = i;
                }
            }
            // partial Fisher-Yates: the first perClass entries become a uniform sample
            for (int j = 0; j < perClass; j++) {
                int r = j + random.nextInt(ofClass.length - j);
                int t = ofClass[j];
                ofClass[j] = ofClass[r];
                ofClass[r] = t;
                taken[ofClass[j]] = true;
            }
        }
        List<Integer> in = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < taken.length; i++) {
            (taken[i] ? in : out).add(i);
        }
        return new Split(subset(in.stream().mapToInt(Integer::intValue).toArray(), name + " (" + perClass + " per class)"),
                subset(out.stream().mapToInt(Integer::intValue).toArray(), name + " (rest)"));
    }

    /**
     * Mini-batches for DL4J: {@code images.batches(128).shuffled("training order")} for training,
     * {@code images.batches(500)} (fixed order) for evaluation. See {@link ImageBatches} for the options.
     */
    public ImageBatches batches(int batchSize) {
        return new ImageBatches(this, batchSize);
    }

    /** All images in one DataSet, features [n, 1, rows, cols] (or [n, rows*cols] if {@code flat}), labels one-hot. */
    public DataSet toDataSet(PixelScaling scaling, boolean flat) {
        Args.check(size() > 0, "the image set " + name + " is empty");
        return new ImageBatches(this, size()).scaling(scaling).flat(flat).freshArrays().next();
    }

    /** How many pixels have each value 0-255 (for statistics without converting to floats). */
    long[] pixelHistogram() {
        long[] h = new long[256];
        for (byte b : pixels) {
            h[b & 0xff]++;
        }
        return h;
    }

    /** Copies image {@code i}'s pixels, converted by {@code table}, into {@code dest} from {@code offset}. */
    void copyPixels(int i, float[] table, float[] dest, int offset) {
        int per = pixelsPerImage();
        int from = i * per;
        for (int p = 0; p < per; p++) {
            dest[offset + p] = table[pixels[from + p] & 0xff];
        }
    }

    int[] labelsView() {
        return labels;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images " + rows + "x" + cols + ", " + classes() + " classes";
    }

    private int index(String name, int i) {
        if (i < 0 || i >= size()) {
            throw new IllegalArgumentException(name + " must be in [0, " + size() + "), got " + i);
        }
        return i;
    }
}
