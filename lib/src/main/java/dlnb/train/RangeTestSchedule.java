package dlnb.train;

import dlnb.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Locale;
import java.util.Objects;

/**
 * The learning rate of an LR range test: rising exponentially from {@code start} at iteration 0 to
 * {@code end} at iteration {@code iterations - 1}, {@code lr(i) = start * (end/start)^(i/(iterations-1))},
 * and staying at {@code end} after that. Equal steps on a log axis, so every decade gets as many
 * iterations. A DL4J {@link ISchedule} over iterations, for {@code .updater(new Nesterovs(schedule, 0.9))}.
 */
public final class RangeTestSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    private final double start;
    private final double end;
    private final int iterations;

    public RangeTestSchedule(@JsonProperty("start") double start, @JsonProperty("end") double end,
                             @JsonProperty("iterations") int iterations) {
        this.start = Args.positive("start", start);
        this.end = Args.positive("end", end);
        this.iterations = Args.atLeast("iterations", iterations, 2);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int i = Math.max(0, Math.min(iteration, iterations - 1));
        return start * Math.pow(end / start, i / (double) (iterations - 1));
    }

    @Override
    public ISchedule clone() {
        return new RangeTestSchedule(start, end, iterations);
    }

    public double getStart() {
        return start;
    }

    public double getEnd() {
        return end;
    }

    public int getIterations() {
        return iterations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeTestSchedule r && r.start == start && r.end == end && r.iterations == iterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end, iterations);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RangeTestSchedule(%g to %g over %d iterations)", start, end, iterations);
    }
}
