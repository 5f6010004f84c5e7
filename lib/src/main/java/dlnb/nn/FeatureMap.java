package dlnb.nn;

import dlnb.Args;

/** The shape of one example's activations: height x width x channels (a dense layer's output is 1 x 1 x units). */
public record FeatureMap(int height, int width, int channels) {
    public FeatureMap {
        Args.positive("height", height);
        Args.positive("width", width);
        Args.positive("channels", channels);
    }

    public static FeatureMap square(int size, int channels) {
        return new FeatureMap(size, size, channels);
    }

    public static FeatureMap vector(int units) {
        return new FeatureMap(1, 1, units);
    }

    /** Number of values (activations) per example. */
    public long values() {
        return Exact.product("values of the feature map " + this, height, width, channels);
    }

    /** Memory per example in float32 (4 bytes per value). */
    public long bytesFloat32() {
        return Exact.product("float32 bytes of the feature map " + this, 4, values());
    }

    public FeatureMap withChannels(int c) {
        return new FeatureMap(height, width, c);
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
