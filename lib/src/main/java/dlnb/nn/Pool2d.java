package dlnb.nn;

import dlnb.Args;

/** Max or average pooling over a kernel x kernel window: channels unchanged, no parameters, no multiply-adds counted. */
public record Pool2d(int kernel, int stride, Padding padding) implements Op {
    public Pool2d {
        Args.positive("kernel", kernel);
        Args.positive("stride", stride);
        Args.notNull("padding", padding);
    }

    /** Window {@code kernel}, stride {@code stride}, no padding (e.g. VGG's 2x2 stride 2). */
    public static Pool2d of(int kernel, int stride) {
        return new Pool2d(kernel, stride, Padding.of(0));
    }

    public Pool2d same() {
        return new Pool2d(kernel, stride, Padding.same());
    }

    @Override
    public FeatureMap output(FeatureMap in) {
        Args.notNull("in", in);
        return new FeatureMap(padding.outputSize("height", in.height(), kernel, stride),
                padding.outputSize("width", in.width(), kernel, stride), in.channels());
    }

    @Override
    public long params(FeatureMap in) {
        return 0;
    }

    @Override
    public long weights(FeatureMap in) {
        return 0;
    }

    @Override
    public long macs(FeatureMap in) {
        return 0;
    }

    @Override
    public String toString() {
        return "pool " + kernel + "x" + kernel + ", stride " + stride + ", " + padding;
    }
}
