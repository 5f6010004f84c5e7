package dlnb.data;

import dlnb.Args;
import dlnb.plot.ImageGrid;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * The colourization homework's set-up as per-pixel classification: the input is the grey image, the
 * target of every pixel is the index of its nearest {@link Palette} colour, and a net outputs one score
 * per palette colour and pixel (DL4J's {@code CnnLossLayer} with softmax over the channel axis).
 *
 * <p>Grey: {@value #GREY_FORMULA}. The homework's code takes the mean of the three channels as well
 * ({@code np.mean(x, axis=1)}, not a luma weighting such as ITU-R BT.601's 0.299 R + 0.587 G + 0.114 B).
 *
 * <pre>{@code
 * Colourization task = Colourization.of(Palette.kMeans(train, 24, 100_000));
 * Colourization.Examples tr = task.prepare(train), va = task.prepare(validation);
 * History h = Trainer.of(net).epochs(5).validation(va.batches(100)).fit(tr.batches(100).shuffled("training order"));
 * int[] predicted = va.predict(net);
 * Show.image(va.grid("Validation images", predicted, 8));
 * }</pre>
 */
public final class Colourization {
    public static final String GREY_FORMULA = "(R + G + B) / 3 / 255, the mean of the three channels scaled to [0, 1]";
    private final Palette palette;

    private Colourization(Palette palette) {
        this.palette = palette;
    }

    public static Colourization of(Palette palette) {
        return new Colourization(Args.notNull("palette", palette));
    }

    public Palette palette() {
        return palette;
    }

    /** Number of classes per pixel (the palette's size, NC). */
    public int colours() {
        return palette.size();
    }

    /** The grey inputs and per-pixel targets of a set of colour images (computed once, kept as floats and bytes). */
    public Examples prepare(ColourImages images) {
        return new Examples(this, Args.notNull("images", images));
    }

    /** Grey value in [0, 1] of an RGB pixel (0-255 per channel): {@value #GREY_FORMULA}. */
    public static double grey(int r, int g, int b) {
        return (r + g + b) / 3.0 / 255.0;
    }

    /** A set of images ready for training: grey inputs {@code [n, 1, h, w]} and palette indices per pixel. */
    public static final class Examples {
        private final Colourization task;
        private final ColourImages images;
        private final float[] grey;
        private final byte[] target;
        private final int pixels;

        private Examples(Colourization task, ColourImages images) {
            Args.check(images.size() > 0, "the data set is empty: " + images.name() + " holds no images");
            Args.check(task.palette.size() <= 256, "a palette of at most 256 colours, got " + task.palette.size());
            this.task = task;
            this.images = images;
            this.pixels = images.pixelsPerImage();
            this.grey = new float[images.size() * pixels];
            this.target = new byte[images.size() * pixels];
            for (int i = 0; i < images.size(); i++) {
                for (int p = 0; p < pixels; p++) {
                    int r = images.red(i, p), g = images.green(i, p), b = images.blue(i, p);
                    grey[i * pixels + p] = (float) grey(r, g, b);
                    target[i * pixels + p] = (byte) task.palette.nearest(r, g, b);
                }
            }
        }

        public ColourImages images() {
            return images;
        }

        public int size() {
            return images.size();
        }

        /** Palette index of pixel {@code p} (row-major) of image {@code i}. */
        public int target(int i, int p) {
            return target[i * pixels + p] & 0xff;
        }

        /** How many pixels of all images have each palette colour as their target. */
        public long[] colourCounts() {
            long[] counts = new long[task.colours()];
            for (byte t : target) {
                counts[t & 0xff]++;
            }
            return counts;
        }

        /** The palette index that is the target of the most pixels (the constant baseline's prediction). */
        public int mostFrequentColour() {
            long[] counts = colourCounts();
            int best = 0;
            for (int c = 1; c < counts.length; c++) {
                if (counts[c] > counts[best]) {
                    best = c;
                }
            }
            return best;
        }

        /** Grey inputs of the given images, {@code [k, 1, rows, cols]}. */
        public INDArray inputs(int[] indices) {
            float[] x = new float[indices.length * pixels];
            for (int k = 0; k < indices.length; k++) {
                System.arraycopy(grey, index(indices[k]) * pixels, x, k * pixels, pixels);
            }
            return Nd4j.create(x, new long[]{indices.length, 1, images.rows(), images.cols()}, 'c');
        }

        /** One-hot targets of the given images, {@code [k, colours, rows, cols]} (the layout of DL4J's CnnLossLayer, NCHW). */
        public INDArray labels(int[] indices) {
            int nc = task.colours();
            float[] y = new float[indices.length * nc * pixels];
            for (int k = 0; k < indices.length; k++) {
                int i = index(indices[k]);
                for (int p = 0; p < pixels; p++) {
                    y[(k * nc + (target[i * pixels + p] & 0xff)) * pixels + p] = 1f;
                }
            }
            return Nd4j.create(y, new long[]{indices.length, nc, images.rows(), images.cols()}, 'c');
        }

        /** The given images as one DataSet (inputs and one-hot targets). */
        public DataSet dataSet(int[] indices) {
            return new DataSet(inputs(indices), labels(indices));
        }

        /** All images as one DataSet; mind the memory: the one-hot targets take colours x pixels x 4 bytes per image. */
        public DataSet dataSet() {
            return dataSet(IntStream.range(0, size()).toArray());
        }

        /** Mini-batches, built from the stored bytes one batch at a time; in order unless {@link PixelBatches#shuffled}. */
        public PixelBatches batches(int batchSize) {
            return new PixelBatches(this, Args.positive("batchSize", batchSize));
        }

        /** The net's predicted palette index per pixel ({@code size() * rows * cols}, image after image), in inference mode. */
        public int[] predict(MultiLayerNetwork net) {
            Args.notNull("net", net);
            return predict(x -> net.output(x, false));
        }

        /** {@link #predict(MultiLayerNetwork)} for a single-input, single-output graph. */
        public int[] predict(ComputationGraph net) {
            Args.notNull("net", net);
            return predict(x -> net.outputSingle(false, x));
        }

        /** Predictions from any function of the inputs {@code [k, 1, h, w]} returning scores {@code [k, colours, h, w]}. */
        public int[] predict(UnaryOperator<INDArray> net) {
            int[] out = new int[size() * pixels];
            for (int from = 0; from < size(); from += 100) {
                int[] idx = IntStream.range(from, Math.min(size(), from + 100)).toArray();
                INDArray scores = net.apply(inputs(idx));
                Args.check(scores.rank() == 4 && scores.size(0) == idx.length && scores.size(1) == task.colours()
                                && scores.size(2) == images.rows() && scores.size(3) == images.cols(),
                        "the net must output [batch, " + task.colours() + ", " + images.rows() + ", " + images.cols()
                                + "] scores, got " + Arrays.toString(scores.shape()));
                int[] best = scores.argMax(1).castTo(DataType.INT).dup('c').data().asInt();
                System.arraycopy(best, 0, out, from * pixels, best.length);
            }
            return out;
        }

        /** Fraction of pixels whose predicted palette index is the target. */
        public double accuracy(int[] predicted) {
            checkPredictions(predicted);
            long correct = 0;
            for (int k = 0; k < predicted.length; k++) {
                correct += predicted[k] == (target[k] & 0xff) ? 1 : 0;
            }
            return correct / (double) predicted.length;
        }

        /** Fraction of pixels whose target is {@code colour}: the accuracy of predicting that colour everywhere. */
        public double accuracyOfConstant(int colour) {
            Args.check(colour >= 0 && colour < task.colours(), "colour must be a palette index, got " + colour);
            return colourCounts()[colour] / (double) target.length;
        }

        /** The grey input of image {@code i}. */
        public BufferedImage greyImage(int i) {
            index(i);
            BufferedImage img = new BufferedImage(images.cols(), images.rows(), BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < pixels; p++) {
                int v = Math.round(grey[i * pixels + p] * 255f);
                img.setRGB(p % images.cols(), p / images.cols(), (v << 16) | (v << 8) | v);
            }
            return img;
        }

        /** Image {@code i} in its target palette colours (the "true" quantised image). */
        public BufferedImage targetImage(int i) {
            index(i);
            return paletteImage(target, i, true);
        }

        /** Image {@code i} in the predicted palette colours. */
        public BufferedImage predictedImage(int[] predicted, int i) {
            checkPredictions(predicted);
            index(i);
            byte[] b = new byte[pixels];
            for (int p = 0; p < pixels; p++) {
                b[p] = (byte) predicted[i * pixels + p];
            }
            return paletteImage(b, 0, false);
        }

        /** Rows grey input / prediction / true quantised colours for the first {@code count} images. */
        public ImageGrid grid(String title, int[] predicted, int count) {
            checkPredictions(predicted);
            int n = Math.min(Args.positive("count", count), size());
            List<BufferedImage> g = new ArrayList<>(), p = new ArrayList<>(), t = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                g.add(greyImage(i));
                p.add(predictedImage(predicted, i));
                t.add(targetImage(i));
            }
            return ImageGrid.of(title).row("grey input", g).row("prediction", p).row("truth (palette)", t);
        }

        private BufferedImage paletteImage(byte[] indices, int i, boolean offset) {
            BufferedImage img = new BufferedImage(images.cols(), images.rows(), BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < pixels; p++) {
                int c = indices[(offset ? i * pixels : 0) + p] & 0xff;
                img.setRGB(p % images.cols(), p / images.cols(), task.palette.rgb(c));
            }
            return img;
        }

        private void checkPredictions(int[] predicted) {
            Args.notNull("predicted", predicted);
            Args.check(predicted.length == target.length, "predicted must hold one index per pixel of every image ("
                    + target.length + "), got " + predicted.length);
        }

        private int index(int i) {
            Args.check(i >= 0 && i < size(), "image index must be in [0, " + size() + "), got " + i);
            return i;
        }

        @Override
        public String toString() {
            return images.name() + ": " + size() + " grey " + images.rows() + "x" + images.cols() + " inputs, "
                    + task.colours() + "-colour targets";
        }
    }

    /**
     * A DL4J iterator over {@link Examples}: batches of {@code batchSize} (the last smaller), in order or, with
     * {@link #shuffled(String)}, a new permutation each epoch ({@link EpochBatches}' rules). One-hot targets are
     * built per batch, so memory stays one batch's worth.
     */
    public static final class PixelBatches extends EpochBatches {
        private static final long serialVersionUID = 1L;
        private final transient Examples examples;

        private PixelBatches(Examples examples, int batchSize) {
            super(batchSize);
            this.examples = examples;
        }

        /** Shuffles the images every epoch, reproducibly from the notebook seed and {@code purpose}. */
        public PixelBatches shuffled(String purpose) {
            shuffle(purpose);
            return this;
        }

        @Override
        protected int size() {
            return examples.size();
        }

        @Override
        protected DataSet batch(int[] order, int from, int n) {
            return examples.dataSet(Arrays.copyOfRange(order, from, from + n));
        }

        @Override
        protected String what() {
            return examples.size() + " images";
        }

        @Override
        public int inputColumns() {
            return examples.pixels;
        }

        @Override
        public int totalOutcomes() {
            return examples.task.colours();
        }
    }
}
