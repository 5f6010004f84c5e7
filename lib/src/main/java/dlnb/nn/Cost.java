package dlnb.nn;

import java.util.List;

/** One layer's shapes and counts for one example; totals are exact (an overflow is an error, not a wrapped number). */
public record Cost(String name, FeatureMap in, FeatureMap out, long weights, long params, long macs) {
    public Cost {
        dlnb.Args.notNull("in", in);
        dlnb.Args.notNull("out", out);
        dlnb.Args.check(weights >= 0 && params >= weights && macs >= 0, name + ": counts must be zero or more with params >= weights,"
                + " got weights " + weights + ", params " + params + ", MACs " + macs);
    }

    /** Activations this layer stores: the values of its output. */
    public long activations() {
        return out.values();
    }

    public static long totalMacs(List<Cost> costs) {
        return Exact.total("total MACs", costs, Cost::macs);
    }

    public static long totalParams(List<Cost> costs) {
        return Exact.total("total parameters", costs, Cost::params);
    }

    public static long totalActivations(List<Cost> costs) {
        return Exact.total("total activations", costs, Cost::activations);
    }
}
