package dlnb.nn;

/** A layer's shape arithmetic: what comes out of a given input, how many parameters, how many multiply-adds. */
public interface Op {
    FeatureMap output(FeatureMap in);

    /** Trainable parameters, biases included. */
    long params(FeatureMap in);

    /** Weights only (no biases). */
    long weights(FeatureMap in);

    /** Multiply-accumulate operations for one example (a MAC is one multiplication and one addition). */
    long macs(FeatureMap in);

    /** All of the above for one input, under a name. */
    default Cost cost(String name, FeatureMap in) {
        return new Cost(name, in, output(in), weights(in), params(in), macs(in));
    }
}
