package dlnb.nn;

import dlnb.Args;

/** A fully connected layer on the flattened input: params = inputs x units + units; MACs = inputs x units. */
public record Dense(int units) implements Op {
    public Dense {
        Args.positive("units", units);
    }

    @Override
    public FeatureMap output(FeatureMap in) {
        return FeatureMap.vector(units);
    }

    @Override
    public long weights(FeatureMap in) {
        return Exact.product("weights of " + this + " on " + Args.notNull("in", in), in.values(), units);
    }

    @Override
    public long params(FeatureMap in) {
        return Exact.sum("parameters of " + this + " on " + in, weights(in), units);
    }

    @Override
    public long macs(FeatureMap in) {
        return weights(in);
    }

    @Override
    public String toString() {
        return "dense " + units;
    }
}
