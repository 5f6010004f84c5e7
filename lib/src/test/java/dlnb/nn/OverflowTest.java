package dlnb.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault class 6 in the shape and cost calculator: counts are exact longs, sizes must fit an int, and a
 * count that would wrap around is an error naming the layer and its factors, never a negative number.
 */
class OverflowTest {
    private static final int BIG = Integer.MAX_VALUE;

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    @Test
    void valuesOfAHugeFeatureMap() {
        assertRejected(() -> new FeatureMap(BIG, BIG, BIG).values(), "values of the feature map 2147483647x2147483647x2147483647",
                "more than a long can hold");
    }

    @Test
    void bytesOfAFeatureMapNearTheLimit() {
        FeatureMap m = new FeatureMap(BIG, BIG, 1 << 20); // 2^82 values: the values overflow first
        assertRejected(m::bytesFloat32, "values of the feature map");
        FeatureMap n = new FeatureMap(BIG, BIG, 1); // 4.6e18 values fit, 1.8e19 bytes do not
        assertEquals((long) BIG * BIG, n.values());
        assertRejected(n::bytesFloat32, "float32 bytes of the feature map", "4 x " + (long) BIG * BIG);
    }

    @Test
    void samePaddingOnTheLargestInput() {
        assertEquals(BIG, Padding.same().outputSize("height", BIG, 3, 1), "n + s - 1 must not wrap to a negative size");
        assertEquals(BIG / 2 + 1, Padding.same().outputSize("height", BIG, 3, 2));
    }

    @Test
    void explicitPaddingThatWouldWrap() {
        assertRejected(() -> Padding.of(BIG).outputSize("width", BIG, 1, 1), "width output size is 6442450941",
                "more than an int can hold");
    }

    @Test
    void macsOfAConvolutionBeyondALong() {
        Conv2d conv = Conv2d.of(3, 1 << 20).same();
        assertRejected(() -> conv.macs(new FeatureMap(1 << 20, 1 << 20, 1 << 10)), "MACs of conv 3x3, 1048576 filters",
                "on 1048576x1048576x1024", "more than a long can hold");
    }

    @Test
    void weightsOfADenseLayerBeyondALong() {
        Dense dense = new Dense(BIG);
        assertRejected(() -> dense.params(new FeatureMap(BIG, BIG, 1)), "weights of dense 2147483647 on 2147483647x2147483647x1",
                "more than a long can hold");
    }

    @Test
    void totalsThatWouldWrap() {
        FeatureMap in = new FeatureMap(1, 1, 1);
        Cost big = new Cost("big", in, in, 0, 0, Long.MAX_VALUE / 2 + 1);
        assertRejected(() -> Cost.totalMacs(List.of(big, big)), "total MACs", "more than a long can hold");
    }

    @Test
    void negativeCountsAreRefused() {
        FeatureMap in = new FeatureMap(1, 1, 1);
        assertRejected(() -> new Cost("wrapped", in, in, -5, 0, 0), "wrapped: counts must be zero or more");
    }
}
