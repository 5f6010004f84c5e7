package dlnb.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The few operations training and evaluation need, for both kinds of DL4J network (a
 * {@link MultiLayerNetwork} or a single-input, single-output {@link ComputationGraph}).
 */
abstract class Network {
    private int rateLayer = -1;

    static Network of(Object model) {
        return of(model, false);
    }

    /** With {@code fast}, a dense network trains through {@link DenseStep} where it supports it (same numbers, faster). */
    static Network of(Object model, boolean fast) {
        if (model instanceof MultiLayerNetwork mln) {
            return new Mln(mln, fast && DenseStep.supports(mln) ? DenseStep.of(mln) : null);
        }
        if (model instanceof ComputationGraph cg) {
            if (cg.getNumInputArrays() != 1 || cg.getNumOutputArrays() != 1) {
                throw new IllegalArgumentException("net must have one input and one output, got " + cg.getNumInputArrays()
                        + " inputs and " + cg.getNumOutputArrays() + " outputs");
            }
            return new Graph(cg);
        }
        throw new IllegalArgumentException("net must be a MultiLayerNetwork or a ComputationGraph, got "
                + (model == null ? "null" : model.getClass().getName()));
    }

    /** One training step on one batch. */
    abstract void fit(DataSet batch);

    /** Writes what a fast path holds back into the network (before evaluating, and when training ends). */
    void sync() {
    }

    /** How this network trains, for reports: "DL4J fit" or the fast path. */
    String trainingPath() {
        return "DL4J fit";
    }

    /** The loss of the last training step (DL4J's score: data loss plus regularisation). */
    abstract double score();

    /** Network output in inference mode (dropout off, batch norm with running statistics). */
    abstract INDArray output(INDArray features);

    /** Mean loss on a batch in inference mode, regularisation included, as DL4J computes it. */
    abstract double score(DataSet batch);

    /** The regularisation term DL4J adds to every score. */
    abstract double regularization();

    /** The output layer's configuration. */
    abstract org.deeplearning4j.nn.conf.layers.Layer outputLayerConf();

    abstract Layer[] layers();

    abstract Double learningRate(int layer);

    /** Counts one epoch, for schedules over epochs (our loop calls fit(DataSet), which does not). */
    abstract void incrementEpoch();

    abstract int iteration();

    /** The current learning rate of the first layer that has one (NaN if none does). */
    double learningRate() {
        if (rateLayer < 0) {
            Layer[] layers = layers();
            rateLayer = layers.length;
            for (int i = 0; i < layers.length; i++) {
                if (layers[i].numParams() > 0 && rate(i) != null) {
                    rateLayer = i;
                    break;
                }
            }
        }
        Double lr = rateLayer < layers().length ? rate(rateLayer) : null;
        return lr == null ? Double.NaN : lr;
    }

    private Double rate(int i) {
        try {
            return learningRate(i);
        } catch (RuntimeException e) {
            return null; // layers without an updater (pooling, activation) have no learning rate
        }
    }

    /** Whether the output layer is softmax + cross-entropy without class weights, so the loss follows from the output. */
    boolean crossEntropyOutput() {
        if (outputLayerConf() instanceof BaseOutputLayer out
                && out.getLossFn() instanceof org.nd4j.linalg.lossfunctions.impl.LossMCXENT ce
                && ce.getWeights() == null
                && out.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSoftmax) {
            return true;
        }
        return false;
    }

    double softmaxClipEps() {
        return ((org.nd4j.linalg.lossfunctions.impl.LossMCXENT) ((BaseOutputLayer) outputLayerConf()).getLossFn()).getSoftmaxClipEps();
    }

    private static final class Mln extends Network {
        private final MultiLayerNetwork net;
        private final DenseStep dense;

        Mln(MultiLayerNetwork net, DenseStep dense) {
            this.net = net;
            this.dense = dense;
        }

        @Override
        void fit(DataSet batch) {
            if (dense != null) {
                dense.fit(batch);
            } else {
                net.fit(batch);
            }
        }

        @Override
        void sync() {
            if (dense != null) {
                dense.sync();
            }
        }

        @Override
        String trainingPath() {
            return dense != null ? "DenseStep" : super.trainingPath();
        }

        @Override
        double score() {
            return net.score();
        }

        @Override
        INDArray output(INDArray features) {
            sync();
            return net.output(features, false);
        }

        @Override
        double score(DataSet batch) {
            sync();
            return net.score(batch, false);
        }

        @Override
        double regularization() {
            return net.calcRegularizationScore(true);
        }

        @Override
        org.deeplearning4j.nn.conf.layers.Layer outputLayerConf() {
            return net.getOutputLayer().conf().getLayer();
        }

        @Override
        Layer[] layers() {
            return net.getLayers();
        }

        @Override
        Double learningRate(int layer) {
            return net.getLearningRate(layer);
        }

        @Override
        void incrementEpoch() {
            net.incrementEpochCount();
        }

        @Override
        int iteration() {
            return net.getIterationCount();
        }
    }

    private static final class Graph extends Network {
        private final ComputationGraph net;

        Graph(ComputationGraph net) {
            this.net = net;
        }

        @Override
        void fit(DataSet batch) {
            net.fit(batch);
        }

        @Override
        double score() {
            return net.score();
        }

        @Override
        INDArray output(INDArray features) {
            return net.output(false, features)[0];
        }

        @Override
        double score(DataSet batch) {
            return net.score(batch, false);
        }

        @Override
        double regularization() {
            return net.calcRegularizationScore(true);
        }

        @Override
        org.deeplearning4j.nn.conf.layers.Layer outputLayerConf() {
            return net.getOutputLayer(0).conf().getLayer();
        }

        @Override
        Layer[] layers() {
            return net.getLayers();
        }

        @Override
        Double learningRate(int layer) {
            return net.getLearningRate(net.getLayers()[layer].conf().getLayer().getLayerName());
        }

        @Override
        void incrementEpoch() {
            net.incrementEpochCount();
        }

        @Override
        int iteration() {
            return net.getIterationCount();
        }
    }
}
