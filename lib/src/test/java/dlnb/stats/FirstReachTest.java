package dlnb.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FirstReachTest {
    @Test
    void firstLoggedPointAtOrAboveTheTarget() {
        double[] updates = {100, 200, 300, 400, 500};
        double[] accuracy = {0.9, 0.99, 1.0, 0.995, 1.0};
        assertEquals(2, FirstReach.index(accuracy, 1.0).getAsInt());
        assertEquals(300, FirstReach.at(updates, accuracy, 1.0).getAsDouble(), 0);
        assertEquals(200, FirstReach.at(updates, accuracy, 0.99).getAsDouble(), 0, "reaching means >=");
        assertEquals(100, FirstReach.at(updates, accuracy, 0.5).getAsDouble(), 0);
    }

    @Test
    void neverReachedIsEmptyAndNanNeverReaches() {
        assertFalse(FirstReach.index(new double[]{0.5, Double.NaN, 0.9}, 1.0).isPresent());
        assertFalse(FirstReach.index(new double[0], 0).isPresent());
        assertThrows(IllegalArgumentException.class, () -> FirstReach.at(new double[2], new double[3], 1));
        assertThrows(IllegalArgumentException.class, () -> FirstReach.index(new double[2], Double.NaN));
    }
}
