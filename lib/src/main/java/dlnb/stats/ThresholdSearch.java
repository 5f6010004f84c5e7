package dlnb.stats;

import dlnb.Args;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import java.util.function.DoubleUnaryOperator;

/**
 * The threshold {@code t} of a yes/no property of a positive parameter {@code x} that holds for
 * {@code x >= t} and not below (e.g. "one pass of SGD at learning rate x diverges"), bracketed by
 * doubling and then narrowed by bisection on a log scale.
 *
 * <pre>{@code
 * ThresholdSearch.Result r = ThresholdSearch.of(lr -> lossAfterOnePass(lr), loss -> !(loss <= initialLoss))
 *         .from(0.01).tolerance(0.05).run();
 * r.below();   // the largest x seen without the property
 * r.above();   // the smallest x seen with it: below < t <= above, above / below <= 1.05
 * }</pre>
 *
 * <p>Algorithm. Probe {@code x0 = start} (phase START). If the property does not hold, double {@code x} until it
 * does (phase DOUBLING); if it holds already, halve until it does not (HALVING). That brackets the
 * threshold in {@code [x/2, x]}. Then probe the geometric midpoint {@code sqrt(below * above)} and keep the
 * half that still brackets it (BISECTION), until {@code above / below <= 1 + tolerance}. From a bracket of
 * ratio 2 that takes {@code ceil(log2(ln 2 / ln(1 + tolerance)))} probes (4 for 5 %). The midpoint is
 * geometric because the threshold is a scale (a learning rate): each probe halves the bracket's log-width.
 * Every probe is kept, with the value the probe returned, for tables and charts.
 *
 * <p>If the property is not monotone in {@code x} (training noise), the result is still a bracket of
 * two probes that disagree, but not necessarily the only one: the trials list shows what was seen.
 * This is the usual doubling-then-bisection search (exponential search followed by binary search,
 * Bentley and Yao, <i>An almost optimal algorithm for unbounded searching</i>, 1976).
 */
public final class ThresholdSearch {
    /** Which part of the search made a probe. */
    public enum Phase { START, DOUBLING, HALVING, BISECTION }

    /** One probe: its number (from 1), phase, parameter, the value the probe returned, and whether the property held. */
    public record Trial(int index, Phase phase, double x, double value, boolean crossed) {
    }

    /**
     * The final bracket {@code below < t <= above} and every probe in the order made.
     */
    public record Result(double below, double above, List<Trial> trials) {
        /** {@code above / below}: at most {@code 1 + tolerance}. */
        public double ratio() {
            return above / below;
        }

        /** The trial that probed {@code x} (the last one, if several did). */
        public Trial trialAt(double x) {
            for (int i = trials.size() - 1; i >= 0; i--) {
                if (trials.get(i).x() == x) {
                    return trials.get(i);
                }
            }
            throw new IllegalArgumentException("no trial probed x = " + x);
        }
    }

    private final DoubleUnaryOperator probe;
    private final DoublePredicate crossed;
    private double start = 1;
    private double tolerance = 0.05;
    private int maxTrials = 60;

    private ThresholdSearch(DoubleUnaryOperator probe, DoublePredicate crossed) {
        this.probe = probe;
        this.crossed = crossed;
    }

    /**
     * @param probe   computes a value at {@code x} (e.g. the training loss after one pass at learning rate x)
     * @param crossed whether that value means the property holds (e.g. loss above the initial loss, or not finite)
     */
    public static ThresholdSearch of(DoubleUnaryOperator probe, DoublePredicate crossed) {
        return new ThresholdSearch(Args.notNull("probe", probe), Args.notNull("crossed", crossed));
    }

    /** The first parameter probed (positive; 1 by default). */
    public ThresholdSearch from(double start) {
        Args.check(start > 0 && Double.isFinite(start), "start must be positive and finite, got " + start);
        this.start = start;
        return this;
    }

    /** Stop when {@code above / below <= 1 + relative} (0.05 by default). */
    public ThresholdSearch tolerance(double relative) {
        Args.check(relative > 0 && Double.isFinite(relative), "tolerance must be positive and finite, got " + relative);
        tolerance = relative;
        return this;
    }

    /** At most this many probes in all (60 by default); more is an error. */
    public ThresholdSearch maxTrials(int n) {
        maxTrials = Args.positive("maxTrials", n);
        return this;
    }

    public Result run() {
        List<Trial> trials = new ArrayList<>();
        double x = start;
        boolean first = probe(trials, Phase.START, x);
        Phase phase = first ? Phase.HALVING : Phase.DOUBLING;
        double below;
        double above;
        if (!first) {
            do {
                below = x;
                x *= 2;
            } while (!probe(trials, phase, x));
            above = x;
        } else {
            do {
                above = x;
                x /= 2;
            } while (probe(trials, phase, x));
            below = x;
        }
        while (above / below > 1 + tolerance) {
            double mid = Math.sqrt(below * above);
            if (probe(trials, Phase.BISECTION, mid)) {
                above = mid;
            } else {
                below = mid;
            }
        }
        return new Result(below, above, Collections.unmodifiableList(trials));
    }

    private boolean probe(List<Trial> trials, Phase phase, double x) {
        if (trials.size() >= maxTrials) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "no threshold bracketed within maxTrials = %d probes from start = %g (last probe x = %g): "
                            + "start closer to the threshold or raise maxTrials", maxTrials, start, x));
        }
        Args.check(x > 0 && Double.isFinite(x), "the search left the positive finite numbers at x = " + x);
        double value = probe.applyAsDouble(x);
        boolean c = crossed.test(value);
        trials.add(new Trial(trials.size() + 1, phase, x, value, c));
        return c;
    }
}
