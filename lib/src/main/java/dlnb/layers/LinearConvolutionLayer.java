package dlnb.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link ConvolutionLayer} without activation, for a convolution followed by batch norm:
 * {@code new LinearConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(64).build()}. Same parameters,
 * outputs and gradients as a {@code ConvolutionLayer} with {@code Activation.IDENTITY}, and faster to
 * train: DL4J 1.0.0-M2.1's convolution layer runs its whole forward convolution a second time during
 * backprop, to get the input of its activation's derivative. The identity's derivative ignores it, so
 * this layer hands over the forward pass's output instead of recomputing it (one of the three
 * convolutions per training step, about a sixth of an Inception-small step on a CPU).
 */
public class LinearConvolutionLayer extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON (de)serialisation; use the {@link Builder}. */
    public LinearConvolutionLayer() {
        setActivationFn(new ActivationIdentity());
    }

    protected LinearConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        requireIdentity(getActivationFn(), getLayerName());
        return Layers.wire(new LinearConvolution(conf, networkDataType), this, conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    private static void requireIdentity(IActivation activation, String layerName) {
        if (activation != null && !(activation instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("LinearConvolutionLayer " + (layerName == null ? "" : "'" + layerName + "' ")
                    + "has no activation, got " + activation + ": put an ActivationLayer after it, or use ConvolutionLayer");
        }
    }

    /** Builds a {@link LinearConvolutionLayer}; takes every {@link ConvolutionLayer.Builder} setting but the activation. */
    public static class Builder extends ConvolutionLayer.Builder {
        public Builder(int... kernelSize) {
            super(kernelSize);
            // explicit, so a network-wide default activation does not apply
            activation(Activation.IDENTITY);
        }

        @Override
        public LinearConvolutionLayer build() {
            requireIdentity(activationFn, layerName);
            super.build(); // DL4J's checks of kernel size, stride and padding
            return new LinearConvolutionLayer(this);
        }
    }
}
