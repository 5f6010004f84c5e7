package dlnb.data;

import dlnb.Seeds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SyntheticTest {
    @Test
    void moonsAreBalancedReproducibleAndOnTheirCirclesWithoutNoise() {
        Seeds.set(3);
        Synthetic.Points p = Synthetic.moons(10, 0, "t");
        assertEquals(5, Arrays.stream(p.y()).filter(y -> y == 1).count());
        for (int i = 0; i < 10; i++) {
            double cx = p.y()[i] == 0 ? 0 : 1, cy = p.y()[i] == 0 ? 0 : 0.5;
            assertEquals(1.0, Math.hypot(p.x()[i][0] - cx, p.x()[i][1] - cy), 1e-12);
        }
        assertArrayEquals(p.x()[3], Synthetic.moons(10, 0, "t").x()[3]);
        assertEquals(10, p.toDataSet().numExamples());
        assertEquals(1.0, p.toDataSet().getLabels().sumNumber().doubleValue() / 10);
    }

    @Test
    void rejectsBadSizes() {
        assertEquals("n must be at least 2, got 1", assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(1, 0.1, "t")).getMessage());
    }
}
