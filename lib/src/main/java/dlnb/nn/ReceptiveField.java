package dlnb.nn;

import dlnb.Args;

import java.util.ArrayList;
import java.util.List;

/**
 * Receptive fields of a stack of sliding-window layers (convolutions, pooling) along one spatial axis, by the
 * recursion of Araujo, Norris and Sim, "Computing Receptive Fields of Convolutional Neural Networks", Distill
 * (2019), with the window arithmetic of Dumoulin and Visin, "A guide to convolution arithmetic for deep learning"
 * (2016). For a layer with kernel k, stride s, zero padding p (each side) and dilation d, on an input whose units
 * have receptive field r, jump j (input pixels between neighbouring units) and start (the input coordinate of the
 * centre of the first unit's field, pixel centres at 0, 1, 2, ...):
 *
 * <pre>
 *   k_eff = d (k - 1) + 1                      (the dilated window's extent)
 *   n_out = floor((n_in + 2p - k_eff) / s) + 1 (the output's size)
 *   j_out = j_in s
 *   r_out = r_in + (k_eff - 1) j_in
 *   start_out = start_in + ((k_eff - 1) / 2 - p) j_in
 * </pre>
 *
 * starting from the input itself: n_0 = its size, r_0 = 1, j_0 = 1, start_0 = 0. Pooling is the same window
 * arithmetic (a pool is a window with no weights). Square windows: the same numbers hold along each axis.
 *
 * <pre>{@code
 * List<ReceptiveField.Row> rows = ReceptiveField.of(224, ReceptiveField.conv(3).pad(1), ReceptiveField.pool(2, 2));
 * }</pre>
 */
public final class ReceptiveField {
    private ReceptiveField() {
    }

    /** One layer's window: kernel, stride, zero padding on each side, dilation (1 = none), under a name. */
    public record Layer(String name, int kernel, int stride, int padding, int dilation) {
        public Layer {
            Args.notNull("name", name);
            Args.check(kernel >= 1, name + ": kernel must be at least 1, got " + kernel);
            Args.check(stride >= 1, name + ": stride must be at least 1, got " + stride
                    + (stride == 0 ? " (a stride of 0 never moves the window)" : ""));
            Args.check(padding >= 0, name + ": padding must be 0 or more (zeros added on each side), got " + padding);
            Args.check(dilation >= 1, name + ": dilation must be at least 1 (1 = an ordinary window), got " + dilation);
        }

        public Layer stride(int s) {
            return new Layer(name, kernel, s, padding, dilation);
        }

        public Layer pad(int p) {
            return new Layer(name, kernel, stride, p, dilation);
        }

        /** Padding (k_eff - 1) / 2, which keeps the size at stride 1 ("same"; k_eff must be odd). */
        public Layer padSame() {
            int k = effectiveKernel();
            Args.check(k % 2 == 1, name + ": 'same' padding needs an odd effective kernel, got " + k);
            return pad((k - 1) / 2);
        }

        public Layer dilation(int d) {
            return new Layer(name, kernel, stride, padding, d);
        }

        public Layer named(String newName) {
            return new Layer(newName, kernel, stride, padding, dilation);
        }

        /** k_eff = d (k - 1) + 1: the input extent one window spans. */
        public int effectiveKernel() {
            return Exact.toInt(name + ": effective kernel", (long) dilation * (kernel - 1) + 1);
        }
    }

    /**
     * A layer's output: its size along the axis, the jump between neighbouring units (in input pixels), the
     * receptive field (in input pixels) and the centre of the first unit's field (input coordinates; it is below
     * 0 when the field reaches into the padding).
     */
    public record Row(int depth, String layer, int kernel, int stride, int padding, int dilation, int effectiveKernel,
                      int size, long jump, long field, double start) {
        /** The input coordinate of the first unit's field's left edge: start - (r - 1) / 2. */
        public double firstCovered() {
            return start - (field - 1) / 2.0;
        }
    }

    /** A convolution window k x k, stride 1, no padding, no dilation. */
    public static Layer conv(int kernel) {
        return new Layer("conv " + kernel + "x" + kernel, kernel, 1, 0, 1);
    }

    /** A pooling window k x k with stride s, no padding. */
    public static Layer pool(int kernel, int stride) {
        return new Layer("pool " + kernel + "x" + kernel, kernel, stride, 0, 1);
    }

    /** The rows of a stack on an input of {@code inputSize} pixels along the axis; row 0 is the input itself. */
    public static List<Row> of(int inputSize, Layer... layers) {
        return of(inputSize, List.of(Args.notNull("layers", layers)));
    }

    public static List<Row> of(int inputSize, List<Layer> layers) {
        Args.check(inputSize >= 1, "input size must be at least 1 pixel, got " + inputSize);
        Args.notNull("layers", layers);
        List<Row> rows = new ArrayList<>();
        Row in = new Row(0, "input", 1, 1, 0, 1, 1, inputSize, 1, 1, 0.0);
        rows.add(in);
        for (Layer layer : layers) {
            in = next(in, Args.notNull("layer " + (in.depth() + 1), layer));
            rows.add(in);
        }
        return rows;
    }

    /** The receptive field of the last layer of the stack. */
    public static long field(int inputSize, Layer... layers) {
        List<Row> rows = of(inputSize, layers);
        return rows.get(rows.size() - 1).field();
    }

    private static Row next(Row in, Layer layer) {
        int k = layer.effectiveKernel();
        int depth = in.depth() + 1;
        long padded = (long) in.size() + 2L * layer.padding();
        Args.check(padded >= k, "layer " + depth + " (" + layer.name() + "): "
                + (layer.dilation() > 1 ? "the dilated kernel " + layer.kernel() + " with dilation " + layer.dilation()
                + " spans " + k : "kernel " + k) + ", larger than the padded input " + in.size() + " + 2 x "
                + layer.padding() + " = " + padded + "; use a smaller kernel, more padding or a larger input");
        int size = Exact.toInt("layer " + depth + " output size", (padded - k) / layer.stride() + 1);
        long field = Exact.sum("layer " + depth + " receptive field", in.field(),
                Exact.product("layer " + depth + " field growth", k - 1, in.jump()));
        long jump = Exact.product("layer " + depth + " jump", in.jump(), layer.stride());
        double start = in.start() + ((k - 1) / 2.0 - layer.padding()) * in.jump();
        return new Row(depth, layer.name(), layer.kernel(), layer.stride(), layer.padding(), layer.dilation(), k, size,
                jump, field, start);
    }
}
