package dlnb.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A DL4J {@link ConvolutionLayer} with ReLU activation, for conv -> ReLU nets like homework 3's:
 * {@code new ReluConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(16).build()}. Same parameters, outputs
 * and gradients as a {@code ConvolutionLayer} with {@code Activation.RELU}, and faster to train: DL4J
 * 1.0.0-M2.1 runs the layer's whole forward convolution a second time in backprop to get the ReLU's input
 * {@code z}, but ReLU's derivative only asks whether {@code z > 0}, which its output {@code max(z, 0)}
 * answers as well; this layer hands over the forward pass's output instead (one of the three
 * convolutions of a training step). Shares its implementation with {@link LinearConvolutionLayer}.
 */
public class ReluConvolutionLayer extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON (de)serialisation; use the {@link Builder}. */
    public ReluConvolutionLayer() {
        setActivationFn(new ActivationReLU());
    }

    protected ReluConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        requireRelu(getActivationFn(), getLayerName());
        return Layers.wire(new LinearConvolution(conf, networkDataType), this, conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    /** Plain ReLU only: a threshold, cap or negative slope changes what the output says about {@code z}. */
    private static void requireRelu(IActivation activation, String layerName) {
        boolean plain = activation instanceof ActivationReLU r && zero(r.getThreshold()) && zero(r.getNegativeSlope()) && r.getMax() == null;
        if (!plain) {
            throw new IllegalArgumentException("ReluConvolutionLayer " + (layerName == null ? "" : "'" + layerName + "' ")
                    + "has a plain ReLU activation, got " + activation + ": use ConvolutionLayer for other activations");
        }
    }

    private static boolean zero(Double value) {
        return value == null || value == 0;
    }

    /** Builds a {@link ReluConvolutionLayer}; takes every {@link ConvolutionLayer.Builder} setting but the activation. */
    public static class Builder extends ConvolutionLayer.Builder {
        public Builder(int... kernelSize) {
            super(kernelSize);
            // explicit, so a network-wide default activation does not apply
            activation(Activation.RELU);
        }

        @Override
        public ReluConvolutionLayer build() {
            requireRelu(activationFn, layerName);
            super.build(); // DL4J's checks of kernel size, stride and padding
            return new ReluConvolutionLayer(this);
        }
    }
}
