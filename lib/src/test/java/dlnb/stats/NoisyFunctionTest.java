package dlnb.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoisyFunctionTest {

    @Test
    void noiseIsReadAsVarianceOrStdOnPurpose() {
        assertEquals(0.3, Noise.variance(0.3).variance(), 1e-15);
        assertEquals(Math.sqrt(0.3), Noise.variance(0.3).std(), 1e-15);
        assertEquals(0.09, Noise.std(0.3).variance(), 1e-15);
    }

    @Test
    void samplesLieInTheRangeHaveTheStatedNoiseAndRepeatWithTheSeed() {
        NoisyFunction world = new NoisyFunction(x -> 2 * x, 0, 10, Noise.std(0.3));
        Sample s = world.sample(20000, new Random(3));
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < s.size(); i++) {
            assertTrue(s.x()[i] >= 0 && s.x()[i] < 10);
            double e = s.y()[i] - 2 * s.x()[i];
            sum += e;
            sq += e * e;
        }
        assertEquals(0, sum / s.size(), 0.01);
        assertEquals(0.09, sq / s.size(), 0.005);
        assertArrayEquals(s.y(), world.sample(20000, new Random(3)).y());
    }

    @Test
    void gridSpansTheRangeInclusive() {
        NoisyFunction world = new NoisyFunction(x -> x, 0, 10, Noise.std(0));
        assertArrayEquals(new double[]{0, 2.5, 5, 7.5, 10}, world.grid(5), 1e-15);
        assertArrayEquals(new double[]{0, 5, 10}, world.values(new double[]{0, 5, 10}), 0);
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Noise.variance(-1));
        assertTrue(e.getMessage().contains("variance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NoisyFunction(x -> x, 1, 0, Noise.std(1)));
        assertTrue(e.getMessage().contains("xMax"), e.getMessage());
        NoisyFunction world = new NoisyFunction(x -> x, 0, 1, Noise.std(1));
        e = assertThrows(IllegalArgumentException.class, () -> world.sample(0, new Random()));
        assertTrue(e.getMessage().contains("n"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sample(new double[]{1}, new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new Sample(new double[0], new double[0]).mse(x -> 0));
    }
}
