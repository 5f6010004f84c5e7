package dlnb.layers;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The layer behind {@link MaxPoolingLayer}: the {@code maxpool2d} and {@code maxpool2d_bp} ops DL4J's
 * subsampling layer runs, with the same arguments, executed with ND4J's platform helpers (oneDNN)
 * switched off for these two ops only.
 */
final class MaxPooling extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    /** Where the ops run with helpers off; reused, like DL4J's oneDNN helpers reuse theirs. */
    private transient OpContext context;

    MaxPooling(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (input.rank() != 4) {
            throw new DL4JInvalidInputException("MaxPoolingLayer " + layerId() + " takes images of rank 4 ("
                    + layerConf().getCnn2dDataFormat().dimensionNames() + "), got shape " + Arrays.toString(input.shape()));
        }
        INDArray in = input.castTo(dataType);
        int[] arguments = arguments(layerConf().getPadding());
        DynamicCustomOp shapeOnly = DynamicCustomOp.builder("maxpool2d").addInputs(in).addIntegerArguments(arguments).build();
        long[] shape = shapeOnly.calculateOutputShape().get(0).getShape();
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), shape, 'c');
        execWithoutHelpers("maxpool2d", arguments, output, in);
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray in = input.castTo(dataType);
        INDArray gradientOut = epsilon.castTo(dataType);
        int[] padding = layerConf().getPadding();
        if (layerConf().getConvolutionMode() == ConvolutionMode.Same) {
            // as DL4J: the top-left padding that gives the forward pass's output size
            boolean nchw = layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW;
            int h = nchw ? 2 : 1;
            int w = nchw ? 3 : 2;
            padding = ConvolutionUtils.getSameModeTopLeftPadding(new int[]{(int) gradientOut.size(h), (int) gradientOut.size(w)},
                    new int[]{(int) in.size(h), (int) in.size(w)}, layerConf().getKernelSize(), layerConf().getStride(),
                    layerConf().getDilation());
        }
        INDArray gradientIn = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c');
        execWithoutHelpers("maxpool2d_bp", arguments(padding), gradientIn, in, gradientOut);
        return new Pair<>(new DefaultGradient(), gradientIn);
    }

    /** kernel, stride, padding, dilation, same mode, (unused for max), layout: the ops' integer arguments. */
    private int[] arguments(int[] padding) {
        int[] kernel = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        int[] dilation = layerConf().getDilation();
        return new int[]{kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1],
                layerConf().getConvolutionMode() == ConvolutionMode.Same ? 1 : 0, 0,
                layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW ? 0 : 1};
    }

    private void execWithoutHelpers(String op, int[] arguments, INDArray output, INDArray... inputs) {
        if (context == null) {
            context = Nd4j.getExecutioner().buildContext();
            context.allowHelpers(false);
        }
        context.purge();
        context.setIArguments(Arrays.stream(arguments).asLongStream().toArray());
        context.setInputArrays(inputs);
        context.setOutputArrays(output);
        try {
            Nd4j.exec(DynamicCustomOp.builder(op).build(), context);
        } finally {
            context.purge(); // holds no arrays between calls
        }
    }
}
