package dlnb.nn;

import dlnb.Args;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The per-layer arithmetic of a DL4J {@link MultiLayerConfiguration}: for every layer its output shape, the number
 * of values it outputs per example, its weights and biases, computed by the {@code dlnb.nn} calculator
 * ({@link Conv2d}, {@link Pool2d}, {@link Dense}) from the kernel, stride, padding and width read from the
 * configuration, next to DL4J's own shape propagation ({@code getLayerActivationTypes}) and parameter count
 * ({@code initializer().numParams}, nothing allocated). {@link #agrees()} says whether the two agree on every layer.
 *
 * <pre>{@code
 * LayerTable table = LayerTable.of(conf, InputType.convolutional(32, 32, 3));
 * Show.table("CNN", table.rowsWithTotal(), LayerTable.HEADERS);
 * }</pre>
 */
public final class LayerTable {
    /** Column headers for {@code Show.table} of {@link #rows()} or {@link #rowsWithTotal()}. */
    public static final String[] HEADERS = {"layer", "calculator", "output", "output values", "neurons", "weights", "biases",
            "parameters", "parameters (DL4J)", "agrees"};

    /**
     * One layer. {@code neurons} counts the output values of a layer with weights (each is a weighted sum of its
     * inputs plus a bias, put through the activation); a pooling layer's outputs are values but no neurons.
     */
    public record Row(String layer, String op, String output, long outputValues, long neurons, long weights, long biases,
                      long params, long dl4jParams, boolean agrees) {
    }

    private final FeatureMap input;
    private final List<Row> rows;

    private LayerTable(FeatureMap input, List<Row> rows) {
        this.input = input;
        this.rows = List.copyOf(rows);
    }

    /** The table of a configuration on an input type (the one its {@code setInputType} used, or another). */
    public static LayerTable of(MultiLayerConfiguration conf, InputType inputType) {
        Args.notNull("conf", conf);
        FeatureMap x = featureMap(Args.notNull("inputType", inputType));
        FeatureMap in = x;
        List<InputType> dl4jTypes = conf.getLayerActivationTypes(inputType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer " + i;
            Op op = op(layer);
            Cost cost = op.cost(name, x);
            FeatureMap dl4jOut = featureMap(dl4jTypes.get(i));
            long dl4jParams = layer.initializer().numParams(conf.getConf(i));
            boolean agrees = cost.out().values() == dl4jOut.values() && cost.params() == dl4jParams;
            rows.add(new Row(name, op.toString(), cost.out().toString(), cost.out().values(),
                    cost.weights() > 0 ? cost.out().values() : 0, cost.weights(), cost.params() - cost.weights(), cost.params(),
                    dl4jParams, agrees));
            x = cost.out();
        }
        return new LayerTable(in, rows);
    }

    public FeatureMap input() {
        return input;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The rows and a TOTAL row (output values and neurons summed over the layers; the input is not counted). */
    public List<Row> rowsWithTotal() {
        List<Row> all = new ArrayList<>(rows);
        all.add(new Row("TOTAL", "", "", total(Row::outputValues), neurons(), weights(), biases(), params(), dl4jParams(), agrees()));
        return all;
    }

    public long neurons() {
        return total(Row::neurons);
    }

    public long weights() {
        return total(Row::weights);
    }

    public long biases() {
        return total(Row::biases);
    }

    public long params() {
        return total(Row::params);
    }

    /** The sum of DL4J's per-layer counts: what {@code MultiLayerNetwork.numParams()} reports once initialised. */
    public long dl4jParams() {
        return total(Row::dl4jParams);
    }

    /** The calculator and DL4J agree on every layer's output size and parameter count. */
    public boolean agrees() {
        return rows.stream().allMatch(Row::agrees);
    }

    private long total(ToLongFunction<Row> value) {
        return Exact.total("table total", rows, value);
    }

    /**
     * The calculator's view of a DL4J layer: a {@link ConvolutionLayer} (square stride and padding, no dilation) as a
     * {@link Conv2d}, a {@link SubsamplingLayer} as a {@link Pool2d}, a dense or output layer as a {@link Dense}.
     */
    public static Op op(Layer layer) {
        Args.notNull("layer", layer);
        String name = layer.getLayerName() != null ? layer.getLayerName() : layer.getClass().getSimpleName();
        if (layer instanceof ConvolutionLayer c) {
            Args.check(!(c instanceof Deconvolution2D || c instanceof DepthwiseConvolution2D || c instanceof SeparableConvolution2D
                    || c instanceof Convolution1DLayer), name + ": a " + c.getClass().getSimpleName()
                    + " is not an ordinary 2-D convolution; the calculator has no arithmetic for it");
            square(name, "stride", c.getStride());
            square(name, "dilation", c.getDilation());
            Args.check(c.getDilation()[0] == 1, name + ": dilation " + c.getDilation()[0] + " is not in the Conv2d calculator;"
                    + " use ReceptiveField for dilated windows");
            return new Conv2d(c.getKernelSize()[0], c.getKernelSize()[1], (int) c.getNOut(), c.getStride()[0],
                    padding(name, c.getConvolutionMode(), c.getPadding()), c.hasBias());
        }
        if (layer instanceof SubsamplingLayer s) {
            square(name, "kernel", s.getKernelSize());
            square(name, "stride", s.getStride());
            return new Pool2d(s.getKernelSize()[0], s.getStride()[0], padding(name, s.getConvolutionMode(), s.getPadding()));
        }
        if (layer instanceof FeedForwardLayer f) {
            Args.check(!(f instanceof DenseLayer d) || d.hasBias(), name + ": a dense layer without biases is not in the calculator");
            return new Dense(Exact.toInt(name + " units", f.getNOut()));
        }
        throw new IllegalArgumentException(name + ": no shape arithmetic for a " + layer.getClass().getSimpleName()
                + " (convolution, subsampling, dense and output layers are supported)");
    }

    /** The window of a convolution or subsampling layer for {@link ReceptiveField} (explicit padding only). */
    public static ReceptiveField.Layer window(Layer layer) {
        Args.notNull("layer", layer);
        String name = layer.getLayerName() != null ? layer.getLayerName() : layer.getClass().getSimpleName();
        int[] k, s, p, d;
        ConvolutionMode mode;
        if (layer instanceof ConvolutionLayer c) {
            k = c.getKernelSize(); s = c.getStride(); p = c.getPadding(); d = c.getDilation(); mode = c.getConvolutionMode();
        } else if (layer instanceof SubsamplingLayer sub) {
            k = sub.getKernelSize(); s = sub.getStride(); p = sub.getPadding(); d = sub.getDilation(); mode = sub.getConvolutionMode();
        } else {
            throw new IllegalArgumentException(name + ": a " + layer.getClass().getSimpleName() + " has no sliding window");
        }
        Args.check(mode != ConvolutionMode.Same, name + ": 'same' mode pads by the input size; give explicit padding");
        square(name, "kernel", k);
        square(name, "stride", s);
        square(name, "padding", p);
        square(name, "dilation", d);
        return new ReceptiveField.Layer(name, k[0], s[0], p[0], d[0]);
    }

    /** The calculator's view of a DL4J input type (convolutional: height x width x channels; else a vector). */
    public static FeatureMap featureMap(InputType type) {
        Args.notNull("type", type);
        if (type instanceof InputType.InputTypeConvolutional c) {
            return new FeatureMap(Exact.toInt("height", c.getHeight()), Exact.toInt("width", c.getWidth()),
                    Exact.toInt("channels", c.getChannels()));
        }
        return FeatureMap.vector(Exact.toInt("vector size", type.arrayElementsPerExample()));
    }

    private static Padding padding(String name, ConvolutionMode mode, int[] padding) {
        if (mode == ConvolutionMode.Same) {
            return Padding.same();
        }
        square(name, "padding", padding);
        return Padding.of(padding[0]);
    }

    private static void square(String name, String what, int[] values) {
        Args.check(values.length == 2 && values[0] == values[1], name + ": the calculator needs the same " + what
                + " along height and width, got " + Arrays.toString(values));
    }
}
