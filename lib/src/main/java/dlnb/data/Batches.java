package dlnb.data;

import dlnb.Args;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.SpecifiedIndex;

/**
 * A DL4J iterator over examples held in one {@link DataSet} (points, images with per-pixel labels, anything
 * with the example on the first axis): batches of {@code batchSize}, the last one smaller, in a fixed order or,
 * with {@link #shuffled(String)}, a new permutation every epoch (the epoch rules are {@link EpochBatches}').
 */
public final class Batches extends EpochBatches {
    private static final long serialVersionUID = 1L;

    private final DataSet data;

    private Batches(DataSet data, int batchSize) {
        super(batchSize);
        this.data = data;
    }

    public static Batches of(DataSet data, int batchSize) {
        Args.notNull("data", data);
        Args.check(data.getFeatures() != null && data.numExamples() > 0, "the data set is empty: no examples to batch");
        return new Batches(data, Args.positive("batchSize", batchSize));
    }

    /** Shuffles the examples every epoch, reproducibly from the notebook seed and {@code purpose}. */
    public Batches shuffled(String purpose) {
        shuffle(purpose);
        return this;
    }

    @Override
    protected int size() {
        return data.numExamples();
    }

    @Override
    protected DataSet batch(int[] order, int from, int n) {
        long[] idx = new long[n];
        for (int k = 0; k < n; k++) {
            idx[k] = order[from + k];
        }
        return new DataSet(rows(data.getFeatures(), idx), rows(data.getLabels(), idx));
    }

    @Override
    protected String what() {
        return data.numExamples() + " examples";
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
    public int inputColumns() {
        return (int) (data.getFeatures().length() / data.numExamples());
    }

    @Override
    public int totalOutcomes() {
        return data.getLabels() == null ? 0 : (int) data.getLabels().size(1);
    }
}
