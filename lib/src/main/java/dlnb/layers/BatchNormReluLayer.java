package dlnb.layers;

import dlnb.Args;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Batch normalization followed by ReLU in one DL4J layer, for conv -> batch norm -> ReLU modules:
 * {@code new BatchNormReluLayer.Builder().build()}. Same parameters (gamma, beta and the running mean
 * and variance), outputs, gradients and running-statistics updates as DL4J's {@link BatchNormalization}
 * followed by an {@code ActivationLayer(RELU)}, about four times cheaper on a CPU: DL4J 1.0.0-M2.1
 * computes the batch statistics with strided reductions and backpropagates through a generic
 * {@code batchnorm_bp} op plus corrections, which together took a quarter of an Inception-small
 * training step; this layer reduces along contiguous rows and backpropagates in closed form.
 * Takes NCHW images or dense activations, with learned gamma and beta.
 */
public class BatchNormReluLayer extends BatchNormalization {
    private static final long serialVersionUID = 1L;

    /** DL4J's batch-norm defaults (decay 0.9, eps 1e-5, running variance stored as log10 std); also for JSON. */
    public BatchNormReluLayer() {
        super();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("BatchNormReluLayer", getLayerName(), layerIndex, getNOut());
        String name = getLayerName() == null ? "BatchNormReluLayer" : "BatchNormReluLayer '" + getLayerName() + "'";
        if (isLockGammaBeta()) {
            throw new IllegalArgumentException(name + " learns gamma and beta; for fixed ones use DL4J's BatchNormalization");
        }
        if (getCnn2DFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(name + " takes NCHW images, got " + getCnn2DFormat()
                    + ": use CNN2DFormat.NCHW or DL4J's BatchNormalization + ActivationLayer");
        }
        return Layers.wire(new BatchNormRelu(conf, networkDataType), this, conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    /** Builds a {@link BatchNormReluLayer}; updater and other settings come from the network's defaults. */
    public static class Builder {
        private String name;
        private double decay = 0.9;
        private double eps = 1e-5;
        private boolean useLogStd = true;

        /** Layer name (a graph's addLayer names it too). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Running mean/variance: {@code running = decay * running + (1 - decay) * batch}. Default 0.9. */
        public Builder decay(double decay) {
            this.decay = Args.inRange("decay", decay, 0, 1);
            return this;
        }

        /** Added to the variance before the square root. Default 1e-5. */
        public Builder eps(double eps) {
            this.eps = Args.positive("eps", eps);
            return this;
        }

        /** Store the running variance as log10(std) (DL4J's default, true) or as the variance itself. */
        public Builder useLogStd(boolean useLogStd) {
            this.useLogStd = useLogStd;
            return this;
        }

        public BatchNormReluLayer build() {
            BatchNormReluLayer layer = new BatchNormReluLayer();
            layer.setLayerName(name);
            layer.setDecay(decay);
            layer.setEps(eps);
            layer.setUseLogStd(useLogStd);
            return layer;
        }
    }
}
