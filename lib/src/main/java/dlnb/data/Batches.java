package dlnb.data;

import dlnb.Args;
import dlnb.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * A DL4J {@link DataSetIterator} over examples held in one {@link DataSet} (points, images with per-pixel
 * labels, anything with the example on the first axis): batches of {@code batchSize}, the last one smaller,
 * in a fixed order or, with {@link #shuffled(String)}, a new permutation every epoch that depends only on the
 * notebook seed, the purpose and the epoch (as {@link ImageBatches}). Every example is served once per
 * epoch (sampling without replacement). An epoch ends at {@link #reset()} after at least one batch.
 */
public final class Batches implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final DataSet data;
    private final int batchSize;
    private String shufflePurpose;
    private DataSetPreProcessor preProcessor;
    private transient int[] order;
    private int epoch;
    private int cursor;

    private Batches(DataSet data, int batchSize) {
        this.data = data;
        this.batchSize = batchSize;
    }

    public static Batches of(DataSet data, int batchSize) {
        Args.notNull("data", data);
        Args.check(data.getFeatures() != null && data.numExamples() > 0, "the data set is empty: no examples to batch");
        return new Batches(data, Args.positive("batchSize", batchSize));
    }

    /** Shuffles the examples every epoch, reproducibly from the notebook seed and {@code purpose}. */
    public Batches shuffled(String purpose) {
        shufflePurpose = Args.notNull("purpose", purpose);
        order = null;
        return this;
    }

    public int batchesPerEpoch() {
        return (data.numExamples() + batchSize - 1) / batchSize;
    }

    public int epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        return cursor < data.numExamples();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        Args.positive("num", num);
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over; call reset()");
        }
        if (order == null) {
            int n = data.numExamples();
            order = shufflePurpose == null ? IntStream.range(0, n).toArray() : Seeds.permutation(n, shufflePurpose + ", epoch " + epoch);
        }
        int n = Math.min(num, data.numExamples() - cursor);
        long[] idx = new long[n];
        for (int k = 0; k < n; k++) {
            idx[k] = order[cursor + k];
        }
        cursor += n;
        DataSet batch = new DataSet(rows(data.getFeatures(), idx), rows(data.getLabels(), idx));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** The given examples (first axis) of an array of any rank, as a new array. */
    private static INDArray rows(INDArray a, long[] idx) {
        if (a == null) {
            return null;
        }
        INDArrayIndex[] at = new INDArrayIndex[a.rank()];
        at[0] = new SpecifiedIndex(idx);
        for (int d = 1; d < at.length; d++) {
            at[d] = NDArrayIndex.all();
        }
        return a.get(at).dup('c');
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
    public int inputColumns() {
        return (int) (data.getFeatures().length() / data.numExamples());
    }

    @Override
    public int totalOutcomes() {
        return data.getLabels() == null ? 0 : (int) data.getLabels().size(1);
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
        return data.numExamples() + " examples in batches of " + batchSize
                + (shufflePurpose != null ? ", shuffled (\"" + shufflePurpose + "\")" : "") + ", epoch " + epoch;
    }
}
