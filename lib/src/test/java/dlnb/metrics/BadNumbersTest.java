package dlnb.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault class 6 in the metrics: curves and their areas refuse NaN and infinite points with the point's index. */
class BadNumbersTest {
    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    @Test
    void nanPointInACurve() {
        assertRejected(() -> new Curve("ROC", new double[]{0, 0.5, 1}, new double[]{0, Double.NaN, 1}).trapezoidArea(),
                "ROC: point 1 is (0.5, NaN)", "must be finite");
    }

    @Test
    void infinitePointInACurve() {
        assertRejected(() -> new Curve("PR", new double[]{0, Double.POSITIVE_INFINITY}, new double[]{1, 0.5}),
                "PR: point 1 is (Infinity, 0.5)");
    }

    @Test
    void nanScore() {
        assertRejected(() -> ConfusionSteps.of(new double[]{0.1, Double.NaN, 0.3}, new int[]{0, 1, 1}), "scores[1] must be finite, got NaN");
    }

    @Test
    void infiniteScore() {
        assertRejected(() -> ConfusionSteps.of(new double[]{0.1, 0.2, Double.NEGATIVE_INFINITY}, new int[]{0, 1, 1}),
                "scores[2] must be finite, got -Infinity");
    }
}
