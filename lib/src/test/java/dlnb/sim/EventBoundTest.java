package dlnb.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fault class 6 in the simulator: a schedule bigger than {@link ParameterServer#MAX_UPDATES} is refused up front, saying so. */
class EventBoundTest {
    private static void assertRejected(Executable call, String... fragments) {
        long t0 = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue((System.nanoTime() - t0) / 1e9 < 1, "refused before simulating");
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    @Test
    void horizonWithTooManyUpdates() {
        assertRejected(() -> ParameterServer.until(new double[]{1e-6, 2e-6}, 100), "the schedule until 100.0 s would have 1.500e+08 updates",
                "more than the 10,000,000", "shorten the horizon");
    }

    @Test
    void tinyComputeTime() {
        assertRejected(() -> ParameterServer.until(new double[]{1, Double.MIN_VALUE}, 1), "updates, more than the 10,000,000");
    }

    @Test
    void tooManyUpdatesRequested() {
        assertRejected(() -> ParameterServer.firstUpdates(new double[]{1, 2}, Integer.MAX_VALUE),
                "count must be at most ParameterServer.MAX_UPDATES = 10000000", "got 2147483647");
    }

    @Test
    void theBoundItselfIsReachable() {
        assertEquals(1000, ParameterServer.until(new double[]{0.001}, 1.0).size());
    }
}
