package dlnb.nn;

import dlnb.Args;

/**
 * A 2-D convolution with {@code filters} output channels, a kernelH x kernelW window, a stride and a
 * padding, every filter spanning all input channels (no groups). Per example:
 * params = kH kW C_in filters + filters (biases); MACs = H_out W_out filters kH kW C_in.
 */
public record Conv2d(int kernelH, int kernelW, int filters, int stride, Padding padding, boolean bias) implements Op {
    public Conv2d {
        Args.positive("kernelH", kernelH);
        Args.positive("kernelW", kernelW);
        Args.positive("filters", filters);
        Args.positive("stride", stride);
        Args.notNull("padding", padding);
    }

    /** A square kernel, stride 1, no padding, with biases. */
    public static Conv2d of(int kernel, int filters) {
        return new Conv2d(kernel, kernel, filters, 1, Padding.of(0), true);
    }

    public Conv2d stride(int s) {
        return new Conv2d(kernelH, kernelW, filters, s, padding, bias);
    }

    public Conv2d pad(int p) {
        return new Conv2d(kernelH, kernelW, filters, stride, Padding.of(p), bias);
    }

    public Conv2d same() {
        return new Conv2d(kernelH, kernelW, filters, stride, Padding.same(), bias);
    }

    public Conv2d noBias() {
        return new Conv2d(kernelH, kernelW, filters, stride, padding, false);
    }

    @Override
    public FeatureMap output(FeatureMap in) {
        Args.notNull("in", in);
        return new FeatureMap(padding.outputSize("height", in.height(), kernelH, stride),
                padding.outputSize("width", in.width(), kernelW, stride), filters);
    }

    @Override
    public long weights(FeatureMap in) {
        return Exact.product("weights of " + this + " on " + in, kernelH, kernelW, in.channels(), filters);
    }

    @Override
    public long params(FeatureMap in) {
        return Exact.sum("parameters of " + this + " on " + in, weights(in), bias ? filters : 0);
    }

    @Override
    public long macs(FeatureMap in) {
        FeatureMap out = output(in);
        return Exact.product("MACs of " + this + " on " + in, out.height(), out.width(), out.channels(), kernelH, kernelW,
                in.channels());
    }

    @Override
    public String toString() {
        return "conv " + kernelH + "x" + kernelW + ", " + filters + " filters, stride " + stride + ", " + padding;
    }
}
