package dlnb.train;

import dlnb.Args;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * DL4J's training step for a {@link MultiLayerNetwork} of dense layers (an MLP), computed in Java and OpenBLAS:
 * the same forward pass, softmax cross-entropy loss, backprop, division by the batch size and updater
 * rule (SGD, Nesterov momentum or Adam, with their schedules) as {@code net.fit(batch)}, on heap copies
 * of the network's parameters and updater state.
 *
 * <pre>{@code
 * DenseStep step = DenseStep.of(net);          // net: DenseLayers + a softmax OutputLayer, built with DL4J's API
 * for (DataSet batch : batches) step.fit(batch);
 * step.sync();                                  // parameters and updater state back into net
 * }</pre>
 * {@link Trainer} does this by itself for every network this class supports.
 *
 * <p>Why: on a CPU, DL4J 1.0.0-M2.1 spends an MLP's step in per-operation overhead and one slow native
 * loop, not in arithmetic. Profiled on a 2-core machine (perf and JFR, MLP 784-64-10, Nesterov): 60-90% of
 * a step is ND4J's {@code nesterovs_updater} loop over the 50,890 parameters. Its momentum of weights whose
 * gradient is zero (FashionMNIST's always-black border pixels, dead ReLUs) decays into subnormal floats,
 * gets stuck there ({@code 0.9 * 4 * 2^-149} rounds back to {@code 4 * 2^-149}), and every subnormal
 * costs a microcode assist on Intel CPUs (about 140 ns an element, against 1.5 ns). The rest is dozens of
 * JNI calls, op contexts and array descriptors per step. Here a step is a few tight loops over
 * {@code float[]} that the JIT vectorises, and, from {@link #BLAS_ROWS} batch rows on, three matrix
 * products a layer on OpenBLAS (the library ND4J itself calls, on the threads {@code Dl4jRuntime.useThreads}
 * gives it): {@code out = in W}, {@code dW = in^T delta} and {@code delta_prev = delta W^T}. The JIT's
 * loops run at about 6 GFLOP/s, OpenBLAS's single-thread SGEMM at 40-80 GFLOP/s on a 16-64 x 784 x 64
 * product; a single row stays in Java, which skips zero inputs (half of FashionMNIST's pixels) and
 * needs no copies.
 *
 * <p>Same numbers: the maths and its order follow DL4J's (weights and biases as {@code W: [nIn, nOut]},
 * gradient {@code p - y} for softmax with cross-entropy, sums divided by the batch size, the updater
 * formulas of ND4J's native updaters, {@code params -= update}); sums run in another order, so results
 * agree to float rounding ({@code DenseStepTest} trains both side by side). One deliberate difference:
 * updater state below {@link Float#MIN_NORMAL} is set to zero every {@link #FLUSH_EVERY} steps (and on
 * {@link #load}); the updates it would have made are below 10<sup>-38</sup>, which no parameter of normal
 * size can absorb. A momentum decaying by 0.9 a step takes hundreds of steps from normal sizes to
 * subnormal ones, so it spends at most {@code FLUSH_EVERY - 1} steps there before it is flushed.
 *
 * <p>The Java copies are the current ones between {@link #fit} and {@link #sync}: read the network's
 * parameters only after {@code sync()}. The network's iteration count and score are kept up to date on
 * every step (schedules and {@code net.score()} see them).
 */
public final class DenseStep {
    /**
     * Batches of this many rows or more multiply on OpenBLAS. Measured on 2 cores (784 x 64 layer, one thread):
     * at 2 rows an SGEMM and its copies take 30 us against the Java loop's 28-55 us (half to no zero inputs),
     * at 16 rows 37 against 260 us.
     */
    static final int BLAS_ROWS = 2;
    /** Steps between flushes of subnormal updater state to zero (a power of two). */
    static final int FLUSH_EVERY = 16;

    private final MultiLayerNetwork net;
    private final Dense[] layers;
    private final boolean divideByBatch;
    private final double clipEps;
    private final INDArray paramsView;
    private final INDArray stateView;
    private float[] x = new float[0];
    private float[] y = new float[0];
    private double score = Double.NaN;
    private boolean unsynced;

    private DenseStep(MultiLayerNetwork net) {
        this.net = net;
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        divideByBatch = conf.getConf(0).isMiniBatch();
        Layer[] dl4j = net.getLayers();
        layers = new Dense[dl4j.length];
        long offset = 0;
        for (int l = 0; l < dl4j.length; l++) {
            BaseLayer c = (BaseLayer) dl4j[l].conf().getLayer();
            org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) c;
            layers[l] = new Dense(Math.toIntExact(ff.getNIn()), Math.toIntExact(ff.getNOut()), Act.of(c.getActivationFn()), offset);
            offset += dl4j[l].numParams();
        }
        clipEps = ((LossMCXENT) ((OutputLayer) dl4j[dl4j.length - 1].conf().getLayer()).getLossFn()).getSoftmaxClipEps();
        paramsView = net.params();
        Updater updater = net.getUpdater(); // created on first use
        INDArray state = updater.getStateViewArray();
        stateView = state == null || state.length() == 0 ? null : state;
        for (UpdaterBlock block : ((BaseMultiLayerUpdater<?>) updater).getUpdaterBlocks()) {
            for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
                Dense d = layers[((Layer) p.getLayer()).getIndex()];
                boolean weights = "W".equals(p.getParamName());
                if (p.getParamOffsetStart() != d.offset + (weights ? 0 : d.w.length)) {
                    throw new IllegalStateException("unexpected parameter layout: " + p.getParamName() + " of layer " + d.offset);
                }
                IUpdater config = block.getGradientUpdater().getConfig();
                int stateOffset = block.getUpdaterViewOffsetStart() + p.getParamOffsetStart() - block.getParamOffsetStart();
                int blockLength = block.getParamOffsetEnd() - block.getParamOffsetStart();
                if (weights) {
                    d.wRule = Rule.of(config, d.w.length, stateOffset, blockLength);
                } else {
                    d.bRule = Rule.of(config, d.b.length, stateOffset, blockLength);
                }
            }
        }
        for (Dense d : layers) {
            if (d.wRule == null) {
                d.wRule = Rule.none(d.w.length);
            }
            if (d.bRule == null) {
                d.bRule = Rule.none(d.b.length);
            }
        }
        load();
    }

    /**
     * A fast step for {@code net}.
     *
     * @throws IllegalArgumentException naming the first setting this class does not compute (see {@link #unsupported})
     */
    public static DenseStep of(MultiLayerNetwork net) {
        Args.notNull("net", net);
        String why = unsupported(net);
        Args.check(why == null, "DenseStep cannot train this network: " + why + "; train it with net.fit(...) instead");
        return new DenseStep(net);
    }

    /** Whether {@link #of} accepts {@code net}. */
    public static boolean supports(MultiLayerNetwork net) {
        return unsupported(net) == null;
    }

    /**
     * Why {@code net} is not supported, or null if it is. Supported: initialised float networks of
     * {@link DenseLayer}s (ReLU, tanh, sigmoid or identity) and a final {@link OutputLayer} with softmax
     * and (unweighted) cross-entropy or negative log-likelihood, without preprocessors, dropout,
     * weight noise, constraints, regularisation, gradient normalisation, frozen layers or listeners, each
     * parameter updated by {@link Sgd}, {@link Nesterovs} or {@link Adam} (schedules allowed).
     */
    public static String unsupported(MultiLayerNetwork net) {
        if (net.params() == null || net.getLayers() == null) {
            return "the network is not initialised (call net.init())";
        }
        if (net.params().dataType() != DataType.FLOAT) {
            return "its parameters are " + net.params().dataType() + ", not FLOAT";
        }
        if (!net.getListeners().isEmpty()) {
            return "it has training listeners";
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getBackpropType() != BackpropType.Standard) {
            return "backprop type " + conf.getBackpropType();
        }
        if (conf.getInputPreProcessors() != null && !conf.getInputPreProcessors().isEmpty()) {
            return "it has input preprocessors";
        }
        Layer[] layers = net.getLayers();
        for (int l = 0; l < layers.length; l++) {
            org.deeplearning4j.nn.conf.layers.Layer c = layers[l].conf().getLayer();
            boolean last = l == layers.length - 1;
            String name = "layer " + l + " (" + c.getClass().getSimpleName() + ")";
            if (last ? c.getClass() != OutputLayer.class : c.getClass() != DenseLayer.class) {
                return name + " is not a " + (last ? "OutputLayer" : "DenseLayer");
            }
            BaseLayer b = (BaseLayer) c;
            if (b.getIDropout() != null || b.getWeightNoise() != null || (b.getConstraints() != null && !b.getConstraints().isEmpty())) {
                return name + " has dropout, weight noise or constraints";
            }
            if ((b.getRegularization() != null && !b.getRegularization().isEmpty())
                    || (b.getRegularizationBias() != null && !b.getRegularizationBias().isEmpty())) {
                return name + " has regularisation";
            }
            if (b.getGradientNormalization() != null && b.getGradientNormalization() != GradientNormalization.None) {
                return name + " has gradient normalisation";
            }
            if (c instanceof DenseLayer d && (!d.hasBias() || d.hasLayerNorm())) {
                return name + " has no bias or has layer normalisation";
            }
            if (c instanceof OutputLayer o && !o.hasBias()) {
                return name + " has no bias";
            }
            IActivation act = b.getActivationFn();
            if (last) {
                if (!(act instanceof ActivationSoftmax) || o(c).getLossFn() == null || o(c).getLossFn().getClass() != LossMCXENT.class
                        && !(o(c).getLossFn() instanceof org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood)) {
                    return name + " is not softmax with cross-entropy";
                }
                if (((LossMCXENT) o(c).getLossFn()).getWeights() != null) {
                    return name + " has class weights";
                }
            } else if (Act.of(act) == null) {
                return name + " has activation " + act + " (supported: ReLU, tanh, sigmoid, identity)";
            }
            for (String param : List.of("W", "b")) {
                IUpdater u = b.getUpdaterByParam(param);
                if (!(u instanceof Sgd || u instanceof Nesterovs || u instanceof Adam) || u.getClass() != Sgd.class
                        && u.getClass() != Nesterovs.class && u.getClass() != Adam.class) {
                    return name + " updates " + param + " with " + (u == null ? "no updater" : u.getClass().getSimpleName())
                            + " (supported: Sgd, Nesterovs, Adam)";
                }
            }
        }
        if (layers[0].conf().getLayer() instanceof DenseLayer d && d.getNIn() <= 0) {
            return "layer 0 has no input size";
        }
        return null;
    }

    private static OutputLayer o(org.deeplearning4j.nn.conf.layers.Layer c) {
        return (OutputLayer) c;
    }

    /**
     * One training step on {@code batch} (features {@code [B, nIn]}, one-hot or probability labels
     * {@code [B, classes]}), exactly what {@code net.fit(batch)} does to the parameters.
     */
    public void fit(DataSet batch) {
        Args.notNull("batch", batch);
        INDArray features = batch.getFeatures();
        INDArray labels = batch.getLabels();
        Dense first = layers[0];
        Dense last = layers[layers.length - 1];
        Args.check(features != null && features.rank() == 2 && features.size(1) == first.nIn,
                "features must be [batch, " + first.nIn + "], got " + (features == null ? "none" : java.util.Arrays.toString(features.shape())));
        int rows = Math.toIntExact(features.size(0));
        Args.check(rows > 0 && labels != null && labels.rank() == 2 && labels.size(0) == rows && labels.size(1) == last.nOut,
                "labels must be [" + rows + ", " + last.nOut + "], got " + (labels == null ? "none" : java.util.Arrays.toString(labels.shape())));
        Args.check(batch.getFeaturesMaskArray() == null && batch.getLabelsMaskArray() == null, "DenseStep does not support masks");
        boolean blas = rows >= BLAS_ROWS;
        // OpenBLAS reads packed float features where they are; the Java loops read a heap copy
        FloatPointer direct = blas ? packed(features) : null;
        if (direct == null) {
            x = read(features, x);
        }
        y = read(labels, y);
        int iteration = net.getIterationCount();
        int epoch = net.getEpochCount();

        float[] in = x;
        for (Dense d : layers) {
            d.forward(in, d == first ? direct : null, rows, blas);
            in = d.out;
        }
        score = last.softmaxLoss(y, rows, clipEps); // also sets last.delta = p - y
        for (int l = layers.length - 1; l >= 0; l--) {
            Dense d = layers[l];
            float[] input = l == 0 ? x : layers[l - 1].out;
            d.gradients(input, rows, blas);
            if (l > 0) {
                d.inputDelta(layers[l - 1], rows, blas);
            }
        }
        float scale = divideByBatch ? rows : 1;
        for (Dense d : layers) {
            d.wRule.apply(d.w, d.gw, scale, iteration, epoch);
            d.bRule.apply(d.b, d.gb, scale, iteration, epoch);
            d.nativeWeightsStale = true;
        }
        unsynced = true;
        net.setIterationCount(iteration + 1);
        net.setScore(score);
    }

    /** The loss of the last step, before its update (DL4J's {@code net.score()}; no regularisation here). */
    public double score() {
        return score;
    }

    /** Writes the parameters and updater state into the network (cheap when nothing changed). */
    public void sync() {
        if (!unsynced) {
            return;
        }
        float[] flat = new float[Math.toIntExact(paramsView.length())];
        float[] state = stateView == null ? null : stateView.toFloatVector();
        for (Dense d : layers) {
            d.store(flat, state);
        }
        paramsView.assign(Nd4j.createFromArray(flat).reshape(paramsView.shape()));
        if (stateView != null) {
            stateView.assign(Nd4j.createFromArray(state).reshape(stateView.shape()));
        }
        unsynced = false;
    }

    /** Reads the network's parameters and updater state (again), dropping unsynced steps. */
    public void load() {
        float[] flat = paramsView.toFloatVector();
        float[] state = stateView == null ? null : stateView.toFloatVector();
        for (Dense d : layers) {
            d.load(flat, state);
            d.nativeWeightsStale = true;
        }
        unsynced = false;
    }

    /** A pointer to the elements of a packed row-major float matrix (not a view), or null for any other array. */
    private static FloatPointer packed(INDArray a) {
        boolean packed = !a.isView() && a.dataType() == DataType.FLOAT && a.ordering() == 'c' && a.stride(1) == 1 && a.stride(0) == a.size(1);
        return packed ? new FloatPointer(a.data().addressPointer()).position(a.offset()) : null;
    }

    /** Copies a float matrix's elements (row-major) into {@code buffer}, reallocated when too small. */
    private static float[] read(INDArray a, float[] buffer) {
        int n = Math.toIntExact(a.length());
        float[] out = buffer.length >= n ? buffer : new float[n];
        FloatPointer p = packed(a);
        if (p != null) {
            p.get(out, 0, n);
        } else {
            float[] copy = a.castTo(DataType.FLOAT).dup('c').reshape(n).toFloatVector();
            System.arraycopy(copy, 0, out, 0, n);
        }
        return out;
    }

    /** Element-wise activations and their derivatives from the output. */
    private enum Act {
        IDENTITY, RELU, TANH, SIGMOID, SOFTMAX;

        static Act of(IActivation a) {
            if (a instanceof ActivationReLU r) {
                return isZero(r.getMax() == null ? null : Double.NaN) && isZero(r.getThreshold()) && isZero(r.getNegativeSlope()) ? RELU : null;
            }
            if (a instanceof ActivationIdentity) {
                return IDENTITY;
            }
            if (a instanceof ActivationTanH) {
                return TANH;
            }
            if (a instanceof ActivationSigmoid) {
                return SIGMOID;
            }
            return a instanceof ActivationSoftmax ? SOFTMAX : null;
        }

        /** {@code d *= act'} element-wise for the first {@code n} elements, the derivative taken from the activation's output {@code out}. */
        void timesDerivative(float[] d, float[] out, int n) {
            switch (this) {
                case RELU -> {
                    for (int k = 0; k < n; k++) {
                        d[k] = out[k] > 0f ? d[k] : 0f;
                    }
                }
                case TANH -> {
                    for (int k = 0; k < n; k++) {
                        d[k] *= 1 - out[k] * out[k];
                    }
                }
                case SIGMOID -> {
                    for (int k = 0; k < n; k++) {
                        d[k] *= out[k] * (1 - out[k]);
                    }
                }
                case IDENTITY -> {
                }
                case SOFTMAX -> throw new IllegalStateException("softmax is only an output activation here");
            }
        }

        /** DL4J's ReLU settings are null when unset. */
        private static boolean isZero(Double value) {
            return value == null || value == 0;
        }
    }

    /**
     * One dense layer on heap arrays. Weights are kept row-major {@code w[i * nOut + j]} (DL4J stores
     * them column-major), so that both the forward pass and the weight gradient are sweeps over
     * contiguous rows of {@code nOut} floats.
     */
    private static final class Dense {
        final int nIn;
        final int nOut;
        final Act act;
        final long offset;
        final float[] w;
        final float[] b;
        final float[] gw;
        final float[] gb;
        Rule wRule;
        Rule bRule;
        float[] out = new float[0];
        float[] delta = new float[0];
        /** Off-heap operands and results of the OpenBLAS products (row-major, as the arrays above). */
        private FloatPointer wNative;
        /** This layer's input for OpenBLAS in this step: {@link #inCopy}, or the batch's own features for layer 0. */
        private FloatPointer inNative;
        private FloatPointer inCopy;
        private FloatPointer outNative;
        private FloatPointer deltaNative;
        private FloatPointer gwNative;
        private FloatPointer inDeltaNative;
        /** Whether {@link #w} changed since it was last copied to {@link #wNative}. */
        boolean nativeWeightsStale = true;

        Dense(int nIn, int nOut, Act act, long offset) {
            this.nIn = nIn;
            this.nOut = nOut;
            this.act = act;
            this.offset = offset;
            w = new float[nIn * nOut];
            b = new float[nOut];
            gw = new float[w.length];
            gb = new float[nOut];
        }

        /** {@code out = act(in W + b)}, on OpenBLAS or in Java (which skips zero inputs, half of FashionMNIST's pixels). */
        void forward(float[] in, FloatPointer inPointer, int rows, boolean blas) {
            if (out.length < rows * nOut) {
                out = new float[rows * nOut];
                delta = new float[rows * nOut];
            }
            if (blas) {
                if (inPointer != null) {
                    inNative = inPointer;
                } else {
                    inCopy = put(inCopy, in, rows * nIn);
                    inNative = inCopy;
                }
                outNative = room(outNative, rows * nOut);
                sgemm(false, false, rows, nOut, nIn, inNative, weightsNative(), outNative);
                outNative.get(out, 0, rows * nOut);
                for (int r = 0; r < rows; r++) {
                    Loops.axpy(1f, b, 0, out, r * nOut, nOut);
                }
            } else {
                javaProduct(in, rows);
            }
            activate(rows);
        }

        /** {@code out = in W + b} in Java, four batch rows per weight row. */
        private void javaProduct(float[] in, int rows) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b, 0, out, r * nOut, nOut);
            }
            int r = 0;
            for (; r + 4 <= rows; r += 4) { // four rows at a time: each weight row is read once for the four
                int x0 = r * nIn;
                int x1 = x0 + nIn;
                int x2 = x1 + nIn;
                int x3 = x2 + nIn;
                int o = r * nOut;
                for (int i = 0; i < nIn; i++) {
                    float a0 = in[x0 + i];
                    float a1 = in[x1 + i];
                    float a2 = in[x2 + i];
                    float a3 = in[x3 + i];
                    if (a0 != 0f || a1 != 0f || a2 != 0f || a3 != 0f) {
                        Loops.axpy4(a0, a1, a2, a3, w, i * nOut, out, o, o + nOut, o + 2 * nOut, o + 3 * nOut, nOut);
                    }
                }
            }
            for (; r < rows; r++) {
                int o = r * nOut;
                int xr = r * nIn;
                for (int i = 0; i < nIn; i++) {
                    float xi = in[xr + i];
                    if (xi != 0f) {
                        Loops.axpy(xi, w, i * nOut, out, o, nOut);
                    }
                }
            }
        }

        private void activate(int rows) {
            int n = rows * nOut;
            switch (act) {
                case RELU -> {
                    for (int k = 0; k < n; k++) {
                        out[k] = out[k] > 0f ? out[k] : 0f;
                    }
                }
                case TANH -> {
                    for (int k = 0; k < n; k++) {
                        out[k] = (float) Math.tanh(out[k]);
                    }
                }
                case SIGMOID -> {
                    for (int k = 0; k < n; k++) {
                        out[k] = (float) (1 / (1 + Math.exp(-out[k])));
                    }
                }
                case SOFTMAX -> {
                    for (int row = 0; row < rows; row++) {
                        int o = row * nOut;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < nOut; j++) {
                            max = Math.max(max, out[o + j]);
                        }
                        float sum = 0;
                        for (int j = 0; j < nOut; j++) {
                            float e = (float) Math.exp(out[o + j] - max);
                            out[o + j] = e;
                            sum += e;
                        }
                        for (int j = 0; j < nOut; j++) {
                            out[o + j] /= sum;
                        }
                    }
                }
                case IDENTITY -> {
                }
            }
        }

        /** Mean cross-entropy of the softmax output (probabilities clipped to [eps, 1 - eps], as DL4J does); delta = p - y. */
        double softmaxLoss(float[] labels, int rows, double eps) {
            double loss = 0;
            int n = rows * nOut;
            for (int k = 0; k < n; k++) {
                float p = out[k];
                delta[k] = p - labels[k];
                if (labels[k] != 0f) {
                    double clipped = eps > 0 ? Math.min(Math.max(p, eps), 1 - eps) : p;
                    loss -= (float) Math.log(clipped) * labels[k];
                }
            }
            return loss / rows;
        }

        /** Weight and bias gradients (sums over the batch) from this layer's delta (w.r.t. its pre-activation). */
        void gradients(float[] in, int rows, boolean blas) {
            java.util.Arrays.fill(gb, 0f);
            for (int r = 0; r < rows; r++) {
                Loops.axpy(1f, delta, r * nOut, gb, 0, nOut);
            }
            if (blas) { // inNative still holds this layer's input from the forward pass
                deltaNative = put(deltaNative, delta, rows * nOut);
                gwNative = room(gwNative, w.length);
                sgemm(true, false, nIn, nOut, rows, inNative, deltaNative, gwNative);
                gwNative.get(gw, 0, w.length);
                return;
            }
            java.util.Arrays.fill(gw, 0f);
            int r = 0;
            for (; r + 4 <= rows; r += 4) { // four rows at a time: each gradient row is read and written once for the four
                int x0 = r * nIn;
                int d = r * nOut;
                for (int i = 0; i < nIn; i++) {
                    float a0 = in[x0 + i];
                    float a1 = in[x0 + nIn + i];
                    float a2 = in[x0 + 2 * nIn + i];
                    float a3 = in[x0 + 3 * nIn + i];
                    if (a0 != 0f || a1 != 0f || a2 != 0f || a3 != 0f) {
                        Loops.axpy4Into(a0, a1, a2, a3, delta, d, d + nOut, d + 2 * nOut, d + 3 * nOut, gw, i * nOut, nOut);
                    }
                }
            }
            for (; r < rows; r++) {
                int d = r * nOut;
                int xr = r * nIn;
                for (int i = 0; i < nIn; i++) {
                    float xi = in[xr + i];
                    if (xi != 0f) {
                        Loops.axpy(xi, delta, d, gw, i * nOut, nOut);
                    }
                }
            }
        }

        /** The previous layer's delta: {@code (delta W^T) * act'(its output)}, with this layer's weights before the update. */
        void inputDelta(Dense prev, int rows, boolean blas) {
            float[] pd = prev.delta;
            int n = rows * nIn;
            if (blas) { // deltaNative holds this layer's delta (gradients() ran first)
                inDeltaNative = room(inDeltaNative, n);
                sgemm(false, true, rows, nIn, nOut, deltaNative, weightsNative(), inDeltaNative);
                inDeltaNative.get(pd, 0, n);
            } else {
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < nIn; i++) {
                        pd[r * nIn + i] = Loops.dot(delta, r * nOut, w, i * nOut, nOut);
                    }
                }
            }
            prev.act.timesDerivative(pd, prev.out, n);
        }

        /** The weights as OpenBLAS reads them, copied again after each update. */
        private FloatPointer weightsNative() {
            if (nativeWeightsStale) {
                wNative = put(wNative, w, w.length);
                nativeWeightsStale = false;
            }
            return wNative;
        }

        /** {@code p}, or a new off-heap array when it holds fewer than {@code n} floats. */
        private static FloatPointer room(FloatPointer p, int n) {
            return p != null && p.capacity() >= n ? p : new FloatPointer(n);
        }

        /** {@code c = op(a) op(b)} with {@code op(a): [m, k]}, {@code op(b): [k, n]}, all row-major and packed. */
        private static void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, FloatPointer b, FloatPointer c) {
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k,
                    1f, a, transA ? m : k, b, transB ? k : n, 0f, c, n);
        }

        /** Copies {@code n} floats of {@code from} into {@code to} (reallocated off-heap when too small). */
        private static FloatPointer put(FloatPointer to, float[] from, int n) {
            FloatPointer p = room(to, n);
            p.put(from, 0, n);
            return p;
        }

        void load(float[] flat, float[] state) {
            int base = Math.toIntExact(offset);
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    w[i * nOut + j] = flat[base + i + j * nIn];
                }
            }
            System.arraycopy(flat, base + w.length, b, 0, nOut);
            wRule.load(state, this, true);
            bRule.load(state, this, false);
        }

        void store(float[] flat, float[] state) {
            int base = Math.toIntExact(offset);
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    flat[base + i + j * nIn] = w[i * nOut + j];
                }
            }
            System.arraycopy(b, 0, flat, base + w.length, nOut);
            wRule.store(state, this, true);
            bRule.store(state, this, false);
        }

        /** DL4J's flat index of element {@code k} of this layer's weights (our row-major order) or biases, relative to the parameter's start. */
        int flatIndex(int k, boolean weights) {
            return weights ? (k / nOut) + (k % nOut) * nIn : k;
        }
    }

    /**
     * An updater rule with its state (one or two arrays in our layout), as ND4J's native updaters
     * compute it in float: {@code params -= update}.
     */
    private abstract static class Rule {
        final float[][] state;
        final int stateOffset;
        final int blockLength;

        Rule(int length, int arrays, int stateOffset, int blockLength) {
            state = new float[arrays][length];
            this.stateOffset = stateOffset;
            this.blockLength = blockLength;
        }

        /**
         * Updates {@code p} with gradient {@code g / scale} (DL4J divides summed gradients by the batch size),
         * flushing subnormal state every {@link #FLUSH_EVERY} iterations.
         */
        final void apply(float[] p, float[] g, float scale, int iteration, int epoch) {
            update(p, g, scale, iteration, epoch);
            if ((iteration & (FLUSH_EVERY - 1)) == 0) {
                for (float[] s : state) {
                    Loops.flushSubnormals(s);
                }
            }
        }

        abstract void update(float[] p, float[] g, float scale, int iteration, int epoch);

        static Rule none(int length) {
            return new Rule(length, 0, 0, 0) {
                void update(float[] p, float[] g, float scale, int iteration, int epoch) {
                    throw new IllegalStateException("parameter without an updater");
                }
            };
        }

        static Rule of(IUpdater config, int length, int stateOffset, int blockLength) {
            if (config instanceof Nesterovs n) {
                return new Rule(length, 1, stateOffset, blockLength) {
                    void update(float[] p, float[] g, float scale, int iteration, int epoch) {
                        Loops.nesterov(p, g, state[0], scale, (float) n.getLearningRate(iteration, epoch), (float) n.currentMomentum(iteration, epoch));
                    }
                };
            }
            if (config instanceof Adam a) {
                return new Rule(length, 2, stateOffset, blockLength) {
                    void update(float[] p, float[] g, float scale, int iteration, int epoch) {
                        float lr = (float) a.getLearningRate(iteration, epoch);
                        float beta1 = (float) a.getBeta1();
                        float beta2 = (float) a.getBeta2();
                        float epsilon = (float) a.getEpsilon();
                        float beta1T = (float) Math.pow(beta1, iteration + 1);
                        float beta2T = (float) Math.pow(beta2, iteration + 1);
                        float alpha = lr * (float) Math.sqrt(1 - beta2T) / (1 - beta1T);
                        if (!Float.isFinite(alpha) || alpha == 0) {
                            alpha = epsilon;
                        }
                        Loops.adam(p, g, state[0], state[1], scale, alpha, beta1, beta2, epsilon);
                    }
                };
            }
            Sgd s = (Sgd) config;
            return new Rule(length, 0, stateOffset, blockLength) {
                void update(float[] p, float[] g, float scale, int iteration, int epoch) {
                    float lr = (float) s.getLearningRate(iteration, epoch);
                    for (int k = 0; k < p.length; k++) {
                        p[k] -= lr * (g[k] / scale);
                    }
                }
            };
        }

        /** ND4J's state layout: per updater block, array a of the block at {@code a * blockLength}, each parameter at its offset in the block. */
        void load(float[] flat, Dense d, boolean weights) {
            for (int a = 0; a < state.length; a++) {
                int base = stateOffset + a * blockLength;
                float[] s = state[a];
                for (int k = 0; k < s.length; k++) {
                    float value = flat[base + d.flatIndex(k, weights)];
                    s[k] = Math.abs(value) < Float.MIN_NORMAL ? 0f : value;
                }
            }
        }

        void store(float[] flat, Dense d, boolean weights) {
            for (int a = 0; a < state.length; a++) {
                int base = stateOffset + a * blockLength;
                float[] s = state[a];
                for (int k = 0; k < s.length; k++) {
                    flat[base + d.flatIndex(k, weights)] = s[k];
                }
            }
        }
    }
}
