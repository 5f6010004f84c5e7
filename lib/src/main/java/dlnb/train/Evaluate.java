package dlnb.train;

import dlnb.Args;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Locale;

/**
 * Loss and accuracy of a classifier on a data set, in inference mode: no parameter updates, dropout
 * off, batch normalisation with its running statistics (which are left unchanged), so evaluating
 * twice gives the same numbers.
 *
 * <p>The loss is DL4J's score averaged over all examples (mean loss plus the regularisation term,
 * the same quantity training reports). For the usual softmax + cross-entropy output it is computed
 * from the same forward pass as the accuracy; other outputs take a second pass.
 *
 * <p>For per-pixel outputs ({@code [n, classes, h, w]}, DL4J's {@code CnnLossLayer}) the accuracy is the
 * fraction of pixels classified right and the loss is the output layer's own score (for
 * {@link PixelMeanCrossEntropy}, the mean over pixels).
 *
 * <p>Named so as not to clash with DL4J's {@code org.nd4j.evaluation.classification.Evaluation}
 * (confusion matrices), which notebooks may import too.
 */
public final class Evaluate {
    private Evaluate() {
    }

    /**
     * @param loss     mean loss per example
     * @param accuracy fraction of examples (of pixels, for per-pixel outputs) whose highest output is the labelled class
     * @param examples number of examples evaluated
     */
    public record Result(double loss, double accuracy, long examples) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "loss %.4f, accuracy %.4f (%d examples)", loss, accuracy, examples);
        }
    }

    /** Evaluates {@code net} on every batch of {@code data} (reset before and after). */
    public static Result on(MultiLayerNetwork net, DataSetIterator data) {
        return on(Network.of(net), data);
    }

    /** Evaluates a single-input, single-output graph. */
    public static Result on(ComputationGraph net, DataSetIterator data) {
        return on(Network.of(net), data);
    }

    static Result on(Network net, DataSetIterator data) {
        Args.notNull("data", data);
        Args.check(data.resetSupported(), "data must support reset(), got " + data.getClass().getSimpleName());
        boolean fromOutput = net.crossEntropyOutput();
        double eps = fromOutput ? net.softmaxClipEps() : 0;
        double lossSum = 0;
        long correct = 0;
        long n = 0;
        long positions = 0;
        data.reset();
        try {
            while (data.hasNext()) {
                DataSet batch = data.next();
                INDArray labels = batch.getLabels();
                Args.check(batch.getLabelsMaskArray() == null, "data must not have label masks (sequence outputs are not supported)");
                long size = labels.size(0);
                INDArray out = net.output(batch.getFeatures());
                positions += labels.length() / labels.size(1); // examples, or examples x pixels for per-pixel outputs
                correct += out.argMax(1).eq(labels.argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
                if (fromOutput && labels.rank() == 2) {
                    // DL4J's cross-entropy clips softmax outputs to [eps, 1 - eps] before the log
                    INDArray p = eps > 0 ? Transforms.min(Transforms.max(out, eps, true), 1 - eps, false) : out;
                    lossSum -= Transforms.log(p, false).muli(labels).sumNumber().doubleValue();
                } else {
                    lossSum += (net.score(batch) - net.regularization()) * size;
                }
                n += size;
            }
        } finally {
            data.reset();
        }
        Args.check(n > 0, "data must hold at least one example");
        return new Result(lossSum / n + net.regularization(), correct / (double) positions, n);
    }
}
