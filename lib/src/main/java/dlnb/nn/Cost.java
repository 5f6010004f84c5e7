package dlnb.nn;

import java.util.List;

/** One layer's shapes and counts for one example. */
public record Cost(String name, FeatureMap in, FeatureMap out, long weights, long params, long macs) {
    /** Activations this layer stores: the values of its output. */
    public long activations() {
        return out.values();
    }

    public static long totalMacs(List<Cost> costs) {
        return costs.stream().mapToLong(Cost::macs).sum();
    }

    public static long totalParams(List<Cost> costs) {
        return costs.stream().mapToLong(Cost::params).sum();
    }

    public static long totalActivations(List<Cost> costs) {
        return costs.stream().mapToLong(Cost::activations).sum();
    }
}
