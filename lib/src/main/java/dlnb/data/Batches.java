package dlnb.data;

import dlnb.Args;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

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

    /**
     * The given examples (first axis) of an array of any rank, as a new c-order array, copied example by
     * example with {@code memcpy} (from a c-order copy if {@code a} is a view or strided). ND4J's {@code get(SpecifiedIndex)}
     * took 100 us for one 784-float example and 4.8 ms for 64 (2 cores), longer than the MLP's training step
     * on them, and fails on strided views.
     */
    static INDArray rows(INDArray a, long[] idx) {
        if (a == null) {
            return null;
        }
        INDArray c = !a.isView() && a.ordering() == 'c' && Arrays.equals(a.stride(), Nd4j.getStrides(a.shape(), 'c')) ? a : a.dup('c');
        long[] shape = c.shape().clone();
        shape[0] = idx.length;
        INDArray out = Nd4j.createUninitialized(c.dataType(), shape, 'c');
        long width = c.dataType().width();
        long rowBytes = c.length() / c.size(0) * width;
        BytePointer from = new BytePointer(c.data().addressPointer());
        BytePointer to = new BytePointer(out.data().addressPointer());
        long fromBase = c.offset() * width;
        long toBase = out.offset() * width;
        for (int k = 0; k < idx.length; k++) {
            Pointer.memcpy(to.position(toBase + k * rowBytes), from.position(fromBase + idx[k] * rowBytes), rowBytes);
        }
        return out;
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
