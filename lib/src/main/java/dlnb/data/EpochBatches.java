package dlnb.data;

import dlnb.Args;
import dlnb.Seeds;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * What the project's DL4J iterators ({@link Batches}, {@link ImageBatches}, {@link Colourization.PixelBatches})
 * share: batches of {@code batchSize} examples, the last one smaller, every example once per epoch (sampling
 * without replacement), in a fixed order or, once shuffled, in a new permutation every epoch that depends only on
 * the notebook seed, the purpose and the epoch ({@link Seeds#permutation}), so a rerun draws the same batches
 * whatever ran before. An epoch ends at {@link #reset()} after at least one batch. A subclass says how many
 * examples there are and builds a batch from their indices.
 */
public abstract class EpochBatches implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    protected final int batchSize;
    private String shufflePurpose;
    private DataSetPreProcessor preProcessor;
    private transient int[] order;
    private int epoch;
    private int cursor;

    protected EpochBatches(int batchSize) {
        this.batchSize = Args.positive("batchSize", batchSize);
    }

    /** Number of examples in an epoch. */
    protected abstract int size();

    /** The batch of examples {@code order[from]}, ..., {@code order[from + n - 1]}. */
    protected abstract DataSet batch(int[] order, int from, int n);

    /** What is batched, for messages ("FashionMNIST train", "6000 examples"). */
    protected abstract String what();

    /** Called when an epoch's order is drawn, before its first batch. */
    protected void orderDrawn() {
    }

    /** Shuffles the examples every epoch, reproducibly from the notebook seed and {@code purpose}. */
    protected void shuffle(String purpose) {
        shufflePurpose = Args.notNull("purpose", purpose);
        redraw();
    }

    /** The current epoch's order is drawn again before the next batch (a setting that changes the draw). */
    protected void redraw() {
        order = null;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return (size() + batchSize - 1) / batchSize;
    }

    /** Number of the current epoch, from 0. */
    public int epoch() {
        return epoch;
    }

    /** The order of the examples in the current epoch (a copy). */
    public int[] epochOrder() {
        return currentOrder().clone();
    }

    private int[] currentOrder() {
        if (order == null) {
            order = shufflePurpose == null ? IntStream.range(0, size()).toArray()
                    : Seeds.permutation(size(), shufflePurpose + ", epoch " + epoch);
            orderDrawn();
        }
        return order;
    }

    @Override
    public boolean hasNext() {
        return cursor < size();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        Args.positive("num", num);
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " of " + what() + " is over; call reset()");
        }
        int n = Math.min(num, size() - cursor);
        DataSet batch = batch(currentOrder(), cursor, n);
        cursor += n;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public void reset() {
        if (cursor > 0) {
            epoch++;
            order = null;
        }
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    @Override
    public String toString() {
        return what() + " in batches of " + batchSize + (shufflePurpose != null ? ", shuffled (\"" + shufflePurpose + "\")" : "")
                + details() + ", epoch " + epoch;
    }

    /** More of {@link #toString()}, after the batching, for a subclass's own settings. */
    protected String details() {
        return "";
    }
}
