package dlnb.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer behind {@link LinearConvolutionLayer} and {@link ReluConvolutionLayer}: DL4J's convolution
 * whose backprop reuses the training forward pass's output where DL4J would recompute the
 * pre-activation {@code z}. With the identity activation, that array is only checked for its shape;
 * with ReLU, its derivative only reads the sign of {@code z}, the same as that of {@code max(z, 0)}.
 * That is why the output of the forward pass in training mode (the one backprop follows) may stand in.
 */
final class LinearConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** Output of the last forward pass in training mode, until backprop takes it. */
    private transient INDArray trainingOutput;

    LinearConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray output = super.activate(training, workspaceMgr);
        trainingOutput = training ? output : null;
        return output;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop && trainingOutput != null) {
            INDArray output = trainingOutput;
            trainingOutput = null;
            return new Pair<>(output, null); // no im2col buffer: DL4J's own (non-oneDNN) path then builds it
        }
        return super.preOutput(training, forBackprop, workspaceMgr);
    }

    @Override
    public void clear() {
        super.clear();
        trainingOutput = null;
    }
}
