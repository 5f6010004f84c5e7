package dlnb;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckTest {
    @Test
    void passingChecksAreSilent() {
        assertDoesNotThrow(() -> Check.inRange("mse", 0.5, 0.4, 0.6));
        assertDoesNotThrow(() -> Check.inRange("mse", 0.4, 0.4, 0.6));
        assertDoesNotThrow(() -> Check.near("sigma^2", 0.3001, 0.3, 0.001));
        assertDoesNotThrow(() -> Check.that(true, "never shown"));
    }

    @Test
    void failingChecksSayWhatIsOff() {
        AssertionError e = assertThrows(AssertionError.class, () -> Check.inRange("held-out MSE g3", 0.91, 0.3, 0.6));
        assertEquals("held-out MSE g3 = 0.91 should be in [0.3, 0.6]", e.getMessage());
        e = assertThrows(AssertionError.class, () -> Check.inRange("AUPRG", Double.NaN, 0, 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(AssertionError.class, () -> Check.near("sigma^2", 0.6, 0.3, 0.001));
        assertEquals("sigma^2 = 0.6 should be 0.3 ± 0.001", e.getMessage());
        e = assertThrows(AssertionError.class, () -> Check.that(false, "the curve must end at (1, 0)"));
        assertEquals("the curve must end at (1, 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Check.inRange("x", 1, 2, 1));
    }

    @Test
    void resultsAreCheckedByTheNameTheyWereShownUnder() {
        dlnb.display.Show.result("check test: AUPRG", 0.6);
        assertDoesNotThrow(() -> Check.result("check test: AUPRG", 0.5, 0.7));
        AssertionError e = assertThrows(AssertionError.class, () -> Check.result("check test: AUPRG", 0.7, 0.8));
        assertEquals("check test: AUPRG = 0.6 should be in [0.7, 0.8]", e.getMessage());
        e = assertThrows(AssertionError.class, () -> Check.result("check test: never shown", 0, 1));
        assertTrue(e.getMessage().contains("no result \"check test: never shown\" was shown"), e.getMessage());
    }
}
