package dlnb.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The layer behind {@link BatchNormReluLayer}. Activations are handled as [N, C, H, W] (dense ones as
 * [N, C, 1, 1]), so each (example, channel) pair is one contiguous row of H*W values: per-channel sums
 * are row reductions followed by a sum over the N rows of each channel (in double, here in Java), not
 * the strided reductions over dimensions 0, 2 and 3 that DL4J runs.
 * With x-hat = (x - mean) / sqrt(var + eps), y = relu(gamma * x-hat + beta) and g = dL/dy where y > 0
 * (0 elsewhere), backprop is, per channel with M = N*H*W values,
 * dL/dbeta = sum(g), dL/dgamma = sum(g * x-hat) and
 * dL/dx = gamma / sqrt(var + eps) * (g - dL/dbeta / M - x-hat * dL/dgamma / M),
 * an affine function of g and x per channel.
 */
final class BatchNormRelu extends BatchNormalization {
    private static final long serialVersionUID = 1L;

    /** The last training forward pass's output (its positive entries are the ReLU's mask), until backprop takes it. */
    private transient INDArray trainingOutput;
    /** That pass's batch mean and (biased) variance per channel. */
    private transient double[] batchMean;
    private transient double[] batchVariance;

    BatchNormRelu(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray x = asImages(input.castTo(dataType));
        int channels = (int) x.size(1);
        if (channels != layerConf().getNOut()) {
            throw new IllegalArgumentException(describe() + " has " + layerConf().getNOut() + " channels, got input of shape "
                    + Arrays.toString(input.shape()));
        }
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.shape(), 'c');
        double[] mean;
        double[] variance;
        if (training) {
            double perChannel = (double) x.length() / channels;
            mean = scaled(channelTotals((in, out, dim) -> new Sum(in[0], out, dim), workspaceMgr, ArrayType.FF_WORKING_MEM, x), 1 / perChannel);
            // two passes, so the variance does not lose digits to cancellation: y is scratch space here
            Nd4j.exec(new SubOp(x, channelVector(mean).reshape(1, channels, 1, 1), y));
            variance = scaled(channelTotals((in, out, dim) -> new SquaredNorm(in[0], out, dim), workspaceMgr, ArrayType.FF_WORKING_MEM, y),
                    1 / perChannel);
        } else {
            mean = param(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            variance = runningVariance();
        }
        double[] gamma = param(BatchNormalizationParamInitializer.GAMMA);
        double[] beta = param(BatchNormalizationParamInitializer.BETA);
        double eps = layerConf().getEps();
        double[] scale = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = gamma[c] / Math.sqrt(variance[c] + eps);
            shift[c] = beta[c] - mean[c] * scale[c];
        }
        affine(x, scale, shift, y);
        Transforms.relu(y, false);
        trainingOutput = training ? y : null;
        batchMean = training ? mean : null;
        batchVariance = training ? variance : null;
        return input.rank() == 2 ? y.reshape('c', y.size(0), channels) : y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (trainingOutput == null) {
            activate(true, workspaceMgr); // no training forward pass to reuse (an inference pass came in between)
        }
        INDArray x = asImages(input.castTo(dataType));
        INDArray y = trainingOutput;
        double[] mean = batchMean;
        double[] variance = batchVariance;
        trainingOutput = null;
        int channels = (int) x.size(1);
        double count = (double) x.length() / channels;

        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        Nd4j.exec(new Step(y, dx, 0.0)); // 1 where the ReLU let its input through
        Nd4j.exec(new MulOp(epsilon.reshape(x.shape()), dx, dx)); // g: the gradient before the ReLU
        double[] sumG = channelTotals((in, out, dim) -> new Sum(in[0], out, dim), workspaceMgr, ArrayType.BP_WORKING_MEM, dx);
        double[] sumGX = channelTotals((in, out, dim) -> new Dot(in[0], in[1], out, dim), workspaceMgr, ArrayType.BP_WORKING_MEM, dx, x);

        double[] gamma = param(BatchNormalizationParamInitializer.GAMMA);
        double eps = layerConf().getEps();
        double[] dGamma = new double[channels];
        double[] gScale = new double[channels];
        double[] xScale = new double[channels];
        double[] shift = new double[channels];
        for (int c = 0; c < channels; c++) {
            double invStd = 1 / Math.sqrt(variance[c] + eps);
            dGamma[c] = invStd * (sumGX[c] - mean[c] * sumG[c]);
            gScale[c] = gamma[c] * invStd;
            xScale[c] = -gScale[c] * invStd * dGamma[c] / count;
            shift[c] = -gScale[c] * sumG[c] / count - xScale[c] * mean[c];
        }
        INDArray xTerm = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c');
        affine(x, xScale, shift, xTerm);
        affine(dx, gScale, new double[channels], dx);
        dx.addi(xTerm);

