package dlnb.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdSearchTest {
    private static final double T = 3.7;

    @Test
    void doublingThenGeometricBisectionGivesTheClosedFormBracketAndProbeCount() {
        ThresholdSearch.Result r = ThresholdSearch.of(x -> x, v -> v >= T).from(0.01).tolerance(0.05).run();
        // doubling: 0.01 * 2^k for k = 0..9; 2.56 < 3.7 <= 5.12, so the bracket is [2.56, 5.12]
        List<ThresholdSearch.Trial> t = r.trials();
        assertEquals(ThresholdSearch.Phase.START, t.get(0).phase());
        for (int k = 1; k <= 9; k++) {
            assertEquals(0.01 * Math.pow(2, k), t.get(k).x(), 1e-12);
            assertEquals(ThresholdSearch.Phase.DOUBLING, t.get(k).phase());
            assertEquals(k == 9, t.get(k).crossed());
        }
        // bisection on log2 x: ceil(log2(ln 2 / ln 1.05)) = 4 probes take the ratio from 2 to 2^(1/16) = 1.0443
        assertEquals(14, t.size());
        assertEquals(4, t.stream().filter(p -> p.phase() == ThresholdSearch.Phase.BISECTION).count());
        // 16 log2(3.7 / 2.56) = 8.50..., so the threshold lies in the 9th sixteenth: [2.56 * 2^(8/16), 2.56 * 2^(9/16)]
        assertEquals(2.56 * Math.pow(2, 8 / 16.0), r.below(), 1e-12);
        assertEquals(2.56 * Math.pow(2, 9 / 16.0), r.above(), 1e-12);
        assertTrue(r.below() < T && T <= r.above());
        assertEquals(Math.pow(2, 1 / 16.0), r.ratio(), 1e-12);
        assertEquals(r.above(), r.trialAt(r.above()).value(), 0, "the probe's value is kept");
    }

    @Test
    void startAboveTheThresholdHalvesFirst() {
        ThresholdSearch.Result r = ThresholdSearch.of(x -> x, v -> v >= T).from(100).tolerance(0.01).run();
        // 100, 50, 25, 12.5, 6.25, 3.125: the first below is 3.125, bracket [3.125, 6.25]
        assertEquals(ThresholdSearch.Phase.HALVING, r.trials().get(1).phase());
        assertEquals(3.125, r.trials().get(5).x(), 0);
        assertFalse(r.trials().get(5).crossed());
        assertTrue(r.below() < T && T <= r.above());
        assertTrue(r.ratio() <= 1.01, "ratio " + r.ratio());
        // ceil(log2(ln 2 / ln 1.01)) = ceil(6.12) = 7 bisection probes
        assertEquals(6 + 7, r.trials().size());
    }

    @Test
    void nonFiniteValuesCountAsCrossedWhenThePredicateSaysSo() {
        // the probe "diverges" (NaN) from 1 upwards; the criterion !(v <= 10) treats NaN as crossed
        ThresholdSearch.Result r = ThresholdSearch.of(x -> x >= 1 ? Double.NaN : x, v -> !(v <= 10)).from(0.125).run();
        assertTrue(r.below() < 1 && 1 <= r.above(), r.toString());
        assertTrue(Double.isNaN(r.trialAt(r.above()).value()));
    }

    @Test
    void probesEachPointOnceAndStopsAtTheTrialLimitWithAClearMessage() {
        AtomicInteger calls = new AtomicInteger();
        ThresholdSearch.Result r = ThresholdSearch.of(x -> { calls.incrementAndGet(); return x; }, v -> v >= T).from(1).run();
        assertEquals(r.trials().size(), calls.get());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ThresholdSearch.of(x -> x, v -> false).from(1).maxTrials(20).run());
        assertTrue(e.getMessage().contains("maxTrials = 20"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ThresholdSearch.of(x -> x, v -> true).from(-1));
        assertThrows(IllegalArgumentException.class, () -> ThresholdSearch.of(x -> x, v -> true).tolerance(0));
    }
}
