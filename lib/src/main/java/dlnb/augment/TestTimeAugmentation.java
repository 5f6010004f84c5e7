package dlnb.augment;

import dlnb.Args;
import dlnb.data.ImageBatches;
import dlnb.data.ImageSet;
import dlnb.data.PixelScaling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Locale;

/**
 * Test-time augmentation: a classifier's accuracy when every test image is replaced by {@code T} augmented
 * copies whose predictions are combined by a {@link Vote} (hard majority vote with its tie rule, and the
 * soft vote as a comparison). Copy {@code t} of image {@code i} is the same at every evaluation
 * ({@link ImageBatches#augmentedCopy}: drawn from the notebook seed, the purpose, {@code t} and {@code i}), so
 * evaluations after different passes compare the network, not the draw. A loss is not defined for a vote,
 * so there is none. The probability buffer ({@code n T classes} floats) is allocated once.
 *
 * <pre>{@code
 * TestTimeAugmentation tta = TestTimeAugmentation.of(test, CropRotate.homework3(), 8, "test-time augmentation").scaling(s);
 * TestTimeAugmentation.Result r = tta.evaluate(net);   // r.hardAccuracy(), r.softAccuracy()
 * }</pre>
 */
public final class TestTimeAugmentation {
    private final ImageSet images;
    private final CropRotate augmentation;
    private final int copies;
    private final String purpose;
    private PixelScaling scaling = PixelScaling.UNIT;
    private int batchSize = 500;
    private ImageBatches[] batches;
    private float[] probs;

    /**
     * @param hardAccuracy fraction of images whose majority vote is the label
     * @param softAccuracy fraction whose soft vote (mean probability) is the label
     * @param ties         images whose majority vote was tied (the summed probabilities decided)
     * @param disagreements images where the hard and the soft vote differ
     */
    public record Result(double hardAccuracy, double softAccuracy, int ties, int disagreements, int examples, int copies) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "T = %d: hard vote %.4f, soft vote %.4f (%d ties, %d hard/soft disagreements, %d images)",
                    copies, hardAccuracy, softAccuracy, ties, disagreements, examples);
        }
    }

    private TestTimeAugmentation(ImageSet images, CropRotate augmentation, int copies, String purpose) {
        this.images = images;
        this.augmentation = augmentation;
        this.copies = copies;
        this.purpose = purpose;
    }

    /** {@code copies} augmented copies of every image of {@code images}, drawn for {@code purpose}. */
    public static TestTimeAugmentation of(ImageSet images, CropRotate augmentation, int copies, String purpose) {
        Args.notNull("images", images);
        Args.check(images.size() > 0, images.name() + ": the data set is empty");
        return new TestTimeAugmentation(images, Args.notNull("augmentation", augmentation), Args.positive("copies", copies),
                Args.notNull("purpose", purpose));
    }

    /** How pixels are scaled after augmentation (the training scaling). */
    public TestTimeAugmentation scaling(PixelScaling scaling) {
        this.scaling = Args.notNull("scaling", scaling);
        batches = null;
        return this;
    }

    /** Images per forward pass (500 by default). */
    public TestTimeAugmentation batchSize(int batchSize) {
        this.batchSize = Args.positive("batchSize", batchSize);
        batches = null;
        return this;
    }

    public int copies() {
        return copies;
    }

    /** Runs the {@code T} copies of every image through {@code net} (inference mode) and votes. */
    public Result evaluate(MultiLayerNetwork net) {
        Args.notNull("net", net);
        int classes = images.classes();
        if (batches == null) {
            batches = new ImageBatches[copies];
            for (int t = 0; t < copies; t++) {
                batches[t] = images.batches(batchSize).scaling(scaling).augmentedCopy(augmentation, purpose, t);
            }
            probs = new float[images.size() * copies * classes];
        }
        for (int t = 0; t < copies; t++) {
            ImageBatches b = batches[t];
            b.reset();
            int row = 0;
            while (b.hasNext()) {
                DataSet ds = b.next();
                INDArray out = net.output(ds.getFeatures(), false).castTo(DataType.FLOAT);
                Args.check(out.rank() == 2 && out.size(1) == classes, "net must output [batch, " + classes + "] probabilities, got shape "
                        + java.util.Arrays.toString(out.shape()));
                float[] p = out.dup('c').data().asFloat();
                for (int k = 0; k < p.length / classes; k++, row++) {
                    System.arraycopy(p, k * classes, probs, (row * copies + t) * classes, classes);
                }
            }
            b.reset();
        }
        return vote(probs, images, copies);
    }

    /** The votes on probabilities already computed ({@code probs[(i T + t) classes + c]}), against the labels of {@code images}. */
    static Result vote(float[] probs, ImageSet images, int copies) {
        int classes = images.classes();
        int n = images.size();
        int hard = 0, soft = 0, ties = 0, disagree = 0;
        for (int i = 0; i < n; i++) {
            int offset = i * copies * classes;
            int h = Vote.hard(probs, offset, copies, classes), s = Vote.soft(probs, offset, copies, classes);
            int y = images.label(i);
            hard += h == y ? 1 : 0;
            soft += s == y ? 1 : 0;
            ties += Vote.tied(probs, offset, copies, classes) ? 1 : 0;
            disagree += h != s ? 1 : 0;
        }
        return new Result(hard / (double) n, soft / (double) n, ties, disagree, n, copies);
    }

    @Override
    public String toString() {
        return copies + " augmented copies of each of " + images.size() + " images (" + augmentation + ")";
    }
}