        Gradient gradient = new DefaultGradient();
        setGradient(gradient, BatchNormalizationParamInitializer.GAMMA, dGamma);
        setGradient(gradient, BatchNormalizationParamInitializer.BETA, sumG);
        runningStatisticsSteps(gradient, mean, variance);
        return new Pair<>(gradient, epsilon.rank() == 2 ? dx.reshape('c', dx.size(0), channels) : dx);
    }

    /**
     * DL4J's running-statistics update, written as a "gradient" its no-op updater subtracts:
     * mean - step = decay * mean + (1 - decay) * batch mean, and likewise for the variance (or for
     * log10 of the standard deviation, DL4J's default storage).
     */
    private void runningStatisticsSteps(Gradient gradient, double[] mean, double[] variance) {
        double decay = layerConf().getDecay();
        double[] runningMean = param(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        double[] meanStep = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            meanStep[c] = (1 - decay) * (runningMean[c] - mean[c]);
        }
        setGradient(gradient, BatchNormalizationParamInitializer.GLOBAL_MEAN, meanStep);
        double[] runningVariance = runningVariance();
        double[] varianceStep = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            double updated = decay * runningVariance[c] + (1 - decay) * variance[c];
            varianceStep[c] = layerConf().isUseLogStd()
                    ? 0.5 * Math.log10(runningVariance[c] / updated) // log10 std now - log10 std updated
                    : runningVariance[c] - updated;
        }
        setGradient(gradient, layerConf().isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR, varianceStep);
    }

    private double[] runningVariance() {
        if (!layerConf().isUseLogStd()) {
            return param(BatchNormalizationParamInitializer.GLOBAL_VAR);
        }
        double[] variance = param(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        for (int c = 0; c < variance.length; c++) {
            variance[c] = Math.pow(10, 2 * variance[c]);
        }
        return variance;
    }

    private double[] param(String key) {
        return getParam(key).toDoubleVector();
    }

    private void setGradient(Gradient gradient, String key, double[] values) {
        INDArray view = gradientViews.get(key);
        view.assign(channelVector(values).reshape(view.shape()));
        gradient.setGradientFor(key, view);
    }

    /** out = scale * in + shift per channel (DL4J's batch-norm op, oneDNN's where enabled, with mean 0 and variance 1). */
    private void affine(INDArray in, double[] scale, double[] shift, INDArray out) {
        int channels = scale.length;
        INDArray zeros = Nd4j.zeros(dataType, channels);
        INDArray ones = Nd4j.ones(dataType, channels);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(in, zeros, ones, channelVector(scale), channelVector(shift))
                .addOutputs(out)
                .addIntegerArguments(1, 1, 1) // apply gamma, apply beta, channel axis 1
                .addFloatingPointArguments(0.0) // eps: variance 1 + 0 divides by exactly 1
                .build());
    }

    private INDArray channelVector(double[] values) {
        return Nd4j.createFromArray(values).castTo(dataType);
    }

    /** A reduction of one or two arrays along a dimension, e.g. {@code Sum} or {@code Dot}. */
    private interface Reduction {
        Op along(INDArray[] arrays, INDArray out, int dimension);
    }

    /**
     * Per-channel totals of a reduction over examples and positions of same-shaped [N, C, H, W] arrays:
     * reduced along each contiguous (example, channel) row of H*W values, then added over examples in double.
     */
    private double[] channelTotals(Reduction reduction, LayerWorkspaceMgr workspaceMgr, ArrayType arrayType, INDArray... images) {
        long examples = images[0].size(0);
        int channels = (int) images[0].size(1);
        long positions = images[0].length() / (examples * channels);
        if (positions == 1) {
            // dense activations: ND4J returns the input of a reduction along a length-1 dimension, so reduce over examples
            INDArray totals = workspaceMgr.createUninitialized(arrayType, dataType, channels);
            Nd4j.exec(reduction.along(reshaped(images, examples, channels), totals, 0));
            return totals.toDoubleVector();
        }
        INDArray rowTotals = workspaceMgr.createUninitialized(arrayType, dataType, examples * channels);
        Nd4j.exec(reduction.along(reshaped(images, examples * channels, positions), rowTotals, 1));
        double[] rows = rowTotals.toDoubleVector();
        double[] totals = new double[channels];
        for (int i = 0; i < rows.length; i++) {
            totals[i % channels] += rows[i]; // row n*C + c
        }
        return totals;
    }

    private static INDArray[] reshaped(INDArray[] arrays, long rows, long columns) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = arrays[i].reshape('c', rows, columns);
        }
        return out;
    }

    private static double[] scaled(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }

    /** The input as contiguous [N, C, H, W] (dense [N, C] as [N, C, 1, 1]). */
    private INDArray asImages(INDArray x) {
        if (x.rank() == 2) {
            return x.reshape('c', x.size(0), x.size(1), 1, 1);
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException(describe() + " takes images [N, C, H, W] or dense activations [N, C], got shape "
                    + Arrays.toString(x.shape()));
        }
        return Shape.hasDefaultStridesForShape(x) ? x : x.dup('c');
    }

    private String describe() {
        return "BatchNormReluLayer" + (layerConf().getLayerName() == null ? "" : " '" + layerConf().getLayerName() + "'");
    }

    @Override
    public void clear() {
        super.clear();
        trainingOutput = null;
        batchMean = null;
        batchVariance = null;
    }
}
