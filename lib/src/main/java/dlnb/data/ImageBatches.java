package dlnb.data;

import dlnb.Args;
import dlnb.Seeds;
import dlnb.augment.CropRotate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DL4J iterator ({@link EpochBatches}) over an {@link ImageSet}: features [batch, 1, rows, cols] (or
 * [batch, rows*cols] with {@link #flat()}), one-hot labels, pixels scaled by a {@link PixelScaling}.
 * The last batch of an epoch may be smaller.
 *
 * <p><b>Order.</b> Fixed unless {@link #shuffled(String)}; then every epoch has its own permutation,
 * a function of the notebook seed, the purpose and the epoch number only. An epoch ends at
 * {@link #reset()} after at least one batch was served, so extra resets (DL4J's {@code fit} resets
 * before starting) do not skip a permutation.
 *
 * <p><b>Buffers.</b> By default the arrays are allocated once per batch size and refilled on every
 * {@link #next()}: a returned DataSet is valid until the following call. Use {@link #freshArrays()}
 * to keep batches (e.g. collecting them in a list). For the same reason the iterator declares
 * itself unfit for DL4J's background prefetching ({@link #asyncSupported()} is false); the data are
 * in memory, so prefetching would not gain anything.
 *
 * <p><b>Augmentation.</b> With {@link #augmented(CropRotate, String)} every image is augmented on the raw
 * pixel values (0-255), before scaling, with parameters drawn from the notebook seed, the purpose, the
 * epoch and the image's index in the set (not its place in the batch), so a shuffled order sees the same
 * augmented images; {@link #augmentedCopy} fixes the pass number (the same augmented copy every epoch, for
 * test-time augmentation). Buffers are allocated once: augmenting allocates nothing per batch.
 */
public final class ImageBatches extends EpochBatches {
    private static final long serialVersionUID = 1L;

    private final ImageSet images;
    private PixelScaling scaling = PixelScaling.UNIT;
    private boolean flat;
    private boolean reuse = true;
    private CropRotate augmentation;
    private String augmentPurpose;
    private int fixedPass = -1;

    private transient float[] table;
    private transient long augmentSeed;
    private transient CropRotate.Workspace workspace;
    private transient float[] rawImage;
    private transient float[] augmentedImage;
    private transient Map<Integer, Buffers> buffers;

    ImageBatches(ImageSet images, int batchSize) {
        super(batchSize);
        this.images = Args.notNull("images", images);
        Args.check(images.size() > 0, images.name() + ": the data set is empty, so it has no batches");
    }

    /** Shuffles the images every epoch, reproducibly from the notebook seed and {@code purpose}. */
    public ImageBatches shuffled(String purpose) {
        shuffle(purpose);
        return this;
    }

    /**
     * Augments every image with {@code augmentation} before scaling; image {@code i} in epoch {@code e} gets
     * the parameters drawn from {@link CropRotate#seed(String, int, int) CropRotate.seed(purpose, e, i)}.
     */
    public ImageBatches augmented(CropRotate augmentation, String purpose) {
        return augment(augmentation, purpose, -1);
    }

    /**
     * Augments every image as {@link #augmented} does, but as in pass {@code copy} in every epoch: the same
     * augmented copy each time (copy {@code t} of {@code T} in test-time augmentation).
     */
    public ImageBatches augmentedCopy(CropRotate augmentation, String purpose, int copy) {
        return augment(augmentation, purpose, Args.nonNegative("copy", copy));
    }

    private ImageBatches augment(CropRotate augmentation, String purpose, int pass) {
        this.augmentation = Args.notNull("augmentation", augmentation);
        augmentPurpose = Args.notNull("purpose", purpose);
        fixedPass = pass;
        redraw();
        return this;
    }

    /** The augmentation pass the current epoch's images are drawn for ({@link #epoch()}, or the fixed copy). */
    public int augmentationPass() {
        return fixedPass >= 0 ? fixedPass : epoch();
    }

    /** How pixels are scaled ({@link PixelScaling#UNIT}, [0, 1], by default). */
    public ImageBatches scaling(PixelScaling scaling) {
        this.scaling = Args.notNull("scaling", scaling);
        table = null;
        return this;
    }

    /** Features as flat vectors of rows*cols values, for a multilayer perceptron. */
    public ImageBatches flat() {
        return flat(true);
    }

    public ImageBatches flat(boolean flat) {
        this.flat = flat;
        buffers = null;
        return this;
    }

    /** New arrays for every batch instead of refilled ones (slower; lets callers keep batches). */
    public ImageBatches freshArrays() {
        reuse = false;
        buffers = null;
        return this;
    }

    public ImageSet images() {
        return images;
    }

    @Override
    protected int size() {
        return images.size();
    }

    @Override
    protected String what() {
        return images.name();
    }

    @Override
    protected DataSet batch(int[] idx, int from, int n) {
        if (table == null) {
            table = scaling.table();
        }
        Buffers b = buffersFor(n);
        int per = images.pixelsPerImage();
        int classes = images.classes();
        int[] labels = images.labelsView();
        java.util.Arrays.fill(b.labelValues, 0f);
        for (int k = 0; k < n; k++) {
            int i = idx[from + k];
            if (augmentation == null) {
                images.copyPixels(i, table, b.featureValues, k * per);
            } else {
                augmentInto(i, b.featureValues, k * per);
            }
            b.labelValues[k * classes + labels[i]] = 1f;
        }
        INDArray features = reuse ? b.features : newArray(b.featureShape);
        INDArray oneHot = reuse ? b.labels : newArray(b.labelShape);
        fill(features, b.featureValues);
        fill(oneHot, b.labelValues);
        return new DataSet(features, oneHot);
    }

    @Override
    public int inputColumns() {
        return images.pixelsPerImage();
    }

    @Override
    public int totalOutcomes() {
        return images.classes();
    }

    @Override
    public List<String> getLabels() {
        return images.classNames();
    }

    @Override
    protected String details() {
        return augmentation != null ? ", augmented (\"" + augmentPurpose + "\"" + (fixedPass >= 0 ? ", copy " + fixedPass : "") + ")" : "";
    }

    /** Image {@code i} augmented on raw values, then scaled, into {@code dest} from {@code offset}. */
    private void augmentInto(int i, float[] dest, int offset) {
        int per = images.pixelsPerImage();
        if (workspace == null) {
            workspace = new CropRotate.Workspace();
            rawImage = new float[per];
            augmentedImage = new float[per];
        }
        images.copyPixels(i, RAW, rawImage, 0);
        augmentation.apply(rawImage, 0, images.rows(), images.cols(), CropRotate.seed(augmentSeed, augmentationPass(), i),
                augmentedImage, 0, workspace);
        double mean = scaling.mean(), std = scaling.std();
        for (int p = 0; p < per; p++) {
            dest[offset + p] = (float) ((augmentedImage[p] / 255.0 - mean) / std);
        }
    }

    /** Byte value to raw pixel value. */
    private static final float[] RAW = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            RAW[v] = v;
        }
    }

    @Override
    protected void orderDrawn() {
        if (augmentation != null) {
            augmentSeed = Seeds.derive(augmentPurpose);
        }
    }

    private final class Buffers {
        final float[] featureValues;
        final float[] labelValues;
        final long[] featureShape;
        final long[] labelShape;
        final INDArray features;
        final INDArray labels;

        Buffers(int n) {
            featureValues = new float[n * images.pixelsPerImage()];
            labelValues = new float[n * images.classes()];
            featureShape = flat ? new long[]{n, images.pixelsPerImage()} : new long[]{n, 1, images.rows(), images.cols()};
            labelShape = new long[]{n, images.classes()};
            features = reuse ? newArray(featureShape) : null;
            labels = reuse ? newArray(labelShape) : null;
        }
    }

    private Buffers buffersFor(int n) {
        if (buffers == null) {
            buffers = new HashMap<>();
        }
        return buffers.computeIfAbsent(n, Buffers::new);
    }

    /** An array outside any workspace, so it outlives the training step that reads it. */
    private static INDArray newArray(long[] shape) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.create(DataType.FLOAT, shape, 'c');
        }
    }

    private static void fill(INDArray target, float[] values) {
        FloatBuffer view = target.data().asNioFloat();
        view.put(0, values, 0, values.length);
    }
}
