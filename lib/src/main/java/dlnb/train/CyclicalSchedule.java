package dlnb.train;

import dlnb.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Locale;
import java.util.Objects;

/**
 * Cyclical learning rates as Smith defines them (Cyclical Learning Rates for Training Neural
 * Networks, WACV 2017): over iterations {@code it}, with half-cycle length {@code stepSize},
 * <pre>
 *   cycle = floor(1 + it / (2 stepSize))
 *   x     = |it / stepSize - 2 cycle + 1|
 *   lr    = base + (max - base) * max(0, 1 - x) * scale
 * </pre>
 * where scale is 1 ({@link Policy#TRIANGULAR}), {@code 1/2^(cycle-1)} ({@link Policy#TRIANGULAR2}:
 * the amplitude halves every cycle) or {@code gamma^it} ({@link Policy#EXP_RANGE}). The rate starts
 * at base, reaches max after stepSize iterations and is back at base after 2 stepSize.
 * A DL4J {@link ISchedule}; it reads the iteration and ignores the epoch.
 */
public final class CyclicalSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    /** Smith's three policies. */
    public enum Policy {
        TRIANGULAR, TRIANGULAR2, EXP_RANGE
    }

    private final Policy policy;
    private final double base;
    private final double max;
    private final int stepSize;
    private final double gamma;

    /**
     * @param gamma only used by {@link Policy#EXP_RANGE}, in (0, 1]; pass 1 for the others
     */
    public CyclicalSchedule(@JsonProperty("policy") Policy policy, @JsonProperty("base") double base,
                            @JsonProperty("max") double max, @JsonProperty("stepSize") int stepSize,
                            @JsonProperty("gamma") double gamma) {
        this.policy = Args.notNull("policy", policy);
        this.base = Args.nonNegative("base", base);
        this.max = Args.positive("max", max);
        Args.check(max > base, "max must be greater than base (" + base + "), got " + max);
        this.stepSize = Args.positive("stepSize", stepSize);
        Args.check(gamma > 0 && gamma <= 1, "gamma must be in (0, 1], got " + gamma);
        Args.check(policy == Policy.EXP_RANGE || gamma == 1, "gamma is only used by EXP_RANGE; pass 1 for " + policy + ", got " + gamma);
        this.gamma = gamma;
    }

    /** Constant amplitude: {@code base} to {@code max} and back every {@code 2 stepSize} iterations. */
    public static CyclicalSchedule triangular(double base, double max, int stepSize) {
        return new CyclicalSchedule(Policy.TRIANGULAR, base, max, stepSize, 1);
    }

    /** The amplitude halves after every cycle. */
    public static CyclicalSchedule triangular2(double base, double max, int stepSize) {
        return new CyclicalSchedule(Policy.TRIANGULAR2, base, max, stepSize, 1);
    }

    /** The amplitude decays as {@code gamma^iteration}. */
    public static CyclicalSchedule expRange(double base, double max, int stepSize, double gamma) {
        return new CyclicalSchedule(Policy.EXP_RANGE, base, max, stepSize, gamma);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        Args.nonNegative("iteration", iteration);
        double cycle = Math.floor(1 + iteration / (2.0 * stepSize));
        double x = Math.abs(iteration / (double) stepSize - 2 * cycle + 1);
        return base + (max - base) * Math.max(0, 1 - x) * scale(iteration, cycle);
    }

    /** Smith's cycle number, from 1. */
    public int cycle(int iteration) {
        return (int) Math.floor(1 + iteration / (2.0 * stepSize));
    }

    private double scale(int iteration, double cycle) {
        return switch (policy) {
            case TRIANGULAR -> 1;
            case TRIANGULAR2 -> 1 / Math.pow(2, cycle - 1);
            case EXP_RANGE -> Math.pow(gamma, iteration);
        };
    }

    @Override
    public ISchedule clone() {
        return new CyclicalSchedule(policy, base, max, stepSize, gamma);
    }

    public Policy getPolicy() {
        return policy;
    }

    public double getBase() {
        return base;
    }

    public double getMax() {
        return max;
    }

    public int getStepSize() {
        return stepSize;
    }

    public double getGamma() {
        return gamma;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CyclicalSchedule c && c.policy == policy && c.base == base && c.max == max
                && c.stepSize == stepSize && c.gamma == gamma;
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, base, max, stepSize, gamma);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CyclicalSchedule(%s, base %g, max %g, step size %d%s)", policy, base, max, stepSize,
                policy == Policy.EXP_RANGE ? ", gamma " + gamma : "");
    }
}
